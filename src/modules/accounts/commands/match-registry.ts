import type { Tx } from '../../../core/db/database.ts';
import { identityHash, recordVerification, type DocumentType } from '../../../core/verification/identity.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

export type MatchRegistryResult =
  | { ok: true; level: 'identity' | 'residence'; renewed: boolean; localidadCode: string | null; expiresAt: Date }
  /**
   * `no_match`: no registry record with this document and birth date (one neutral answer: the
   * person never learns whether the document exists). `other_identity`: this account is already
   * verified with another document.
   */
  | { ok: false; reason: 'no_match' | 'other_identity' };

/**
 * A citizen proves who they are by matching the registry extract: the keyed hash of their document
 * and their birth date must both match a record. Then the identity (and the residence, when the
 * record names a localidad) is recorded, audited by recordVerification. Throws IdentityTakenError
 * when the document already verifies another account.
 */
export async function matchRegistry(
  tx: Tx,
  input: { userId: string; documentType: DocumentType; documentNumber: string; birthDate: string; secret: string; actor: Actor; now?: Date },
): Promise<MatchRegistryResult> {
  const now = input.now ?? new Date();
  const hash = identityHash(input.secret, input.documentType, input.documentNumber);
  const record = await tx
    .selectFrom('core_registry_records')
    .select(['localidad_code'])
    .where('identity_hash', '=', hash)
    .where('birth_date', '=', input.birthDate)
    .executeTakeFirst();
  if (!record) return { ok: false, reason: 'no_match' };
  const current = await tx.selectFrom('core_identities').select('identity_hash').where('user_id', '=', input.userId).executeTakeFirst();
  if (current && current.identity_hash !== hash) return { ok: false, reason: 'other_identity' };
  const result = await recordVerification(tx, {
    userId: input.userId,
    identity: { identityHash: hash, birthDate: input.birthDate, localidadCode: record.localidad_code, provider: 'registry' },
    actor: input.actor,
    now,
  });
  const expires = await tx.selectFrom('core_identities').select('expires_at').where('user_id', '=', input.userId).executeTakeFirstOrThrow();
  return { ok: true, level: result.level, renewed: result.renewed, localidadCode: record.localidad_code, expiresAt: expires.expires_at };
}
