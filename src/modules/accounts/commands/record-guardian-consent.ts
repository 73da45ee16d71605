import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { ageOn, type Actor } from '../../../core/permissions/permissions.ts';
import { identityHash, type DocumentType } from '../../../core/verification/identity.ts';

export const GUARDIAN_RELATIONS = ['mother', 'father', 'legal_guardian', 'other_relative'] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];

export type RecordGuardianConsentResult =
  | { ok: true; renewed: boolean }
  /**
   * `not_verified`: the minor's identity (hence age) is not verified, or has expired.
   * `not_minor`: 18 or older, no consent needed. `under_age`: under 14, cannot take part yet.
   * `guardian_is_citizen`: the guardian's document is the minor's own. `self`: clerks do not act on their own account.
   */
  | { ok: false; reason: 'not_verified' | 'not_minor' | 'under_age' | 'guardian_is_citizen' | 'self' };

/**
 * Records, at a service desk, that the mother, father or legal guardian of a verified 14–17-year-old
 * consents to their participation. The guardian's document is kept only as its keyed hash. A new
 * consent replaces the previous one. Audited as `accounts.record-guardian-consent`.
 */
export async function recordGuardianConsent(
  tx: Tx,
  input: {
    citizenId: string;
    clerk: Actor;
    guardianDocumentType: DocumentType;
    guardianDocumentNumber: string;
    relation: GuardianRelation;
    secret: string;
    requestId?: string | null;
    now?: Date;
  },
): Promise<RecordGuardianConsentResult> {
  const now = input.now ?? new Date();
  if (input.clerk.userId === input.citizenId) return { ok: false, reason: 'self' };
  const identity = await tx
    .selectFrom('core_identities')
    .select(['identity_hash', 'birth_date'])
    .where('user_id', '=', input.citizenId)
    .where('expires_at', '>', now.toISOString() as never)
    .executeTakeFirst();
  if (!identity) return { ok: false, reason: 'not_verified' };
  const age = ageOn(identity.birth_date, now);
  if (age >= 18) return { ok: false, reason: 'not_minor' };
  if (age < 14) return { ok: false, reason: 'under_age' };
  const guardianHash = identityHash(input.secret, input.guardianDocumentType, input.guardianDocumentNumber);
  if (guardianHash === identity.identity_hash) return { ok: false, reason: 'guardian_is_citizen' };
  const previous = await tx.selectFrom('core_guardian_consents').select('relation').where('user_id', '=', input.citizenId).executeTakeFirst();
  const values = { guardian_document_hash: guardianHash, relation: input.relation, recorded_at: now.toISOString(), recorded_by: input.clerk.userId };
  await tx
    .insertInto('core_guardian_consents')
    .values({ user_id: input.citizenId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
  await recordAudit(tx, {
    actor: input.clerk,
    action: 'accounts.record-guardian-consent',
    resourceType: 'user',
    resourceId: input.citizenId,
    before: previous ? { relation: previous.relation } : undefined,
    after: { relation: input.relation, guardianDocumentType: input.guardianDocumentType, age },
    requestId: input.requestId ?? null,
  });
  return { ok: true, renewed: Boolean(previous) };
}
