import type { Actor } from '../permissions/permissions.ts';

/** A signed-in request context as `loadSessionActor` read it, and the digest it read it with. */
export interface RememberedContext {
  userId: string | null;
  data: Record<string, unknown>;
  actor: Actor;
  fingerprint: string;
}

/**
 * The request contexts this process loaded lately, by session hash, so that a route which checks
 * the context inside its own write statement (`contextUnchangedSql`) can skip reading it first.
 * An entry is only ever a guess: nothing may be decided on it without that check, so it needs no
 * invalidation across processes. Bounded in size (oldest first out) and in age.
 */
export class ContextCache {
  private readonly entries = new Map<string, { context: RememberedContext; storedAt: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 15 * 60_000,
  ) {}

  get(sessionHash: string, now = Date.now()): RememberedContext | null {
    const entry = this.entries.get(sessionHash);
    if (!entry) return null;
    if (now - entry.storedAt >= this.ttlMs) {
      this.entries.delete(sessionHash);
      return null;
    }
    return entry.context;
  }

  put(sessionHash: string, context: RememberedContext, now = Date.now()): void {
    // Re-inserting moves the key to the end, so the first key is always the oldest.
    this.entries.delete(sessionHash);
    this.entries.set(sessionHash, { context, storedAt: now });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(sessionHash: string): void {
    this.entries.delete(sessionHash);
  }
}
