import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/permissions/permissions.ts';
import { consultationsPermissions } from './consultations.permissions.ts';
import { CsvError, csvCell, decodeUtf8, parseCsv } from './csv.ts';
import { checkEligibility } from './eligibility.ts';
import { protectCounts } from './protect.ts';
import { parseBogotaDateTime, resultsVisible, stateOf, toBogotaInput } from './state.ts';

const NOW = new Date('2026-06-15T12:00:00-05:00');
const person = (over: Partial<Actor> = {}): Actor => ({ userId: 'u', displayName: 'Ana', roles: [], level: 'identity', birthDate: '1990-01-01', residenceLocalidad: null, guardianConsent: false, ...over });
const reason = (d: { allowed: boolean; reason?: string }) => (d.allowed ? 'allowed' : d.reason);

describe('eligibility of a consultation', () => {
  const city = { minLevel: 'identity' as const, minAge: 14, localidades: [] };
  it('follows the core requirement semantics: identity, age, guardian consent, consent', () => {
    expect(reason(checkEligibility(person(), city, NOW))).toBe('allowed');
    expect(reason(checkEligibility(null, city, NOW))).toBe('not_signed_in');
    expect(reason(checkEligibility(person({ level: 'registered' }), city, NOW))).toBe('not_verified');
    expect(reason(checkEligibility(person({ birthDate: '2013-01-01' }), city, NOW))).toBe('under_age');
    expect(reason(checkEligibility(person({ birthDate: '2011-01-01' }), city, NOW))).toBe('guardian_consent_missing');
    expect(reason(checkEligibility(person({ birthDate: '2011-01-01', guardianConsent: true }), city, NOW))).toBe('allowed');
    expect(reason(checkEligibility(person({ birthDate: '2010-01-01', guardianConsent: true }), { ...city, minAge: 18 }, NOW))).toBe('under_age');
    expect(reason(checkEligibility(person({ consentGiven: false }), city, NOW))).toBe('consent_missing');
  });
  it('restricts to verified residents of the chosen localidades', () => {
    const two = { ...city, localidades: ['07', '11'] };
    expect(reason(checkEligibility(person(), two, NOW))).toBe('not_resident');
    expect(reason(checkEligibility(person({ level: 'residence', residenceLocalidad: '09' }), two, NOW))).toBe('wrong_localidad');
    expect(reason(checkEligibility(person({ level: 'residence', residenceLocalidad: '11' }), two, NOW))).toBe('allowed');
    expect(reason(checkEligibility(person({ level: 'residence', residenceLocalidad: '09' }), { ...city, localidades: ['07'] }, NOW))).toBe('wrong_localidad');
    expect(reason(checkEligibility(person(), { ...city, minLevel: 'residence' }, NOW))).toBe('not_resident');
  });
});

describe('the permission rules with a consultation as resource', () => {
  const ctx = (resource: object, actor: Actor | null = person()) => ({ actor, resource, now: NOW });
  const eligibility = { minLevel: 'identity' as const, minAge: 14, localidades: [] };
  it('answer: window, then eligibility, then one response per person', () => {
    const answer = consultationsPermissions.answer;
    expect(reason(answer(ctx({ state: 'open', eligibility })))).toBe('allowed');
    expect(reason(answer(ctx({ state: 'closed', eligibility })))).toBe('phase_closed');
    expect(reason(answer(ctx({ state: 'upcoming', eligibility })))).toBe('phase_closed');
    expect(reason(answer(ctx({ state: 'open', eligibility: { ...eligibility, minAge: 40 } })))).toBe('under_age');
    expect(reason(answer(ctx({ state: 'open', eligibility, answeredBy: 'online', allowEdit: false })))).toBe('already_done');
    expect(reason(answer(ctx({ state: 'open', eligibility, answeredBy: 'online', allowEdit: true })))).toBe('allowed');
    expect(reason(answer(ctx({ state: 'open', eligibility, answeredBy: 'paper', allowEdit: true })))).toBe('already_done');
    expect(reason(answer(ctx({ state: 'open' }, null)))).toBe('not_signed_in');
  });
  it('officials act on their own entity; edits stop at opening; secret data waits for closing', () => {
    const official = person({ roles: [{ role: 'entity_official', entityCode: 'sdp' }] });
    expect(reason(consultationsPermissions.manage(ctx({ entityCode: 'sdp' }, official)))).toBe('allowed');
    expect(reason(consultationsPermissions.manage(ctx({ entityCode: 'idu' }, official)))).toBe('wrong_entity');
    expect(reason(consultationsPermissions.edit(ctx({ entityCode: 'sdp', state: 'upcoming' }, official)))).toBe('allowed');
    expect(reason(consultationsPermissions.edit(ctx({ entityCode: 'sdp', state: 'open' }, official)))).toBe('phase_closed');
    expect(reason(consultationsPermissions['import-paper'](ctx({ entityCode: 'sdp', state: 'closed' }, official)))).toBe('phase_closed');
    expect(reason(consultationsPermissions['export-responses'](ctx({ entityCode: 'sdp', state: 'open', secret: true }, official)))).toBe('phase_closed');
    expect(reason(consultationsPermissions['export-responses'](ctx({ entityCode: 'sdp', state: 'open', secret: false }, official)))).toBe('allowed');
    const moderator = person({ roles: [{ role: 'moderator', entityCode: null }] });
    expect(reason(consultationsPermissions.moderate(ctx({ entityCode: 'sdp', state: 'open', secret: true }, moderator)))).toBe('phase_closed');
    expect(reason(consultationsPermissions.moderate(ctx({ entityCode: 'sdp', state: 'closed', secret: true }, moderator)))).toBe('allowed');
  });
});

