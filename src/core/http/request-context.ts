import type { FastifyInstance } from 'fastify';
import { createTranslator, negotiateLocale } from '../i18n/i18n.ts';
import { loadActor } from '../auth/load-actor.ts';
import { authenticateApiToken } from '../auth/api-tokens.ts';
import { keyedHash } from '../security/tokens.ts';
import { verifyCsrf } from './csrf.ts';
import { hitRateLimit } from './rate-limit.ts';
import { loadSession, SESSION_COOKIE } from './sessions.ts';

export const LOCALE_COOKIE = 'gab_lang';

/**
 * Must be registered before @fastify/cookie: hooks run in registration order, and a session
 * created while handling the request has to be saved before the cookie plugin writes Set-Cookie.
 */
export function registerSessionSaving(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.session) await request.session.save(request, reply);
    return payload;
  });
}

/**
 * Per-request context: language, translator, session and actor (onRequest, after the cookie
 * plugin parsed cookies); then CSRF and rate limits for state-changing requests (preHandler,
 * once the form body is parsed).
 */
export function registerRequestContext(app: FastifyInstance): void {
  app.decorateRequest('locale', 'es');
  app.decorateRequest('t', null as never);
  app.decorateRequest('session', null as never);
  app.decorateRequest('actor', null);
  app.decorateRequest('apiToken', null);

  app.addHook('onRequest', async (request, reply) => {
    const { catalog, db } = app.gab;
    request.locale = negotiateLocale(request.cookies[LOCALE_COOKIE], request.headers['accept-language']);
    request.t = createTranslator(catalog, request.locale);
    // API clients may authenticate with a personal access token instead of the session cookie.
    if (await authenticateApiToken(request, reply)) return;
    request.session = await loadSession(db, request.cookies[SESSION_COOKIE]);
    request.actor = request.session.userId ? await loadActor(db, request.session.userId) : null;
  });

  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    verifyCsrf(request);
    const rule = request.routeOptions.config?.rateLimit;
    if (rule === false) return;
    const { config, db } = app.gab;
    // The client address is hashed: the limiter needs to tell clients apart, not to know them.
    const client = keyedHash(config.secret, 'rate-limit', request.ip);
    const route = rule ? `${request.method} ${request.routeOptions.url}` : 'writes';
    await hitRateLimit(db, `${route}:${client}`, rule ?? { max: config.rateLimitPerMinute, windowSeconds: 60 });
  });
}
