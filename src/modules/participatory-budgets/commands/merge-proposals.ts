import { sql } from 'kysely';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { ASSESSABLE_STATUSES } from './assess-proposal.ts';
import { reindexProposal } from './index-proposal.ts';
import { notifyProposalFollowers } from './notify-followers.ts';

const E = (key: string, vars?: Record<string, string | number>) => ({ key: `participatory-budgets.proposals.errors.${key}`, ...(vars ? { vars } : {}) });

export type MergeProposalsResult =
  | { ok: true; target: { id: string; number: number }; carried: { authors: number; supports: number; follows: number } }
  | { ok: false; errors: FieldErrors }
  | { ok: false; reason: 'not_found' | 'not_assessable' };

/**
 * Merges a duplicate proposal (the source) into another of the same localidad (the target), in
 * one transaction: the source becomes `merged` pointing at the target; its authors become
 * co-authors of the target (unless they already author it); its supports and follows are
 * carried over, each person once. Audited as `participatory-budgets.merge-proposals` with counts.
 */
export async function mergeProposals(
  tx: Tx,
  input: { sourceId: string; targetNumber: string; note: string; actor: Actor; requestId?: string | null },
): Promise<MergeProposalsResult> {
  const raw = input.targetNumber.trim().replace(/^#/, '');
  if (!raw) return { ok: false, errors: { target_number: E('required') } };
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) return { ok: false, errors: { target_number: E('number_format') } };
  const note = input.note.replace(/\r\n?/g, '\n').trim();
  if (note.length > 5000) return { ok: false, errors: { note: E('too_long', { max: 5000 }) } };

  const source = await tx.selectFrom('participatory_budgets_proposals').select(['id', 'edition_id', 'envelope_id', 'number']).where('id', '=', input.sourceId).executeTakeFirst();
  if (!source) return { ok: false, reason: 'not_found' };
  const target = await tx
    .selectFrom('participatory_budgets_proposals')
    .select(['id', 'envelope_id', 'number', 'title'])
    .where('edition_id', '=', source.edition_id)
    .where('number', '=', Number(raw))
    .executeTakeFirst();
  if (!target || target.envelope_id !== source.envelope_id) return { ok: false, errors: { target_number: E('merge_target_missing', { number: raw }) } };
  if (target.id === source.id) return { ok: false, errors: { target_number: E('merge_into_itself') } };

  // Both rows locked in one order (by id) so two opposite merges cannot deadlock or cross.
  const locked = await tx
    .selectFrom('participatory_budgets_proposals')
    .select(['id', 'status', 'merged_into'])
    .where('id', 'in', [source.id, target.id])
    .orderBy('id')
    .forUpdate()
    .execute();
  const sourceNow = locked.find((r) => r.id === source.id)!;
  const targetNow = locked.find((r) => r.id === target.id)!;
  if (!ASSESSABLE_STATUSES.includes(sourceNow.status)) return { ok: false, reason: 'not_assessable' };
  if (!ASSESSABLE_STATUSES.includes(targetNow.status)) return { ok: false, errors: { target_number: E('merge_target_closed', { number: target.number }) } };

  const now = new Date().toISOString();
  await tx
    .updateTable('participatory_budgets_proposals')
    .set({ status: 'merged', merged_into: target.id, valuation_reason: note, valuated_by: input.actor.userId, valuated_at: now, updated_at: now })
    .where('id', '=', source.id)
    .execute();
  const targetId = sql<string>`${target.id}::uuid`;
  const authors = await tx
    .insertInto('participatory_budgets_proposal_authors')
    .columns(['proposal_id', 'user_id', 'role'])
    .expression((eb) => eb.selectFrom('participatory_budgets_proposal_authors').select([targetId.as('proposal_id'), 'user_id', sql<'coauthor'>`'coauthor'`.as('role')]).where('proposal_id', '=', source.id))
    .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
    .returning('user_id')
    .execute();
  const supports = await tx
    .insertInto('participatory_budgets_supports')
    .columns(['proposal_id', 'user_id', 'created_at'])
    .expression((eb) => eb.selectFrom('participatory_budgets_supports').select([targetId.as('proposal_id'), 'user_id', 'created_at']).where('proposal_id', '=', source.id))
    .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
    .returning('user_id')
    .execute();
  const follows = await tx
    .insertInto('participatory_budgets_follows')
    .columns(['proposal_id', 'user_id', 'created_at'])
    .expression((eb) => eb.selectFrom('participatory_budgets_follows').select([targetId.as('proposal_id'), 'user_id', 'created_at']).where('proposal_id', '=', source.id))
    .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
    .returning('user_id')
    .execute();
  await reindexProposal(tx, source.id);
  await reindexProposal(tx, target.id);
  const carried = { authors: authors.length, supports: supports.length, follows: follows.length };
  await recordAudit(tx, {
    actor: input.actor,
    action: 'participatory-budgets.merge-proposals',
    resourceType: 'participatory_budgets_proposal',
    resourceId: source.id,
    before: { status: sourceNow.status },
    after: { status: 'merged', mergedInto: target.id, mergedIntoNumber: target.number, note, carried },
    requestId: input.requestId ?? null,
  });
  // The source's followers (now also the target's) hear where the proposal went.
  await notifyProposalFollowers(tx, { proposalIds: [source.id], news: 'merged', exceptUserId: input.actor.userId, target: { number: target.number, title: target.title } });
  return { ok: true, target: { id: target.id, number: target.number }, carried };
}
