import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

const E = (key: string, vars?: Record<string, number>) => ({ key: `participatory-budgets.proposals.errors.${key}`, ...(vars ? { vars } : {}) });

/**
 * A moderator hides a comment, giving the public reason shown in its place ("Comentario ocultado
 * por moderación: …"). The text stays in the database (and in the audit entry) for appeals but is
 * no longer shown. Audited as `participatory-budgets.hide-comment`.
 */
export async function hideComment(
  tx: Tx,
  input: { proposalId: string; commentId: string; reason: string; actor: Actor; requestId?: string | null },
): Promise<{ ok: true } | { ok: false; errors: FieldErrors } | { ok: false; reason: 'not_found' | 'already_hidden' }> {
  const reason = input.reason.replace(/\s+/g, ' ').trim();
  if (!reason) return { ok: false, errors: { reason: E('required') } };
  if (reason.length < 3) return { ok: false, errors: { reason: E('too_short', { min: 3 }) } };
  if (reason.length > 500) return { ok: false, errors: { reason: E('too_long', { max: 500 }) } };
  const comment = await tx
    .selectFrom('participatory_budgets_comments')
    .select(['id', 'body', 'author_id', 'hidden_at'])
    .where('id', '=', input.commentId)
    .where('proposal_id', '=', input.proposalId)
    .forUpdate()
    .executeTakeFirst();
  if (!comment) return { ok: false, reason: 'not_found' };
  if (comment.hidden_at) return { ok: false, reason: 'already_hidden' };
  await tx
    .updateTable('participatory_budgets_comments')
    .set({ hidden_at: new Date().toISOString(), hidden_reason: reason, hidden_by: input.actor.userId })
    .where('id', '=', input.commentId)
    .execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'participatory-budgets.hide-comment',
    resourceType: 'participatory_budgets_comment',
    resourceId: input.commentId,
    before: { body: comment.body, authorId: comment.author_id },
    after: { hiddenReason: reason },
    requestId: input.requestId ?? null,
  });
  return { ok: true };
}
