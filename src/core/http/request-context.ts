import type { FastifyInstance, FastifyRequest } from 'fastify';
import { negotiateLocale, translatorFor } from '../i18n/i18n.ts';
import { ContextCache } from '../auth/context-cache.ts';
import { loadSessionActor, type SessionActor } from '../auth/load-actor.ts';
import { authenticateApiToken } from '../auth/api-tokens.ts';
import { keyedHash, sha256Hex } from '../security/tokens.ts';
import { verifyCsrf } from './csrf.ts';
import { countHitSql, enforceRateLimit, hitRateLimit, peekHitSql, rateLimitHit, type RateLimitHit } from './rate-limit.ts';
import { Session, SESSION_COOKIE, validSessionCookie } from './sessions.ts';

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

  // The rate-limit hit counted with the session (onRequest), judged after CSRF (preHandler).
  // On deferRateLimit routes `counted` holds the hits seen so far, and `deferred` the hit the
  // route's command counts in its own statement (or, left untaken, onSend counts).
  const counted = new WeakMap<FastifyRequest, { hit: RateLimitHit; hits: number }>();
  // Signed-in contexts this process loaded lately, for routes that may start from them.
  const contexts = new ContextCache();

  /** The write limit this request counts against, or null (reads, routes that opt out). */
  function writeLimit(request: FastifyRequest): RateLimitHit | null {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return null;
    const rule = request.routeOptions.config?.rateLimit;
    if (rule === false) return null;
    const { config } = app.gab;
    // The client address is hashed: the limiter needs to tell clients apart, not to know them.
    const client = keyedHash(config.secret, 'rate-limit', request.ip);
    const route = rule ? `${request.method} ${request.routeOptions.url}` : 'writes';
    return rateLimitHit(`${route}:${client}`, rule ?? { max: config.rateLimitPerMinute, windowSeconds: 60 });
  }

  app.addHook('onRequest', async (request, reply) => {
    const { catalog, db } = app.gab;
    request.locale = negotiateLocale(request.cookies[LOCALE_COOKIE], request.headers['accept-language']);
    request.t = translatorFor(catalog, request.locale);
    // API clients may authenticate with a personal access token instead of the session cookie.
    if (await authenticateApiToken(request, reply)) return;
    const cookie = request.cookies[SESSION_COOKIE];
    const sessionHash = validSessionCookie(cookie) ? sha256Hex(cookie) : null;
    const hit = writeLimit(request);
    if (!sessionHash && !hit) {
      request.session = new Session(db, null, null, {});
      request.actor = null;
      return;
    }
    const defer = hit !== null && request.routeOptions.config?.deferRateLimit === true;
    // A route that checks the context inside its own write may start from the one remembered for
    // this session (no read statement): see `contextCheck`. Never with a pending flash message,
    // which the page of a refusal would take and write back.
    const remembered = sessionHash && (!hit || defer) && request.routeOptions.config?.rememberedContext === true ? contexts.get(sessionHash) : null;
    if (remembered && !remembered.data.flash) {
      request.session = new Session(db, cookie!, remembered.userId, { ...remembered.data });
      request.actor = remembered.actor;
      unconfirmed.set(request, { sessionHash: sessionHash!, fingerprint: remembered.fingerprint, contexts });
      // The window's count is unknown: the route's write counts the hit and refuses past the limit.
      if (hit) counted.set(request, { hit, hits: 0 });
      if (hit) deferredHits.set(request, { hit, taken: false });
      return;
    }
    // Session, person and the write's rate-limit hit (or, deferred, the window's count): one round trip.
    const loaded = await loadSessionActor(db, sessionHash, new Date(), hit && (defer ? peekHitSql(hit) : countHitSql(hit)));
    adoptContext(request, loaded, sessionHash, contexts);
    if (hit) counted.set(request, { hit, hits: (loaded.hits ?? 0) + (defer ? 1 : 0) });
    if (hit && defer) deferredHits.set(request, { hit, taken: false });
  });

  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    verifyCsrf(request);
    const done = counted.get(request);
    if (done) return enforceRateLimit(done.hit, done.hits);
    // Requests authenticated by an API token skipped the session statement: count them here.
    const hit = writeLimit(request);
    if (hit) await hitRateLimit(app.gab.db, hit.bucket, hit.rule, hit.now);
  });

  // A deferred hit the route did not take (it refused, or answered without writing) still counts.
  app.addHook('onSend', async (request, _reply, payload) => {
    const deferred = deferredHits.get(request);
    if (deferred && !deferred.taken) {
      deferred.taken = true;
      await countHitSql(deferred.hit).execute(app.gab.db);
    }
    return payload;
  });
}

const deferredHits = new WeakMap<FastifyRequest, { hit: RateLimitHit; taken: boolean }>();
const unconfirmed = new WeakMap<FastifyRequest, { sessionHash: string; fingerprint: string; contexts: ContextCache }>();

/** Puts a loaded session and person on the request, and remembers (or forgets) them for the session. */
function adoptContext(request: FastifyRequest, loaded: SessionActor, sessionHash: string | null, contexts: ContextCache): void {
  const { db } = request.server.gab;
  const cookie = request.cookies[SESSION_COOKIE]!;
  request.session = loaded.session ? new Session(db, cookie, loaded.session.userId, loaded.session.data) : new Session(db, null, null, {});
  request.actor = loaded.actor;
  if (!sessionHash) return;
  if (loaded.session && loaded.actor) contexts.put(sessionHash, { userId: loaded.session.userId, data: { ...loaded.session.data }, actor: loaded.actor, fingerprint: loaded.fingerprint });
  else contexts.forget(sessionHash);
}

/**
 * On a `rememberedContext` route: the session hash and fingerprint the request's session and actor
 * were taken from, when they came from memory rather than from the database. The route's write
 * must then hold `contextUnchangedSql(check…)` in its own statement and write nothing (its rate-limit
 * hit included) when it is false. Null when the context was read for this request.
 */
export function contextCheck(request: FastifyRequest): { sessionHash: string; fingerprint: string } | null {
  const pending = unconfirmed.get(request);
  return pending ? { sessionHash: pending.sessionHash, fingerprint: pending.fingerprint } : null;
}

/**
 * Reads the request's session and actor from the database when they came from memory, before a
 * route decides anything else on them (a refusal, a form with errors) or after its guarded write
 * found the context changed; a deferred rate-limit hit taken by that write is handed back, since
 * the write counted nothing. Returns whether it read anything (the route then starts over).
 */
export async function confirmContext(request: FastifyRequest): Promise<boolean> {
  const pending = unconfirmed.get(request);
  if (!pending) return false;
  unconfirmed.delete(request);
  const loaded = await loadSessionActor(request.server.gab.db, pending.sessionHash, new Date(), null);
  adoptContext(request, loaded, pending.sessionHash, pending.contexts);
  const deferred = deferredHits.get(request);
  if (deferred) deferred.taken = false;
  return true;
}

/**
 * On a `deferRateLimit` route: the request's rate-limit hit, for the command to count in its own
 * write statement (`countHitSql`), refusing the write past `hit.rule.max` (then `enforceRateLimit`
 * answers 429). Null when there is nothing to count here (the hit was already counted: API tokens).
 */
export function takeRateLimitHit(request: FastifyRequest): RateLimitHit | null {
  const deferred = deferredHits.get(request);
  if (!deferred || deferred.taken) return null;
  deferred.taken = true;
  return deferred.hit;
}
