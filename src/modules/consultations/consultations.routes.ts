import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/modules/module.ts';
import { adminRoutes } from './admin.routes.tsx';
import { apiRoutes } from './api.routes.ts';
import { publicRoutes } from './public.routes.tsx';

/**
 * Every route of the consultations module: citizen pages (list, consultation and answer form,
 * assisted answers, documents), the back office of officials and moderators under
 * `/admin/consultas`, and the JSON API under `/api/v1/consultations`.
 */
export async function consultationsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await publicRoutes(app, services);
  await adminRoutes(app, services);
  await apiRoutes(app, services);
}
