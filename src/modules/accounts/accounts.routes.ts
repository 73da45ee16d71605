import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/modules/module.ts';

/**
 * Every route of the accounts module, one registration function per area (each in its own
 * file): registration and sign-in, my account, personal data, verification, service desk, OIDC,
 * API tokens.
 */
export async function accountsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  void app;
  void services;
}
