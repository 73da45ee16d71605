/**
 * Exact rational numbers on BigInt, for vote counting: money amounts in participatory budgeting
 * must never go through binary floats (0.9 is 9/10, and MES ties are decided by exact equality).
 *
 * Invariants: `den > 0n` and `gcd(|num|, den) === 1n`, so equal values have equal fields and
 * `equals` is a field comparison. The constructor is private; `Rational.of` normalises.
 */

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** Thrown by `Rational.parse` for text that is not a plain decimal number. */
export class RationalFormatError extends Error {
  constructor(readonly text: string) {
    super(`Número inválido / invalid number «${text}»`);
    this.name = 'RationalFormatError';
  }
}

const DECIMAL = /^([+-]?)(\d*)(?:[.,](\d*))?$/;

export class Rational {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  /** `num / den` already known to be in lowest terms, except perhaps for the sign of `den`. */
  private static make(num: bigint, den: bigint): Rational {
    return den < 0n ? new Rational(-num, -den) : new Rational(num, den);
  }

  /** `num / den` in lowest terms. */
  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new RangeError('Rational with a zero denominator');
    // Integers are the common case (costs, budgets): no gcd needed.
    if (den === 1n) return new Rational(num, 1n);
    if (den === -1n) return new Rational(-num, 1n);
    const g = gcd(num, den);
    return g === 1n ? Rational.make(num, den) : Rational.make(num / g, den / g);
  }

  static from(value: number | bigint): Rational {
    if (typeof value === 'bigint') return new Rational(value, 1n);
    if (!Number.isSafeInteger(value)) throw new RangeError(`Rational.from needs a safe integer (got ${value})`);
    return new Rational(BigInt(value), 1n);
  }

  /**
   * Parses an exact decimal: `740793.05`, `-3`, `0.9`, `.5`, `12.`. A decimal comma (`1000,50`) is
   * accepted like pabutools does (the pabulib checker flags it, but the value is unambiguous).
   * Exponents, thousands separators and empty text are rejected.
   */
  static parse(text: string): Rational {
    const match = DECIMAL.exec(text.trim());
    if (!match) throw new RationalFormatError(text);
    const sign = match[1] === '-' ? -1n : 1n;
    const whole = match[2] ?? '';
    const fraction = match[3] ?? '';
    if (whole === '' && fraction === '') throw new RationalFormatError(text);
    if (fraction === '') return new Rational(sign * BigInt(whole || '0'), 1n);
    return Rational.of(sign * BigInt(`${whole}${fraction}`), 10n ** BigInt(fraction.length));
  }

  /** Like `parse`, but returns null instead of throwing. */
  static tryParse(text: string): Rational | null {
    try {
      return Rational.parse(text);
    } catch {
      return null;
    }
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.num > 0n ? 1 : this.num < 0n ? -1 : 0;
  }

  add(other: Rational): Rational {
    if (this.den === 1n && other.den === 1n) return new Rational(this.num + other.num, 1n);
    if (this.den === other.den) return Rational.of(this.num + other.num, this.den);
    if (other.den === 1n) return new Rational(this.num + other.num * this.den, this.den);
    if (this.den === 1n) return new Rational(this.num * other.den + other.num, other.den);
    return Rational.of(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  sub(other: Rational): Rational {
    return this.add(other.neg());
  }

  neg(): Rational {
    return new Rational(-this.num, this.den);
  }

  mul(other: Rational): Rational {
    if (this.den === 1n && other.den === 1n) return new Rational(this.num * other.num, 1n);
    // Cross-reducing keeps the intermediate products small and the result already in lowest terms.
    const g1 = gcd(this.num, other.den);
    const g2 = gcd(other.num, this.den);
    return Rational.make((this.num / g1) * (other.num / g2), (this.den / g2) * (other.den / g1));
  }

  div(other: Rational): Rational {
    if (other.num === 0n) throw new RangeError('Division by zero');
    return this.mul(Rational.make(other.den, other.num));
  }

  /** -1, 0 or 1. Cross-multiplication: denominators are positive, so no division is needed. */
  compare(other: Rational): -1 | 0 | 1 {
    const left = this.den === other.den ? this.num : this.num * other.den;
    const right = this.den === other.den ? other.num : other.num * this.den;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  equals(other: Rational): boolean {
    return this.num === other.num && this.den === other.den;
  }

  lt(other: Rational): boolean {
    return this.compare(other) < 0;
  }

  le(other: Rational): boolean {
    return this.compare(other) <= 0;
  }

  gt(other: Rational): boolean {
    return this.compare(other) > 0;
  }

  ge(other: Rational): boolean {
    return this.compare(other) >= 0;
  }

  /** Largest integer ≤ this value (BigInt division truncates toward zero, so negatives need care). */
  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /** Approximation for display and heuristics only; never for decisions. */
  toNumber(): number {
    return approximate(this.num, this.den);
  }

  /** `"n"` for integers, `"n/d"` otherwise: exact and parseable back by `fromString`. */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  /** Reads `toString()` output (`"n"` or `"n/d"`) or a decimal. */
  static fromString(text: string): Rational {
    const slash = text.indexOf('/');
    if (slash < 0) return Rational.parse(text);
    const num = text.slice(0, slash).trim();
    const den = text.slice(slash + 1).trim();
    if (!/^[+-]?\d+$/.test(num) || !/^\d+$/.test(den)) throw new RationalFormatError(text);
    return Rational.of(BigInt(num), BigInt(den));
  }

  /**
   * Decimal text. Exact whenever the value has a terminating decimal expansion (every parsed
   * decimal does, so `parse(x.toDecimalString())` round-trips); other values are rounded half
   * away from zero to `maxFractionDigits` digits and marked with a leading `≈`.
   */
  toDecimalString(maxFractionDigits = 6): string {
    const negative = this.num < 0n;
    const abs = negative ? -this.num : this.num;
    let den = this.den;
    let twos = 0;
    let fives = 0;
    while (den % 2n === 0n) {
      den /= 2n;
      twos++;
    }
    while (den % 5n === 0n) {
      den /= 5n;
      fives++;
    }
    const exact = den === 1n;
    const digits = exact ? Math.max(twos, fives) : maxFractionDigits;
    const scale = 10n ** BigInt(digits);
    let scaled = (abs * scale) / this.den;
    if (!exact && ((abs * scale) % this.den) * 2n >= this.den) scaled += 1n;
    let text = scaled.toString();
    if (digits > 0) {
      text = text.padStart(digits + 1, '0');
      text = `${text.slice(0, -digits)}.${text.slice(-digits)}`;
      if (!exact) text = text.replace(/\.?0+$/, '');
    }
    return `${exact ? '' : '≈'}${negative && text.replace(/[0.]/g, '') !== '' ? '-' : ''}${text}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Shorthand: `q('0.9')`, `q(3)`, `q(1n, 3n)`. */
export function q(value: string | number | bigint, den?: bigint): Rational {
  if (typeof value === 'string') return Rational.parse(value);
  if (den !== undefined) return Rational.of(BigInt(value), den);
  return Rational.from(value);
}

/**
 * A float close to `num / den` (relative error a few units in 2^-53), also for numbers beyond the
 * float range: both are shifted right by the same amount first. Used only to order work and to
 * settle comparisons that are far from a tie; every close call is decided exactly.
 */
export function approximate(num: bigint, den: bigint): number {
  const value = Number(num) / Number(den);
  if (Number.isFinite(value) && value !== 0) return value;
  if (num === 0n) return 0;
  const bits = Math.max(bitLength(num), bitLength(den));
  const shift = BigInt(Math.max(0, bits - 1000));
  const n = Number(num >> shift);
  const d = Number(den >> shift);
  // When den shifts to 0 the value exceeds the float range; when num does, it underflows to 0.
  return d === 0 ? (num < 0n ? -Infinity : Infinity) : n / d;
}

function bitLength(value: bigint): number {
  return (value < 0n ? -value : value).toString(16).length * 4;
}
