/**
 * consultations — "Consultas ciudadanas": an entity's officials publish a consultation with
 * documents, a dated window, eligibility (verification level, localidades, minimum age) and a
 * questionnaire of seven question kinds with conditional display; verified people answer once
 * (online, with a desk clerk, or on paper imported from CSV), secretly or publicly; results are
 * computed on read once public, with breakdowns under a minimum group size.
 *
 * Addresses: `/consultas`, `/consultas/<id>` (citizens); `/admin/consultas/…` (officials and
 * moderators, see README.md); `/api/v1/consultations…` (JSON). Tables: consultations_* (see
 * migrations/). Secrecy of answers: SECRECY.md.
 */
import './consultations.schema.ts';
import { defineModule } from '../../core/modules/module.ts';
import { CLOSE_JOB, closeConsultation } from './commands/close-consultation.ts';
import { CONSULTATIONS_LOCALES } from './locales/index.ts';
import { consultationsPermissions } from './consultations.permissions.ts';
import { consultationsRoutes } from './consultations.routes.ts';
import { consultationsSearchDocuments, consultationsStats } from './consultations.stats.ts';
import { seedConsultationsDemo } from './consultations.seeds.ts';
import { aggregatedResults, type AggregatedRow } from './exports.ts';
import { consultationsPersonalData } from './consultations.personal-data.ts';

export default defineModule({
  name: 'consultations',
  pillar: 'participation',
  titleKey: 'consultations.title',
  descriptionKey: 'consultations.description',
  path: '/consultas',
  actions: ['view', 'answer', 'answer-for-citizen', 'manage', 'edit', 'import-paper', 'export-responses', 'moderate'] as const,
  permissions: consultationsPermissions,
  requirements: {
    // Verified identity and 14+ by default; each consultation's own eligibility (level,
    // localidades, minimum age) is checked by the rule with the consultation as resource.
    answer: { minLevel: 'identity', minAge: 14 },
  },
  locales: CONSULTATIONS_LOCALES,
  migrations: new URL('./migrations/', import.meta.url),
  routes: consultationsRoutes,
  seeds: { demo: seedConsultationsDemo },
  pages: [{ path: '/consultas', titleKey: 'consultations.title' }],
  stats: consultationsStats,
  searchDocuments: consultationsSearchDocuments,
  exports: {
    results: {
      titleKey: 'consultations.exports.results',
      openData: true,
      query: (db) => aggregatedResults(db),
      serialize: (row: AggregatedRow) => ({ ...row }),
    },
  },
  jobs: {
    [CLOSE_JOB]: async (payload: { consultationId: string }, services) => {
      await closeConsultation(services.db, payload.consultationId);
    },
  },
  personalData: consultationsPersonalData,
});
