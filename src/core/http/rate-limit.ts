import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.ts';
import { HttpError } from './errors.ts';

export interface RateLimitRule {
  /** Requests allowed per window. */
  max: number;
  windowSeconds: number;
}

/** One hit of `bucket`: the window it falls in, and the rule that judges it. */
export interface RateLimitHit {
  bucket: string;
  rule: RateLimitRule;
  windowStart: Date;
  now: number;
}

export function rateLimitHit(bucket: string, rule: RateLimitRule, now = Date.now()): RateLimitHit {
  return { bucket, rule, now, windowStart: new Date(Math.floor(now / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000) };
}

/**
 * The atomic upsert counting `hit`, returning `hits`. The counter lives in the database, so the
 * limit holds across app processes; as a fragment it can ride in another statement (the request
 * context loads session, actor and the hit in one round trip). With `when`, the hit is counted
 * only if that condition holds (and then no row comes back).
 */
export const countHitSql = (hit: RateLimitHit, when = sql<boolean>`true`): RawBuilder<{ hits: number }> => sql<{ hits: number }>`
    INSERT INTO core_rate_limits (bucket, window_start, hits) SELECT ${hit.bucket}, ${hit.windowStart.toISOString()}::timestamptz, 1 WHERE ${when}
    ON CONFLICT (bucket, window_start) DO UPDATE SET hits = core_rate_limits.hits + 1
    RETURNING hits`;

/**
 * The hits already counted in `hit`'s window, without counting this one: for routes that count
 * their hit inside their own write statement (`deferRateLimit`), so the request can be refused
 * early when the window is already full, without a write of its own.
 */
export const peekHitSql = (hit: RateLimitHit): RawBuilder<{ hits: number | null }> => sql<{ hits: number | null }>`
    SELECT hits FROM core_rate_limits WHERE bucket = ${hit.bucket} AND window_start = ${hit.windowStart.toISOString()}`;

/** Throws 429 when the counted `hits` passed the rule's maximum. */
export function enforceRateLimit(hit: RateLimitHit, hits: number): void {
  if (hits <= hit.rule.max) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((hit.windowStart.getTime() + hit.rule.windowSeconds * 1000 - hit.now) / 1000));
  throw new HttpError(429, 'rate_limited', 'errors.rate_limited', { retryAfterSeconds });
}

/** Counts a hit for `bucket` in the current fixed window and throws 429 past `max`. */
export async function hitRateLimit(db: Db, bucket: string, rule: RateLimitRule, now = Date.now()): Promise<void> {
  const hit = rateLimitHit(bucket, rule, now);
  const result = await countHitSql(hit).execute(db);
  enforceRateLimit(hit, result.rows[0]?.hits ?? 0);
}

/** Drops windows that ended more than a day ago (run from a periodic job). */
export async function pruneRateLimits(db: Db): Promise<void> {
  await db.deleteFrom('core_rate_limits').where('window_start', '<', new Date(Date.now() - 86400_000)).execute();
}
