/**
 * Small instances whose outcomes are derived by hand from pb-rules.md (the derivations are in
 * the comments). Where pabutools' test_rule.py gives an expected outcome, it is noted; pabutools
 * breaks ties lexicographically by id, our §4 order is cost ↑, votes ↓, id ↑ (code points).
 */
import { describe, expect, it } from 'vitest';
import { Add1NonTerminationError } from './add1.ts';
import { approvalElectionFromPb, prepareElection, TallyInputError, type ApprovalElection } from './election.ts';
import { parsePabulib } from './pabulib.ts';
import { q, Rational } from './rational.ts';
import { RULES, ruleForPabulibMeta, tally, UnknownRuleError } from './rules.ts';
import { election, HAS_SAMPLES, randomElection, readSample, referenceTally } from './tally.test-support.ts';
import { compareCodePoints } from './tie-break.ts';

const selected = (e: ApprovalElection, rule: string) => tally(e, rule).selected;
const sorted = (ids: string[]) => [...ids].sort();
const outcome = (e: ApprovalElection, rule: string, id: string) => tally(e, rule).projects.find((p) => p.id === id)!;

/** The hand-made and pabutools instances are in ../shared; they are small, so they are inlined here too. */
const APPEX2 = election(4, { p0: 1, p1: '0.9', p2: 2, p3: '1.09' }, ['p0', 'p1,p2,p3', 'p1,p2,p3', 'p2']);
const APPEX3 = election(4, { p0: 1, p1: '0.9', p2: 2, p3: '1.09', p4: '1.09', p5: '1.09' }, ['p0', 'p1,p2,p3', 'p1,p2,p3', 'p2']);
const APPEX4 = election(2, { p0: 0, p1: 1, p2: 2 }, ['p0', 'p0,p1,p2', 'p2']);
const LACKNER_SKOWRON = election(4, { a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1 }, ['a,b', 'a,b', 'a,b', 'a,c', 'a,c', 'a,c', 'a,d', 'a,d', 'b,c,f', 'e', 'f', 'g']);
const COMPLETION = election(5, { a: 1, b: 2, c: 2, d: 1, e: 1, f: 1 }, ['a,b', 'a,b', 'a', 'a,c', 'a,c', 'a,c', 'a,d', 'a,d', 'f', 'e']);
const EDGE = election(100, { A: 60, B: 30, Z: 10, Y: 50 }, ['A', 'A', 'B', '']);

describe('RULES and tally()', () => {
  it('lists every rule with a Spanish and an English label', () => {
    expect(RULES.map((r) => r.name)).toEqual(['greedy', 'mes-cost', 'mes-card', 'mes-cost-u', 'mes-cost-add1u', 'mes-cost-add1u-eqtool', 'mes-cost-add1u-noexh', 'mes-card-add1u']);
    for (const rule of RULES) {
      expect(rule.label.es.length).toBeGreaterThan(10);
      expect(rule.label.en.length).toBeGreaterThan(10);
    }
    expect(RULES.find((r) => r.name === 'mes-cost-add1u')!.label.es).toContain('Método de Partes Iguales (utilidad = costo) con Add1 y completación utilitaria');
  });

  it('rejects an unknown rule and ballots naming unknown or repeated projects', () => {
    expect(() => tally(APPEX2, 'mes')).toThrow(UnknownRuleError);
    expect(() => tally(election(1, { a: 1 }, ['b']), 'greedy')).toThrow(TallyInputError);
    expect(() => tally(election(1, { a: 1 }, ['a,a']), 'greedy')).toThrow('project «a» appears twice in ballot 1');
    expect(() => tally({ ...APPEX2, projects: [...APPEX2.projects, APPEX2.projects[0]!] }, 'greedy')).toThrow('repeated project_id «p0»');
  });

  it('maps the META rule of a file to the rule that reproduces it, or asks for one', () => {
    expect(ruleForPabulibMeta('greedy')).toBe('greedy');
    expect(ruleForPabulibMeta(' equalshares/add1 ')).toBe('mes-cost-add1u-noexh');
    for (const other of ['greedy-no-skip', 'equalshares', 'equalshares/add1-comparison', 'unknown', undefined]) expect(ruleForPabulibMeta(other)).toBeNull();
  });

  it('accepts grouped ballots (a count of identical ballots) with the same result', () => {
    const grouped: ApprovalElection = {
      ...LACKNER_SKOWRON,
      ballots: [
        { approvals: ['a', 'b'], count: 3 },
        { approvals: ['a', 'c'], count: 3 },
        { approvals: ['a', 'd'], count: 2 },
        ['b', 'c', 'f'],
        ['e'],
        { approvals: ['f'], count: 1 },
        { approvals: ['g'], count: 1 },
        { approvals: ['g'], count: 0 },
      ],
    };
    for (const { name } of RULES) expect(tally(grouped, name), name).toEqual(tally(LACKNER_SKOWRON, name));
    expect(prepareElection(grouped).n).toBe(12);
  });

  it('compares ids by code points', () => {
    expect(compareCodePoints('10', '9')).toBe(-1);
    expect(compareCodePoints('Z', 'a')).toBe(-1);
    expect(compareCodePoints('a', 'ñ')).toBe(-1);
    // U+1F600 is above U+FFFF, although its first UTF-16 unit (0xD83D) is below 0xFF5E.
    expect(compareCodePoints('\uff5e', '\u{1f600}')).toBe(-1);
    expect('\uff5e' < '\u{1f600}').toBe(false);
    expect(compareCodePoints('ab', 'a')).toBe(1);
  });
});

