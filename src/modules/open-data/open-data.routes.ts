import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/modules/module.ts';
import { catalogueRoutes } from './catalogue.routes.tsx';
import { ckanRoutes } from './ckan/dispatcher.ts';
import { communityRoutes, datasetCommunity } from './community/community.routes.ts';
import { dcatRoutes } from './dcat/dcat.routes.ts';
import { datastoreRoutes } from './datastore/datastore.routes.ts';
import { manageRoutes } from './manage.routes.tsx';
import { resourceRoutes } from './resource-form.routes.tsx';
import { exportRoutes } from './self-publish.ts';

/**
 * Every route of the open-data module: the /datos pages, the officials' forms, the platform's
 * exports, the CKAN Action API, DCAT-AP and data.json, the datastore's pages and downloads, and the
 * Comunidad de datos (requests, reuses, comments).
 */
export async function openDataRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const community = datasetCommunity(services);
  catalogueRoutes(app, services, { community });
  communityRoutes(app, services);
  manageRoutes(app, services);
  resourceRoutes(app, services);
  exportRoutes(app, services);
  ckanRoutes(app, services);
  dcatRoutes(app, services);
  await datastoreRoutes(app, services);
}
