/** A bar reaching `length` data units from the zero axis, followed by `text` user units of label. */
export interface AxisExtent {
  length: number;
  text: number;
}

/** Where the zero axis sits and how many user units one data unit spans. */
export interface AxisFit {
  scale: number;
  zeroX: number;
}

function reach(extents: readonly AxisExtent[], scale: number): number {
  let max = 0;
  for (const e of extents) max = Math.max(max, e.length * scale + e.text);
  return max;
}

/**
 * Fits a horizontal value axis into [start, end] so that bars and the text after their ends all fit,
 * with bars as long as possible. `left` holds bars drawn leftwards from zero (negative values), `right`
 * those drawn rightwards. Reserving the widest label on both sides wastes room, because the widest
 * label rarely belongs to the longest bar; solving for the largest feasible scale uses it all.
 */
export function fitAxis(
  left: readonly AxisExtent[],
  right: readonly AxisExtent[],
  start: number,
  end: number,
): AxisFit {
  const room = end - start;
  const longestLeft = Math.max(0, ...left.map((e) => e.length));
  const longest = longestLeft + Math.max(0, ...right.map((e) => e.length));
  if (longest === 0) return { scale: 0, zeroX: start + reach(left, 0) };
  const fits = (scale: number) => reach(left, scale) + reach(right, scale) <= room;
  // When not even the text fits, let it overflow rather than lose the bars.
  if (!fits(0)) return { scale: room / longest, zeroX: start + (longestLeft * room) / longest };
  // reach() is increasing in scale, so bisection converges on the largest scale that fits.
  let lo = 0;
  let hi = room / longest;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return { scale: lo, zeroX: start + reach(left, lo) };
}
