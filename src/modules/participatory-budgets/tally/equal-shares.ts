/**
 * One run of the Method of Equal Shares for approval ballots (pb-rules.md §3.2), in exact
 * rational arithmetic, with cost or cardinality utilities and a given endowment per voter.
 *
 * Speed (Add1 makes hundreds of runs; the benchmark has a million ballots):
 *  - Ballots are grouped (identical ballots keep identical budgets).
 *  - Groups with the same remaining budget share a budget *class*. Selecting a project maps each
 *    class of its supporters to one new class (value − q, or 0), so pricing a project counts
 *    voters per class (integer work) and does BigInt work per distinct budget value only.
 *  - All money is kept as integers over one common denominator D (no gcd per operation, which
 *    dominated the time with reduced fractions). Prices are q = rem / (D·k); selecting a project
 *    multiplies D by k / gcd(rem, k) and starts a new "epoch". A class stores its numerator for
 *    the epoch it was last used in and is rescaled lazily, so dead classes cost nothing.
 *  - The price is found by a fixed point instead of sorting: start with q = c/k, move every class
 *    below q to the "pays all it has" side, recompute q, repeat until nobody moves. Classes only
 *    move one way, and the partition reached is the one of the sorted scan in the spec (the
 *    supporters below the final q are exactly those who cannot pay it in full).
 *  - Comparisons first try floats (each value keeps a float approximation) and fall back to
 *    exact BigInt arithmetic when the two floats are within 1e-9 relative of each other.
 *  - Lazy ρ (equalshares.net "algorithmic trick"): a project's ρ never decreases, so its last ρ
 *    is a lower bound; a candidate whose bound is strictly greater than the best ρ of the round is
 *    skipped. Strictly: a bound equal to the best may still tie, and ties are decided by §4.
 *  - Runs that need no explanation (the Add1 scan) first go through the float engine
 *    (equal-shares-float.ts), which returns the same outcome when it can prove every decision
 *    and otherwise hands over to the exact computation below.
 */
import { isCandidate, type PreparedElection } from './election.ts';
import { FloatMesEngine } from './equal-shares-float.ts';
import { explainFromTrace } from './mes-trace.ts';
import { gcd, Rational } from './rational.ts';
import type { MesSelection, Utilities } from './result.ts';
import { tieLevel, type TieBreak } from './tie-break.ts';

export type { Utilities } from './result.ts';
export { isCandidate } from './election.ts';

export interface MesOutcome {
  endowment: Rational;
  /** Selected projects in selection order. */
  selected: number[];
  isSelected: Uint8Array;
  /** Σ cost of the selected projects. */
  spent: Rational;
  /** Filled when the run was made with `explain`: how each selected project was paid. */
  selections: (MesSelection | undefined)[];
  /** With `explain`: ties between projects of equal ρ. */
  ties: TieBreak[];
  /** With `explain`: for each candidate MES did not select, what its supporters had left. */
  supportersBudget: (Rational | undefined)[];
}

/** Relative distance under which two floats do not decide a comparison (their errors are ~1e-15). */
const EPS = 1e-9;

/**
 * -1 / 1 when the floats a and b (approximations of non-negative values) decide the order, 0 when
 * they are too close (or unusable: 0 may be an underflow, Infinity an overflow) and the caller
 * must compare exactly.
 */
function floatOrder(a: number, b: number): number {
  if (!(a > 0 && b > 0 && a < Infinity && b < Infinity)) return 0;
  const tolerance = EPS * (a > b ? a : b);
  return a < b - tolerance ? -1 : a > b + tolerance ? 1 : 0;
}

/** -1/0/1 comparing aN/aD with bN/bD (positive denominators). */
function compareFractions(aN: bigint, aD: bigint, aA: number, bN: bigint, bD: bigint, bA: number): number {
  const order = floatOrder(aA, bA);
  if (order !== 0) return order;
  const left = aN * bD;
  const right = bN * aD;
  return left < right ? -1 : left > right ? 1 : 0;
}

function smallGcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

interface Evaluation {
  /** Over the epoch's D: q = rem / (D·k). */
  rem: bigint;
  d: bigint;
  k: number;
  /** ρ = rhoN / rhoD, not reduced. */
  rhoN: bigint;
  rhoD: bigint;
  rhoA: number;
  partial: number;
  none: number;
}

