/**
 * Greedy by votes with skipping (pabulib `rule=greedy`, §3.1) and the utilitarian completion
 * after MES (§3.3), which is the same walk started from the MES outcome and its spend.
 */
import type { PreparedElection } from './election.ts';
import type { Rational } from './rational.ts';
import { tieLevel, type TieBreak } from './tie-break.ts';

export interface FillResult {
  /** Projects added by this walk, in the order they were added. */
  added: number[];
  spent: Rational;
  /** Budget left just before each walked project was considered (undefined: not walked). */
  remainingAt: (Rational | undefined)[];
  ties: TieBreak[];
}

const walkOrders = new WeakMap<PreparedElection, number[]>();

/** Votes descending, then the §4 order. 0-vote projects come last and are still funded if they fit. */
export function votesOrder(prep: PreparedElection): number[] {
  let order = walkOrders.get(prep);
  if (!order) {
    order = Array.from({ length: prep.m }, (_, p) => p).sort((a, b) => prep.votes[b]! - prep.votes[a]! || prep.tieRank[a]! - prep.tieRank[b]!);
    walkOrders.set(prep, order);
  }
  return order;
}

/**
 * Walks all projects by votes, skips those already in `selected`, and adds each one that fits in
 * what is left of the budget (`spent + cost ≤ B`, exactly). Marks added projects in `selected`.
 */
export function fillByVotes(prep: PreparedElection, selected: Uint8Array, spent: Rational, stage: 'greedy' | 'completion'): FillResult {
  const added: number[] = [];
  const remainingAt: (Rational | undefined)[] = new Array(prep.m).fill(undefined);
  const walked: number[] = [];
  for (const p of votesOrder(prep)) {
    if (selected[p]) continue;
    walked.push(p);
    const remaining = prep.budget.sub(spent);
    remainingAt[p] = remaining;
    const cost = prep.costs[p]!;
    if (cost.le(remaining)) {
      selected[p] = 1;
      added.push(p);
      spent = spent.add(cost);
    }
  }
  return { added, spent, remainingAt, ties: equalVoteGroups(prep, walked, stage) };
}

/** Runs of two or more walked projects with equal votes: their order was set by tie-breaking. */
function equalVoteGroups(prep: PreparedElection, walked: number[], stage: 'greedy' | 'completion'): TieBreak[] {
  const ties: TieBreak[] = [];
  let start = 0;
  for (let i = 1; i <= walked.length; i++) {
    if (i < walked.length && prep.votes[walked[i]!] === prep.votes[walked[start]!]) continue;
    if (i - start >= 2) {
      const group = walked.slice(start, i);
      ties.push({
        stage,
        criterion: 'votes',
        value: String(prep.votes[group[0]!]),
        projects: group.map((p) => prep.ids[p]!),
        decidedBy: group.slice(1).map((p, j) => tieLevel(prep.costs[group[j]!]!, prep.votes[group[j]!]!, prep.costs[p]!, prep.votes[p]!)),
        mixedOutcome: false,
      });
    }
    start = i;
  }
  return ties;
}
