import { recordAudit } from '../../../core/audit/audit-log.ts';
import { withTransaction, type Db, type Executor } from '../../../core/db/database.ts';
import { POLICIES } from '../../../core/site/policies.ts';
import { selfActor } from '../account-access.ts';

/** The person's current authorisation to process their personal data, if any. */
export async function activePrivacyConsent(db: Executor, userId: string) {
  return db
    .selectFrom('core_consents')
    .select(['id', 'policy_version', 'granted_at'])
    .where('user_id', '=', userId)
    .where('policy', '=', 'privacy')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Revokes the authorisation (art. 8 Ley 1581): the record stays, with the time it was revoked. */
export async function revokeConsent(db: Db, input: { userId: string; requestId?: string | null; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date();
  return withTransaction(db, async (tx) => {
    const revoked = await tx
      .updateTable('core_consents')
      .set({ revoked_at: now.toISOString() })
      .where('user_id', '=', input.userId)
      .where('policy', '=', 'privacy')
      .where('revoked_at', 'is', null)
      .returning(['id', 'policy_version'])
      .execute();
    if (revoked.length === 0) return false;
    await recordAudit(tx, {
      actor: selfActor(input.userId),
      action: 'accounts.revoke-consent',
      resourceType: 'user',
      resourceId: input.userId,
      after: { userId: input.userId, policy: 'privacy', policyVersion: revoked[0]!.policy_version },
      requestId: input.requestId ?? null,
    });
    return true;
  });
}

/** Records a new authorisation under the current policy version (after a revocation). */
export async function grantConsent(db: Db, input: { userId: string; requestId?: string | null }): Promise<boolean> {
  const version = POLICIES.privacy.es.version;
  return withTransaction(db, async (tx) => {
    const created = await tx
      .insertInto('core_consents')
      .values({ user_id: input.userId, policy: 'privacy', policy_version: version })
      // The partial unique index allows one active consent per policy: granting twice is a no-op.
      .onConflict((oc) => oc.columns(['user_id', 'policy']).where('revoked_at', 'is', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!created) return false;
    await recordAudit(tx, {
      actor: selfActor(input.userId),
      action: 'accounts.grant-consent',
      resourceType: 'user',
      resourceId: input.userId,
      after: { userId: input.userId, policy: 'privacy', policyVersion: version },
      requestId: input.requestId ?? null,
    });
    return true;
  });
}