describe('states and Bogotá times', () => {
  const dated = { published_at: new Date('2026-01-01'), opens_at: new Date('2026-06-01T13:00:00Z'), closes_at: new Date('2026-06-30T23:00:00Z') };
  it('derives the state from the dates alone', () => {
    expect(stateOf({ ...dated, published_at: null }, NOW)).toBe('draft');
    expect(stateOf(dated, new Date('2026-05-01'))).toBe('upcoming');
    expect(stateOf(dated, NOW)).toBe('open');
    expect(stateOf(dated, new Date('2026-06-30T23:00:00Z'))).toBe('closed');
  });
  it('shows results when closed, or early only for public consultations', () => {
    expect(resultsVisible({ ...dated, secret: true, results_published_at: null }, NOW)).toBe(false);
    expect(resultsVisible({ ...dated, secret: false, results_published_at: NOW }, NOW)).toBe(true);
    expect(resultsVisible({ ...dated, secret: true, results_published_at: null }, new Date('2026-07-01'))).toBe(true);
  });
  it('reads times typed in Bogotá (UTC−5, no daylight saving) and rejects impossible dates', () => {
    expect(parseBogotaDateTime('2026-07-01T08:00')?.toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(parseBogotaDateTime('2026-02-30T08:00')).toBeNull();
    expect(parseBogotaDateTime('1/7/2026 8:00')).toBeNull();
    expect(toBogotaInput(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31T18:30');
  });
});

describe('the minimum group size', () => {
  it('hides groups under 10 and, when only one is hidden, the next smallest too', () => {
    const groups = protectCounts(['a', 'b', 'c', 'd'], new Map([['a', 30], ['b', 12], ['c', 4], ['d', 0]]));
    expect(groups).toEqual([
      { key: 'a', count: 30, withheld: null },
      { key: 'b', count: null, withheld: 'complement' },
      { key: 'c', count: null, withheld: 'small' },
    ]);
    expect(protectCounts(['a', 'b', 'c'], new Map([['a', 30], ['b', 3], ['c', 2]])).map((g) => g.withheld)).toEqual([null, 'small', 'small']);
  });
});

describe('CSV', () => {
  it('reads commas or semicolons, quotes, CRLF and a byte order mark', () => {
    expect(parseCsv('\uFEFFa;b\r\n"x;1";"dijo ""sí"""\r\n\r\n3;\n').rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x;1', 'dijo "sí"'] },
      { line: 4, cells: ['3', ''] },
    ]);
    expect(parseCsv('a,b\n"una\nlínea",2\nz,3').rows.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(() => parseCsv('a,b\n"abierta,2')).toThrow(CsvError);
    expect(() => decodeUtf8(Buffer.from([0x61, 0xe9, 0x0a]))).toThrow(CsvError);
  });
  it('writes cells a spreadsheet will not run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell(-3)).toBe('-3');
  });
});
