import { keyedHash } from '../../core/security/tokens.ts';

/**
 * The key that finds a person's digital ballot again so a changed vote replaces it:
 * HMAC-SHA256 under the server secret (GAB_SECRET) of the edition and the identity hash, the same
 * keyed-hash construction as `identityHash` (src/core/verification/identity.ts), written in hex as
 * the ballots table expects. Whoever has only the database sees the voter roll (identity hashes)
 * and the ballots (keys) but cannot compute one from the other; see BALLOT-SECRECY.md.
 */
export function ballotKey(secret: string, editionId: string, identityHash: string): string {
  return Buffer.from(keyedHash(secret, 'pb-ballot', `${editionId}:${identityHash}`), 'base64url').toString('hex');
}