describe('greedy', () => {
  it('takes projects by votes, skips those that do not fit and keeps going (pabulib format example)', () => {
    // Votes: 4 → 6, 5 → 5, 2 → 4, 1 → 4, 7 → 3. Budget 2500: 4 (1400) fits, 5 (1000) fits (2400),
    // then 2 and 1 tie on 4 votes: cost puts 1 (600) before 2 (800); neither fits in 100; 7 neither.
    const pb = parsePabulib(readFileOr('pabulib-format-example.pb', FORMAT_EXAMPLE));
    const result = tally(approvalElectionFromPb(pb).election, 'greedy');
    expect(result.selected).toEqual(['4', '5']);
    expect(result.ties).toEqual([{ stage: 'greedy', criterion: 'votes', value: '4', projects: ['1', '2'], decidedBy: ['cost'], mixedOutcome: false }]);
    const one = result.projects.find((p) => p.id === '1')!;
    expect(one).toMatchObject({ selected: false, reason: 'over-remaining-budget', votes: 4, selectionOrder: null });
    expect(one.remainingBudget).toEqual(q(100));
    expect(result.projects.find((p) => p.id === '5')).toMatchObject({ selected: true, reason: 'selected-greedy', selectionOrder: 2, remainingBudget: q(1100) });
    expect(result.totalCost).toEqual(q(2400));
    expect(result.mes).toBeNull();
  });

  it('breaks a tie on votes by cost first: the cheaper project is considered first', () => {
    const e = election(10, { X: 6, Y: 5 }, ['X', 'X', 'Y', 'Y']);
    expect(selected(e, 'greedy')).toEqual(['Y']);
    expect(tally(e, 'greedy').ties[0]).toMatchObject({ projects: ['Y', 'X'], decidedBy: ['cost'], mixedOutcome: true });
  });

  it('breaks a tie on votes and cost by id, comparing code points ("10" before "9")', () => {
    const e = election(5, { '9': 5, '10': 5 }, ['9', '10']);
    expect(selected(e, 'greedy')).toEqual(['10']);
    expect(tally(e, 'greedy').ties[0]).toMatchObject({ projects: ['10', '9'], decidedBy: ['id'], mixedOutcome: true });
  });

  it('funds projects without votes last, if they still fit (edge-empty-ballot-zero-vote.pb)', () => {
    // A (2 votes, 60) → 60; B (1 vote, 30) → 90; Z and Y have 0 votes: Z (10) before Y (50) by
    // cost; Z fits (100), Y does not.
    const result = tally(EDGE, 'greedy');
    expect(result.selected).toEqual(['A', 'B', 'Z']);
    expect(result.projects.find((p) => p.id === 'Y')).toMatchObject({ reason: 'over-remaining-budget', votes: 0, remainingBudget: q(0) });
  });

  it('always selects a project of cost 0 (pabutools approval example 4: {p0, p2})', () => {
    // p0 and p2 tie on 2 votes; p0 costs 0, so it goes first; p2 (2) fits; p1 (1 vote) does not.
    expect(sorted(selected(APPEX4, 'greedy'))).toEqual(['p0', 'p2']);
  });

  it('runs on an election without ballots', () => {
    const e = election(3, { a: 2, b: 2 }, []);
    expect(selected(e, 'greedy')).toEqual(['a']);
    expect(tally(e, 'mes-cost').selected).toEqual([]);
    expect(tally(e, 'mes-cost-u').selected).toEqual(['a']);
  });
});

