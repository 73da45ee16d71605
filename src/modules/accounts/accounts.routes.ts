import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/modules/module.ts';
import { registrationRoutes } from './registration.routes.tsx';
import { accountRoutes } from './account.routes.tsx';
import { personalDataRoutes } from './personal-data.routes.tsx';
import { registerOidcRoutes } from './oidc.routes.tsx';
import { registerVerificationRoutes } from './verification.routes.tsx';
import { registerDeskRoutes } from './desk.routes.tsx';
import { apiTokenRoutes } from './api-tokens.routes.tsx';

/**
 * Every route of the accounts module, one registration function per area (each in its own
 * file): registration and sign-in, my account, personal data, verification, service desk, OIDC,
 * API tokens.
 */
export async function accountsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  void app;
  void services;
  registrationRoutes(app);
  accountRoutes(app);
  personalDataRoutes(app);
  await registerOidcRoutes(app);
  registerVerificationRoutes(app);
  registerDeskRoutes(app);
  apiTokenRoutes(app, services);
}