/** Reusable state for MES runs on one prepared election (Add1 makes many runs). */
export class MesEngine {
  /** Runs answered by the float engine, and runs computed exactly. */
  floatRuns = 0;
  exactRuns = 0;
  private readonly fast: FloatMesEngine | null;
  private readonly costA: number[];
  private readonly candidates: number[];
  private readonly freeApproved: number[];
  private readonly cls: Int32Array;
  // Budget classes: value = valN / D(epoch valE), approximately valA.
  private valN: bigint[] = [];
  private valE: number[] = [];
  private valA: number[] = [];
  // Common denominator, per epoch.
  private epochD: bigint[] = [];
  private epoch = 0;
  private serial = 0;
  private d = 1n;
  private shift = 0n;
  private dApprox = 1;
  private factorStamp: number[] = [];
  private factorValue: bigint[] = [];
  private costStamp: number[];
  private costOverD: bigint[];
  // Scratch arrays indexed by class.
  private capacity = 0;
  private cnt = new Int32Array(0);
  private touched = new Int32Array(0);
  private remap = new Int32Array(0);
  private remapStamp = new Int32Array(0);
  private stamp = 0;

  constructor(
    private readonly prep: PreparedElection,
    private readonly utilities: Utilities,
    useFloat = true,
  ) {
    this.costA = prep.costs.map((c) => c.toNumber());
    this.candidates = prep.tieOrder.filter((p) => isCandidate(prep, p));
    // Cardinality utilities: an approved project of cost 0 gives utility 1 for free (§3.2 step 2).
    this.freeApproved = utilities === 'cardinality' ? prep.tieOrder.filter((p) => prep.votes[p]! > 0 && prep.costs[p]!.isZero()) : [];
    this.cls = new Int32Array(prep.groupCount);
    this.costStamp = new Array(prep.m).fill(-1);
    this.costOverD = new Array(prep.m).fill(0n);
    this.ensureCapacity(64);
    this.fast = useFloat ? new FloatMesEngine(prep, utilities) : null;
  }

  /**
   * Runs MES with endowment `endowment` per voter; `explain` adds the exact payment details,
   * ties and what the supporters of unselected candidates have left. The float engine is tried
   * first: when it proves every decision, its outcome is used, and with `explain` the exact
   * amounts are computed from its payment trace (mes-trace.ts). Otherwise the run is computed
   * entirely in exact arithmetic here and counted in `exactRuns`.
   */
  run(endowment: Rational, explain = false): MesOutcome {
    const { prep } = this;
    if (endowment.sign() < 0) throw new RangeError('negative endowment');
    if (this.fast) {
      const fast = this.fast.run(endowment, explain);
      if (fast) {
        this.floatRuns++;
        if (fast.trace) return explainFromTrace(prep, this.utilities, endowment, { ...fast, trace: fast.trace }, this.candidates);
        const none = new Array<undefined>(prep.m).fill(undefined);
        return { endowment, selected: fast.selected, isSelected: fast.isSelected, spent: fast.spent, selections: none, ties: [], supportersBudget: none };
      }
    }
    this.exactRuns++;
    const { isSelected, selected, selections, ties } = this.start(endowment, explain);
    let spent = Rational.ZERO;

    const boundN: bigint[] = new Array(prep.m).fill(0n);
    const boundD: bigint[] = new Array(prep.m).fill(1n);
    const boundA = new Float64Array(prep.m);
    let candidates = this.candidates.slice();
    const dropped = new Uint8Array(prep.m);
    const evaluated: { p: number; e: Evaluation }[] = [];

    for (let round = 1; candidates.length > 0; round++) {
      // Smallest bound first, so the best ρ is found early and more candidates are skipped.
      candidates.sort((a, b) => boundA[a]! - boundA[b]!);
      let best = -1;
      let bestEval: Evaluation | null = null;
      evaluated.length = 0;
      for (const p of candidates) {
        if (bestEval && compareFractions(boundN[p]!, boundD[p]!, boundA[p]!, bestEval.rhoN, bestEval.rhoD, bestEval.rhoA) > 0) continue;
        const e = this.evaluate(p);
        if (!e) {
          dropped[p] = 1; // unaffordable now means unaffordable for good: budgets never grow
          continue;
        }
        boundN[p] = e.rhoN;
        boundD[p] = e.rhoD;
        boundA[p] = e.rhoA;
        if (explain) evaluated.push({ p, e });
        if (!bestEval) {
          best = p;
          bestEval = e;
          continue;
        }
        const order = compareFractions(e.rhoN, e.rhoD, e.rhoA, bestEval.rhoN, bestEval.rhoD, bestEval.rhoA);
        if (order < 0 || (order === 0 && prep.tieRank[p]! < prep.tieRank[best]!)) {
          best = p;
          bestEval = e;
        }
      }
      if (!bestEval) break;

      const winner = bestEval;
      if (explain) {
        const rho = Rational.of(winner.rhoN, winner.rhoD);
        selections[best] = {
          round,
          maxPayment: Rational.of(winner.rem, winner.d * BigInt(winner.k)),
          rho,
          payers: { full: winner.k, partial: winner.partial, none: winner.none },
        };
        const tied = evaluated
          .filter(({ e }) => compareFractions(e.rhoN, e.rhoD, e.rhoA, winner.rhoN, winner.rhoD, winner.rhoA) === 0)
          .map(({ p }) => p)
          .sort((a, b) => prep.tieRank[a]! - prep.tieRank[b]!);
        if (tied.length > 1) {
          ties.push({
            stage: 'mes',
            criterion: 'rho',
            value: rho.toString(),
            projects: tied.map((p) => prep.ids[p]!),
            decidedBy: tied.slice(1).map((p, i) => tieLevel(prep.costs[tied[i]!]!, prep.votes[tied[i]!]!, prep.costs[p]!, prep.votes[p]!)),
            round,
            mixedOutcome: false,
          });
        }
      }
      this.pay(best, winner);
      isSelected[best] = 1;
      selected.push(best);
      spent = spent.add(prep.costs[best]!);
      dropped[best] = 1;
      candidates = candidates.filter((p) => !dropped[p]);
    }

    const supportersBudget: (Rational | undefined)[] = new Array(prep.m).fill(undefined);
    if (explain) {
      for (const p of this.candidates) if (!isSelected[p]) supportersBudget[p] = this.supportersMoney(p);
    }
    return { endowment, selected, isSelected, spent, selections, ties, supportersBudget };
  }