describe('Method of Equal Shares', () => {
  it('pabutools approval example 2: cost {p0, p2}, cardinality {p0, p1, p3}', () => {
    // n = 4, B = 4: each voter has 1. Cost utilities, ρ = q / cost: p2 (3 supporters, q = 2/3,
    // ρ = 1/3) beats p1 and p3 (q = 0.45 and 0.545, ρ = 1/2) and p0 (ρ = 1). After p2, v1 and v2
    // have 1/3 each: 2/3 < 0.9, so p1 and p3 are unaffordable; p0 is paid by v0.
    expect(selected(APPEX2, 'mes-cost')).toEqual(['p2', 'p0']);
    // Cardinality: ρ = q: p1 (0.45) first, then p3 (0.545; v1, v2 have 0.55 left), then p0 (1);
    // p2 then costs 2 but its supporters have 0.005 + 0.005 + 1.
    expect(selected(APPEX2, 'mes-card')).toEqual(['p1', 'p3', 'p0']);
    const p2 = outcome(APPEX2, 'mes-cost', 'p2');
    expect(p2.mes).toEqual({ round: 1, maxPayment: Rational.of(2n, 3n), rho: Rational.of(1n, 3n), payers: { full: 3, partial: 0, none: 0 } });
    const p1 = outcome(APPEX2, 'mes-cost', 'p1');
    expect(p1).toMatchObject({ selected: false, reason: 'supporters-exhausted' });
    expect(p1.supportersBudget).toEqual(Rational.of(2n, 3n));
  });

  it('pabutools approval example 3: projects without votes change nothing', () => {
    expect(sorted(selected(APPEX3, 'mes-cost'))).toEqual(['p0', 'p2']);
    expect(sorted(selected(APPEX3, 'mes-card'))).toEqual(['p0', 'p1', 'p3']);
    expect(outcome(APPEX3, 'mes-cost', 'p4').reason).toBe('no-votes');
  });

  it('pabutools approval example 4: a project of cost 0 (cost {}, cardinality {p0})', () => {
    // Each voter has 2/3. p1: v1 alone has 2/3 < 1; p2: v1 + v2 have 4/3 < 2. With cost
    // utilities p0 gives no utility and is never selected; with cardinality it is free (round 0).
    expect(selected(APPEX4, 'mes-cost')).toEqual([]);
    expect(outcome(APPEX4, 'mes-cost', 'p0').reason).toBe('zero-cost');
    expect(selected(APPEX4, 'mes-card')).toEqual(['p0']);
    expect(outcome(APPEX4, 'mes-card', 'p0').mes?.round).toBe(0);
    // The completion adds p0 (0) and p2 (2 votes, 2) in the votes order: {p0, p2}.
    expect(sorted(selected(APPEX4, 'mes-cost-u'))).toEqual(['p0', 'p2']);
  });

  it('Lackner & Skowron running example: MES selects only a (pabutools: {a})', () => {
    // Each voter has 1/3; a has 8 supporters: q = 1/8. Afterwards b's supporters have 3·(5/24)+1/3 < 1.
    expect(selected(LACKNER_SKOWRON, 'mes-cost')).toEqual(['a']);
    expect(selected(LACKNER_SKOWRON, 'mes-card')).toEqual(['a']);
  });

  it('counts empty ballots as voters (edge-empty-ballot-zero-vote.pb)', () => {
    // n = 4, each has 25: A needs 60 from two voters (50), B 30 from one (25): nothing is affordable.
    expect(selected(EDGE, 'mes-cost')).toEqual([]);
    expect(outcome(EDGE, 'mes-cost', 'A')).toMatchObject({ reason: 'supporters-exhausted', supportersBudget: q(50) });
    expect(outcome(EDGE, 'mes-cost', 'Z').reason).toBe('no-votes');
    // Without the empty ballot each of the 3 voters has 33⅓: A (q = 30, ρ = 1/2), then B (ρ = 1).
    const withoutEmpty = { ...EDGE, ballots: EDGE.ballots.slice(0, 3) };
    expect(selected(withoutEmpty, 'mes-cost')).toEqual(['A', 'B']);
    expect(tally(EDGE, 'mes-cost').voters).toBe(4);
  });

  it('a voter whose budget equals the share pays it in full (exact ≤)', () => {
    // B = 60, n = 2: each has 30, A costs 60: q = 30 = b_i, affordable.
    expect(selected(election(60, { A: 60 }, ['A', 'A']), 'mes-cost')).toEqual(['A']);
    expect(selected(election('59.99', { A: 60 }, ['A', 'A']), 'mes-cost')).toEqual([]);
  });

  it('splits the cost when some supporters cannot pay the equal share', () => {
    // n = 4, B = 12: 3 each. Round 1: Q (6; v1, v2, v4) q = 2, ρ = 1/3 beats P (4; v1, v3) q = 2,
    // ρ = 1/2. Round 2: P: v1 has 1 left < 2, pays it all; v3 pays the other 3 (q = 3 ≤ 3), ρ = 3/4.
    const e = election(12, { P: 4, Q: 6 }, ['P,Q', 'Q', 'P', 'Q']);
    const result = tally(e, 'mes-cost');
    expect(result.selected).toEqual(['Q', 'P']);
    expect(result.projects[0]!.mes).toEqual({ round: 2, maxPayment: q(3), rho: Rational.of(3n, 4n), payers: { full: 1, partial: 1, none: 0 } });
    expect(result.projects[1]!.mes).toEqual({ round: 1, maxPayment: q(2), rho: Rational.of(1n, 3n), payers: { full: 3, partial: 0, none: 0 } });
  });

  it('breaks a tie on ρ by cost: the cheaper project wins (and here decides the outcome)', () => {
    // n = 2, B = 4: 2 each. A (2) and B (4) both approved by v1, v2: q_A = 1, q_B = 2, ρ = 1/2 for
    // both. A goes first (cheaper); then v1, v2 have 1 each: 2 < 4, B is unaffordable.
    const e = election(4, { A: 2, B: 4 }, ['A,B', 'A,B']);
    const result = tally(e, 'mes-cost');
    expect(result.selected).toEqual(['A']);
    expect(result.ties).toEqual([{ stage: 'mes', criterion: 'rho', value: '1/2', projects: ['A', 'B'], decidedBy: ['cost'], round: 1, mixedOutcome: true }]);
  });

  it('breaks a tie on ρ and cost by votes: more supporters win even when some have no money left', () => {
    // n = 8, B = 16: 2 each. Round 1: X (10; v1, v8–v11) q = 2, ρ = 1/5 beats B (6; v1–v4,
    // q = 1.5, ρ = 1/4) and A (6; v2–v4, ρ = 1/3). X empties v1. Round 2: A and B both have three
    // supporters with money (q = 2, ρ = 1/3) and cost 6; B has 4 votes, A 3: B wins, A is then
    // unaffordable (lexicographic order would have picked A).
    const e = election(16, { A: 6, B: 6, X: 10 }, ['X,B', 'A,B', 'A,B', 'A,B', 'X', 'X', 'X', 'X']);
    const result = tally(e, 'mes-cost');
    expect(result.selected).toEqual(['X', 'B']);
    expect(result.ties).toEqual([{ stage: 'mes', criterion: 'rho', value: '1/3', projects: ['B', 'A'], decidedBy: ['votes'], round: 2, mixedOutcome: true }]);
    expect(result.projects.find((p) => p.id === 'B')!.mes?.payers).toEqual({ full: 3, partial: 0, none: 1 });
  });

  it('breaks a full tie by id, by code points ("p10" before "p9")', () => {
    const e = election(4, { p9: 4, p10: 4 }, ['p9,p10', 'p9,p10']);
    expect(selected(e, 'mes-cost')).toEqual(['p10']);
    expect(tally(e, 'mes-cost').ties[0]).toMatchObject({ projects: ['p10', 'p9'], decidedBy: ['id'] });
    expect(selected(e, 'mes-card')).toEqual(['p10']);
  });

  it('cardinality utilities prefer cheap projects where cost utilities prefer popular ones', () => {
    // n = 2, B = 10: 5 each. Big (6, both) ρ_cost = 3/6 = 1/2, ρ_card = 3; S1 (2, v1) ρ_cost = 1,
    // ρ_card = 2; S2 likewise. Cost: Big first, then S1 and S2 (2 left each, tie by id).
    const e = election(10, { Big: 6, S1: 2, S2: 2 }, ['Big,S1', 'Big,S2']);
    expect(selected(e, 'mes-cost')).toEqual(['Big', 'S1', 'S2']);
    // Cardinality: S1, S2 first (ρ = 2 each, tie by id), then Big: 3 + 3 = 6 ≥ 6, q = 3.
    expect(selected(e, 'mes-card')).toEqual(['S1', 'S2', 'Big']);
  });
});

