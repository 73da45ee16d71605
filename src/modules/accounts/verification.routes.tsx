import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withTransaction } from '../../core/db/database.ts';
import { forbidden, HttpError, type FieldErrors } from '../../core/http/errors.ts';
import { hitRateLimit, type RateLimitRule } from '../../core/http/rate-limit.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import { formatDate } from '../../core/i18n/i18n.ts';
import { findLocalidadByCode } from '../../core/geo/localidad-names.ts';
import { canOnRequest } from '../../core/permissions/authorize.ts';
import { ageOn, type Actor } from '../../core/permissions/permissions.ts';
import { IdentityTakenError } from '../../core/verification/identity.ts';
import { selfActor } from './account-access.ts';
import { matchRegistry } from './commands/match-registry.ts';
import { echo, isUniqueViolation, readDocument, type FormBody, type DocumentInput } from './verification.forms.ts';
import { currentLevel, loadVerificationStatus } from './verification.queries.ts';
import { VERIFICATION_PATH, VerificationPage, type FormState } from './views/VerificationPage.tsx';

/**
 * Registry matches a person may try: a few per hour per account (what matters against guessing
 * birth dates), and more per network address, since a library or a CADE shares one address.
 */
export const REGISTRY_MATCH_PER_ACCOUNT: RateLimitRule = { max: 5, windowSeconds: 3600 };
export const REGISTRY_MATCH_PER_ADDRESS: RateLimitRule = { max: 20, windowSeconds: 3600 };

/**
 * The actor allowed to do `action` of the accounts module. A visitor asking for a page is sent to
 * sign in and brought back (returns null: the reply is already sent); other denials, and anonymous
 * form posts, become the 401/403 error page with the reason.
 */
export async function accountsActorFor(request: FastifyRequest, reply: FastifyReply, action: string): Promise<Actor | null> {
  const decision = await canOnRequest(request, 'accounts', action);
  if (decision.allowed && request.actor) return request.actor;
  if (!decision.allowed && decision.reason === 'not_signed_in' && request.method === 'GET') {
    await reply.redirect(`/ingresar?next=${encodeURIComponent(request.url)}`, 303);
    return null;
  }
  return forbidden(decision.allowed ? 'not_signed_in' : decision.reason);
}

async function renderVerification(request: FastifyRequest, reply: FastifyReply, actor: Actor, registryForm?: FormState, statusCode = 200) {
  const { db, config } = request.server.gab;
  const now = new Date();
  const status = await loadVerificationStatus(db, actor.userId, now);
  const age = status.birthDate ? ageOn(status.birthDate, now) : null;
  return sendPage(
    request,
    reply,
    <VerificationPage ctx={viewContext(request, reply)} status={status} level={currentLevel(status)} age={age} registryForm={registryForm} oidcProvider={config.oidc?.name ?? null} />,
    statusCode,
  );
}

/** `/mi-cuenta/verificacion`: the person's verification level and the registry match form. */
export function registerVerificationRoutes(app: FastifyInstance): void {
  const { db, config } = app.gab;

  app.get(VERIFICATION_PATH, async (request, reply) => {
    const actor = await accountsActorFor(request, reply, 'verify-identity');
    if (!actor) return reply;
    return renderVerification(request, reply, actor);
  });

  app.post(VERIFICATION_PATH, { config: { rateLimit: REGISTRY_MATCH_PER_ADDRESS } }, async (request, reply) => {
    const actor = (await accountsActorFor(request, reply, 'verify-identity'))!;
    const body = (request.body ?? {}) as FormBody;
    const values = echo(body, ['document_type', 'document_number', 'birth_date']);
    const errors: FieldErrors = {};
    const document = readDocument(body, errors);
    if (Object.keys(errors).length > 0) return renderVerification(request, reply, actor, { values, errors }, 422);
    const { documentType, documentNumber, birthDate } = document as DocumentInput;

    try {
      await hitRateLimit(db, `accounts.registry-match:${actor.userId}`, REGISTRY_MATCH_PER_ACCOUNT);
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 429) throw error;
      const seconds = error.extra.retryAfterSeconds ?? REGISTRY_MATCH_PER_ACCOUNT.windowSeconds;
      reply.header('retry-after', String(seconds));
      return renderVerification(request, reply, actor, { values, problem: { key: 'accounts.verification.registry.rate_limited', vars: { minutes: Math.ceil(seconds / 60) } } }, 429);
    }

    let result: Awaited<ReturnType<typeof matchRegistry>>;
    try {
      // Audited under a neutral label: the audit log is append-only and must not keep the person's name.
      result = await withTransaction(db, (tx) => matchRegistry(tx, { userId: actor.userId, documentType, documentNumber, birthDate, secret: config.secret, actor: selfActor(actor.userId) }));
    } catch (error) {
      // The same document verifying another account, even when both requests race: the primary key decides.
      if (error instanceof IdentityTakenError || isUniqueViolation(error)) {
        request.log.info({ verification: 'identity_taken' }, 'registry match refused');
        return renderVerification(request, reply, actor, { values, problem: { key: 'accounts.verification.registry.identity_taken' } }, 409);
      }
      throw error;
    }
    if (!result.ok) {
      request.log.info({ verification: result.reason }, 'registry match refused');
      const key = result.reason === 'no_match' ? 'accounts.verification.registry.no_match' : 'accounts.verification.registry.other_identity';
      return renderVerification(request, reply, actor, { values, problem: { key } }, result.reason === 'no_match' ? 422 : 409);
    }
    const date = formatDate(request.locale, result.expiresAt);
    const localidad = result.localidadCode ? (findLocalidadByCode(result.localidadCode)?.name ?? result.localidadCode) : '';
    const key = `accounts.verification.registry.${result.renewed ? 'renewed' : 'success'}_${result.level}`;
    return redirectAfterPost(request, reply, VERIFICATION_PATH, key, { date, localidad });
  });
}
