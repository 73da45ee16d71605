import { keyedHash } from '../../core/security/tokens.ts';

/**
 * The key that finds a person's response again, so an allowed edit replaces it:
 * HMAC-SHA256 under the server secret (GAB_SECRET) of the consultation and the identity hash — the
 * same keyed-hash construction as `identityHash` (src/core/verification/identity.ts) — in hex, as
 * the responses table expects. Whoever has only the database sees who took part (identity hashes)
 * and what was answered (keys) but cannot compute one from the other; see SECRECY.md.
 */
export function responseKey(secret: string, consultationId: string, identityHash: string): string {
  return Buffer.from(keyedHash(secret, 'consultation', `${consultationId}:${identityHash}`), 'base64url').toString('hex');
}