  /** Every voter gets `endowment`; free projects (cardinality utilities, cost 0) are selected. */
  private start(endowment: Rational, explain: boolean) {
    const { prep } = this;
    // D starts as the lcm of the denominators of the endowment and of the candidates' costs.
    let d = endowment.den;
    for (const p of this.candidates) if (prep.costs[p]!.den !== 1n) d = lcm(d, prep.costs[p]!.den);
    this.epochD = [];
    this.startEpoch(d);
    this.valN = [0n, endowment.num * (d / endowment.den)];
    this.valE = [0, 0];
    this.valA = [0, endowment.toNumber()];
    this.cls.fill(endowment.isZero() ? 0 : 1);
    const isSelected = new Uint8Array(prep.m);
    const selected: number[] = [];
    const selections: (MesSelection | undefined)[] = new Array(prep.m).fill(undefined);
    const ties: TieBreak[] = [];
    for (const p of this.freeApproved) {
      isSelected[p] = 1;
      selected.push(p);
      if (explain) selections[p] = { round: 0, maxPayment: Rational.ZERO, rho: Rational.ZERO, payers: { full: prep.votes[p]!, partial: 0, none: 0 } };
    }
    return { isSelected, selected, selections, ties };
  }

  private startEpoch(d: bigint): void {
    this.epoch = this.epochD.length;
    this.epochD.push(d);
    this.d = d;
    this.serial++;
    // Floats of numerators over D: drop the same low bits from both so they stay in float range.
    const bits = d.toString(16).length * 4;
    this.shift = BigInt(Math.max(0, bits - 900));
    this.dApprox = Number(d >> this.shift);
  }

  /** A float close to n / D for a numerator n over the current D. */
  private approxOverD(n: bigint): number {
    return Number(this.shift === 0n ? n : n >> this.shift) / this.dApprox;
  }

  /** D(current) / D(epoch): exact, since D only ever gets multiplied. */
  private factor(epoch: number): bigint {
    if (this.factorStamp[epoch] === this.serial) return this.factorValue[epoch]!;
    const value = this.d / this.epochD[epoch]!;
    this.factorStamp[epoch] = this.serial;
    this.factorValue[epoch] = value;
    return value;
  }

  /** Numerator of class c over the current D (rescaled in place if stale). */
  private classNum(c: number): bigint {
    const epoch = this.valE[c]!;
    if (epoch === this.epoch) return this.valN[c]!;
    const value = this.valN[c]! * this.factor(epoch);
    this.valN[c] = value;
    this.valE[c] = this.epoch;
    return value;
  }

  /** Cost of p over the current D. */
  private costNum(p: number): bigint {
    if (this.costStamp[p] === this.serial) return this.costOverD[p]!;
    const cost = this.prep.costs[p]!;
    const value = cost.num * (this.d / cost.den);
    this.costStamp[p] = this.serial;
    this.costOverD[p] = value;
    return value;
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    const size = Math.max(needed, this.capacity * 2);
    const grow = (array: Int32Array) => {
      const next = new Int32Array(size);
      next.set(array);
      return next;
    };
    this.cnt = grow(this.cnt);
    this.touched = grow(this.touched);
    this.remap = grow(this.remap);
    this.remapStamp = grow(this.remapStamp);
    this.capacity = size;
  }

