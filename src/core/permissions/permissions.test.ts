import { describe, expect, it, vi } from 'vitest';
import {
  ALLOW,
  allOf,
  deny,
  everyone,
  hasRole,
  requireRole,
  signedIn,
  type Actor,
  type Decision,
  type PermissionRule,
  type Role,
} from './permissions.ts';

const actor = (displayName: string, roles: Actor['roles']): Actor => ({ userId: `id-${displayName}`, displayName, roles });

const ACTORS = {
  anonymous: null,
  citizen: actor('citizen', []),
  admin: actor('admin', [{ role: 'platform_admin', entityCode: null }]),
  officialA: actor('officialA', [{ role: 'entity_official', entityCode: 'entity-a' }]),
  officialAnywhere: actor('officialAnywhere', [{ role: 'entity_official', entityCode: null }]),
  officialAB: actor('officialAB', [
    { role: 'entity_official', entityCode: 'entity-a' },
    { role: 'entity_official', entityCode: 'entity-b' },
  ]),
  adminOfB: actor('adminOfB', [{ role: 'entity_admin', entityCode: 'entity-b' }]),
  moderator: actor('moderator', [{ role: 'moderator', entityCode: null }]),
} satisfies Record<string, Actor | null>;
type ActorName = keyof typeof ACTORS;

interface Resource {
  entityCode: string | null;
}
const RESOURCES = { A: { entityCode: 'entity-a' }, B: { entityCode: 'entity-b' }, none: { entityCode: null } } satisfies Record<string, Resource>;
type ResourceName = keyof typeof RESOURCES;

const now = new Date('2026-03-01T12:00:00-05:00');
const check = (rule: PermissionRule<Resource>, who: ActorName, what: ResourceName): Decision => rule({ actor: ACTORS[who], resource: RESOURCES[what], now });
const outcome = (decision: Decision) => (decision.allowed ? 'allowed' : decision.reason);

describe('requireRole scoped to the entity of the resource', () => {
  const editOfficialContent = requireRole<Resource>('entity_official', (r) => r.entityCode);

  // Expected outcome per actor, for resources of entity A, entity B and no entity.
  const MATRIX: Record<ActorName, Record<ResourceName, string>> = {
    anonymous: { A: 'not_signed_in', B: 'not_signed_in', none: 'not_signed_in' },
    citizen: { A: 'missing_role', B: 'missing_role', none: 'missing_role' },
    admin: { A: 'allowed', B: 'allowed', none: 'allowed' },
    officialA: { A: 'allowed', B: 'wrong_entity', none: 'allowed' },
    officialAnywhere: { A: 'allowed', B: 'allowed', none: 'allowed' },
    officialAB: { A: 'allowed', B: 'allowed', none: 'allowed' },
    adminOfB: { A: 'missing_role', B: 'missing_role', none: 'missing_role' },
    moderator: { A: 'missing_role', B: 'missing_role', none: 'missing_role' },
  };

  for (const [who, row] of Object.entries(MATRIX) as [ActorName, Record<ResourceName, string>][]) {
    for (const [what, expected] of Object.entries(row) as [ResourceName, string][]) {
      it(`gives ${who} on a resource of ${what === 'none' ? 'no entity' : `entity ${what}`}: ${expected}`, () => {
        expect(outcome(check(editOfficialContent, who, what))).toBe(expected);
      });
    }
  }

  it('checks the role alone when the rule is not entity-scoped', () => {
    const moderate = requireRole<Resource>('moderator');
    expect(outcome(check(moderate, 'moderator', 'A'))).toBe('allowed');
    expect(outcome(check(moderate, 'admin', 'B'))).toBe('allowed');
    expect(outcome(check(moderate, 'officialA', 'A'))).toBe('missing_role');
    expect(outcome(check(moderate, 'citizen', 'none'))).toBe('missing_role');
    expect(outcome(check(moderate, 'anonymous', 'none'))).toBe('not_signed_in');
  });

  it('does not let a role for one entity stand in for another role of that entity', () => {
    const administer = requireRole<Resource>('entity_admin', (r) => r.entityCode);
    expect(outcome(check(administer, 'adminOfB', 'B'))).toBe('allowed');
    expect(outcome(check(administer, 'adminOfB', 'A'))).toBe('wrong_entity');
    expect(outcome(check(administer, 'officialA', 'A'))).toBe('missing_role');
  });
});

describe('hasRole', () => {
  it('treats platform admins as holding every role and unscoped roles as valid for every entity', () => {
    const roles: Role[] = ['desk_clerk', 'moderator', 'valuator', 'entity_official', 'entity_admin', 'platform_admin'];
    for (const role of roles) expect(hasRole(ACTORS.admin, role, 'entity-z')).toBe(true);
    expect(hasRole(ACTORS.officialAnywhere, 'entity_official', 'entity-z')).toBe(true);
    expect(hasRole(ACTORS.officialA, 'entity_official', 'entity-z')).toBe(false);
    expect(hasRole(ACTORS.officialA, 'entity_official')).toBe(true);
    expect(hasRole(null, 'moderator')).toBe(false);
  });
});

describe('allOf', () => {
  const phaseClosed: PermissionRule = () => deny('phase_closed');

  it('allows only when every rule allows', () => {
    const rule = allOf(everyone, signedIn);
    expect(rule({ actor: ACTORS.citizen, resource: null, now })).toEqual(ALLOW);
    expect(allOf()({ actor: null, resource: null, now })).toEqual(ALLOW);
  });

  it('returns the first denial, in the order the rules were given', () => {
    const rule = allOf<Resource>(signedIn, requireRole('moderator'), phaseClosed);
    expect(rule({ actor: ACTORS.anonymous, resource: RESOURCES.A, now })).toEqual({ allowed: false, reason: 'not_signed_in' });
    expect(rule({ actor: ACTORS.citizen, resource: RESOURCES.A, now })).toEqual({ allowed: false, reason: 'missing_role' });
    expect(rule({ actor: ACTORS.moderator, resource: RESOURCES.A, now })).toEqual({ allowed: false, reason: 'phase_closed' });
    const reversed = allOf<Resource>(phaseClosed, signedIn);
    expect(reversed({ actor: ACTORS.anonymous, resource: RESOURCES.A, now })).toEqual({ allowed: false, reason: 'phase_closed' });
  });

  it('stops at the first denial without consulting later rules', () => {
    const later = vi.fn<PermissionRule>(() => ALLOW);
    const rule = allOf(signedIn, later);
    rule({ actor: null, resource: null, now });
    expect(later).not.toHaveBeenCalled();
    rule({ actor: ACTORS.citizen, resource: 'r', now });
    expect(later).toHaveBeenCalledWith({ actor: ACTORS.citizen, resource: 'r', now });
  });

  it('keeps the shared ALLOW decision immutable', () => {
    expect(Object.isFrozen(ALLOW)).toBe(true);
  });
});
