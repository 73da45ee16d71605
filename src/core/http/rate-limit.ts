import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { HttpError } from './errors.ts';

export interface RateLimitRule {
  /** Requests allowed per window. */
  max: number;
  windowSeconds: number;
}

/**
 * Counts a hit for `bucket` in the current fixed window and throws 429 past `max`. The counter
 * lives in the database (one atomic upsert), so the limit holds across app processes.
 */
export async function hitRateLimit(db: Db, bucket: string, rule: RateLimitRule, now = Date.now()): Promise<void> {
  const windowStart = new Date(Math.floor(now / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000);
  const result = await sql<{ hits: number }>`
    INSERT INTO core_rate_limits (bucket, window_start, hits) VALUES (${bucket}, ${windowStart.toISOString()}, 1)
    ON CONFLICT (bucket, window_start) DO UPDATE SET hits = core_rate_limits.hits + 1
    RETURNING hits`.execute(db);
  const hits = result.rows[0]?.hits ?? 0;
  if (hits > rule.max) {
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + rule.windowSeconds * 1000 - now) / 1000));
    throw new HttpError(429, 'rate_limited', 'errors.rate_limited', { retryAfterSeconds });
  }
}

/** Drops windows that ended more than a day ago (run from a periodic job). */
export async function pruneRateLimits(db: Db): Promise<void> {
  await db.deleteFrom('core_rate_limits').where('window_start', '<', new Date(Date.now() - 86400_000)).execute();
}
