/**
 * Memoises an async loader for `ttlMs`. Only for data that may be a few seconds stale for
 * everyone (reference lists, home-page figures): each process keeps its own copy, so nothing that
 * must agree across processes may be cached here.
 */
export function cachedFor<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let entry: { at: number; value: Promise<T> } | null = null;
  return () => {
    if (!entry || Date.now() - entry.at >= ttlMs) {
      const value = load();
      entry = { at: Date.now(), value };
      // A failed load is not kept: the next call tries again.
      value.catch(() => {
        if (entry?.value === value) entry = null;
      });
    }
    return entry.value;
  };
}

/** A per-key `cachedFor`; `forget(key)` drops one entry (after this process changed it). */
export interface KeyedCache<T> {
  (key: string): Promise<T>;
  forget(key: string): void;
}

/** A small per-key TTL cache over `cachedFor` (bounded: past `maxKeys` it starts over). */
export function keyedCache<T>(ttlMs: number, maxKeys: number, load: (key: string) => Promise<T>): KeyedCache<T> {
  const entries = new Map<string, () => Promise<T>>();
  const get = (key: string) => {
    let entry = entries.get(key);
    if (!entry) {
      if (entries.size >= maxKeys) entries.clear();
      entry = cachedFor(ttlMs, () => load(key));
      entries.set(key, entry);
    }
    return entry();
  };
  return Object.assign(get, { forget: (key: string) => void entries.delete(key) });
}
