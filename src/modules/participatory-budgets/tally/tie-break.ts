/**
 * The project's single tie-breaking order (pb-rules.md §4), used by greedy, MES and completion
 * whenever two projects are equal on the rule's own criterion:
 *   (1) cost ascending, (2) votes descending, (3) project_id ascending by Unicode code points.
 * Results that depend on a tie are reported (`TieBreak`) so the product can show them.
 */
import type { Rational } from './rational.ts';

export type TieLevel = 'cost' | 'votes' | 'id';

export interface TieBreak {
  /** Where the tie happened. */
  stage: 'greedy' | 'mes' | 'completion';
  /** What the projects were equal on: their vote count (greedy, completion) or MES price ρ. */
  criterion: 'votes' | 'rho';
  /** The common value: a vote count, or ρ as an exact rational string (`n/d`). */
  value: string;
  /** The tied projects in the order tie-breaking put them; the first one was preferred. */
  projects: string[];
  /** `decidedBy[i]`: the level that put `projects[i]` before `projects[i + 1]`. */
  decidedBy: TieLevel[];
  /** MES: the round (1-based) of the final MES run in which the tie was broken. */
  round?: number;
  /** True when some tied projects ended up selected and others not, so the tie may have decided who won. */
  mixedOutcome: boolean;
}

/**
 * Compares strings by code points. JS `<` compares UTF-16 code units, which orders characters
 * beyond U+FFFF (surrogate pairs) before U+E000–U+FFFF; that only matters when surrogates occur.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogate = (x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff);
    if (!surrogate) return x < y ? -1 : 1;
    return (a.codePointAt(i) ?? 0) < (b.codePointAt(i) ?? 0) ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/** Negative when project a comes first in the tie-breaking order. */
export function compareByTieOrder(costA: Rational, votesA: number, idA: string, costB: Rational, votesB: number, idB: string): number {
  const byCost = costA.compare(costB);
  if (byCost !== 0) return byCost;
  if (votesA !== votesB) return votesB - votesA;
  return compareCodePoints(idA, idB);
}

/** Which level of the order separates two projects (they are never fully equal: ids are unique). */
export function tieLevel(costA: Rational, votesA: number, costB: Rational, votesB: number): TieLevel {
  if (!costA.equals(costB)) return 'cost';
  if (votesA !== votesB) return 'votes';
  return 'id';
}
