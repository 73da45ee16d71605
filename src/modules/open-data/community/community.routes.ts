import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../core/modules/module.ts';
import { commentRoutes } from './comments.routes.tsx';
import { requestRoutes } from './requests.routes.tsx';
import { reuseRoutes } from './reuses.routes.tsx';

export { datasetCommunity } from './comments.routes.tsx';

/** Comunidad de datos: data requests with votes and answers, reuses, and comments on datasets. */
export function communityRoutes(app: FastifyInstance, services: Services): void {
  requestRoutes(app, services);
  reuseRoutes(app, services);
  commentRoutes(app, services);
}
