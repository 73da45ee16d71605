import { sql } from 'kysely';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { withTransaction, type Db } from '../../../core/db/database.ts';
import { emitEvent } from '../../../core/events/events.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { SEND_MAIL_JOB } from '../../../core/mail/mail-queue.ts';
import { verifyPassword } from '../../../core/security/passwords.ts';
import { selfActor } from '../account-access.ts';

export const ANONYMOUS_NAME = 'Persona anónima';

export type DeleteAccountResult = { ok: true } | { ok: false; errors: FieldErrors };

/**
 * Deletes an account at its owner's request (password and an explicit confirmation required).
 * Personal data is erased, but the core_users row stays, anonymised, so everything the person
 * contributed (rows of other modules referencing core_users) keeps its author as
 * "Persona anónima". Erased: e-mail and name (replaced), password, profile (document hash,
 * birth date, differential data), identity and residence verification, guardian consent,
 * sessions, e-mailed links, API tokens, roles, and the e-mails still kept in the job queue for that
 * address. Consents are kept as proof of what was authorised, marked revoked. Audited, and
 * `accounts.account-deleted` is emitted so modules can react.
 */
export async function deleteAccount(
  db: Db,
  input: { userId: string; password: string; confirmed: boolean; requestId?: string | null; now?: Date },
): Promise<DeleteAccountResult> {
  const now = input.now ?? new Date();
  const user = await db.selectFrom('core_users').select(['email', 'password_hash', 'deleted_at']).where('id', '=', input.userId).executeTakeFirstOrThrow();
  const errors: FieldErrors = {};
  if (!input.password || !user.password_hash || !(await verifyPassword(input.password, user.password_hash))) {
    errors.delete_password = { key: 'accounts.account.error.wrong_password' };
  }
  if (!input.confirmed) errors.delete_confirm = { key: 'accounts.data.error.confirm_required' };
  if (Object.keys(errors).length > 0 || user.deleted_at) return { ok: false, errors };

  await withTransaction(db, async (tx) => {
    const id = input.userId;
    await tx
      .updateTable('core_users')
      .set({ email: `deleted-${id}@invalid`, display_name: ANONYMOUS_NAME, password_hash: null, deleted_at: now.toISOString(), email_confirmed_at: null })
      .where('id', '=', id)
      .execute();
    await tx.deleteFrom('core_profiles').where('user_id', '=', id).execute();
    await tx.deleteFrom('core_residences').where('user_id', '=', id).execute();
    await tx.deleteFrom('core_identities').where('user_id', '=', id).execute();
    await tx.deleteFrom('core_guardian_consents').where('user_id', '=', id).execute();
    await tx.deleteFrom('core_user_tokens').where('user_id', '=', id).execute();
    await tx.deleteFrom('core_api_tokens').where('user_id', '=', id).execute();
    await tx.deleteFrom('core_user_roles').where('user_id', '=', id).execute();
    await tx.deleteFrom('core_sessions').where('user_id', '=', id).execute();
    await tx.updateTable('core_consents').set({ revoked_at: now.toISOString() }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    // Sent or pending e-mails to the old address would keep it (and the name) in the queue.
    await tx
      .deleteFrom('core_jobs')
      .where('name', '=', SEND_MAIL_JOB)
      .where('status', '<>', 'running')
      .where(sql<string>`payload->>'to'`, '=', user.email)
      .execute();
    await recordAudit(tx, { actor: selfActor(id), action: 'accounts.delete-account', resourceType: 'user', resourceId: id, after: { userId: id, anonymised: true }, requestId: input.requestId ?? null });
    await emitEvent(tx, 'accounts.account-deleted', { userId: id });
  });
  return { ok: true };
}
