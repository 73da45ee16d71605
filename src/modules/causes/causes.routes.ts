import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/modules/module.ts';
import { authoringRoutes } from './authoring.routes.tsx';
import { causeRoutes } from './cause.routes.tsx';
import { listRoutes } from './list.routes.tsx';

/**
 * Every route of the causes module, one registration function per area: the list and the API,
 * forms with files (create, edit, official answer), and the cause page with its actions.
 */
export async function causesRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await listRoutes(app, services);
  await authoringRoutes(app, services);
  await causeRoutes(app, services);
}
