/**
 * service-requests — "Bogotá te escucha" (PQRS): anyone files a petition, complaint, claim,
 * suggestion, congratulation, consultation, access-to-information or copy request, corruption
 * report, or a Ley 1581 habeas-data request — with an account, with contact data only, or
 * anonymously; on the web or through a desk clerk. Each gets a radicado without gaps and a due date
 * in business days; officials of the entity transfer, extend, ask to complete and answer within the
 * legal terms; the public quarterly report (Ley 1712, item 4.10) and open data have no personal data.
 * Also serves /calendario (Colombian holidays and business-day due dates, src/core/calendar).
 * Tables: service_requests_* (see migrations/).
 */
import './service-requests.schema.ts';
import { defineModule } from '../../core/modules/module.ts';
import { requestsExport } from './exports.ts';
import { SERVICE_REQUESTS_LOCALES } from './locales/index.ts';
import { countFiled } from './service-requests.queries.ts';
import { serviceRequestsPermissions } from './service-requests.permissions.ts';
import { serviceRequestsRoutes } from './service-requests.routes.ts';
import { seedServiceRequestsDemo, seedServiceRequestTypes } from './service-requests.seeds.ts';
import { SERVICE_REQUESTS_SETTINGS } from './service-requests.settings.ts';
import { serviceRequestsPersonalData } from './service-requests.personal-data.ts';

export default defineModule({
  name: 'service-requests',
  pillar: 'services',
  titleKey: 'service-requests.title',
  descriptionKey: 'service-requests.description',
  path: '/pqrs',
  actions: ['view', 'file', 'follow', 'view-own', 'file-for-citizen', 'work', 'transfer', 'extend', 'request-completion', 'answer'] as const,
  permissions: serviceRequestsPermissions,
  requirements: {
    'view-own': { minLevel: 'registered', minAge: null },
  },
  settings: SERVICE_REQUESTS_SETTINGS,
  locales: SERVICE_REQUESTS_LOCALES,
  migrations: new URL('./migrations/', import.meta.url),
  routes: serviceRequestsRoutes,
  seeds: { reference: seedServiceRequestTypes, demo: seedServiceRequestsDemo },
  pages: [
    { path: '/pqrs', titleKey: 'service-requests.title' },
    { path: '/pqrs/radicar', titleKey: 'service-requests.filing.title' },
    { path: '/pqrs/seguimiento', titleKey: 'service-requests.follow.title' },
    { path: '/pqrs/informe', titleKey: 'service-requests.report.title' },
    { path: '/calendario', titleKey: 'service-requests.calendar.title' },
  ],
  exports: { requests: requestsExport },
  stats: async (db) => [{ key: 'service-requests', labelKey: 'service-requests.stats.requests', value: await countFiled(db), href: '/pqrs/informe' }],
  personalData: serviceRequestsPersonalData,
});
