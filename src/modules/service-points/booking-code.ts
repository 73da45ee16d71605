import { randomBytes } from 'node:crypto';

/**
 * Booking codes: 12 symbols of Crockford's base 32 (no I, L, O or U, so nothing reads as another
 * symbol or a word), shown as XXXX-XXXX-XXXX. 60 random bits: with the rate-limited lookup,
 * guessing someone's code is out of reach, and the code alone lets its holder change the turn.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newBookingCode(): string {
  const bytes = randomBytes(12);
  let code = '';
  for (let i = 0; i < 12; i++) {
    code += ALPHABET[bytes[i]! & 31];
    if (i === 3 || i === 7) code += '-';
  }
  return code;
}

/**
 * A code as people type or dictate it → its canonical form, or null. Case, spaces and dashes do
 * not matter, and the letters people confuse with digits are read as those digits (O → 0, I/L → 1).
 */
export function normalizeBookingCode(raw: string): string | null {
  const cleaned = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(cleaned)) return null;
  return `${cleaned.slice(0, 4)}-${cleaned.slice(4, 8)}-${cleaned.slice(8)}`;
}
