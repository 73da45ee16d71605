/**
 * A fast MES run in floating point that either returns exactly the outcome the exact engine
 * would (same selections, same order) or gives up (null) so the caller runs the exact engine.
 *
 * Why: Add1 makes hundreds of MES runs and only the selected set and its cost matter until the
 * last one. Exact BigInt money costs ~1,500-bit numbers per budget class on large elections.
 *
 * How it stays exact: every float carries a rigorous bound on its distance to the true rational
 * value (rounding of each operation bounded by U = 2^-52 relative, twice the unit roundoff, plus
 * the propagated bounds). A decision is taken only when the bounds prove it:
 *  - a supporter class is "cannot pay in full" only if b + err(b) < q − err(q), and "pays in
 *    full" only if b − err(b) > q + err(q); anything in between (an exact equality, say) aborts.
 *    The comparisons use 2·err: every bound is at least 2 units of roundoff of its value, so the
 *    doubled bound also covers the rounding of the additions in the comparison itself;
 *  - the winner of a round must be separated from every other evaluated candidate: their ρ
 *    intervals may not overlap (exact ties always overlap, so ties go to the exact engine, which
 *    applies the §4 tie-breaking);
 *  - a candidate is skipped (lazy ρ) only if its proven lower bound exceeds the best's upper bound.
 * With every decision proven, the sets of poor supporters, the order of selection and the dropped
 * candidates are those of the exact computation; only the prices are approximate, and they are
 * never reported.
 */
import { isCandidate, type PreparedElection } from './election.ts';
import { Rational } from './rational.ts';
import type { Utilities } from './result.ts';

const U = 2 ** -52;

export interface FloatMesOutcome {
  selected: number[];
  isSelected: Uint8Array;
  spent: Rational;
  /** With `record`: who paid what kind of share, enough to recompute every amount exactly. */
  trace?: PaymentTrace;
}

/**
 * Who paid for the paid selections (`selected` without the free projects), numbered 0, 1, …:
 * a group either paid the full share q (pairs `fullGroup[i]` / `fullSelection[i]`), or paid all
 * it had left and then has nothing (`partialAt[g]`, the selection number, −1 if never). A float
 * run proves every such classification, and each full payer keeps a positive budget.
 */
export interface PaymentTrace {
  partialAt: Int32Array;
  fullGroup: Int32Array;
  fullSelection: Int32Array;
  fullCount: number;
}

const AMBIGUOUS = -1;
const UNAFFORDABLE = 0;
const PRICED = 1;

export class FloatMesEngine {
  private readonly costF: number[];
  private readonly costErr: number[];
  private readonly candidates: number[];
  private readonly freeApproved: number[];
  private readonly cls: Int32Array;
  private val = new Float64Array(0);
  private err = new Float64Array(0);
  private classCount = 0;
  private capacity = 0;
  private cnt = new Int32Array(0);
  private touched = new Int32Array(0);
  private remap = new Int32Array(0);
  private remapStamp = new Int32Array(0);
  private stamp = 0;
  // Result of the last evaluate() (no allocation per evaluation).
  private q = 0;
  private errQ = 0;
  private classes = 0;
  private trace: PaymentTrace | null = null;
  private paidSelections = 0;
  private rho = 0;
  private errRho = 0;

  constructor(
    private readonly prep: PreparedElection,
    private readonly utilities: Utilities,
  ) {
    this.costF = prep.costs.map((c) => c.toNumber());
    // Rational → float conversion: two roundings and a division, ≤ 1.5 units; 2U covers it.
    this.costErr = this.costF.map((c) => 2 * U * c);
    this.candidates = prep.tieOrder.filter((p) => isCandidate(prep, p));
    this.freeApproved = utilities === 'cardinality' ? prep.tieOrder.filter((p) => prep.votes[p]! > 0 && prep.costs[p]!.isZero()) : [];
    this.cls = new Int32Array(prep.groupCount);
    this.ensureCapacity(64);
  }

