import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { LinkKind } from '../causes.schema.ts';
import { AWAITING_ANSWER } from '../states.ts';
import { notifyFollowers, recordEvent } from './cause-events.ts';
import { attachFiles } from './save-cause.ts';
import { changeState, lockCause } from './transition.ts';

export type RespondOutcome = { ok: true } | { ok: false; reason: 'not_found' | 'phase_closed' | 'already_done' };

const entityName = async (tx: Tx, code: string) => (await tx.selectFrom('core_entities').select('name').where('code', '=', code).executeTakeFirstOrThrow()).name;

/**
 * An official of the entity acknowledges the cause: it moves to "in_response" and followers learn
 * that the entity is preparing its answer. Audited as `causes.acknowledge`.
 */
export async function acknowledgeCause(tx: Tx, input: { causeId: string; actor: Actor; now?: Date; requestId?: string | null }): Promise<RespondOutcome> {
  const now = input.now ?? new Date();
  const cause = await lockCause(tx, input.causeId);
  if (!cause) return { ok: false, reason: 'not_found' };
  if (cause.state === 'in_response' || cause.state === 'answered') return { ok: false, reason: 'already_done' };
  if (cause.state !== 'threshold_reached') return { ok: false, reason: 'phase_closed' };
  await changeState(tx, cause, 'in_response', {
    actor: input.actor,
    at: now,
    set: { acknowledged_at: now.toISOString() },
    notifyKey: 'causes.notifications.in_response',
    vars: { entity: await entityName(tx, cause.target_entity_code!) },
  });
  await recordAudit(tx, { actor: input.actor, action: 'causes.acknowledge', resourceType: 'causes_cause', resourceId: cause.id, requestId: input.requestId ?? null });
  return { ok: true };
}

/**
 * An official publishes the entity's answer (text and optional files): the cause becomes
 * "answered", the answer shows on its page and every follower is told. A late answer is still
 * accepted, and stays marked as late. Audited as `causes.answer`.
 */
export async function answerCause(tx: Tx, input: { causeId: string; actor: Actor; body: string; fileIds: readonly string[]; now?: Date; requestId?: string | null }): Promise<RespondOutcome> {
  const now = input.now ?? new Date();
  const cause = await lockCause(tx, input.causeId);
  if (!cause) return { ok: false, reason: 'not_found' };
  if (cause.state === 'answered') return { ok: false, reason: 'already_done' };
  if (!AWAITING_ANSWER.includes(cause.state)) return { ok: false, reason: 'phase_closed' };
  const entity = cause.target_entity_code!;
  await tx.insertInto('causes_answers').values({ cause_id: cause.id, entity_code: entity, body: input.body, answered_by: input.actor.userId, answered_at: now.toISOString() }).execute();
  await attachFiles(tx, cause.id, input.fileIds, 'answer');
  await changeState(tx, cause, 'answered', {
    actor: input.actor,
    at: now,
    set: { answered_at: now.toISOString() },
    notifyKey: 'causes.notifications.answered',
    vars: { entity: await entityName(tx, entity) },
  });
  await recordAudit(tx, {
    actor: input.actor,
    action: 'causes.answer',
    resourceType: 'causes_cause',
    resourceId: cause.id,
    after: { entity, length: input.body.length, files: input.fileIds.length, due: cause.answer_due_on },
    requestId: input.requestId ?? null,
  });
  return { ok: true };
}

/**
 * An official records where the cause goes next (a consultation, a participatory-budget proposal,
 * a commitment): a link on its page and timeline, and a notification to followers. Audited as
 * `causes.link`.
 */
export async function addLink(tx: Tx, input: { causeId: string; actor: Actor; kind: LinkKind; url: string; title: string; requestId?: string | null }): Promise<RespondOutcome> {
  const cause = await lockCause(tx, input.causeId);
  if (!cause) return { ok: false, reason: 'not_found' };
  if (![...AWAITING_ANSWER, 'answered'].includes(cause.state)) return { ok: false, reason: 'phase_closed' };
  const row = await tx.insertInto('causes_links').values({ cause_id: cause.id, kind: input.kind, url: input.url, title: input.title, created_by: input.actor.userId }).returning('id').executeTakeFirstOrThrow();
  await recordEvent(tx, { causeId: cause.id, kind: 'link', actorId: input.actor.userId, body: input.title });
  await notifyFollowers(tx, { causeId: cause.id, key: 'causes.notifications.linked', vars: { title: cause.title, link: input.title }, exceptUserId: input.actor.userId });
  await recordAudit(tx, { actor: input.actor, action: 'causes.link', resourceType: 'causes_cause', resourceId: cause.id, after: { id: row.id, kind: input.kind, url: input.url }, requestId: input.requestId ?? null });
  return { ok: true };
}
