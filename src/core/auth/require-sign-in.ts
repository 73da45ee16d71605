import type { FastifyReply, FastifyRequest } from 'fastify';
import { isApiRequest } from '../http/error-handler.tsx';
import { forbidden } from '../http/errors.ts';
import { safeLocalPath } from '../http/render.tsx';

/** The sign-in page; it sends the person back to `next` once signed in. */
export const SIGN_IN_PATH = '/ingresar';

/** `/ingresar?next=<path>` for a same-site path (anything else falls back to the home page). */
export function signInUrl(next: string): string {
  return `${SIGN_IN_PATH}?next=${encodeURIComponent(safeLocalPath(next))}`;
}

/** The page a form was posted from, when the browser says and it is ours; else `fallback`. */
function refererPath(request: FastifyRequest, fallback: string): string {
  const referer = request.headers.referer;
  if (!referer) return fallback;
  try {
    const url = new URL(referer);
    return url.host === request.headers.host ? safeLocalPath(url.pathname + url.search, fallback) : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Route hook (`onRequest`) for pages only signed-in people may use. A browser without a session is
 * sent to sign in and brought back (302 for a page, 303 after a form post, to the page the form was
 * on); an API client gets the 401 envelope. Whether the signed-in person may do the action is
 * still the route's `authorize(…)` call: this only replaces the "not signed in" error page with
 * the way to fix it.
 */
export async function requireSignIn(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (request.actor) return undefined;
  if (isApiRequest(request)) forbidden('not_signed_in');
  const isRead = request.method === 'GET' || request.method === 'HEAD';
  // Returning the reply tells Fastify the response is sent and the handler must not run.
  return reply.redirect(signInUrl(isRead ? request.url : refererPath(request, '/')), isRead ? 302 : 303);
}
