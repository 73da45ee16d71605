/**
 * What makes a ballot valid under each ballot rule, shared by the online ballot (form fields) and
 * the paper tallies (one text line per ballot), so both channels accept exactly the same ballots.
 */
import { formatCop, formatNumber, type Locale } from '../../core/i18n/i18n.ts';
import type { BallotLimits } from './ballot-config.ts';
import type { BallotRule } from './participatory-budgets.schema.ts';

/** A proposal that can be voted: viable, in the envelope; cost = assessed cost, else estimated. */
export interface Candidate {
  id: string;
  number: number;
  title: string;
  cost: number;
}

/**
 * What a person marked, by proposal number as written: '1' for a ticked project (approval,
 * knapsack, wallet), the points (cumulative) or the rank (ranking). Kept as typed so a form with
 * errors shows back exactly what the person chose.
 */
export type BallotMarks = Record<string, string>;

/** One validated choice, ready to store: value = support amount (wallet), points, rank, else 1. */
export interface BallotChoice {
  proposalId: string;
  number: number;
  position: number;
  value: number;
}

export type BallotErrorCode =
  | 'empty'
  | 'format'
  | 'duplicate_project'
  | 'unknown_project'
  | 'too_many'
  | 'over_budget'
  | 'below_min_share'
  | 'points_invalid'
  | 'points_per_project'
  | 'points_over'
  | 'rank_invalid'
  | 'duplicate_rank';

export interface BallotError {
  code: BallotErrorCode;
  /** The project the error belongs to (its mark's field); absent when it is about the whole ballot. */
  number?: string;
  vars: Record<string, number | string>;
}

/** Rules where a person ticks projects (a checkbox each) rather than typing a number per project. */
export const ticksProjects = (rule: BallotRule) => rule === 'approval' || rule === 'knapsack' || rule === 'wallet';

/** Form field of one project's mark, also the id of its input. */
export function markField(rule: BallotRule, number: string | number): string {
  if (rule === 'cumulative') return `puntos-${number}`;
  if (rule === 'ranking') return `puesto-${number}`;
  return `proyecto-${number}`;
}

/** The id of the ballot as a whole (its fieldset): errors about the whole ballot link here. */
export const BALLOT_FIELD = 'papeleta';

/** How many projects a ballot may mark at most (wallet: one support per project). */
export function maxProjects(rule: BallotRule, limits: BallotLimits): number | null {
  if (rule === 'approval' || rule === 'ranking') return limits.maxChoices;
  if (rule === 'wallet') return Math.floor(limits.walletTotal / limits.supportSize);
  return null;
}

const MAX_MARKS = 500;

/** Reads the marks from a submitted ballot form (repeated names arrive as arrays). */
export function marksFromForm(rule: BallotRule, body: Record<string, unknown>): BallotMarks {
  const marks: BallotMarks = {};
  if (ticksProjects(rule)) {
    const raw = body.proyecto;
    const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    for (const value of values.slice(0, MAX_MARKS)) if (typeof value === 'string' && value.trim()) marks[value.trim()] = '1';
    return marks;
  }
  const prefix = rule === 'cumulative' ? 'puntos-' : 'puesto-';
  let count = 0;
  for (const [name, value] of Object.entries(body)) {
    if (!name.startsWith(prefix) || typeof value !== 'string' || !value.trim() || ++count > MAX_MARKS) continue;
    marks[name.slice(prefix.length)] = value.trim();
  }
  return marks;
}

/**
 * Reads one paper ballot as typed from a tally: proposal numbers separated by spaces, commas or
 * semicolons ("3 7 12"); with points for cumulative ("3:4 7:6"); for ranking either in order of
 * preference ("12 3 7") or with ranks ("12:1 3:2").
 */
export function marksFromPaperLine(rule: BallotRule, line: string): { marks: BallotMarks; errors: BallotError[] } {
  const tokens = line.split(/[\s,;]+/).filter(Boolean);
  const marks: BallotMarks = {};
  const errors: BallotError[] = [];
  tokens.forEach((token, index) => {
    const match = /^#?(\d{1,9})(?:[:=](\S*))?$/.exec(token);
    const needsValue = rule === 'cumulative';
    if (!match || (needsValue && match[2] === undefined) || (ticksProjects(rule) && match[2] !== undefined)) {
      errors.push({ code: 'format', vars: { token } });
      return;
    }
    const number = String(Number(match[1]));
    if (Object.hasOwn(marks, number)) {
      errors.push({ code: 'duplicate_project', number, vars: { number } });
      return;
    }
    marks[number] = match[2] ?? (rule === 'ranking' ? String(index + 1) : '1');
  });
  if (tokens.length === 0) errors.push({ code: 'empty', vars: {} });
  return { marks, errors };
}

