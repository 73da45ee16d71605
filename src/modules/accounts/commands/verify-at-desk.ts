import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { identityHash, recordVerification, type DocumentType } from '../../../core/verification/identity.ts';

export type VerifyAtDeskResult =
  | { ok: true; level: 'identity' | 'residence'; renewed: boolean }
  /** `self`: clerks do not verify their own account. `other_identity`: the account already holds another document. */
  | { ok: false; reason: 'self' | 'other_identity' };

/**
 * A desk clerk has seen the person and their original document: records the identity and the
 * residence in the localidad the document (or a proof of address) shows, with the clerk as the
 * one who verified. Audited twice in the same transaction: `accounts.verify-identity` (by
 * recordVerification) and `accounts.verify-at-desk` with the clerk's note. Throws
 * IdentityTakenError when the document already verifies another account.
 */
export async function verifyAtDesk(
  tx: Tx,
  input: {
    citizenId: string;
    clerk: Actor;
    documentType: DocumentType;
    documentNumber: string;
    birthDate: string;
    localidadCode: string;
    note: string;
    secret: string;
    requestId?: string | null;
    now?: Date;
  },
): Promise<VerifyAtDeskResult> {
  if (input.clerk.userId === input.citizenId) return { ok: false, reason: 'self' };
  const hash = identityHash(input.secret, input.documentType, input.documentNumber);
  const current = await tx.selectFrom('core_identities').select('identity_hash').where('user_id', '=', input.citizenId).executeTakeFirst();
  if (current && current.identity_hash !== hash) return { ok: false, reason: 'other_identity' };
  const result = await recordVerification(tx, {
    userId: input.citizenId,
    identity: { identityHash: hash, birthDate: input.birthDate, localidadCode: input.localidadCode, provider: 'desk' },
    actor: input.clerk,
    now: input.now,
  });
  await recordAudit(tx, {
    actor: input.clerk,
    action: 'accounts.verify-at-desk',
    resourceType: 'user',
    resourceId: input.citizenId,
    after: { documentType: input.documentType, localidad: input.localidadCode, level: result.level, renewed: result.renewed, note: input.note },
    requestId: input.requestId ?? null,
  });
  return { ok: true, level: result.level, renewed: result.renewed };
}
