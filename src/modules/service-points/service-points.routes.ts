import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/modules/module.ts';
import { adminCatalogueRoutes } from './admin-catalogue.routes.tsx';
import { adminCentresRoutes } from './admin-centres.routes.tsx';
import { adminTurnsRoutes } from './admin-turns.routes.tsx';
import { servicePointsApiRoutes } from './api.routes.ts';
import { bookingRoutes } from './booking.routes.tsx';
import { catalogueRoutes } from './catalogue.routes.tsx';
import { centresRoutes } from './centres.routes.tsx';

/**
 * Every route of the service-points module: the network's pages, the catalogue, turns (booking,
 * lookup, moving, cancelling), the officials' back office (the desk marking turns attended) and the JSON API.
 */
export async function servicePointsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  centresRoutes(app, services);
  catalogueRoutes(app, services);
  bookingRoutes(app, services);
  servicePointsApiRoutes(app, services);
  adminCentresRoutes(app, services);
  adminTurnsRoutes(app, services);
  adminCatalogueRoutes(app, services);
}
