import type { FastifyRequest } from 'fastify';
import { HttpError, notFound } from '../../core/http/errors.ts';
import { canOnRequest } from '../../core/permissions/authorize.ts';
import { ALLOW, type Actor, type Decision, type DenialReason } from '../../core/permissions/permissions.ts';
import type { CauseResource } from './causes.permissions.ts';
import { findCause, type CauseDetail } from './causes.queries.ts';
import type { Executor } from '../../core/db/database.ts';
import { effectiveState, type CauseState } from './states.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Drafts (and drafts thrown away) exist only for their author. */
export const isVisibleTo = (cause: Pick<CauseDetail, 'published_at' | 'author_id'>, actor: Actor | null) => cause.published_at !== null || cause.author_id === actor?.userId;

/** The cause named in the URL if this person may see it; 404 otherwise (drafts do not exist for others). */
export async function visibleCause(db: Executor, request: FastifyRequest, id: unknown): Promise<CauseDetail> {
  if (!isUuid(id)) return notFound();
  const cause = await findCause(db, id);
  if (!cause || !isVisibleTo(cause, request.actor)) return notFound();
  return cause;
}

/** What a permission decision needs of a cause (a full CauseDetail, or what a command read). */
export type CauseFacts = Pick<CauseDetail, 'author_id' | 'target_entity_code' | 'supports_count' | 'deadline_at' | 'localidad_code'> & { state: CauseState };

/** What the permission rules see of a cause (its state as of now: expiry computed on read). */
export function resourceOf(cause: CauseFacts, now: Date = new Date()): CauseResource {
  return {
    state: effectiveState(cause, now),
    authorIds: [cause.author_id],
    entityCode: cause.target_entity_code,
    supportsCount: cause.supports_count,
    deadlinePassed: cause.deadline_at !== null && cause.deadline_at.getTime() <= now.getTime(),
  };
}

export type CauseAction = 'support' | 'follow' | 'comment' | 'report' | 'edit' | 'withdraw' | 'post-update' | 'moderate' | 'respond' | 'assist';

/** Can the current person do `action` on this cause (requirement, then the module's rule)? */
export const decide = (request: FastifyRequest, action: CauseAction, cause: CauseFacts): Promise<Decision> =>
  canOnRequest(request, 'causes', action, resourceOf(cause), cause.localidad_code);

/**
 * A decision function for `action` with the admin-set requirement fetched now: commands call it
 * inside their transaction, where no other query may run (PGlite has a single connection).
 */
export async function decider(request: FastifyRequest, action: CauseAction, actor: Actor | null = request.actor): Promise<(cause: CauseFacts) => Decision> {
  const { registry, requirements } = request.server.gab;
  const requirement = (await requirements()).get(`causes.${action}`);
  return (cause) => registry.can('causes', action, actor, resourceOf(cause), { requirement, localidadCode: cause.localidad_code });
}

/** Every decision the cause page needs, in one go. */
export async function pageDecisions(request: FastifyRequest, cause: CauseDetail) {
  const [support, follow, comment, report, edit, withdraw, postUpdate, moderate, respond, assist] = await Promise.all(
    (['support', 'follow', 'comment', 'report', 'edit', 'withdraw', 'post-update', 'moderate', 'respond', 'assist'] as const).map((a) => decide(request, a, cause)),
  );
  return { support: support!, follow: follow!, comment: comment!, report: report!, edit: edit!, withdraw: withdraw!, postUpdate: postUpdate!, moderate: moderate!.allowed, respond: respond!.allowed, assist: assist!.allowed };
}

/** HTTP status of a refusal: 401 to sign in, 404 for what does not exist, 409 for what is already done, else 403. */
export function statusOf(reason: DenialReason | 'not_found'): number {
  if (reason === 'not_signed_in') return 401;
  if (reason === 'not_found') return 404;
  if (reason === 'already_done') return 409;
  return 403;
}

/** The API's error for a refusal: `{ error: { code, message, reason } }`. */
export function refusal(reason: DenialReason | 'not_found'): never {
  if (reason === 'not_found') return notFound();
  const status = statusOf(reason);
  throw new HttpError(status, status === 401 ? 'unauthenticated' : status === 409 ? 'conflict' : 'forbidden', `reasons.${reason}`, { reason });
}

export { ALLOW };