  /** Counts the supporters of p with money left, per budget class, into cnt / touched. */
  private countByClass(p: number): { classes: number; withMoney: number } {
    const groups = this.prep.approvers[p]!;
    const size = this.prep.groupSize;
    const { cls, cnt, touched } = this;
    let classes = 0;
    let withMoney = 0;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      const c = cls[g]!;
      if (c === 0) continue;
      const s = size[g]!;
      if (cnt[c] === 0) touched[classes++] = c;
      cnt[c]! += s;
      withMoney += s;
    }
    return { classes, withMoney };
  }

  private clearCounts(classes: number): void {
    for (let i = 0; i < classes; i++) this.cnt[this.touched[i]!] = 0;
  }

  /**
   * Price of p: the smallest q with Σ min(b_i, q) = c(p) over its supporters, or null when their
   * money is not enough. Supporters with b_i < q pay b_i ("partial"), the others pay q ("full").
   */
  private evaluate(p: number): Evaluation | null {
    const { cnt, touched, valA } = this;
    const { classes, withMoney } = this.countByClass(p);
    const none = this.prep.votes[p]! - withMoney;
    let k = withMoney;
    if (k === 0) return null;
    const cost = this.costNum(p);
    // rem = cost − what the partial payers give (all they have); q = rem / (D·k).
    let rem = cost;
    let kBig = BigInt(k);
    let qA = this.approxOverD(rem) / k;
    let active = classes;
    let partial = 0;
    for (;;) {
      let moved = false;
      for (let i = 0; i < active; ) {
        const c = touched[i]!;
        let order = floatOrder(valA[c]!, qA);
        if (order === 0) {
          const left = this.classNum(c) * kBig;
          order = left < rem ? -1 : 1;
        }
        if (order < 0) {
          const count = cnt[c]!;
          rem -= BigInt(count) * this.classNum(c);
          k -= count;
          partial += count;
          moved = true;
          touched[i] = touched[--active]!;
          touched[active] = c;
        } else {
          i++;
        }
      }
      if (!moved) break;
      if (k === 0) {
        this.clearCounts(classes);
        return null;
      }
      kBig = BigInt(k);
      qA = this.approxOverD(rem) / k;
    }
    this.clearCounts(classes);
    // ρ = q / u(p), u = cost (cost utilities) or 1 (cardinality); for cost, D cancels out.
    if (this.utilities === 'cost') return { rem, d: this.d, k, rhoN: rem, rhoD: kBig * cost, rhoA: qA / this.costA[p]!, partial, none };
    return { rem, d: this.d, k, rhoN: rem, rhoD: kBig * this.d, rhoA: qA, partial, none };
  }

  /** Every supporter of p pays min(b_i, q): classes at or below q drop to 0, the others lose q. */
  private pay(p: number, e: Evaluation): void {
    // q = rem / (D·k) = (rem/g) / (D · k/g): the new common denominator is D · k/g.
    const g = smallGcd(Number(e.rem % BigInt(e.k)), e.k) || e.k;
    const f = e.k / g;
    const fBig = BigInt(f);
    const qOver = e.rem / BigInt(g);
    const groups = this.prep.approvers[p]!;
    const { cls, remap, remapStamp } = this;
    const stamp = ++this.stamp;
    const nextEpoch = this.epochD.length;
    for (let i = 0; i < groups.length; i++) {
      const grp = groups[i]!;
      const c = cls[grp]!;
      if (c === 0) continue;
      if (remapStamp[c] !== stamp) {
        remapStamp[c] = stamp;
        const value = this.classNum(c) * fBig - qOver;
        if (value <= 0n) {
          remap[c] = 0;
        } else {
          remap[c] = this.valN.length;
          this.valN.push(value);
          this.valE.push(nextEpoch);
          this.valA.push(this.approxOverD(value) / f);
        }
      }
      cls[grp] = remap[c]!;
    }
    this.startEpoch(this.d * fBig);
    this.ensureCapacity(this.valN.length);
  }

  /** Σ of the remaining budgets of p's supporters (exact). */
  private supportersMoney(p: number): Rational {
    const { classes } = this.countByClass(p);
    let total = 0n;
    for (let i = 0; i < classes; i++) {
      const c = this.touched[i]!;
      const count = this.cnt[c]!;
      total += count === 1 ? this.classNum(c) : this.classNum(c) * BigInt(count);
    }
    this.clearCounts(classes);
    return Rational.of(total, this.d);
  }
}
