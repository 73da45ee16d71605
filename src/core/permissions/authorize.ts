import type { FastifyRequest } from 'fastify';
import { forbidden } from '../http/errors.ts';
import type { Decision } from './permissions.ts';

/**
 * Asks the registry whether the current actor may do `action` of `moduleName` on `resource`,
 * applying any requirement an admin configured for that action.
 */
export async function canOnRequest(request: FastifyRequest, moduleName: string, action: string, resource?: unknown, localidadCode?: string | null): Promise<Decision> {
  const { registry, requirements } = request.server.gab;
  const requirement = (await requirements()).get(`${moduleName}.${action}`);
  return registry.can(moduleName, action, request.actor, resource, { requirement, localidadCode });
}

/** Like `canOnRequest`, but throws 401/403 with the reason code when denied. */
export async function authorize(request: FastifyRequest, moduleName: string, action: string, resource?: unknown, localidadCode?: string | null): Promise<void> {
  const decision = await canOnRequest(request, moduleName, action, resource, localidadCode);
  if (!decision.allowed) forbidden(decision.reason);
}
