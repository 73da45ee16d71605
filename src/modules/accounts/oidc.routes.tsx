import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { safeLocalPath, sendPage, viewContext } from '../../core/http/render.tsx';
import { findLocalidadByCode } from '../../core/geo/localidad-names.ts';
import { OidcAccountUnavailableError, OidcEmailRequiredError, signInWithOidc, type SignInWithOidcResult } from './commands/sign-in-with-oidc.ts';
import {
  finishOidcSignIn,
  OIDC_CALLBACK_PATH,
  OIDC_START_PATH,
  OidcFlowError,
  profileFromClaims,
  readPendingOidcSignIn,
  startOidcSignIn,
  type OidcClaims,
} from './oidc.ts';
import { OidcProblemPage, type OidcProblem } from './oidc.pages.tsx';

/** Session key of the pending sign-in (state, nonce, PKCE verifier, where to return). */
const PENDING_KEY = 'oidc';
const DEFAULT_NEXT = '/mi-cuenta';

const PROBLEM_STATUS: Record<OidcProblem, number> = {
  not_configured: 404,
  access_denied: 400,
  provider_error: 502,
  bad_state: 400,
  unavailable: 503,
  invalid_response: 502,
  email_required: 400,
  account_unavailable: 403,
};

/** The callback URL registered at the provider: always under the public base URL. */
const redirectUriFor = (request: FastifyRequest) => `${request.server.gab.config.baseUrl}${OIDC_CALLBACK_PATH}`;

function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: OidcProblem) {
  request.log.info({ oidc: problem }, 'oidc sign-in stopped');
  const providerName = request.server.gab.config.oidc?.name ?? null;
  return sendPage(request, reply, <OidcProblemPage ctx={viewContext(request, reply)} problem={problem} providerName={providerName} />, PROBLEM_STATUS[problem]);
}

function flashOutcome(request: FastifyRequest, result: SignInWithOidcResult, providerName: string): void {
  const { session } = request;
  session.flash('success', result.created ? 'accounts.oidc.flash.account_created' : 'accounts.oidc.flash.signed_in', { provider: providerName, name: result.displayName });
  switch (result.verification) {
    case 'residence':
      session.flash('success', 'accounts.oidc.flash.residence', { localidad: findLocalidadByCode(result.localidadCode ?? '')?.name ?? result.localidadCode ?? '' });
      break;
    case 'identity':
      session.flash('success', 'accounts.oidc.flash.identity');
      break;
    case 'identity_taken':
      session.flash('error', 'accounts.oidc.flash.identity_taken');
      break;
    case 'identity_mismatch':
      session.flash('error', 'accounts.oidc.flash.identity_mismatch');
      break;
    case 'invalid':
      session.flash('info', 'accounts.oidc.flash.identity_invalid', { provider: providerName });
      break;
    case 'none':
      break;
  }
}

/**
 * Sign-in with the configured OpenID Connect provider:
 * - `GET /ingresar/oidc` starts the authorization-code flow (PKCE S256, state and nonce kept in the
 *   session) and redirects to the provider;
 * - `GET /ingresar/oidc/callback` checks the answer, exchanges the code, reads the ID token and
 *   userinfo, finds or creates the account by verified e-mail, records the identity the provider
 *   vouches for, and starts a fresh session.
 * Both are GETs reached by top-level navigation, so they need neither CSRF tokens nor JavaScript;
 * `state` plays the role of the CSRF token.
 */
export async function registerOidcRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    OIDC_START_PATH,
    { schema: { querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 500 })) }) } },
    async (request, reply) => {
      const oidc = app.gab.config.oidc;
      if (!oidc) return sendProblem(request, reply, 'not_configured');
      const { next } = request.query as { next?: string };
      let started: Awaited<ReturnType<typeof startOidcSignIn>>;
      try {
        started = await startOidcSignIn(oidc, redirectUriFor(request), safeLocalPath(next, DEFAULT_NEXT));
      } catch (error) {
        if (error instanceof OidcFlowError) return sendProblem(request, reply, error.failure === 'unavailable' ? 'unavailable' : 'invalid_response');
        throw error;
      }
      request.session.set(PENDING_KEY, started.pending);
      return reply.header('cache-control', 'no-store').redirect(started.url.href, 303);
    },
  );

  // No automatic HEAD route: a HEAD must not use up (or complete) the pending sign-in.
  app.get(OIDC_CALLBACK_PATH, { exposeHeadRoute: false }, async (request, reply) => {
    const { config, db } = app.gab;
    const oidc = config.oidc;
    if (!oidc) return sendProblem(request, reply, 'not_configured');
    const { session } = request;
    // Single use: whatever happens next, this pending sign-in cannot be answered twice.
    const pending = readPendingOidcSignIn(session.data[PENDING_KEY]);
    if (session.data[PENDING_KEY] !== undefined) session.set(PENDING_KEY, null);
    if (!pending) return sendProblem(request, reply, 'bad_state');

    const query = new URLSearchParams(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '');
    let claims: OidcClaims;
    try {
      claims = await finishOidcSignIn(oidc, redirectUriFor(request), query, pending);
    } catch (error) {
      if (error instanceof OidcFlowError) {
        if (error.detail) request.log.info({ detail: error.detail }, 'oidc response rejected');
        return sendProblem(request, reply, error.failure);
      }
      throw error;
    }

    const profile = profileFromClaims(claims, config.secret);
    let result: SignInWithOidcResult;
    try {
      result = await db.transaction().execute((tx) => signInWithOidc(tx, { issuer: oidc.issuer, profile, secret: config.secret, locale: request.locale, requestId: request.id }));
    } catch (error) {
      if (error instanceof OidcEmailRequiredError) return sendProblem(request, reply, 'email_required');
      if (error instanceof OidcAccountUnavailableError) return sendProblem(request, reply, 'account_unavailable');
      throw error;
    }
    delete session.data[PENDING_KEY];
    flashOutcome(request, result, oidc.name);
    // A new session id: a session fixed before sign-in is worthless after it.
    await session.signIn(request, reply, result.userId);
    return reply.header('cache-control', 'no-store').redirect(safeLocalPath(pending.next, DEFAULT_NEXT), 303);
  });
}
