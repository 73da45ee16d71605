import { randomInt } from 'node:crypto';
import { keyedHash, safeEqual } from '../../core/security/tokens.ts';

export const RADICADO_PATTERN = /^(\d{4})-(\d{6,})$/;

/** 2026, 123 → "2026-000123". */
export const formatRadicado = (year: number, sequence: number) => `${year}-${String(sequence).padStart(6, '0')}`;

/**
 * SQL for the radicado of the year's next number, from the `counter` CTE of the filing statement
 * (see fileRequest): "2026-000123"; numbers past 999999 keep all their digits. The counter upsert
 * locks the year's row until the transaction ends: concurrent filings queue there and get numbers
 * in commit order, and a filing that rolls back rolls back its increment, so no number is skipped.
 */
export const RADICADO_SQL = `counter.year || '-' || CASE WHEN counter.last_value >= 1000000 THEN counter.last_value::text ELSE lpad(counter.last_value::text, 6, '0') END`;

// No 0/O, 1/I: codes are read aloud at service desks and typed from paper.
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A secret follow code: 12 characters (60 bits) shown as XXXX-XXXX-XXXX. */
export function newFollowCode(): string {
  let code = '';
  for (let i = 0; i < 12; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** What people type ("abcd efgh-jk mn") → the canonical form, or null. */
export function normalizeFollowCode(raw: string): string | null {
  const cleaned = raw.normalize('NFKC').toUpperCase().replace(/[\s\-.]/g, '');
  if (!/^[2-9A-HJ-NP-Z]{12}$/.test(cleaned)) return null;
  return `${cleaned.slice(0, 4)}-${cleaned.slice(4, 8)}-${cleaned.slice(8)}`;
}

/**
 * Keyed hash bound to the request's id: a database reader cannot test guesses, and a code opens
 * one request only.
 */
export const followCodeHash = (secret: string, requestId: string, code: string) => keyedHash(secret, 'service-requests-follow', `${requestId}:${code}`);

export const followCodeMatches = (secret: string, requestId: string, code: string, storedHash: string) => safeEqual(followCodeHash(secret, requestId, code), storedHash);

/** "2026-123", " 2026-000123 " → "2026-000123", or null. */
export function normalizeRadicado(raw: string): string | null {
  const match = /^\s*(\d{4})\s*-\s*(\d{1,9})\s*$/.exec(raw);
  if (!match) return null;
  return formatRadicado(Number(match[1]), Number(match[2]));
}
