/**
 * Small-group protection for published breakdowns: a group of fewer than MIN_GROUP_SIZE people is
 * shown as "< 10", never exactly, and when only one group of a breakdown is hidden the next
 * smallest is withheld too, so the hidden one cannot be worked out by subtracting the others from
 * the total.
 */
export const MIN_GROUP_SIZE = 10;

export interface ProtectedCount {
  key: string;
  /** Exact count, or null when withheld. */
  count: number | null;
  /** 'small': under MIN_GROUP_SIZE; 'complement': withheld so a small group cannot be derived. */
  withheld: 'small' | 'complement' | null;
}

/** Applies the minimum group size to one breakdown. Empty groups are left out, not hidden. */
export function protectCounts(keys: readonly string[], counts: ReadonlyMap<string, number>, minimum = MIN_GROUP_SIZE): ProtectedCount[] {
  const groups: ProtectedCount[] = keys
    .filter((key) => (counts.get(key) ?? 0) > 0)
    .map((key) => {
      const count = counts.get(key)!;
      return count < minimum ? { key, count: null, withheld: 'small' } : { key, count, withheld: null };
    });
  if (groups.filter((g) => g.withheld === 'small').length === 1) {
    let smallest: ProtectedCount | null = null;
    for (const g of groups) if (g.count !== null && (smallest === null || g.count < smallest.count!)) smallest = g;
    if (smallest) {
      smallest.count = null;
      smallest.withheld = 'complement';
    }
  }
  return groups;
}
