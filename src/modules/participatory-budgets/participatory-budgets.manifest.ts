/**
 * participatory-budgets — "Presupuestos participativos": editions with dated phases, one budget
 * envelope per localidad (optionally split by investment line, spending concept or rural/urban),
 * proposals with valuation, secret ballots under five ballot rules (online, assisted at a desk,
 * paper tallies), results under greedy or the Method of Equal Shares recountable by anyone from the
 * published Pabulib file, and winners followed through execution.
 * Tables: participatory_budgets_* (see migrations/). Ballot secrecy: see README, "Secreto del voto".
 */
import './participatory-budgets.schema.ts';
import { defineModule } from '../../core/modules/module.ts';
import { PARTICIPATORY_BUDGETS_LOCALES } from './locales/index.ts';
import { participatoryBudgetsPermissions } from './participatory-budgets.permissions.ts';
import { participatoryBudgetsRoutes } from './participatory-budgets.routes.ts';
import { seedBudgetReferenceData } from './participatory-budgets.seeds.ts';
import { seedParticipatoryBudgetsDemo } from './participatory-budgets.demo.ts';
import { participatoryBudgetsExports, participatoryBudgetsStats } from './exports.ts';
import { proposalSearchDocuments } from './proposals.queries.ts';
import { MIX_JOB, mixBallotsJob } from './commands/mix-ballots.ts';
import { publishResultsJob, PUBLISH_RESULTS_JOB } from './commands/request-publication.ts';

const PARTICIPANT = { minLevel: 'identity', minAge: 14 } as const;

export default defineModule({
  name: 'participatory-budgets',
  pillar: 'participation',
  titleKey: 'participatory-budgets.title',
  descriptionKey: 'participatory-budgets.description',
  path: '/presupuestos-participativos',
  actions: ['view', 'propose', 'edit-proposal', 'support', 'follow', 'comment', 'vote', 'assess', 'moderate', 'enter-paper-ballots', 'update-execution', 'manage-editions'] as const,
  permissions: participatoryBudgetsPermissions,
  requirements: {
    propose: PARTICIPANT,
    'edit-proposal': { minLevel: 'registered', minAge: null },
    support: PARTICIPANT,
    follow: { minLevel: 'registered', minAge: null },
    comment: { minLevel: 'registered', minAge: null },
    // Residents of the envelope's localidad only (the route passes the localidad).
    vote: { minLevel: 'residence', minAge: 14 },
  },
  locales: PARTICIPATORY_BUDGETS_LOCALES,
  migrations: new URL('./migrations/', import.meta.url),
  routes: participatoryBudgetsRoutes,
  seeds: { reference: seedBudgetReferenceData, demo: seedParticipatoryBudgetsDemo },
  exports: participatoryBudgetsExports,
  stats: participatoryBudgetsStats,
  searchDocuments: proposalSearchDocuments,
  // Re-mixes ballots of open editions and seals closed ones (BALLOT-SECRECY.md); reschedules itself.
  jobs: {
    [MIX_JOB]: (_payload, services) => mixBallotsJob(services.db),
    [PUBLISH_RESULTS_JOB]: (payload, services) => publishResultsJob(services.db, payload),
  },
  pages: [
    { path: '/presupuestos-participativos', titleKey: 'participatory-budgets.title' },
    { path: '/presupuestos-participativos/pp-2026', titleKey: 'participatory-budgets.title' },
    { path: '/presupuestos-participativos/pp-2026/09', titleKey: 'participatory-budgets.title' },
    { path: '/presupuestos-participativos/pp-2025/resultados', titleKey: 'participatory-budgets.title' },
    { path: '/presupuestos-participativos/pp-2025/11/resultados', titleKey: 'participatory-budgets.title' },
  ],
});