  /**
   * The MES outcome for this endowment, or null when floats cannot prove some decision.
   * `record` adds the payment trace (for exact amounts without exact budgets per class).
   */
  run(endowment: Rational, record = false): FloatMesOutcome | null {
    const { prep } = this;
    const e = endowment.toNumber();
    if (!Number.isFinite(e) || e > 1e300) return null;
    this.trace = record ? { partialAt: new Int32Array(prep.groupCount).fill(-1), fullGroup: new Int32Array(1024), fullSelection: new Int32Array(1024), fullCount: 0 } : null;
    this.paidSelections = 0;
    this.classCount = 2;
    this.val[0] = 0;
    this.err[0] = 0;
    this.val[1] = e;
    this.err[1] = 2 * U * e;
    this.cls.fill(endowment.isZero() ? 0 : 1);

    const isSelected = new Uint8Array(prep.m);
    const selected: number[] = [];
    let spent = Rational.ZERO;
    for (const p of this.freeApproved) {
      isSelected[p] = 1;
      selected.push(p);
    }
    const lower = new Float64Array(prep.m);
    const rhoOf = new Float64Array(prep.m);
    const upperOf = new Float64Array(prep.m);
    const dropped = new Uint8Array(prep.m);
    let candidates = this.candidates.slice();
    const evaluated: number[] = [];

    while (candidates.length > 0) {
      candidates.sort((a, b) => lower[a]! - lower[b]!);
      let best = -1;
      let bestQ = 0;
      let bestErrQ = 0;
      let bestClasses = 0;
      evaluated.length = 0;
      for (const p of candidates) {
        if (best >= 0 && lower[p]! > upperOf[best]!) continue;
        const status = this.evaluate(p);
        if (status === AMBIGUOUS) return null;
        if (status === UNAFFORDABLE) {
          dropped[p] = 1;
          continue;
        }
        const slack = this.errRho + 2 * U * this.rho;
        lower[p] = this.rho - slack;
        upperOf[p] = this.rho + slack;
        rhoOf[p] = this.rho;
        evaluated.push(p);
        if (best < 0 || this.rho < rhoOf[best]!) {
          best = p;
          bestQ = this.q;
          bestErrQ = this.errQ;
          bestClasses = this.classes;
        }
      }
      if (best < 0) break;
      // The winner must be proven better than every other candidate priced in this round.
      for (const p of evaluated) {
        if (p !== best && lower[p]! <= upperOf[best]!) return null;
      }
      if (!this.pay(best, bestQ, bestErrQ, bestClasses)) return null;
      this.paidSelections++;
      isSelected[best] = 1;
      selected.push(best);
      spent = spent.add(prep.costs[best]!);
      dropped[best] = 1;
      candidates = candidates.filter((p) => !dropped[p]);
    }
    return this.trace ? { selected, isSelected, spent, trace: this.trace } : { selected, isSelected, spent };
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    const size = Math.max(needed, this.capacity * 2);
    const growInt = (array: Int32Array) => {
      const next = new Int32Array(size);
      next.set(array);
      return next;
    };
    const growFloat = (array: Float64Array) => {
      const next = new Float64Array(size);
      next.set(array);
      return next;
    };
    this.cnt = growInt(this.cnt);
    this.touched = growInt(this.touched);
    this.remap = growInt(this.remap);
    this.remapStamp = growInt(this.remapStamp);
    this.val = growFloat(this.val);
    this.err = growFloat(this.err);
    this.capacity = size;
  }

  private clearCounts(classes: number): void {
    for (let i = 0; i < classes; i++) this.cnt[this.touched[i]!] = 0;
  }