const isWhole = (text: string) => /^\d{1,9}$/.test(text);

/**
 * Checks marks against the rule and its limits over the envelope's candidates. Returns the choices
 * to store (positions 0…n-1: by rank for ranking, else by proposal number) or every error found.
 */
export function validateBallot(
  rule: BallotRule,
  limits: BallotLimits,
  budget: number,
  candidates: readonly Candidate[],
  marks: BallotMarks,
): { choices: BallotChoice[]; errors: BallotError[] } {
  const byNumber = new Map(candidates.map((c) => [String(c.number), c]));
  const errors: BallotError[] = [];
  const marked: { candidate: Candidate; value: number }[] = [];
  for (const [number, raw] of Object.entries(marks)) {
    if (raw.trim() === '') continue;
    const candidate = byNumber.get(number);
    if (!candidate) {
      errors.push({ code: 'unknown_project', vars: { number } });
      continue;
    }
    if (rule === 'cumulative') {
      if (!isWhole(raw)) errors.push({ code: 'points_invalid', number, vars: { max: limits.maxPerProject } });
      else if (Number(raw) > limits.maxPerProject) errors.push({ code: 'points_per_project', number, vars: { value: Number(raw), max: limits.maxPerProject } });
      else if (Number(raw) > 0) marked.push({ candidate, value: Number(raw) });
    } else if (rule === 'ranking') {
      if (!isWhole(raw) || Number(raw) < 1 || Number(raw) > limits.maxChoices) errors.push({ code: 'rank_invalid', number, vars: { max: limits.maxChoices } });
      else marked.push({ candidate, value: Number(raw) });
    } else if (raw === '1') {
      marked.push({ candidate, value: rule === 'wallet' ? limits.supportSize : 1 });
    } else {
      errors.push({ code: 'format', vars: { token: `${number}:${raw}` } });
    }
  }

  if (rule === 'ranking') {
    const seen = new Map<number, Candidate>();
    for (const { candidate, value } of [...marked].sort((a, b) => a.candidate.number - b.candidate.number)) {
      if (seen.has(value)) errors.push({ code: 'duplicate_rank', number: String(candidate.number), vars: { rank: value, other: seen.get(value)!.number } });
      else seen.set(value, candidate);
    }
  }
  const max = maxProjects(rule, limits);
  if (max !== null && marked.length > max) errors.push({ code: 'too_many', vars: { count: marked.length, max } });
  if (rule === 'knapsack') {
    const total = marked.reduce((sum, m) => sum + m.candidate.cost, 0);
    if (total > budget) errors.push({ code: 'over_budget', vars: { total, budget } });
    else if (marked.length > 0 && limits.minShare > 0 && total < limits.minShare * budget) {
      errors.push({ code: 'below_min_share', vars: { total, min: Math.ceil(limits.minShare * budget), share: limits.minShare * 100 } });
    }
  }
  if (rule === 'cumulative') {
    const used = marked.reduce((sum, m) => sum + m.value, 0);
    if (used > limits.points) errors.push({ code: 'points_over', vars: { used, points: limits.points } });
  }
  if (marked.length === 0 && errors.length === 0) errors.push({ code: 'empty', vars: {} });
  if (errors.length > 0) return { choices: [], errors };

  // Ranks are stored compacted (1, 2, 3…) so a ballot ranking "1 and 3" means the same as "1 and 2".
  const ordered = rule === 'ranking' ? [...marked].sort((a, b) => a.value - b.value) : [...marked].sort((a, b) => a.candidate.number - b.candidate.number);
  const choices = ordered.map((m, position) => ({
    proposalId: m.candidate.id,
    number: m.candidate.number,
    position,
    value: rule === 'ranking' ? position + 1 : m.value,
  }));
  return { choices, errors: [] };
}

/** Turns stored choices back into marks (to show a person the ballot they cast before). */
export function marksFromChoices(rule: BallotRule, choices: readonly { number: number; value: number }[]): BallotMarks {
  return Object.fromEntries(choices.map((c) => [String(c.number), ticksProjects(rule) ? '1' : String(c.value)]));
}

/** The translation key and formatted variables of a ballot error (money as pesos, shares as %). */
export function ballotErrorMessage(locale: Locale, error: BallotError): { key: string; vars: Record<string, string | number> } {
  const vars: Record<string, string | number> = { ...error.vars };
  for (const money of ['total', 'budget', 'min'] as const) if (typeof vars[money] === 'number') vars[money] = formatCop(locale, vars[money] as number);
  if (typeof vars.share === 'number') vars.share = formatNumber(locale, vars.share as number, 1);
  return { key: `participatory-budgets.voting.errors.${error.code}`, vars };
}
