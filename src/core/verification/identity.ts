import type { Tx } from '../db/database.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Actor } from '../permissions/permissions.ts';
import { keyedHash } from '../security/tokens.ts';

/** Colombian identity documents accepted at registration. */
export const DOCUMENT_TYPES = ['CC', 'TI', 'CE', 'PPT', 'PA'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** How long a verification lasts before it must be renewed. */
export const IDENTITY_VALIDITY_DAYS = 365 * 2;
export const RESIDENCE_VALIDITY_DAYS = 365;

/**
 * Normalises a document number as people type it ("1.020.304.050", "1020 304050", "ab123") so the
 * same document always hashes the same. Returns null when nothing valid is left.
 */
export function normalizeDocumentNumber(type: DocumentType, raw: string): string | null {
  const cleaned = raw.normalize('NFKC').toUpperCase().replace(/[\s.\-]/g, '');
  const pattern = type === 'PA' || type === 'PPT' || type === 'CE' ? /^[A-Z0-9]{3,20}$/ : /^\d{5,12}$/;
  return pattern.test(cleaned) ? cleaned : null;
}

/**
 * The keyed hash that stands for a document everywhere in the database: HMAC-SHA256 under the
 * server secret, so a database reader cannot test guesses of document numbers.
 */
export function identityHash(secret: string, type: DocumentType, normalizedNumber: string): string {
  return keyedHash(secret, 'identity', `${type}:${normalizedNumber}`);
}

export class IdentityTakenError extends Error {
  constructor() {
    super('identity already verifies another account');
    this.name = 'IdentityTakenError';
  }
}

export interface VerifiedIdentity {
  identityHash: string;
  birthDate: string;
  /** Localidad of residence confirmed by the provider, if it confirms one. */
  localidadCode: string | null;
  provider: 'registry' | 'oidc' | 'desk';
}

/**
 * Records (or renews) a verified identity, and the residence when the provider confirms one. One
 * identity verifies one account: the primary key on `core_identities.identity_hash` holds that
 * even under concurrent requests; a clash raises IdentityTakenError. Audited.
 */
export async function recordVerification(
  tx: Tx,
  input: { userId: string; identity: VerifiedIdentity; actor: Actor | null; now?: Date },
): Promise<{ level: 'identity' | 'residence'; renewed: boolean }> {
  const now = input.now ?? new Date();
  const { identity } = input;
  const identityExpires = new Date(now.getTime() + IDENTITY_VALIDITY_DAYS * 86400_000).toISOString();
  const verifiedBy = input.actor && input.actor.userId !== input.userId ? input.actor.userId : null;
  const existing = await tx.selectFrom('core_identities').select(['user_id', 'identity_hash']).where('user_id', '=', input.userId).executeTakeFirst();
  if (existing && existing.identity_hash !== identity.identityHash) throw new IdentityTakenError();
  const row = await tx
    .insertInto('core_identities')
    .values({
      identity_hash: identity.identityHash,
      user_id: input.userId,
      provider: identity.provider,
      birth_date: identity.birthDate,
      verified_at: now.toISOString(),
      expires_at: identityExpires,
      verified_by: verifiedBy,
    })
    .onConflict((oc) =>
      oc.column('identity_hash').doUpdateSet({ provider: identity.provider, birth_date: identity.birthDate, verified_at: now.toISOString(), expires_at: identityExpires, verified_by: verifiedBy }).where('core_identities.user_id', '=', input.userId),
    )
    .returning('user_id')
    .executeTakeFirst();
  // The conflict update only applies to the same account; no row back means another account holds it.
  if (!row) throw new IdentityTakenError();
  let level: 'identity' | 'residence' = 'identity';
  if (identity.localidadCode) {
    const residenceExpires = new Date(now.getTime() + RESIDENCE_VALIDITY_DAYS * 86400_000).toISOString();
    const residence = { localidad_code: identity.localidadCode, provider: identity.provider, verified_at: now.toISOString(), expires_at: residenceExpires, verified_by: verifiedBy };
    await tx
      .insertInto('core_residences')
      .values({ user_id: input.userId, ...residence })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(residence))
      .execute();
    level = 'residence';
  }
  await recordAudit(tx, {
    actor: input.actor,
    action: 'accounts.verify-identity',
    resourceType: 'user',
    resourceId: input.userId,
    after: { provider: identity.provider, level, localidad: identity.localidadCode, renewed: Boolean(existing) },
  });
  return { level, renewed: Boolean(existing) };
}
