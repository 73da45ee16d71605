import { describe, expect, it } from 'vitest';
import { formatCop } from '../../core/i18n/i18n.ts';
import { ballotLimits } from './ballot-config.ts';
import { ballotErrorMessage, marksFromChoices, marksFromForm, marksFromPaperLine, validateBallot, type BallotMarks, type Candidate } from './ballot-validation.ts';
import type { BallotConfig, BallotRule } from './participatory-budgets.schema.ts';

const CANDIDATES: Candidate[] = [
  { id: 'p3', number: 3, title: 'Parque', cost: 300_000_000 },
  { id: 'p7', number: 7, title: 'Biblioteca', cost: 500_000_000 },
  { id: 'p12', number: 12, title: 'Ciclorruta', cost: 250_000_000 },
  { id: 'p15', number: 15, title: 'Huerta', cost: 100_000_000 },
];
const BUDGET = 1_000_000_000;

const check = (rule: BallotRule, marks: BallotMarks, config: BallotConfig = {}) => validateBallot(rule, ballotLimits(rule, config), BUDGET, CANDIDATES, marks);
const codes = (result: ReturnType<typeof check>) => result.errors.map((e) => e.code);
const ticks = (...numbers: number[]): BallotMarks => Object.fromEntries(numbers.map((n) => [String(n), '1']));

describe('ballot validation, rule by rule', () => {
  it('approval accepts up to K projects (2023: 6), each with value 1, ordered by number', () => {
    const ok = check('approval', ticks(12, 3), { maxChoices: 2 });
    expect(ok.errors).toEqual([]);
    expect(ok.choices).toEqual([
      { proposalId: 'p3', number: 3, position: 0, value: 1 },
      { proposalId: 'p12', number: 12, position: 1, value: 1 },
    ]);
    expect(codes(check('approval', ticks(3, 7, 12), { maxChoices: 2 }))).toEqual(['too_many']);
    expect(check('approval', ticks(3, 7, 12), { maxChoices: 2 }).errors[0]!.vars).toEqual({ count: 3, max: 2 });
    expect(ballotLimits('approval', {}).maxChoices).toBe(6);
  });

  it('every rule refuses an empty ballot and projects that are not candidates (unknown or non-viable)', () => {
    for (const rule of ['approval', 'knapsack', 'wallet', 'cumulative', 'ranking'] as const) {
      expect(codes(check(rule, {})), rule).toEqual(['empty']);
      const stranger = { '99': '1' };
      expect(codes(check(rule, stranger)), rule).toEqual(['unknown_project']);
      expect(check(rule, stranger).errors[0]!.vars).toEqual({ number: '99' });
      expect(codes(check(rule, { abc: '1' })), rule).toEqual(['unknown_project']);
    }
  });

  it('knapsack accepts projects whose total cost fits the envelope and refuses going over it', () => {
    expect(check('knapsack', ticks(3, 7, 15)).errors).toEqual([]);
    const over = check('knapsack', ticks(3, 7, 12));
    expect(codes(over)).toEqual(['over_budget']);
    expect(over.errors[0]!.vars).toEqual({ total: 1_050_000_000, budget: BUDGET });
    expect(ballotErrorMessage('es', over.errors[0]!)).toEqual({
      key: 'participatory-budgets.voting.errors.over_budget',
      vars: { total: formatCop('es', 1_050_000_000), budget: formatCop('es', BUDGET) },
    });
  });

  it('knapsack with a minimum share refuses ballots that use too little of the envelope', () => {
    const below = check('knapsack', ticks(15), { minShare: 0.5 });
    expect(codes(below)).toEqual(['below_min_share']);
    expect(below.errors[0]!.vars).toEqual({ total: 100_000_000, min: 500_000_000, share: 50 });
    expect(check('knapsack', ticks(7, 15), { minShare: 0.5 }).errors).toEqual([]);
  });

  it('wallet (2020): 1,000,000 in supports of 100,000, each to a different project, stored as the support amount', () => {
    const limits = ballotLimits('wallet', {});
    expect([limits.walletTotal, limits.supportSize]).toEqual([1_000_000, 100_000]);
    const ok = check('wallet', ticks(3, 7));
    expect(ok.choices.map((c) => c.value)).toEqual([100_000, 100_000]);
    expect(codes(check('wallet', ticks(3, 7, 12), { walletTotal: 200_000, supportSize: 100_000 }))).toEqual(['too_many']);
    // A second support to the same project cannot be expressed: a ticked box is one support.
    expect(codes(check('wallet', { '3': '2' }))).toEqual(['format']);
  });

  it('cumulative spreads at most N points, at most the maximum on one project, whole numbers only', () => {
    const ok = check('cumulative', { '3': '4', '7': '6', '12': '0', '15': '' }, { points: 10, maxPerProject: 6 });
    expect(ok.errors).toEqual([]);
    expect(ok.choices.map((c) => [c.number, c.value])).toEqual([
      [3, 4],
      [7, 6],
    ]);
    const over = check('cumulative', { '3': '6', '7': '6' }, { points: 10, maxPerProject: 6 });
    expect(codes(over)).toEqual(['points_over']);
    expect(over.errors[0]!.vars).toEqual({ used: 12, points: 10 });
    const perProject = check('cumulative', { '3': '7' }, { points: 10, maxPerProject: 6 });
    expect(perProject.errors).toEqual([{ code: 'points_per_project', number: '3', vars: { value: 7, max: 6 } }]);
    for (const bad of ['-1', '2.5', 'tres']) expect(codes(check('cumulative', { '3': bad })), bad).toEqual(['points_invalid']);
  });

  it('ranking orders up to K projects, refuses duplicate and out-of-range ranks, and stores ranks compacted', () => {
    const ok = check('ranking', { '7': '1', '3': '3' }, { maxChoices: 3 });
    expect(ok.errors).toEqual([]);
    expect(ok.choices).toEqual([
      { proposalId: 'p7', number: 7, position: 0, value: 1 },
      { proposalId: 'p3', number: 3, position: 1, value: 2 },
    ]);
    const duplicate = check('ranking', { '3': '1', '7': '1', '12': '2' }, { maxChoices: 3 });
    expect(duplicate.errors).toEqual([{ code: 'duplicate_rank', number: '7', vars: { rank: 1, other: 3 } }]);
    expect(codes(check('ranking', { '3': '4' }, { maxChoices: 3 }))).toEqual(['rank_invalid']);
    expect(codes(check('ranking', { '3': '0' }, { maxChoices: 3 }))).toEqual(['rank_invalid']);
  });
});

