/**
 * Test helpers: the sample files in ../shared/pb-samples, and a deliberately naive reference
 * implementation of the rules written straight from pb-rules.md (one voter at a time, reduced
 * fractions, sorting supporters by budget, no grouping, no lazy ρ, no floats). The optimised
 * engine must agree with it exactly on every input.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ApprovalElection } from './election.ts';
import { parsePabulib, type PbElection } from './pabulib.ts';
import { Rational } from './rational.ts';
import { compareByTieOrder } from './tie-break.ts';

/** ../shared/pb-samples, next to the repository (see SOURCES.md there). */
export const SAMPLES_DIR = fileURLToPath(new URL('../../../../../shared/pb-samples/', import.meta.url));
export const HAS_SAMPLES = existsSync(SAMPLES_DIR);
export const SAMPLES_MISSING = `sample .pb files not found at ${SAMPLES_DIR}; sample tests skipped`;

export function sampleFiles(): string[] {
  return HAS_SAMPLES ? readdirSync(SAMPLES_DIR).filter((name) => name.endsWith('.pb')).sort() : [];
}

export function readSample(name: string): string {
  return readFileSync(`${SAMPLES_DIR}${name}`, 'utf8');
}

export function loadSample(name: string): PbElection {
  return parsePabulib(readSample(name));
}

/** Builds an election from `{ id: cost }` and ballots written as strings of comma-separated ids. */
export function election(budget: string | number, costs: Record<string, string | number>, ballots: string[]): ApprovalElection {
  return {
    budget: Rational.parse(String(budget)),
    projects: Object.entries(costs).map(([id, cost]) => ({ id, cost: Rational.parse(String(cost)) })),
    ballots: ballots.map((b) => (b === '' ? [] : b.split(','))),
  };
}

// ---------------------------------------------------------------------------------------------
// Reference implementation

interface RefElection {
  budget: Rational;
  ids: string[];
  costs: Rational[];
  ballots: number[][];
  votes: number[];
  /** Project indices in the §4 order. */
  tieOrder: number[];
}

function refPrepare(e: ApprovalElection): RefElection {
  const ids = e.projects.map((p) => p.id);
  const costs = e.projects.map((p) => p.cost);
  const index = new Map(ids.map((id, i) => [id, i]));
  const ballots: number[][] = [];
  for (const ballot of e.ballots) {
    const approvals = Array.isArray(ballot) ? (ballot as readonly string[]) : (ballot as { approvals: readonly string[] }).approvals;
    const count = Array.isArray(ballot) ? 1 : (ballot as { count: number }).count;
    for (let i = 0; i < count; i++) ballots.push(approvals.map((id) => index.get(id)!));
  }
  const votes = ids.map((_, p) => ballots.filter((b) => b.includes(p)).length);
  const tieOrder = ids.map((_, p) => p).sort((a, b) => compareByTieOrder(costs[a]!, votes[a]!, ids[a]!, costs[b]!, votes[b]!, ids[b]!));
  return { budget: e.budget, ids, costs, ballots, votes, tieOrder };
}

const rank = (r: RefElection, p: number) => r.tieOrder.indexOf(p);

/** Greedy walk by votes (ties §4) from `selected`, adding what fits. Returns the new selection. */
function refFill(r: RefElection, selected: number[]): number[] {
  const result = [...selected];
  let spent = result.reduce((sum, p) => sum.add(r.costs[p]!), Rational.ZERO);
  const order = r.ids.map((_, p) => p).sort((a, b) => r.votes[b]! - r.votes[a]! || rank(r, a) - rank(r, b));
  for (const p of order) {
    if (result.includes(p)) continue;
    if (spent.add(r.costs[p]!).le(r.budget)) {
      result.push(p);
      spent = spent.add(r.costs[p]!);
    }
  }
  return result;
}

const isCand = (r: RefElection, p: number) => r.votes[p]! > 0 && r.costs[p]!.sign() > 0;

/** MES exactly as in §3.2: sorted scan per candidate, smallest ρ, ties by §4. */
function refMes(r: RefElection, endowment: Rational, utilities: 'cost' | 'cardinality'): number[] {
  const budgets = r.ballots.map(() => endowment);
  const selected: number[] = [];
  if (utilities === 'cardinality') for (const p of r.tieOrder) if (r.votes[p]! > 0 && r.costs[p]!.isZero()) selected.push(p);
  const remaining = new Set(r.ids.map((_, p) => p).filter((p) => isCand(r, p)));
  for (;;) {
    let best: { p: number; rho: Rational; q: Rational } | null = null;
    for (const p of remaining) {
      const supporters = r.ballots.map((b, i) => i).filter((i) => r.ballots[i]!.includes(p));
      const total = supporters.reduce((sum, i) => sum.add(budgets[i]!), Rational.ZERO);
      if (total.lt(r.costs[p]!)) {
        remaining.delete(p);
        continue;
      }
      supporters.sort((a, b) => budgets[a]!.compare(budgets[b]!));
      let paid = Rational.ZERO;
      let k = supporters.length;
      let q = Rational.ZERO;
      for (const i of supporters) {
        q = r.costs[p]!.sub(paid).div(Rational.from(k));
        if (q.le(budgets[i]!)) break;
        paid = paid.add(budgets[i]!);
        k--;
      }
      const rho = utilities === 'cost' ? q.div(r.costs[p]!) : q;
      if (!best || rho.lt(best.rho) || (rho.equals(best.rho) && rank(r, p) < rank(r, best.p))) best = { p, rho, q };
    }
    if (!best) return selected;
    for (let i = 0; i < r.ballots.length; i++) {
      if (r.ballots[i]!.includes(best.p)) budgets[i] = budgets[i]!.sub(budgets[i]!.lt(best.q) ? budgets[i]! : best.q);
    }
    selected.push(best.p);
    remaining.delete(best.p);
  }
}

