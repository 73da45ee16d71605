import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyApiToken, isApiTokenScope } from '../../../core/auth/api-tokens.ts';
import { loadActor } from '../../../core/auth/load-actor.ts';
import type { Services } from '../../../core/modules/module.ts';
import { DATASTORE_ACTIONS } from '../datastore/actions.ts';
import { CkanAuthorizationError, CkanNotFoundError, CkanSearchQueryError, CkanValidationError, type CkanActionDefinition, type CkanCaller, type CkanParams } from './action.ts';
import { CATALOGUE_ACTIONS, setActionNames } from './catalogue-actions.ts';

/**
 * The CKAN Action API v3 at `/api/3/action/<name>` and `/api/action/<name>`, GET (read-only
 * actions) and POST (all), with CKAN's envelopes, status codes and error types as its
 * `ckan/views/api.py` produces them. Callers authenticate with a personal access token in
 * `Authorization`, raw as CKAN clients send it or as `Bearer <token>`. The session cookie is not
 * used here, so these routes need no CSRF token.
 */
export function ckanRoutes(app: FastifyInstance, services: Services): void {
  const actions: Record<string, CkanActionDefinition> = { ...CATALOGUE_ACTIONS, ...DATASTORE_ACTIONS };
  setActionNames(Object.keys(actions).sort());

  app.register(async (scope) => {
    // Bodies are read here, so a malformed or empty one gets CKAN's answer rather than Fastify's.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 20 * 1024 * 1024 }, (_request, body, done) => done(null, body));

    scope.get('/api/3', async (_request, reply) => reply.type('application/json; charset=utf-8').send({ version: 3 }));
    scope.get('/api', async (_request, reply) => reply.type('application/json; charset=utf-8').send({ version: 1 }));

    const config = { csrf: false, rateLimit: { max: 1200, windowSeconds: 60 } } as const;
    for (const prefix of ['/api/3/action', '/api/action']) {
      scope.get(`${prefix}/:name`, { config }, (request, reply) => handle(request, reply, actions, services));
      scope.post(`${prefix}/:name`, { config }, (request, reply) => handle(request, reply, actions, services));
    }
  });
}

const baseUrlOf = (_request: FastifyRequest, services: Services) => services.config.baseUrl.replace(/\/$/, '');

const helpUrl = (baseUrl: string, name: string) => `${baseUrl}/api/3/action/help_show?name=${encodeURIComponent(name)}`;

function badRequest(reply: FastifyReply, message: string) {
  return reply.code(400).type('application/json; charset=utf-8').send(JSON.stringify(`Bad request: ${message}`));
}

/** Parameters: the query string for GET; for POST a JSON object, a form, or nothing. */
function paramsOf(request: FastifyRequest): { ok: true; params: CkanParams } | { ok: false; message: string } {
  if (request.method === 'GET') {
    const params = { ...(request.query as Record<string, unknown>) };
    return { ok: true, params };
  }
  const body = typeof request.body === 'string' ? request.body : '';
  const type = String(request.headers['content-type'] ?? '');
  if (!body.trim()) return { ok: true, params: {} };
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const params: CkanParams = {};
    for (const [k, v] of new URLSearchParams(body)) params[k] = params[k] === undefined ? v : [params[k], v].flat();
    return { ok: true, params };
  }
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, message: 'JSON Error: Request data JSON decoded to ' + JSON.stringify(parsed) + ' but it needs to be a dictionary.' };
    return { ok: true, params: parsed as CkanParams };
  } catch (error) {
    return { ok: false, message: `JSON Error: Error decoding JSON data. Error: ${(error as Error).message}` };
  }
}

/** The caller of a token in `Authorization` (raw or Bearer); null without one; throws on a bad one. */
async function callerOf(request: FastifyRequest, services: Services): Promise<CkanCaller | null> {
  // The core already authenticated `Bearer gab_pat_…` for /api/ requests.
  if (request.apiToken && request.actor) return { actor: request.actor, scopes: request.apiToken.scopes };
  const header = request.headers.authorization ?? request.headers['x-ckan-api-key'];
  const token = typeof header === 'string' ? header.replace(/^Bearer\s+/i, '').trim() : '';
  if (!token) return null;
  const result = await verifyApiToken(services.db, token);
  if (!result.ok) throw new CkanAuthorizationError('invalid API token');
  const actor = await loadActor(services.db, result.auth.userId);
  if (!actor) throw new CkanAuthorizationError('invalid API token');
  return { actor, scopes: result.auth.scopes.filter(isApiTokenScope) };
}

async function handle(request: FastifyRequest, reply: FastifyReply, actions: Record<string, CkanActionDefinition>, services: Services) {
  const name = (request.params as { name: string }).name;
  const baseUrl = baseUrlOf(request, services);
  const action = Object.prototype.hasOwnProperty.call(actions, name) ? actions[name] : undefined;
  if (!action) return badRequest(reply, `Action name not known: ${name}`);
  if (request.method === 'GET' && !action.sideEffectFree) return badRequest(reply, 'JSON Error: Invalid request. Please use POST method for your request');
  const parsed = paramsOf(request);
  if (!parsed.ok) return badRequest(reply, parsed.message);
  const help = helpUrl(baseUrl, name);
  const callback = request.method === 'GET' && typeof parsed.params.callback === 'string' && /^[A-Za-z_$][\w$.]{0,100}$/.test(parsed.params.callback) ? parsed.params.callback : null;
  delete parsed.params.callback;
  if (request.method === 'GET') delete parsed.params._;
  const send = (status: number, body: unknown) => {
    const json = JSON.stringify(body);
    reply.header('access-control-allow-origin', '*').header('cache-control', 'no-cache');
    if (callback && status === 200) return reply.code(200).type('application/javascript; charset=utf-8').send(`${callback}(${json});`);
    return reply.code(status).type('application/json; charset=utf-8').send(json);
  };
  try {
    const caller = await callerOf(request, services);
    const result = await action.run({ params: parsed.params, services, request, caller, baseUrl });
    return send(200, { help, success: true, result });
  } catch (error) {
    if (error instanceof CkanValidationError) return send(409, { help, success: false, error: { ...error.fields, __type: 'Validation Error' } });
    if (error instanceof CkanNotFoundError) return send(404, { help, success: false, error: { message: error.message, __type: 'Not Found Error' } });
    if (error instanceof CkanAuthorizationError) return send(403, { help, success: false, error: { message: error.message, __type: 'Authorization Error' } });
    if (error instanceof CkanSearchQueryError) return send(400, { help, success: false, error: { message: error.message, __type: 'Search Query Error' } });
    request.log.error({ err: error }, 'CKAN action failed');
    return send(500, { help, success: false, error: { message: 'Internal Server Error', __type: 'Internal Server Error' } });
  }
}
