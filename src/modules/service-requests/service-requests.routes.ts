import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/modules/module.ts';
import { calendarRoutes } from './calendar.routes.tsx';
import { citizenRoutes } from './citizen.routes.tsx';
import { deskRoutes } from './desk.routes.tsx';
import { reportRoutes } from './report.routes.tsx';
import { workRoutes } from './work.routes.tsx';

/**
 * Every route of the service-requests module, one registration function per area: citizen pages
 * (file, follow, my requests, files), the service desk, the officials' queue and actions, the
 * public quarterly report, and the business-day calendar.
 */
export async function serviceRequestsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await citizenRoutes(app, services);
  await deskRoutes(app, services);
  await workRoutes(app, services);
  await reportRoutes(app, services);
  calendarRoutes(app);
}
