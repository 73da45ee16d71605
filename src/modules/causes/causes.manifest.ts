/**
 * causes — "Causas ciudadanas": verified citizens diagnose a need of their localidad or the whole
 * city (problem, evidence with links and files, target entity), gather supports toward a threshold
 * before a deadline (one per verified identity, enforced by the database), and once the threshold
 * is reached the entity owes a public official answer within a term of business days; late answers
 * are marked "Respuesta vencida". Followers hear of every state change, answer and update.
 * Tables: causes_* (see migrations/). Links forward to consultations, PB proposals or commitments
 * are plain (kind, url, title) rows: no dependency on other modules' tables.
 */
import './causes.schema.ts';
import { defineModule } from '../../core/modules/module.ts';
import { causesPermissions } from './causes.permissions.ts';
import { causesExport, causesSearchDocuments, causesStats } from './causes.open-data.ts';
import { causesRoutes } from './causes.routes.ts';
import { CAUSES_SETTINGS } from './causes.settings.ts';
import { DEMO_CAUSES, seedCausesDemo, seedCausesReference } from './causes.seeds.ts';
import { EXPIRE_JOB, expireJob } from './commands/expire-causes.ts';
import { CAUSES_LOCALES } from './locales/index.ts';
import { causesPersonalData } from './causes.personal-data.ts';

const PARTICIPANT = { minLevel: 'identity', minAge: 14 } as const;
const REGISTERED = { minLevel: 'registered', minAge: null } as const;

export default defineModule({
  name: 'causes',
  pillar: 'participation',
  titleKey: 'causes.title',
  descriptionKey: 'causes.description',
  path: '/causas',
  actions: ['view', 'create', 'edit', 'withdraw', 'post-update', 'support', 'assist', 'follow', 'comment', 'report', 'moderate', 'respond'] as const,
  permissions: causesPermissions,
  requirements: {
    create: PARTICIPANT,
    edit: REGISTERED,
    withdraw: REGISTERED,
    'post-update': REGISTERED,
    support: PARTICIPANT,
    follow: REGISTERED,
    comment: REGISTERED,
    report: REGISTERED,
  },
  settings: CAUSES_SETTINGS,
  locales: CAUSES_LOCALES,
  migrations: new URL('./migrations/', import.meta.url),
  routes: causesRoutes,
  seeds: { reference: seedCausesReference, demo: seedCausesDemo },
  exports: { causes: causesExport },
  searchDocuments: causesSearchDocuments,
  stats: causesStats,
  pages: [
    { path: '/causas', titleKey: 'causes.title' },
    { path: `/causas/${DEMO_CAUSES.published}`, titleKey: 'causes.pages.demo_published' },
    { path: `/causas/${DEMO_CAUSES.overdue}`, titleKey: 'causes.pages.demo_overdue' },
    { path: `/causas/${DEMO_CAUSES.answered}`, titleKey: 'causes.pages.demo_answered' },
    { path: `/causas/${DEMO_CAUSES.expired}`, titleKey: 'causes.pages.demo_expired' },
  ],
  jobs: { [EXPIRE_JOB]: (_payload, services) => expireJob(services.db) },
  personalData: causesPersonalData,
});