  /** Prices p into q / errQ / rho / errRho; PRICED, UNAFFORDABLE or AMBIGUOUS. */
  private evaluate(p: number): number {
    const groups = this.prep.approvers[p]!;
    const size = this.prep.groupSize;
    const { cls, cnt, touched, val, err } = this;
    let classes = 0;
    let k = 0;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      const c = cls[g]!;
      if (c === 0) continue;
      const s = size[g]!;
      if (cnt[c] === 0) touched[classes++] = c;
      cnt[c]! += s;
      k += s;
    }
    if (k === 0) return UNAFFORDABLE; // class 0 is exactly 0: nobody has money left
    const cost = this.costF[p]!;
    const costErr = this.costErr[p]!;
    let paid = 0;
    let paidErr = 0;
    let terms = 0;
    let q = cost / k;
    let errQ = costErr / k + U * q;
    let active = classes;
    for (;;) {
      let moved = false;
      for (let i = 0; i < active; ) {
        const c = touched[i]!;
        const b = val[c]!;
        const eb = err[c]!;
        if (b + 2 * eb < q - 2 * errQ) {
          const count = cnt[c]!;
          paid += count * b;
          paidErr += count * eb;
          terms++;
          k -= count;
          moved = true;
          touched[i] = touched[--active]!;
          touched[active] = c;
        } else if (b - 2 * eb > q + 2 * errQ) {
          i++;
        } else {
          this.clearCounts(classes);
          return AMBIGUOUS;
        }
      }
      if (!moved) break;
      if (k === 0) {
        this.clearCounts(classes);
        return UNAFFORDABLE;
      }
      // Each product and each addition of the sum rounds once (≤ U relative of the running sum).
      const rem = cost - paid;
      const remErr = costErr + paidErr + U * (2 * terms + 2) * (cost + paid);
      if (!(rem > remErr)) {
        this.clearCounts(classes);
        return AMBIGUOUS;
      }
      q = rem / k;
      errQ = remErr / k + 2 * U * q;
    }
    this.clearCounts(classes);
    this.classes = classes;
    this.q = q;
    this.errQ = errQ;
    if (this.utilities === 'cost') {
      this.rho = q / cost;
      // ρ = q/c with both uncertain: (errQ + ρ·err(c)) / c, plus the division's rounding, inflated.
      this.errRho = ((errQ + this.rho * costErr) / cost) * (1 + 4 * U) + 2 * U * this.rho;
    } else {
      this.rho = q;
      this.errRho = errQ;
    }
    return PRICED;
  }

  /** Supporters of p pay: proven-poor classes drop to 0, proven-rich ones lose q. False if unsure. */
  private pay(p: number, q: number, errQ: number, classes: number): boolean {
    // At most one new class per class among p's supporters: make room first.
    this.ensureCapacity(this.classCount + classes);
    const groups = this.prep.approvers[p]!;
    const { cls, remap, remapStamp, val, err } = this;
    const stamp = ++this.stamp;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      const c = cls[g]!;
      if (c === 0) continue;
      if (remapStamp[c] !== stamp) {
        remapStamp[c] = stamp;
        const b = val[c]!;
        const eb = err[c]!;
        if (b + 2 * eb < q - 2 * errQ) {
          remap[c] = 0;
        } else if (b - 2 * eb > q + 2 * errQ) {
          const next = this.classCount++;
          const value = b - q;
          val[next] = value;
          err[next] = eb + errQ + U * value;
          remap[c] = next;
        } else {
          return false;
        }
      }
      const next = remap[c]!;
      cls[g] = next;
      if (this.trace) this.record(g, next === 0);
    }
    return true;
  }

  private record(group: number, partial: boolean): void {
    const trace = this.trace!;
    if (partial) {
      trace.partialAt[group] = this.paidSelections;
      return;
    }
    if (trace.fullCount === trace.fullGroup.length) {
      const grow = (array: Int32Array) => {
        const next = new Int32Array(array.length * 2);
        next.set(array);
        return next;
      };
      trace.fullGroup = grow(trace.fullGroup);
      trace.fullSelection = grow(trace.fullSelection);
    }
    trace.fullGroup[trace.fullCount] = group;
    trace.fullSelection[trace.fullCount] = this.paidSelections;
    trace.fullCount++;
  }
}