const costOf = (r: RefElection, set: number[]) => set.reduce((sum, p) => sum.add(r.costs[p]!), Rational.ZERO);
const fitsSome = (r: RefElection, set: number[], among: number[]) => among.some((p) => !set.includes(p) && r.costs[p]!.le(r.budget.sub(costOf(r, set))));

/** Add1 variants A, B, C as in the §3.3 table (with the shortcut and the non-termination guards). */
function refAdd1(r: RefElection, variant: 'A' | 'B' | 'C', utilities: 'cost' | 'cardinality'): { set: number[]; runs: number } {
  const n = r.ballots.length;
  const equal = n === 0 ? Rational.ZERO : r.budget.div(Rational.from(n));
  const all = r.ids.map((_, p) => p);
  const candidates = all.filter((p) => isCand(r, p));
  if (costOf(r, all).le(r.budget)) return { set: refMes(r, equal, utilities), runs: 1 };
  if (variant === 'A') {
    let e = equal;
    let previous: number[] = [];
    for (let runs = 1; ; runs++) {
      const set = refMes(r, e, utilities);
      if (costOf(r, set).gt(r.budget)) return { set: previous, runs };
      if (!fitsSome(r, set, candidates)) return { set, runs };
      previous = set;
      e = e.add(Rational.ONE);
    }
  }
  if (variant === 'C' && costOf(r, candidates).le(r.budget)) throw new Error('non-terminating');
  let e = Rational.from(equal.floor());
  let set = refMes(r, e, utilities);
  let runs = 1;
  for (;;) {
    if (variant === 'B' && !fitsSome(r, set, all)) return { set, runs };
    if (candidates.every((p) => set.includes(p))) throw new Error('non-terminating');
    const next = refMes(r, e.add(Rational.ONE), utilities);
    runs++;
    if (costOf(r, next).gt(r.budget)) return { set, runs };
    set = next;
    e = e.add(Rational.ONE);
  }
}

/** Selected ids (as a sorted list) by the reference implementation, or 'error' for a non-terminating Add1. */
export function referenceTally(e: ApprovalElection, rule: string): { selected: string[]; runs: number | null } | 'error' {
  const r = refPrepare(e);
  const ids = (set: number[]) => set.map((p) => r.ids[p]!).sort();
  const equal = r.ballots.length === 0 ? Rational.ZERO : r.budget.div(Rational.from(r.ballots.length));
  try {
    switch (rule) {
      case 'greedy':
        return { selected: ids(refFill(r, [])), runs: null };
      case 'mes-cost':
        return { selected: ids(refMes(r, equal, 'cost')), runs: 1 };
      case 'mes-card':
        return { selected: ids(refMes(r, equal, 'cardinality')), runs: 1 };
      case 'mes-cost-u':
        return { selected: ids(refFill(r, refMes(r, equal, 'cost'))), runs: 1 };
      case 'mes-cost-add1u':
      case 'mes-cost-add1u-eqtool':
      case 'mes-cost-add1u-noexh':
      case 'mes-card-add1u': {
        const variant = rule === 'mes-cost-add1u-eqtool' ? 'B' : rule === 'mes-cost-add1u-noexh' ? 'C' : 'A';
        const { set, runs } = refAdd1(r, variant, rule === 'mes-card-add1u' ? 'cardinality' : 'cost');
        return { selected: ids(refFill(r, set)), runs };
      }
      default:
        throw new Error(`no reference for ${rule}`);
    }
  } catch (error) {
    if (error instanceof Error && error.message === 'non-terminating') return 'error';
    throw error;
  }
}

/** Small random elections with many exact ties: few distinct costs (some decimal, some 0). */
export function randomElection(seed: number): ApprovalElection {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const m = 2 + Math.floor(random() * 7);
  const costChoices = ['1', '2', '3', '4', '6', '0.5', '1.5', '2.25', '0'];
  const ids = ['a', 'b', 'c', '10', '9', 'x', 'Z', 'ñ'].slice(0, m);
  const projects = ids.map((id) => ({ id, cost: Rational.parse(pick(random() < 0.08 ? costChoices : costChoices.slice(0, 8))) }));
  const voters = 1 + Math.floor(random() * 14);
  const ballots: string[][] = [];
  for (let v = 0; v < voters; v++) ballots.push(ids.filter(() => random() < 0.4));
  const total = projects.reduce((sum, p) => sum.add(p.cost), Rational.ZERO);
  const budget = Rational.parse(pick(['1', '2', '3', '4', '5', '6', '7.5', '10'])).add(random() < 0.1 ? total : Rational.ZERO);
  return { budget, projects, ballots };
}
