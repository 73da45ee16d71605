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
