import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

const E = (key: string, vars?: Record<string, number>) => ({ key: `participatory-budgets.proposals.errors.${key}`, ...(vars ? { vars } : {}) });

/**
 * A comment on a proposal, or a reply to one. Threads are one level deep: a reply to a reply is
 * attached to the comment that started the thread. Hidden comments take no replies. Audited as
 * `participatory-budgets.comment`.
 */
export async function commentOnProposal(
  tx: Tx,
  input: { proposalId: string; actor: Actor; body: string; parentId?: string | null; requestId?: string | null },
): Promise<{ ok: true; id: string } | { ok: false; errors: FieldErrors } | { ok: false; reason: 'parent_not_found' }> {
  const body = input.body.replace(/\r\n?/g, '\n').trim();
  if (!body) return { ok: false, errors: { body: E('required') } };
  if (body.length < 2) return { ok: false, errors: { body: E('too_short', { min: 2 }) } };
  if (body.length > 4000) return { ok: false, errors: { body: E('too_long', { max: 4000 }) } };
  let parentId: string | null = null;
  if (input.parentId) {
    const parent = await tx
      .selectFrom('participatory_budgets_comments')
      .select(['id', 'parent_id', 'hidden_at'])
      .where('id', '=', input.parentId)
      .where('proposal_id', '=', input.proposalId)
      .executeTakeFirst();
    if (!parent) return { ok: false, reason: 'parent_not_found' };
    if (parent.hidden_at) return { ok: false, errors: { body: E('reply_to_hidden') } };
    parentId = parent.parent_id ?? parent.id;
  }
  const row = await tx
    .insertInto('participatory_budgets_comments')
    .values({ proposal_id: input.proposalId, parent_id: parentId, author_id: input.actor.userId, body })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'participatory-budgets.comment',
    resourceType: 'participatory_budgets_comment',
    resourceId: row.id,
    after: { proposalId: input.proposalId, parentId },
    requestId: input.requestId ?? null,
  });
  return { ok: true, id: row.id };
}
