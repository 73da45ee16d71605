/**
 * Exact amounts of a MES run whose decisions the float engine has proven, from its payment trace
 * alone: no exact budget per voter class is ever built.
 *
 * Every voter starts with E. Paying a full share q_s leaves a positive budget; paying a partial
 * share empties it for good. So a group's budget before selection s is E − Σ q_t over the earlier
 * selections t it paid in full, and:
 *   - the partial payers of s give P_s = (#partial)·E − Σ_t C[s][t]·q_t, where C[s][t] counts the
 *     partial payers of s that paid t in full; then q_s = (c_s − P_s) / (#full payers of s);
 *   - the supporters of an unselected project p hold N_p·E − Σ_t F[p][t]·q_t, where N_p counts
 *     its supporters that never paid a partial share and F[p][t] those of them that paid t in full.
 * All of that is integer counting plus a few rational operations per selection. Amounts are kept
 * as integers over one common denominator D (multiplied by k/gcd at each selection), as in the
 * exact engine.
 */
import type { PreparedElection } from './election.ts';
import type { FloatMesOutcome, PaymentTrace } from './equal-shares-float.ts';
import type { MesOutcome } from './equal-shares.ts';
import { gcd, Rational } from './rational.ts';
import type { MesSelection, Utilities } from './result.ts';

function smallGcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export function explainFromTrace(
  prep: PreparedElection,
  utilities: Utilities,
  endowment: Rational,
  outcome: FloatMesOutcome & { trace: PaymentTrace },
  candidates: readonly number[],
): MesOutcome {
  const { trace } = outcome;
  const size = prep.groupSize;
  // Full payments of each group, as a compact list per group (CSR).
  const start = new Int32Array(prep.groupCount + 1);
  for (let i = 0; i < trace.fullCount; i++) start[trace.fullGroup[i]! + 1]!++;
  for (let g = 0; g < prep.groupCount; g++) start[g + 1]! += start[g]!;
  const paidFull = new Int32Array(trace.fullCount);
  const fill = start.slice(0, prep.groupCount);
  for (let i = 0; i < trace.fullCount; i++) paidFull[fill[trace.fullGroup[i]!]!++] = trace.fullSelection[i]!;

  // Common denominator D: the endowment's and the costs' denominators, then × k/g per selection.
  let d = endowment.den;
  for (const p of candidates) if (prep.costs[p]!.den !== 1n) d = (d / gcd(d, prep.costs[p]!.den)) * prep.costs[p]!.den;
  let e = endowment.num * (d / endowment.den);
  const q: bigint[] = []; // q_t · D, rescaled with D

  const paidOrder = outcome.selected.filter((p) => !(utilities === 'cardinality' && prep.costs[p]!.isZero()));
  const selections: (MesSelection | undefined)[] = new Array(prep.m).fill(undefined);
  for (const p of outcome.selected) {
    if (!paidOrder.includes(p)) selections[p] = { round: 0, maxPayment: Rational.ZERO, rho: Rational.ZERO, payers: { full: prep.votes[p]!, partial: 0, none: 0 } };
  }
  const counts = new Float64Array(paidOrder.length);
  const { partialAt } = trace;
  paidOrder.forEach((p, s) => {
    let full = 0;
    let partial = 0;
    counts.fill(0, 0, s);
    const groups = prep.approvers[p]!;
    for (let j = 0; j < groups.length; j++) {
      const g = groups[j]!;
      const at = partialAt[g]!;
      if (at >= 0 && at < s) continue; // emptied earlier: pays nothing
      const weight = size[g]!;
      if (at === s) {
        partial += weight;
        for (let i = start[g]!, end = start[g + 1]!; i < end; i++) counts[paidFull[i]!]! += weight;
      } else {
        full += weight;
      }
    }
    let paid = BigInt(partial) * e;
    for (let t = 0; t < s; t++) if (counts[t]) paid -= BigInt(counts[t]!) * q[t]!;
    const cost = prep.costs[p]!;
    const rem = cost.num * (d / cost.den) - paid;
    // q_s = rem / (D · full); the new common denominator is D · full / g.
    const g = smallGcd(Number(rem % BigInt(full)), full) || full;
    const maxPayment = Rational.of(rem, d * BigInt(full));
    selections[p] = {
      round: s + 1,
      maxPayment,
      rho: utilities === 'cost' ? maxPayment.div(cost) : maxPayment,
      payers: { full, partial, none: prep.votes[p]! - full - partial },
    };
    const f = BigInt(full / g);
    if (f !== 1n) {
      d *= f;
      e *= f;
      for (let t = 0; t < s; t++) q[t] = q[t]! * f;
    }
    q.push(rem / BigInt(g));
  });

  const supportersBudget: (Rational | undefined)[] = new Array(prep.m).fill(undefined);
  const perSelection = new Float64Array(paidOrder.length);
  for (const p of candidates) {
    if (outcome.isSelected[p]) continue;
    let holders = 0;
    perSelection.fill(0);
    const groups = prep.approvers[p]!;
    for (let j = 0; j < groups.length; j++) {
      const g = groups[j]!;
      if (partialAt[g]! >= 0) continue; // emptied
      const weight = size[g]!;
      holders += weight;
      for (let i = start[g]!, end = start[g + 1]!; i < end; i++) perSelection[paidFull[i]!]! += weight;
    }
    let money = BigInt(holders) * e;
    for (let t = 0; t < paidOrder.length; t++) if (perSelection[t]) money -= BigInt(perSelection[t]!) * q[t]!;
    supportersBudget[p] = Rational.of(money, d);
  }
  return { endowment, selected: outcome.selected, isSelected: outcome.isSelected, spent: outcome.spent, selections, ties: [], supportersBudget };
}
