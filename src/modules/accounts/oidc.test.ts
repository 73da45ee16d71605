import { describe, expect, it } from 'vitest';
import { identityHash } from '../../core/verification/identity.ts';
import { OIDC_PENDING_TTL_MS, profileFromClaims, readPendingOidcSignIn } from './oidc.ts';

const SECRET = 'test-secret-test-secret-test-secret-0001';

describe('profileFromClaims', () => {
  const full = { sub: 'abc', email: ' Ana@Example.CO ', email_verified: true, name: 'Ana Torres', birthdate: '1990-04-02', document_type: 'cc', document_number: '1.020.304.050', localidad: '9' };

  it('maps the standard and identity claims, keeping only the keyed hash of the document', () => {
    const profile = profileFromClaims(full, SECRET);
    expect(profile).toEqual({
      sub: 'abc',
      email: 'ana@example.co',
      emailVerified: true,
      displayName: 'Ana Torres',
      identity: { identityHash: identityHash(SECRET, 'CC', '1020304050'), birthDate: '1990-04-02', localidadCode: '09', provider: 'oidc' },
      identityProblem: null,
    });
    expect(JSON.stringify(profile)).not.toContain('1020304050');
    expect(profileFromClaims({ ...full, document_number: 1020304050 }, SECRET).identity?.identityHash).toBe(profile.identity?.identityHash);
  });

  it('verifies identity without residence when the localidad is missing or not one of the 20', () => {
    for (const localidad of [undefined, '21', '00', 'Suba', '']) {
      expect(profileFromClaims({ ...full, localidad }, SECRET).identity?.localidadCode).toBeNull();
    }
    expect(profileFromClaims({ ...full, localidad: 11 }, SECRET).identity?.localidadCode).toBe('11');
  });

  it('says why document claims cannot be used, and stores nothing from them', () => {
    expect(profileFromClaims({ ...full, document_type: 'XX' }, SECRET)).toMatchObject({ identity: null, identityProblem: 'invalid_document' });
    expect(profileFromClaims({ ...full, document_number: '12' }, SECRET)).toMatchObject({ identity: null, identityProblem: 'invalid_document' });
    expect(profileFromClaims({ ...full, document_number: undefined }, SECRET)).toMatchObject({ identity: null, identityProblem: 'invalid_document' });
    for (const birthdate of [undefined, '1990', '0000-04-02', '1990-02-30', '1899-12-31', '2999-01-01']) {
      expect(profileFromClaims({ ...full, birthdate }, SECRET)).toMatchObject({ identity: null, identityProblem: 'invalid_birthdate' });
    }
    expect(profileFromClaims({ sub: 'x', email: 'x@example.co', email_verified: true }, SECRET)).toMatchObject({ identity: null, identityProblem: null });
  });

  it('takes the display name from name, given and family names, or the e-mail', () => {
    expect(profileFromClaims({ sub: 'x', given_name: 'Beatriz', family_name: 'Gómez' }, SECRET).displayName).toBe('Beatriz Gómez');
    expect(profileFromClaims({ sub: 'x', email: 'carla.ruiz@example.co' }, SECRET).displayName).toBe('carla.ruiz');
    expect(profileFromClaims({ sub: 'x', name: `  ${'a'.repeat(300)}  ` }, SECRET).displayName).toHaveLength(120);
    expect(profileFromClaims({ sub: 'x' }, SECRET)).toMatchObject({ email: null, emailVerified: false });
  });

  it('only trusts an e-mail the provider says it verified', () => {
    expect(profileFromClaims({ ...full, email_verified: false }, SECRET).emailVerified).toBe(false);
    expect(profileFromClaims({ ...full, email_verified: undefined }, SECRET).emailVerified).toBe(false);
    expect(profileFromClaims({ ...full, email_verified: 'true' }, SECRET).emailVerified).toBe(true);
  });
});

describe('readPendingOidcSignIn', () => {
  const now = 1_800_000_000_000;
  const pending = { state: 's', nonce: 'n', codeVerifier: 'v', next: '/mi-cuenta', startedAt: now - 1000 };

  it('reads back what the start of the flow stored', () => {
    expect(readPendingOidcSignIn(pending, now)).toEqual(pending);
  });

  it('refuses anything malformed or expired', () => {
    expect(readPendingOidcSignIn(undefined, now)).toBeNull();
    expect(readPendingOidcSignIn(null, now)).toBeNull();
    expect(readPendingOidcSignIn('s', now)).toBeNull();
    expect(readPendingOidcSignIn({ ...pending, state: 1 }, now)).toBeNull();
    expect(readPendingOidcSignIn({ ...pending, startedAt: now - OIDC_PENDING_TTL_MS - 1 }, now)).toBeNull();
    expect(readPendingOidcSignIn({ ...pending, startedAt: now + 3_600_000 }, now)).toBeNull();
  });
});
