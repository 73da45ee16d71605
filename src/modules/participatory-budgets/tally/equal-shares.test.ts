/**
 * The two MES engines: the exact one (BigInt, common denominator, lazy ρ) and the float one that
 * must either prove every decision (and then select exactly what the exact engine selects, in
 * the same order) or give up.
 */
import { describe, expect, it } from 'vitest';
import { approvalElectionFromPb, prepareElection, type PreparedElection } from './election.ts';
import { FloatMesEngine } from './equal-shares-float.ts';
import { MesEngine } from './equal-shares.ts';
import { Rational } from './rational.ts';
import { tally } from './rules.ts';
import { election, HAS_SAMPLES, loadSample, randomElection, sampleFiles } from './tally.test-support.ts';

const UTILITIES = ['cost', 'cardinality'] as const;

/** Compares both engines at `endowments`; returns how many float runs gave up. */
function compareEngines(prep: PreparedElection, endowments: Rational[]): { answered: number; gaveUp: number } {
  let answered = 0;
  let gaveUp = 0;
  for (const utilities of UTILITIES) {
    const exact = new MesEngine(prep, utilities, false);
    const fast = new FloatMesEngine(prep, utilities);
    for (const endowment of endowments) {
      const expected = exact.run(endowment);
      const actual = fast.run(endowment);
      if (!actual) {
        gaveUp++;
        continue;
      }
      answered++;
      expect(actual.selected, `${utilities} E=${endowment}`).toEqual(expected.selected);
      expect(actual.spent.equals(expected.spent)).toBe(true);
    }
  }
  return { answered, gaveUp };
}

describe('float MES engine', () => {
  it('gives up on exact ties instead of guessing', () => {
    // A and B: same ρ (1/2) in round 1; the exact engine breaks the tie by cost.
    const prep = prepareElection(election(4, { A: 2, B: 4 }, ['A,B', 'A,B']));
    expect(new FloatMesEngine(prep, 'cost').run(Rational.from(2))).toBeNull();
    // A supporter whose budget equals the share exactly: undecidable in floats.
    const equal = prepareElection(election(60, { A: 60 }, ['A', 'A']));
    expect(new FloatMesEngine(equal, 'cost').run(Rational.from(30))).toBeNull();
    expect(new MesEngine(equal, 'cost').run(Rational.from(30)).selected).toEqual([0]);
  });

  it('answers when decisions are clear, with the exact engine’s selections', () => {
    // Each voter has 3.5: Q (q = 2) first; then P: v1 has 1.5 < 2 and pays it, v3 pays 2.5 < 3.5.
    const prep = prepareElection(election(14, { P: 4, Q: 6 }, ['P,Q', 'Q', 'P', 'Q']));
    expect(new FloatMesEngine(prep, 'cost').run(Rational.parse('3.5'))).toEqual({ selected: [1, 0], isSelected: new Uint8Array([1, 1]), spent: Rational.from(10) });
    // At 3 each, v3 would have exactly the 3 it must pay: an equality only exact arithmetic settles.
    expect(new FloatMesEngine(prep, 'cost').run(Rational.from(3))).toBeNull();
  });

  it('agrees with the exact engine on 300 random elections full of ties (or gives up)', () => {
    let answered = 0;
    let gaveUp = 0;
    for (let seed = 1000; seed < 1300; seed++) {
      const e = randomElection(seed);
      const prep = prepareElection(e);
      const start = prep.n === 0 ? Rational.ZERO : e.budget.div(Rational.from(prep.n));
      const counts = compareEngines(prep, [0, 1, 2, 5].map((add) => start.add(Rational.from(add))));
      answered += counts.answered;
      gaveUp += counts.gaveUp;
    }
    // Both paths are exercised.
    expect(answered).toBeGreaterThan(500);
    expect(gaveUp).toBeGreaterThan(100);
  });

  it.skipIf(!HAS_SAMPLES)('agrees with the exact engine on every sample file, at B/n and above', () => {
    for (const name of sampleFiles()) {
      const e = approvalElectionFromPb(loadSample(name)).election;
      const prep = prepareElection(e);
      const start = prep.n === 0 ? Rational.ZERO : e.budget.div(Rational.from(prep.n));
      compareEngines(prep, [0, 1, 7, 50, 150, 767].map((add) => start.add(Rational.from(add))));
    }
  }, 120_000);

  it('explains float-proven runs with the same exact amounts as the exact engine (random elections)', () => {
    let traced = 0;
    for (let seed = 2000; seed < 2300; seed++) {
      const e = randomElection(seed);
      for (const rule of ['mes-cost', 'mes-card', 'mes-cost-u']) {
        const fast = tally(e, rule);
        const exact = tally(e, rule, { float: false });
        if (fast.mes!.exactRuns === 0) traced++;
        expect(fast, `seed ${seed} ${rule}`).toEqual({ ...exact, mes: { ...exact.mes, exactRuns: fast.mes!.exactRuns } });
      }
    }
    expect(traced).toBeGreaterThan(200);
  });

  it.skipIf(!HAS_SAMPLES)('explains float-proven runs with the same exact amounts as the exact engine (every sample)', () => {
    for (const name of sampleFiles()) {
      const e = approvalElectionFromPb(loadSample(name)).election;
      for (const rule of ['mes-cost', 'mes-card', 'mes-cost-u']) {
        const fast = tally(e, rule);
        const exact = tally(e, rule, { float: false });
        expect(fast, `${name} ${rule}`).toEqual({ ...exact, mes: { ...exact.mes, exactRuns: fast.mes!.exactRuns } });
      }
    }
  }, 120_000);

  it.skipIf(!HAS_SAMPLES)('decides all of Wieliczka’s 151 Add1 runs in floats, with the same outcome as exact arithmetic', () => {
    const e = approvalElectionFromPb(loadSample('poland_wieliczka_2023_green-budget.pb')).election;
    const fast = tally(e, 'mes-cost-add1u');
    const exact = tally(e, 'mes-cost-add1u', { float: false });
    expect(fast.mes).toMatchObject({ runs: 151, exactRuns: 0 });
    expect(exact.mes).toMatchObject({ runs: 151, exactRuns: 151 });
    expect(fast).toEqual({ ...exact, mes: { ...exact.mes, exactRuns: 0 } });
  });
});
