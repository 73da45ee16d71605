import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../core/modules/module.ts';

/** DataStore pages and downloads (preview data, CSV/JSON/GeoJSON downloads, import progress). */
export async function datastoreRoutes(app: FastifyInstance, services: Services): Promise<void> {
  void app;
  void services;
}
