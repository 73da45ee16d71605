import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { createPerson } from '../../modules/admin/test-people.ts';
import type { Db, DatabaseHandle } from '../db/database.ts';
import { sha256Hex } from '../security/tokens.ts';
import { contextUnchangedSql, loadSessionActor } from './load-actor.ts';

const sessionHashOf = (cookie: string) => sha256Hex(cookie.split('=')[1]!);

/** Whether the session still reads as when `fingerprint` was taken. */
async function unchanged(db: Db, sessionHash: string, fingerprint: string): Promise<boolean> {
  const { rows } = await sql<{ unchanged: boolean }>`SELECT ${contextUnchangedSql(sessionHash, fingerprint, new Date())} AS unchanged`.execute(db);
  return rows[0]!.unchanged;
}

// A remembered request context is trusted by a write only through `contextUnchangedSql`: every
// change that could alter a decision about the person must make it false.
describe.each(testEngines())('the request-context fingerprint (%s)', (engine) => {
  let database: DatabaseHandle;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = database.db;
  }, 120_000);
  afterAll(async () => database?.close());

  /** A verified resident signed in, and the fingerprint of their context as loaded now. */
  async function signedIn() {
    const { id } = await createPerson(db, { name: 'Persona de Prueba', level: 'residence' });
    const sessionHash = sessionHashOf(await signInAs(db, id));
    const loaded = await loadSessionActor(db, sessionHash, new Date(), null);
    expect(loaded.actor?.userId).toBe(id);
    return { id, sessionHash, fingerprint: loaded.fingerprint };
  }

  it('is the same on every load of an unchanged context, and the check holds', async () => {
    const { sessionHash, fingerprint } = await signedIn();
    expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect((await loadSessionActor(db, sessionHash, new Date(), null)).fingerprint).toBe(fingerprint);
    expect(await unchanged(db, sessionHash, fingerprint)).toBe(true);
    const other = await signedIn();
    expect(other.fingerprint).not.toBe(fingerprint);
    expect(await unchanged(db, sessionHash, other.fingerprint)).toBe(false);
  });

  const changes: [string, (id: string, sessionHash: string) => Promise<unknown>][] = [
    ['the session is signed out', (_id, s) => db.deleteFrom('core_sessions').where('id', '=', s).execute()],
    ['the session expired', (_id, s) => db.updateTable('core_sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', s).execute()],
    ['the session holds new data', (_id, s) => db.updateTable('core_sessions').set({ data: JSON.stringify({ flash: [{ kind: 'info', key: 'x' }] }) }).where('id', '=', s).execute()],
    ['the account is disabled', (id) => db.updateTable('core_users').set({ disabled_at: new Date().toISOString() }).where('id', '=', id).execute()],
    ['the account is renamed', (id) => db.updateTable('core_users').set({ display_name: 'Otro Nombre' }).where('id', '=', id).execute()],
    ['the declared birth date changes', (id) => db.updateTable('core_profiles').set({ birth_date: '2012-01-01' }).where('user_id', '=', id).execute()],
    ['the identity verification expires', (id) => db.updateTable('core_identities').set({ verified_at: new Date(Date.now() - 86400_000).toISOString(), expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', id).execute()],
    ['the residence moves to another localidad', (id) => db.updateTable('core_residences').set({ localidad_code: '01' }).where('user_id', '=', id).execute()],
    ['the residence verification is removed', (id) => db.deleteFrom('core_residences').where('user_id', '=', id).execute()],
    ['a guardian consent is recorded', (id) => db.insertInto('core_guardian_consents').values({ user_id: id, guardian_document_hash: 'f'.repeat(64), relation: 'mother' }).execute()],
    [
      'the privacy consent is revoked',
      (id) => db.insertInto('core_consents').values({ user_id: id, policy: 'privacy', policy_version: '1', revoked_at: new Date(Date.now() + 1000).toISOString() }).execute(),
    ],
    ['a role is granted', (id) => db.insertInto('core_user_roles').values({ user_id: id, role: 'moderator', entity_code: '' }).execute()],
  ];

  it.each(changes)('no longer holds once %s', async (_what, change) => {
    const { id, sessionHash, fingerprint } = await signedIn();
    await change(id, sessionHash);
    expect(await unchanged(db, sessionHash, fingerprint)).toBe(false);
  });

  it('does not depend on the order roles were granted in', async () => {
    const { id, sessionHash } = await signedIn();
    await db.insertInto('core_user_roles').values({ user_id: id, role: 'valuator', entity_code: 'SDP' }).execute();
    await db.insertInto('core_user_roles').values({ user_id: id, role: 'desk_clerk', entity_code: '' }).execute();
    const { fingerprint } = await loadSessionActor(db, sessionHash, new Date(), null);
    await db.deleteFrom('core_user_roles').where('user_id', '=', id).where('role', '=', 'valuator').execute();
    await db.insertInto('core_user_roles').values({ user_id: id, role: 'valuator', entity_code: 'SDP' }).execute();
    expect(await unchanged(db, sessionHash, fingerprint)).toBe(true);
  });
});