describe('reading ballots from a form and from a paper tally line', () => {
  it('reads ticked projects, points and ranks from form fields, ignoring empty ones', () => {
    expect(marksFromForm('approval', { proyecto: ['3', '12'], _csrf: 'x' })).toEqual({ '3': '1', '12': '1' });
    expect(marksFromForm('knapsack', { proyecto: '7' })).toEqual({ '7': '1' });
    expect(marksFromForm('cumulative', { 'puntos-3': ' 4 ', 'puntos-7': '', proyecto: '9' })).toEqual({ '3': '4' });
    expect(marksFromForm('ranking', { 'puesto-3': '2', 'puesto-7': '1', 'puesto-12': '' })).toEqual({ '3': '2', '7': '1' });
  });

  it('reads paper lines with spaces, commas or semicolons, points as n:p and ranks by order or n:r', () => {
    expect(marksFromPaperLine('approval', '3, 7;12')).toEqual({ marks: { '3': '1', '7': '1', '12': '1' }, errors: [] });
    expect(marksFromPaperLine('cumulative', '3:4 7:6')).toEqual({ marks: { '3': '4', '7': '6' }, errors: [] });
    expect(marksFromPaperLine('ranking', '12 3 7').marks).toEqual({ '12': '1', '3': '2', '7': '3' });
    expect(marksFromPaperLine('ranking', '12:2 3:1').marks).toEqual({ '12': '2', '3': '1' });
    expect(marksFromPaperLine('cumulative', '3 7').errors.map((e) => e.code)).toEqual(['format', 'format']);
    expect(marksFromPaperLine('approval', '3 3').errors).toEqual([{ code: 'duplicate_project', number: '3', vars: { number: '3' } }]);
    expect(marksFromPaperLine('approval', 'x7').errors).toEqual([{ code: 'format', vars: { token: 'x7' } }]);
  });

  it('turns stored choices back into the marks the form shows', () => {
    expect(marksFromChoices('approval', [{ number: 3, value: 1 }])).toEqual({ '3': '1' });
    expect(marksFromChoices('wallet', [{ number: 3, value: 100_000 }])).toEqual({ '3': '1' });
    expect(marksFromChoices('cumulative', [{ number: 3, value: 4 }])).toEqual({ '3': '4' });
    expect(marksFromChoices('ranking', [{ number: 7, value: 1 }])).toEqual({ '7': '1' });
  });
});
