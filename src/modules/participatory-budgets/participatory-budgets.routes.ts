import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/modules/module.ts';
import { editionsRoutes } from './editions.routes.tsx';
import { proposalsRoutes } from './proposals.routes.tsx';
import { resultsRoutes } from './results.routes.tsx';
import { votingRoutes } from './voting.routes.tsx';

/**
 * Every route of the participatory-budgets module, one registration function per area: editions
 * and their localidades (citizen pages and administration), proposals and valuation, voting
 * (online, assisted, paper tallies), results and execution.
 */
export async function participatoryBudgetsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await editionsRoutes(app, services);
  await proposalsRoutes(app, services);
  await votingRoutes(app, services);
  await resultsRoutes(app, services);
}
