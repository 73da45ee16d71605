import { describe, expect, it } from 'vitest';
import { approximate, gcd, q, Rational, RationalFormatError } from './rational.ts';

describe('Rational', () => {
  it('parses exact decimals, never through binary floats', () => {
    expect(Rational.parse('0.9')).toEqual(Rational.of(9n, 10n));
    expect(Rational.parse('740793.05').toString()).toBe('14815861/20');
    expect(Rational.parse('214386.4').toString()).toBe('1071932/5');
    expect(Rational.parse('  1000 ').toString()).toBe('1000');
    expect(Rational.parse('-3.50').toString()).toBe('-7/2');
    expect(Rational.parse('.5').toString()).toBe('1/2');
    expect(Rational.parse('12.').toString()).toBe('12');
    expect(Rational.parse('+2').toString()).toBe('2');
    // 0.1 + 0.2 is exactly 0.3 here.
    expect(q('0.1').add(q('0.2')).equals(q('0.3'))).toBe(true);
  });

  it('accepts a decimal comma like pabutools', () => {
    expect(Rational.parse('1000,50').toString()).toBe('2001/2');
  });

  it('rejects anything that is not a plain decimal', () => {
    for (const bad of ['', ' ', '1e3', '1,000.5', 'abc', '1.2.3', '.', '-', '0x10', 'NaN', 'Infinity', '1 000']) {
      expect(() => Rational.parse(bad), bad).toThrow(RationalFormatError);
    }
    expect(Rational.tryParse('x')).toBeNull();
  });

  it('keeps values normalised: positive denominator, lowest terms', () => {
    const value = Rational.of(6n, -4n);
    expect([value.num, value.den]).toEqual([-3n, 2n]);
    expect(Rational.of(0n, -7n)).toEqual(Rational.ZERO);
    expect(Rational.of(10n, 5n).isInteger()).toBe(true);
    expect(() => Rational.of(1n, 0n)).toThrow(RangeError);
  });

  it('adds, subtracts, multiplies and divides exactly', () => {
    const third = Rational.of(1n, 3n);
    const sixth = Rational.of(1n, 6n);
    expect(third.add(sixth).toString()).toBe('1/2');
    expect(third.sub(sixth).toString()).toBe('1/6');
    expect(third.mul(q(3)).toString()).toBe('1');
    expect(third.div(sixth).toString()).toBe('2');
    expect(q(5).add(q(7)).toString()).toBe('12');
    expect(q('2.5').add(q(1)).toString()).toBe('7/2');
    expect(q(1).add(q('2.5')).toString()).toBe('7/2');
    expect(q(-2).div(q(-4)).toString()).toBe('1/2');
    expect(q(2).div(q(-4)).toString()).toBe('-1/2');
    expect(Rational.ZERO.mul(third)).toEqual(Rational.ZERO);
    expect(() => third.div(Rational.ZERO)).toThrow(RangeError);
    // Same denominators: sums stay reduced.
    expect(Rational.of(1n, 4n).add(Rational.of(1n, 4n))).toEqual(Rational.of(1n, 2n));
  });

  it('handles numbers far beyond 64 bits', () => {
    const big = Rational.of(2n ** 200n + 1n, 3n ** 100n);
    expect(big.sub(big)).toEqual(Rational.ZERO);
    expect(big.div(big)).toEqual(Rational.ONE);
    expect(big.add(Rational.ONE).gt(big)).toBe(true);
  });

  it('compares by cross-multiplication, exactly at equality', () => {
    expect(q('0.3').compare(Rational.of(3n, 10n))).toBe(0);
    expect(Rational.of(1n, 3n).lt(q('0.3334'))).toBe(true);
    expect(Rational.of(1n, 3n).gt(q('0.3333'))).toBe(true);
    expect(q(2).le(q(2))).toBe(true);
    expect(q(2).ge(q(3))).toBe(false);
    expect(q(-1).sign()).toBe(-1);
    expect(Rational.ZERO.isZero()).toBe(true);
    // Two values 1e-40 apart are still ordered.
    const a = Rational.of(10n ** 40n + 1n, 10n ** 40n);
    expect(a.gt(Rational.ONE)).toBe(true);
  });

  it('floors toward minus infinity', () => {
    expect(q('151.837').floor()).toBe(151n);
    expect(q(7).floor()).toBe(7n);
    expect(q('-0.5').floor()).toBe(-1n);
    expect(q(-2).floor()).toBe(-2n);
    expect(Rational.of(1000000n, 6586n).floor()).toBe(151n);
  });

  it('prints exact decimals when they terminate, rounded and marked otherwise', () => {
    expect(q('740793.05').toDecimalString()).toBe('740793.05');
    expect(q('0.9').toDecimalString()).toBe('0.9');
    expect(q(250).toDecimalString()).toBe('250');
    expect(Rational.of(1n, 8n).toDecimalString()).toBe('0.125');
    expect(q('-0.05').toDecimalString()).toBe('-0.05');
    expect(Rational.of(1000000n, 6586n).toDecimalString(3)).toBe('≈151.837');
    expect(Rational.of(2n, 3n).toDecimalString(2)).toBe('≈0.67');
    expect(Rational.of(-1n, 3n).toDecimalString(2)).toBe('≈-0.33');
    expect(Rational.of(1n, 3n).toString()).toBe('1/3');
    for (const text of ['0.9', '740793.05', '1000', '0.0001', '-12.5']) expect(Rational.parse(q(text).toDecimalString()).equals(q(text))).toBe(true);
  });

  it('round-trips toString through fromString and serialises to JSON as text', () => {
    for (const value of [Rational.of(-7n, 3n), q(12), q('0.25')]) expect(Rational.fromString(value.toString())).toEqual(value);
    expect(JSON.stringify({ v: Rational.of(1n, 3n) })).toBe('{"v":"1/3"}');
    expect(() => Rational.fromString('1/x')).toThrow(RationalFormatError);
  });

  it('approximates huge fractions without overflowing', () => {
    expect(approximate(1n, 3n)).toBeCloseTo(1 / 3, 15);
    expect(approximate(2n ** 3000n, 2n ** 2999n)).toBe(2);
    expect(approximate(0n, 2n ** 3000n)).toBe(0);
    expect(Rational.of(3n ** 700n + 1n, 3n ** 700n).toNumber()).toBe(1);
  });

  it('computes gcd on signed values', () => {
    expect(gcd(12n, -18n)).toBe(6n);
    expect(gcd(0n, 5n)).toBe(5n);
    expect(gcd(0n, 0n)).toBe(0n);
  });
});
