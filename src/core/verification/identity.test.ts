import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import { loadActor } from '../auth/load-actor.ts';
import { withTransaction, type DatabaseHandle } from '../db/database.ts';
import { identityHash, IdentityTakenError, normalizeDocumentNumber, recordVerification } from './identity.ts';

const SECRET = 'test-secret-test-secret-test-secret-0001';

describe('document numbers', () => {
  it('normalise the ways people type them', () => {
    expect(normalizeDocumentNumber('CC', '1.020.304.050')).toBe('1020304050');
    expect(normalizeDocumentNumber('CC', ' 1020 304-050 ')).toBe('1020304050');
    expect(normalizeDocumentNumber('PA', 'ab12345')).toBe('AB12345');
    expect(normalizeDocumentNumber('CC', 'ABC')).toBeNull();
  });
  it('hash with the server secret so the same document always gives the same key and the number never appears', () => {
    const a = identityHash(SECRET, 'CC', '1020304050');
    expect(a).toBe(identityHash(SECRET, 'CC', '1020304050'));
    expect(a).not.toContain('1020304050');
    expect(a).not.toBe(identityHash('another-secret-another-secret-00000000', 'CC', '1020304050'));
    expect(a).not.toBe(identityHash(SECRET, 'TI', '1020304050'));
  });
});

describe.each(testEngines())('recording a verification (%s)', (engine) => {
  let handle: DatabaseHandle;
  let ana: string;
  let bea: string;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    const users = await handle.db
      .insertInto('core_users')
      .values([
        { email: 'ana@example.org', display_name: 'Ana' },
        { email: 'bea@example.org', display_name: 'Bea' },
      ])
      .returning('id')
      .execute();
    [ana, bea] = users.map((u) => u.id) as [string, string];
  });
  afterAll(async () => handle?.close());

  const identity = { identityHash: identityHash(SECRET, 'CC', '1020304050'), birthDate: '2000-05-01', localidadCode: '09', provider: 'registry' as const };

  it('raises the account to verified resident and shows it on the actor', async () => {
    const result = await withTransaction(handle.db, (tx) => recordVerification(tx, { userId: ana, identity, actor: null }));
    expect(result).toEqual({ level: 'residence', renewed: false });
    const actor = await loadActor(handle.db, ana);
    expect(actor).toMatchObject({ level: 'residence', residenceLocalidad: '09', birthDate: '2000-05-01' });
  });

  it('renews the same identity for the same account', async () => {
    const result = await withTransaction(handle.db, (tx) => recordVerification(tx, { userId: ana, identity, actor: null }));
    expect(result.renewed).toBe(true);
  });

  it('refuses the same identity for a second account, and leaves that account unverified', async () => {
    await expect(withTransaction(handle.db, (tx) => recordVerification(tx, { userId: bea, identity, actor: null }))).rejects.toBeInstanceOf(IdentityTakenError);
    expect((await loadActor(handle.db, bea))?.level).toBe('registered');
  });

  it('withdraws consent on the actor only after an explicit revocation', async () => {
    expect((await loadActor(handle.db, bea))?.consentGiven).toBe(true);
    await handle.db.insertInto('core_consents').values({ user_id: bea, policy: 'privacy', policy_version: '1.0', revoked_at: new Date(Date.now() + 1000).toISOString() }).execute();
    expect((await loadActor(handle.db, bea))?.consentGiven).toBe(false);
    await handle.db.insertInto('core_consents').values({ user_id: bea, policy: 'privacy', policy_version: '1.0', granted_at: new Date(Date.now() + 5000).toISOString() } as never).execute();
    expect((await loadActor(handle.db, bea))?.consentGiven).toBe(true);
  });

  it('treats an expired verification as absent', async () => {
    await handle.db.updateTable('core_identities').set({ verified_at: '2020-01-01T00:00:00Z', expires_at: '2021-01-01T00:00:00Z' }).where('user_id', '=', ana).execute();
    expect((await loadActor(handle.db, ana))?.level).toBe('registered');
  });
});
