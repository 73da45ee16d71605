import { sql } from 'kysely';
import { recordAudit } from '../../../../core/audit/audit-log.ts';
import type { Tx } from '../../../../core/db/database.ts';
import { notify } from '../../../../core/notifications/notify.ts';
import type { Actor, Decision, DenialReason } from '../../../../core/permissions/permissions.ts';
import type { RequestStatus } from '../../open-data.schema.ts';
import type { AnswerStatus, RequestFields } from '../forms.ts';
import { requestPath } from '../paths.ts';

/** A citizen asks for a dataset. Audited as `open-data.request-dataset`. */
export async function createRequest(tx: Tx, input: { fields: RequestFields; actor: Actor; requestId?: string | null }): Promise<string> {
  const { fields } = input;
  const row = await tx
    .insertInto('open_data_requests')
    .values({ title: fields.title, description: fields.description, purpose: fields.purpose, entity_code: fields.entityCode, localidad_code: fields.localidadCode, author_id: input.actor.userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, { actor: input.actor, action: 'open-data.request-dataset', resourceType: 'open_data_request', resourceId: row.id, after: { title: fields.title, entityCode: fields.entityCode }, requestId: input.requestId ?? null });
  return row.id;
}

/** Requests still waiting for the data collect votes; answered ones are closed. */
export const collectsVotes = (status: RequestStatus) => status === 'open' || status === 'planned';

export type VoteOutcome = { ok: true; votes: number } | { ok: false; reason: 'not_found' | 'already_done' | 'phase_closed' };

/**
 * Votes for a request, once per person. One statement inserts the vote and moves the counter:
 * the primary key (request, person) refuses a second vote (a concurrent one waits for the first
 * to commit, then finds it), and the counter moves only when the row went in, under the request's
 * row lock, so it always equals the rows. Audited as `open-data.vote-request`.
 */
export async function voteRequest(tx: Tx, input: { requestId: string; actor: Actor; auditRequestId?: string | null }): Promise<VoteOutcome> {
  const { rows } = await sql<{ exists: boolean; inserted: boolean; vote_count: number | null }>`
    WITH target AS (SELECT id FROM open_data_requests WHERE id = ${input.requestId}::uuid AND status IN ('open', 'planned')),
    vote AS (
      INSERT INTO open_data_request_votes (request_id, user_id)
      SELECT id, ${input.actor.userId}::uuid FROM target
      ON CONFLICT (request_id, user_id) DO NOTHING
      RETURNING request_id),
    counted AS (
      UPDATE open_data_requests SET vote_count = vote_count + 1
      WHERE id IN (SELECT request_id FROM vote) AND status IN ('open', 'planned')
      RETURNING vote_count)
    SELECT EXISTS (SELECT 1 FROM target) AS exists, EXISTS (SELECT 1 FROM vote) AS inserted, (SELECT vote_count FROM counted) AS vote_count`.execute(tx);
  const step = rows[0]!;
  if (!step.exists) return { ok: false, reason: (await requestExists(tx, input.requestId)) ? 'phase_closed' : 'not_found' };
  if (!step.inserted) return { ok: false, reason: 'already_done' };
  if (step.vote_count === null) {
    // Answered while this vote waited for the row lock: take the vote back, nothing changes.
    await tx.deleteFrom('open_data_request_votes').where('request_id', '=', input.requestId).where('user_id', '=', input.actor.userId).execute();
    return { ok: false, reason: 'phase_closed' };
  }
  await recordAudit(tx, { actor: input.actor, action: 'open-data.vote-request', resourceType: 'open_data_request', resourceId: input.requestId, after: { votes: step.vote_count }, requestId: input.auditRequestId ?? null });
  return { ok: true, votes: step.vote_count! };
}

/** Withdraws the person's vote while the request collects votes. Audited as `open-data.unvote-request`. */
export async function withdrawVote(tx: Tx, input: { requestId: string; actor: Actor; auditRequestId?: string | null }): Promise<VoteOutcome> {
  const { rows } = await sql<{ exists: boolean; vote_count: number | null }>`
    WITH target AS (SELECT id FROM open_data_requests WHERE id = ${input.requestId}::uuid AND status IN ('open', 'planned')),
    gone AS (
      DELETE FROM open_data_request_votes
      WHERE request_id IN (SELECT id FROM target) AND user_id = ${input.actor.userId}::uuid
      RETURNING request_id),
    counted AS (
      UPDATE open_data_requests SET vote_count = vote_count - 1
      WHERE id IN (SELECT request_id FROM gone)
      RETURNING vote_count)
    SELECT EXISTS (SELECT 1 FROM target) AS exists, (SELECT vote_count FROM counted) AS vote_count`.execute(tx);
  const step = rows[0]!;
  if (!step.exists) return { ok: false, reason: (await requestExists(tx, input.requestId)) ? 'phase_closed' : 'not_found' };
  if (step.vote_count === null) return { ok: false, reason: 'already_done' };
  await recordAudit(tx, { actor: input.actor, action: 'open-data.unvote-request', resourceType: 'open_data_request', resourceId: input.requestId, after: { votes: step.vote_count }, requestId: input.auditRequestId ?? null });
  return { ok: true, votes: step.vote_count };
}

async function requestExists(tx: Tx, id: string): Promise<boolean> {
  return Boolean(await tx.selectFrom('open_data_requests').select('id').where('id', '=', id).executeTakeFirst());
}

/** Where an answer may lead from each state: "in progress" may still end published or rejected. */
const NEXT: Record<RequestStatus, readonly AnswerStatus[]> = { open: ['planned', 'published', 'declined'], planned: ['published', 'declined'], published: [], declined: [] };

export type AnswerOutcome = { ok: true } | { ok: false; reason: 'not_found' | DenialReason };

/**
 * An official answers a request: in progress, published (with the dataset that fulfils it) or
 * rejected (with the public reason). The request is locked while deciding, so two officials
 * cannot both answer it. `authorize` is the caller's permission check on the request's entity (it
 * must not query the database). The requester and the voters are told, in the app and by e-mail,
 * in this transaction. Audited as `open-data.answer-request`.
 */
export async function answerRequest(
  tx: Tx,
  input: {
    id: string;
    status: AnswerStatus;
    answer: string | null;
    datasetId: string | null;
    actor: Actor;
    authorize: (request: { entityCode: string | null }) => Decision;
    now?: Date;
    requestId?: string | null;
  },
): Promise<AnswerOutcome> {
  const request = await tx.selectFrom('open_data_requests').select(['id', 'title', 'status', 'entity_code', 'author_id']).where('id', '=', input.id).forUpdate().executeTakeFirst();
  if (!request) return { ok: false, reason: 'not_found' };
  const decision = input.authorize({ entityCode: request.entity_code });
  if (!decision.allowed) return { ok: false, reason: decision.reason };
  if (!NEXT[request.status].includes(input.status)) return { ok: false, reason: 'already_done' };
  const now = input.now ?? new Date();
  await tx
    .updateTable('open_data_requests')
    .set({ status: input.status, answer: input.answer, dataset_id: input.datasetId, answered_by: input.actor.userId, answered_at: now.toISOString() })
    .where('id', '=', request.id)
    .execute();
  const voters = await tx.selectFrom('open_data_request_votes').select('user_id').where('request_id', '=', request.id).execute();
  const userIds = [request.author_id, ...voters.map((v) => v.user_id)].filter((id): id is string => id !== null && id !== input.actor.userId);
  await notify(tx, { userIds, key: `open-data.community.notify.${input.status}`, vars: { title: request.title }, url: requestPath(request.id), email: true });
  await recordAudit(tx, {
    actor: input.actor,
    action: 'open-data.answer-request',
    resourceType: 'open_data_request',
    resourceId: request.id,
    before: { status: request.status },
    after: { status: input.status, datasetId: input.datasetId },
    requestId: input.requestId ?? null,
  });
  return { ok: true };
}
