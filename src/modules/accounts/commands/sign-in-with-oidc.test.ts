import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../../test/database.ts';
import type { DatabaseHandle } from '../../../core/db/database.ts';
import { identityHash } from '../../../core/verification/identity.ts';
import type { OidcProfile } from '../oidc.ts';
import { OidcAccountUnavailableError, OidcEmailRequiredError, signInWithOidc } from './sign-in-with-oidc.ts';

const SECRET = 'test-secret-test-secret-test-secret-0001';
const ISSUER = 'https://idp.example.gov.co';

const profile = (overrides: Partial<OidcProfile> = {}): OidcProfile => ({
  sub: 'subject-1',
  email: 'persona@example.co',
  emailVerified: true,
  displayName: 'Persona de Prueba',
  identity: null,
  identityProblem: null,
  ...overrides,
});

const identity = (number: string, localidadCode: string | null = null) => ({ identityHash: identityHash(SECRET, 'CC', number), birthDate: '1985-07-20', localidadCode, provider: 'oidc' as const });

describe.each(testEngines())('signInWithOidc (%s)', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.close());

  const run = (p: OidcProfile) => database.db.transaction().execute((tx) => signInWithOidc(tx, { issuer: ISSUER, profile: p, secret: SECRET, locale: 'en' }));
  const userCount = async () => Number((await database.db.selectFrom('core_users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  it('creates an account with the confirmed e-mail, no password and the request language', async () => {
    const result = await run(profile({ identity: identity('51000111') }));
    expect(result).toMatchObject({ created: true, verification: 'identity', localidadCode: null, displayName: 'Persona de Prueba' });
    const user = await database.db.selectFrom('core_users').selectAll().where('id', '=', result.userId).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ email: 'persona@example.co', password_hash: null, locale: 'en' });
    expect(user.email_confirmed_at).toBeInstanceOf(Date);
    const audit = await database.db.selectFrom('core_audit_log').select(['action', 'after']).where('resource_id', '=', result.userId).where('action', '=', 'accounts.sign-in-oidc').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ issuer: ISSUER, created: true, verification: 'identity' });
    expect(JSON.stringify(audit.after)).not.toContain('subject-1');
  });

  it('adds the residence on a later sign-in with the same document', async () => {
    const result = await run(profile({ identity: identity('51000111', '11') }));
    expect(result).toMatchObject({ created: false, verification: 'residence', localidadCode: '11' });
  });

  it('does not replace a verification made with another document', async () => {
    const before = await database.db.selectFrom('core_identities').selectAll().where('identity_hash', '=', identity('51000111').identityHash).executeTakeFirstOrThrow();
    const result = await run(profile({ identity: identity('79000222') }));
    expect(result.verification).toBe('identity_mismatch');
    const after = await database.db.selectFrom('core_identities').selectAll().where('user_id', '=', result.userId).executeTakeFirstOrThrow();
    expect(after.identity_hash).toBe(before.identity_hash);
    expect(await database.db.selectFrom('core_identities').select('user_id').where('identity_hash', '=', identity('79000222').identityHash).executeTakeFirst()).toBeUndefined();
  });

  it('signs in without verifying when the document claims were unusable', async () => {
    expect((await run(profile({ email: 'otra@example.co', identityProblem: 'invalid_birthdate' }))).verification).toBe('invalid');
  });

  it('refuses without a verified e-mail, and for disabled accounts, writing nothing', async () => {
    const before = await userCount();
    await expect(run(profile({ email: 'nueva@example.co', emailVerified: false }))).rejects.toBeInstanceOf(OidcEmailRequiredError);
    await expect(run(profile({ email: null }))).rejects.toBeInstanceOf(OidcEmailRequiredError);
    await database.db.insertInto('core_users').values({ email: 'inactiva@example.co', display_name: 'Inactiva', password_hash: null, disabled_at: new Date().toISOString() }).execute();
    const audits = await database.db.selectFrom('core_audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await expect(run(profile({ email: 'inactiva@example.co', identity: identity('80000333') }))).rejects.toBeInstanceOf(OidcAccountUnavailableError);
    expect(await userCount()).toBe(before + 1);
    expect((await database.db.selectFrom('core_audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n).toBe(audits.n);
    expect(await database.db.selectFrom('core_identities').select('user_id').where('identity_hash', '=', identity('80000333').identityHash).executeTakeFirst()).toBeUndefined();
  });

  it('creates one account when two first sign-ins with the same e-mail race', async () => {
    const [a, b] = await Promise.all([run(profile({ email: 'carrera@example.co' })), run(profile({ email: 'carrera@example.co' }))]);
    expect(a.userId).toBe(b.userId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
  });
});
