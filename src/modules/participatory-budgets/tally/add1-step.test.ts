import { describe, expect, it } from 'vitest';
import { Rational } from './rational.ts';
import { tally } from './rules.ts';
import { election } from './tally.test-support.ts';

// A COP-like envelope: B/n = 100,000 per voter, and Add1 must raise it by about 38,900 before it
// stops. One peso per voter is pb-rules.md's definition (and what Pabulib recounts use); an
// edition's coarser step scans the same endowments a thousand pesos apart.
const cop = election(1_000_000, { a: 600_000, b: 300_000, c: 250_000, d: 200_000 }, ['a', 'a', 'a', 'b', 'b,c', 'c', 'c,d', 'd', 'a,d', 'b']);

describe('Add1 with a per-voter step', () => {
  it('scans one currency unit at a time by default, as pb-rules.md §3.3 defines it', () => {
    const result = tally(cop, 'mes-cost-add1u');
    expect(result.mes).toMatchObject({ add1Variant: 'A', runs: 38_890 });
    expect(result.mes!.add1Step!.toString()).toBe('1');
    expect(result.mes!.endowment.toString()).toBe('138889');
    expect(tally(cop, 'mes-cost-add1u', { step: Rational.ONE }).mes!.runs).toBe(38_890);
  });

  it('with a step of 1,000 makes a thousandth of the runs, stops on an endowment of the coarser scan, and says which step it used', () => {
    const result = tally(cop, 'mes-cost-add1u', { step: Rational.from(1000) });
    expect(result.mes!.runs).toBe(40);
    // Variant A starts at B/n = 100,000 and adds whole steps.
    expect(result.mes!.endowment.sub(Rational.from(100_000)).toString()).toBe('39000');
    expect(result.mes!.add1Step!.toString()).toBe('1000');
    expect(result.projects.filter((p) => p.selected).map((p) => p.id)).toEqual(['b', 'c', 'd']);
  });

  it('applies to variants B and C (integral start) and is absent from rules without Add1', () => {
    const b = tally(cop, 'mes-cost-add1u-eqtool', { step: Rational.from(1000) });
    expect(b.mes!.add1Step!.toString()).toBe('1000');
    expect(b.mes!.endowment.sub(Rational.from(100_000)).den).toBe(1n);
    expect(Number(b.mes!.endowment.sub(Rational.from(100_000)).num % 1000n)).toBe(0);
    expect(tally(cop, 'mes-cost-u', { step: Rational.from(1000) }).mes!.add1Step).toBeNull();
  });

  it('refuses a step that is not positive', () => {
    expect(() => tally(cop, 'mes-cost-add1u', { step: Rational.ZERO })).toThrow('Add1 step must be positive');
  });
});
