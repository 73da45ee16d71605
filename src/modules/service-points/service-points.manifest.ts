/**
 * service-points — "Red virtual CADE", "Atención y servicios", "Guía de trámites": the Red CADE's
 * centres (SuperCADE, CADE, RapiCADE, SuperCADE Móvil) with their hours, closures, entities,
 * services and accessibility, "open now" in Bogotá time with the Colombian holidays; the catalogue
 * of trámites y servicios; and turns at a centre, whose seats the database itself keeps from
 * being overbooked. Tables: service_points_* (see migrations/).
 */
import './service-points.schema.ts';
import { defineModule } from '../../core/modules/module.ts';
import { SERVICE_POINTS_LOCALES } from './locales/index.ts';
import { centresExport, servicesExport } from './open-data.ts';
import { servicePointsSearchDocuments } from './search-index.ts';
import { countCatalogue } from './services.queries.ts';
import { servicePointsPermissions } from './service-points.permissions.ts';
import { servicePointsRoutes } from './service-points.routes.ts';
import { seedServicePointsDemo, seedServicePointsReference } from './service-points.seeds.ts';
import { SERVICE_POINTS_SETTINGS } from './service-points.settings.ts';
import { servicePointsPersonalData } from './service-points.personal-data.ts';

export default defineModule({
  name: 'service-points',
  pillar: 'services',
  titleKey: 'service-points.title',
  descriptionKey: 'service-points.description',
  path: '/puntos-de-atencion',
  actions: ['view', 'book', 'manage-booking', 'manage-centre', 'manage-catalogue'] as const,
  permissions: servicePointsPermissions,
  // Turns are open to everyone by default (as at the desks); an admin may require more.
  requirements: {},
  settings: SERVICE_POINTS_SETTINGS,
  locales: SERVICE_POINTS_LOCALES,
  migrations: new URL('./migrations/', import.meta.url),
  routes: servicePointsRoutes,
  seeds: { reference: seedServicePointsReference, demo: seedServicePointsDemo },
  pages: [
    { path: '/puntos-de-atencion', titleKey: 'service-points.centres.title' },
    { path: '/puntos-de-atencion/supercade-cad', titleKey: 'service-points.centres.title' },
    { path: '/puntos-de-atencion/supercade-movil', titleKey: 'service-points.centres.title' },
    { path: '/puntos-de-atencion/supercade-cad/turnos?servicio=impuesto-predial', titleKey: 'service-points.booking.crumb' },
    { path: '/tramites', titleKey: 'service-points.catalogue.title' },
    { path: '/tramites/impuesto-predial', titleKey: 'service-points.catalogue.title' },
    { path: '/turnos', titleKey: 'service-points.lookup.title' },
  ],
  exports: { centres: centresExport, services: servicesExport },
  searchDocuments: servicePointsSearchDocuments,
  stats: async (db) => {
    const counts = await countCatalogue(db);
    return [
      { key: 'centres', labelKey: 'service-points.stats.centres', value: counts.centres, href: '/puntos-de-atencion' },
      { key: 'services', labelKey: 'service-points.stats.services', value: counts.services, href: '/tramites' },
    ];
  },
  personalData: servicePointsPersonalData,
});
