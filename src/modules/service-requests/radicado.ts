import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../../core/db/database.ts';
import { keyedHash, safeEqual } from '../../core/security/tokens.ts';

export const RADICADO_PATTERN = /^(\d{4})-(\d{6,})$/;

/** 2026, 123 → "2026-000123". */
export const formatRadicado = (year: number, sequence: number) => `${year}-${String(sequence).padStart(6, '0')}`;

/**
 * Takes the next number of `year` inside the filing transaction. The upsert locks the year's
 * counter row until the transaction ends: concurrent filings queue here and get numbers in commit
 * order, and a filing that rolls back also rolls back its increment, so no number is skipped.
 * Call it as late as possible in the transaction (after slow work such as storing files).
 */
export async function takeRadicado(tx: Tx, year: number): Promise<{ sequence: number; radicado: string }> {
  const result = await sql<{ last_value: number }>`
    INSERT INTO service_requests_counters (year, last_value) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last_value = service_requests_counters.last_value + 1
    RETURNING last_value`.execute(tx);
  const sequence = Number(result.rows[0]!.last_value);
  return { sequence, radicado: formatRadicado(year, sequence) };
}

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

/** Keyed hash bound to the radicado: a database reader cannot test guesses, nor reuse a code. */
export const followCodeHash = (secret: string, radicado: string, code: string) => keyedHash(secret, 'service-requests-follow', `${radicado}:${code}`);

export const followCodeMatches = (secret: string, radicado: string, code: string, storedHash: string) => safeEqual(followCodeHash(secret, radicado, code), storedHash);

/** "2026-123", " 2026-000123 " → "2026-000123", or null. */
export function normalizeRadicado(raw: string): string | null {
  const match = /^\s*(\d{4})\s*-\s*(\d{1,9})\s*$/.exec(raw);
  if (!match) return null;
  return formatRadicado(Number(match[1]), Number(match[2]));
}
