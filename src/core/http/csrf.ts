import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { keyedHash, safeEqual } from '../security/tokens.ts';
import { HttpError } from './errors.ts';

export const CSRF_COOKIE = 'gab_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Signed double-submit tokens: a random value in an HttpOnly cookie, and in each form its HMAC
 * under the server secret. Another site can neither read the cookie nor forge the HMAC, and no
 * server-side state is needed, so it works for anonymous visitors and across app processes.
 */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  let seed = request.cookies[CSRF_COOKIE];
  if (!seed || seed.length < 32 || seed.length > 100) {
    // randomUUID draws from Node's buffered entropy pool: 122 random bits without a syscall per visit.
    seed = randomUUID();
    request.cookies[CSRF_COOKIE] = seed;
    reply.setCookie(CSRF_COOKIE, seed, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.server.gab.config.tls });
  }
  return keyedHash(request.server.gab.config.secret, 'csrf', seed);
}

/** Rejects a state-changing request whose token is missing or wrong, or that comes from another origin. */
export function verifyCsrf(request: FastifyRequest): void {
  if (!STATE_CHANGING.has(request.method)) return;
  if ((request.routeOptions.config as { csrf?: boolean } | undefined)?.csrf === false) return;
  // A bearer token authenticated this request and its cookies were ignored: a browser cannot be
  // tricked into sending someone's token, so there is no cross-site forgery to prevent.
  if (request.apiToken) return;
  const origin = request.headers.origin;
  if (origin && origin !== 'null') {
    const host = request.headers['x-forwarded-host'] && request.server.gab.config.trustProxy ? request.headers['x-forwarded-host'] : request.headers.host;
    let originHost = '';
    try {
      originHost = new URL(origin).host;
    } catch {
      // unparsable origin: treated as foreign
    }
    if (originHost !== host) throw new HttpError(403, 'csrf_failed', 'errors.csrf_failed');
  }
  const seed = request.cookies[CSRF_COOKIE];
  const body = request.body as Record<string, unknown> | undefined;
  const sent = (typeof body?.[CSRF_FIELD] === 'string' ? body[CSRF_FIELD] : undefined) ?? request.headers[CSRF_HEADER];
  if (!seed || typeof sent !== 'string' || !safeEqual(sent, keyedHash(request.server.gab.config.secret, 'csrf', seed))) {
    throw new HttpError(403, 'csrf_failed', 'errors.csrf_failed');
  }
}