describe('completion and Add1', () => {
  it('utilitarian completion after MES (pabutools test_completion instance)', () => {
    // MES: a (8 supporters, q = 1/8) only. Then by votes: c (3) → 3 spent; d and b tie on 2: d is
    // cheaper → 4; b (2) does not fit; e and f tie on 1 vote and cost: e by id → 5.
    // (pabutools, lexicographic ties, gives {a, b, c}.)
    const result = tally(COMPLETION, 'mes-cost-u');
    expect(result.selected).toEqual(['a', 'c', 'd', 'e']);
    expect(result.projects.find((p) => p.id === 'a')!.reason).toBe('selected-mes');
    expect(result.projects.find((p) => p.id === 'c')).toMatchObject({ reason: 'selected-completion', remainingBudget: q(4) });
    expect(result.projects.find((p) => p.id === 'b')).toMatchObject({ reason: 'over-remaining-budget', remainingBudget: q(1) });
    expect(result.ties.map((t) => [t.stage, t.projects, t.decidedBy])).toEqual([
      ['completion', ['d', 'b'], ['cost']],
      ['completion', ['e', 'f'], ['id']],
    ]);
  });

  it('Add1 variant A on Lackner & Skowron: MES(1/3) = {a}, MES(4/3) selects all (over budget) → {a} + completion', () => {
    // E = 4/3 funds all 7 projects (cost 7 > 4), so the E = 1/3 outcome is kept: 2 runs.
    // Completion: b and c tie (4 votes) → b, c by id; d and f tie (2 votes) → d: {a, b, c, d}.
    const result = tally(LACKNER_SKOWRON, 'mes-cost-add1u');
    expect(sorted(result.selected)).toEqual(['a', 'b', 'c', 'd']);
    expect(result.mes).toMatchObject({ add1Variant: 'A', runs: 2, endowment: Rational.of(1n, 3n), spent: q(1), shortcut: false });
  });

  it('Add1 variant A on approval example 2: E = 1 kept, completion adds p1 → {p0, p1, p2}', () => {
    // E = 1: {p2, p0} (cost 3) leaves 1 and p1 (0.9) fits: not exhaustive. E = 2 selects all four
    // (4.99 > 4): keep E = 1. Completion: p1 (2 votes, 0.9) before p3 (2 votes, 1.09) by cost.
    const result = tally(APPEX2, 'mes-cost-add1u');
    expect(sorted(result.selected)).toEqual(['p0', 'p1', 'p2']);
    expect(result.mes?.runs).toBe(2);
    expect(sorted(selected(APPEX3, 'mes-cost-add1u'))).toEqual(['p0', 'p1', 'p2']);
  });

  it('Add1 on the edge sample: A stops at E = 30 (6 runs); B and C never stop and say so', () => {
    // E = 25..29: nothing affordable, A (60) fits: not exhaustive. E = 30: A (q = 30, ρ = 1/2) and
    // B (ρ = 1) → cost 90, no other candidate: exhaustive. Completion adds Z (10).
    const a = tally(EDGE, 'mes-cost-add1u');
    expect(a.selected).toEqual(['A', 'B', 'Z']);
    expect(a.mes).toMatchObject({ runs: 6, endowment: q(30) });
    expect(a.projects.find((p) => p.id === 'Z')!.reason).toBe('selected-completion');
    // B: at E = 30 every voted project is selected, and Z (no votes, 10) still fits the 10 left.
    expect(() => tally(EDGE, 'mes-cost-add1u-eqtool')).toThrow(Add1NonTerminationError);
    // C: the voted projects cost 90 ≤ 100, so raising the endowment never exceeds the budget.
    expect(() => tally(EDGE, 'mes-cost-add1u-noexh')).toThrow(/variant C\) does not terminate/);
  });

  it('Add1 with cardinality utilities on the edge sample', () => {
    // Same scan up to E = 30, but ρ = q: A (q = 30) and B (q = 30) tie; B is cheaper, so B first.
    const result = tally(EDGE, 'mes-card-add1u');
    expect(result.selected).toEqual(['B', 'A', 'Z']);
    expect(result.ties[0]).toEqual({ stage: 'mes', criterion: 'rho', value: '30', projects: ['B', 'A'], decidedBy: ['cost'], round: 1, mixedOutcome: false });
  });

  it('Add1 skips the search when every project fits, for all variants', () => {
    const e = election(10, { a: 3, b: 3, c: 4 }, ['a', 'a,b', '']);
    for (const rule of ['mes-cost-add1u', 'mes-cost-add1u-eqtool', 'mes-cost-add1u-noexh', 'mes-card-add1u']) {
      const result = tally(e, rule);
      expect(sorted(result.selected), rule).toEqual(['a', 'b', 'c']);
      expect(result.mes, rule).toMatchObject({ runs: 1, shortcut: true });
    }
    // Without the shortcut variant A scans until MES selects every candidate: same outcome.
    expect(sorted(tally(e, 'mes-cost-add1u', { shortcut: false }).selected)).toEqual(['a', 'b', 'c']);
  });

  it('the three Add1 variants start and stop at different endowments', () => {
    // n = 2, B = 5. a (3; v1, v2), b (2; v1), c (4; v2). MES(E): a first (ρ = 1/2); b needs v1 to
    // keep 2 after paying 1.5 (E ≥ 3.5); c needs v2 to keep 4 (E ≥ 5.5).
    const e = election(5, { a: 3, b: 2, c: 4 }, ['a,b', 'a,c']);
    // A: E = 5/2 → {a}, b fits in the 2 left: go on; E = 7/2 → {a, b}, cost 5: exhaustive. 2 runs.
    expect(tally(e, 'mes-cost-add1u').mes).toMatchObject({ runs: 2, endowment: Rational.of(7n, 2n), spent: q(5) });
    // B: E = 2 → {a}; E = 3 → {a} (fits); E = 4 → {a, b}, nothing left to fit: stop. 3 runs.
    expect(tally(e, 'mes-cost-add1u-eqtool').mes).toMatchObject({ runs: 3, endowment: q(4), spent: q(5) });
    // C: also E = 5 → {a, b} (fits); E = 6 → {a, b, c} costs 9 > 5: keep E = 5. 5 runs.
    expect(tally(e, 'mes-cost-add1u-noexh').mes).toMatchObject({ runs: 5, endowment: q(5), spent: q(5) });
    for (const rule of ['mes-cost-add1u', 'mes-cost-add1u-eqtool', 'mes-cost-add1u-noexh']) expect(selected(e, rule), rule).toEqual(['a', 'b']);
    expect(selected(e, 'mes-cost')).toEqual(['a']);
  });

  it('reports the rule, its label, budget and totals', () => {
    const result = tally(APPEX2, 'mes-cost-add1u');
    expect(result).toMatchObject({ rule: 'mes-cost-add1u', budget: q(4), voters: 4, warnings: [] });
    expect(result.totalCost).toEqual(q('3.9'));
    expect(result.label.en).toContain('variant A');
    expect(tally(APPEX2, 'mes-cost', { warnings: ['x'] }).warnings).toEqual(['x']);
  });
});

