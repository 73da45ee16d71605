import { describe, expect, it } from 'vitest';
import { ageOn, meetsRequirement, type Actor } from './permissions.ts';

const now = new Date('2026-06-15T12:00:00-05:00');
const person = (over: Partial<Actor>): Actor => ({ userId: 'u', displayName: 'P', roles: [], level: 'registered', birthDate: '1990-01-01', residenceLocalidad: null, guardianConsent: false, ...over });
const voteInLocalidad = { minLevel: 'residence', minAge: 14 } as const;

describe('what an action requires of a person', () => {
  it('computes age by the Bogotá calendar day', () => {
    expect(ageOn('2012-06-15', now)).toBe(14);
    expect(ageOn('2012-06-16', now)).toBe(13);
    // 00:30 UTC on 16 June is still 15 June in Bogotá.
    expect(ageOn('2012-06-16', new Date('2026-06-16T00:30:00Z'))).toBe(13);
  });

  it.each([
    ['an anonymous visitor', null, 'not_signed_in'],
    ['a registered person', person({}), 'not_verified'],
    ['a verified 13-year-old', person({ level: 'residence', residenceLocalidad: '09', birthDate: '2013-01-01' }), 'under_age'],
    ['a verified 15-year-old without guardian consent', person({ level: 'residence', residenceLocalidad: '09', birthDate: '2011-01-01' }), 'guardian_consent_missing'],
    ['a verified adult whose residence is not verified', person({ level: 'identity' }), 'not_resident'],
    ['a verified resident of another localidad', person({ level: 'residence', residenceLocalidad: '01' }), 'wrong_localidad'],
  ])('tells %s what is missing to vote in Fontibón', (_label, actor, reason) => {
    expect(meetsRequirement(actor, voteInLocalidad, now, '09')).toEqual({ allowed: false, reason });
  });

  it.each([
    ['a verified adult resident', person({ level: 'residence', residenceLocalidad: '09' })],
    ['a verified 15-year-old resident with guardian consent', person({ level: 'residence', residenceLocalidad: '09', birthDate: '2011-01-01', guardianConsent: true })],
  ])('lets %s vote in Fontibón', (_label, actor) => {
    expect(meetsRequirement(actor, voteInLocalidad, now, '09')).toEqual({ allowed: true });
  });

  it('stops participation, but not account management, when consent was revoked', () => {
    const revoked = person({ level: 'residence', residenceLocalidad: '09', consentGiven: false });
    expect(meetsRequirement(revoked, voteInLocalidad, now, '09')).toEqual({ allowed: false, reason: 'consent_missing' });
    expect(meetsRequirement(revoked, { minLevel: 'registered', minAge: null }, now)).toEqual({ allowed: true });
  });

  it('asks nothing of anyone when the action has no requirement', () => {
    expect(meetsRequirement(null, { minLevel: 'anyone', minAge: null }, now)).toEqual({ allowed: true });
  });

  it('only asks a signed-in account for registered-level actions', () => {
    expect(meetsRequirement(null, { minLevel: 'registered', minAge: null }, now)).toEqual({ allowed: false, reason: 'not_signed_in' });
    expect(meetsRequirement(person({}), { minLevel: 'registered', minAge: null }, now)).toEqual({ allowed: true });
  });
});
