import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/modules/module.ts';
import { localidadRoutes } from './localidad.routes.tsx';
import { proposalPageRoutes } from './proposal-page.routes.tsx';
import { proposalWizardRoutes } from './proposal-wizard.routes.tsx';
import { valuationRoutes } from './valuation.routes.tsx';

/**
 * Proposals and their valuation: the localidad page with its proposals, "Registra tu propuesta"
 * (four steps, without JavaScript), the proposal page (supports, follows, comments, co-authors)
 * and the alcaldía's valuation queue, decisions and merges.
 */
export async function proposalsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  localidadRoutes(app, services);
  await proposalWizardRoutes(app, services);
  proposalPageRoutes(app, services);
  valuationRoutes(app, services);
}