describe('the optimised engine agrees with the naive reference implementation', () => {
  it('on 400 random small elections full of ties, for every rule', () => {
    let compared = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const e = randomElection(seed);
      for (const { name } of RULES) {
        const expected = referenceTally(e, name);
        let actual: { selected: string[]; runs: number | null } | 'error';
        try {
          const result = tally(e, name);
          actual = { selected: sorted(result.selected), runs: result.mes?.runs ?? null };
        } catch (error) {
          if (!(error instanceof Add1NonTerminationError)) throw error;
          actual = 'error';
        }
        expect(actual, `seed ${seed}, ${name}`).toEqual(expected);
        compared++;
      }
    }
    expect(compared).toBe(400 * RULES.length);
  });
});

const FORMAT_EXAMPLE = `META
key; value
budget; 2500
rule; greedy
vote_type; approval
PROJECTS
project_id; cost; category
1; 600; culture, education
2; 800; sport
4; 1400; culture
5; 1000; health, sport
7; 1200; education
VOTES
voter_id; age; sex; vote
1; 34; f; 1,2,4
2; 51; m; 1,2
3; 23; m; 2,4,5
4; 19; f; 5,7
5; 62; f; 1,4,7
6; 54; m; 1,7
7; 49; m; 5
8; 27; f; 4
9; 39; f; 2,4,5
10; 44; m; 4,5
`;

/** The sample when ../shared is there (so the test reads the real file), else the inlined copy. */
function readFileOr(name: string, fallback: string): string {
  return HAS_SAMPLES ? readSample(name) : fallback;
}
