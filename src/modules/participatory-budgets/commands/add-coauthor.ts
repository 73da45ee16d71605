import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

const E = (key: string) => ({ key: `participatory-budgets.proposals.errors.${key}` });
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The author adds a co-author by the e-mail of an existing, active account; co-authors may edit
 * the proposal too. Audited as `participatory-budgets.add-coauthor` (the account id, not the e-mail).
 */
export async function addCoauthor(
  tx: Tx,
  input: { proposalId: string; email: string; actor: Actor; requestId?: string | null },
): Promise<{ ok: true; name: string } | { ok: false; errors: FieldErrors }> {
  const email = input.email.trim().toLowerCase();
  if (!email) return { ok: false, errors: { email: E('required') } };
  if (email.length > 254 || !EMAIL.test(email)) return { ok: false, errors: { email: E('email_format') } };
  const user = await tx
    .selectFrom('core_users')
    .select(['id', 'display_name'])
    .where('email', '=', email)
    .where('disabled_at', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!user) return { ok: false, errors: { email: E('no_account') } };
  const inserted = await tx
    .insertInto('participatory_budgets_proposal_authors')
    .values({ proposal_id: input.proposalId, user_id: user.id, role: 'coauthor' })
    .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  if (!inserted) return { ok: false, errors: { email: E('already_author') } };
  await recordAudit(tx, {
    actor: input.actor,
    action: 'participatory-budgets.add-coauthor',
    resourceType: 'participatory_budgets_proposal',
    resourceId: input.proposalId,
    after: { coauthorId: user.id },
    requestId: input.requestId ?? null,
  });
  return { ok: true, name: user.display_name };
}
