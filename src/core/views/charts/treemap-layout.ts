import type { Rect } from './chart-types.ts';

/** A treemap tile: the rectangle for `values[index]`. */
export interface TreemapRect extends Rect {
  index: number;
  value: number;
}

/**
 * Squarified treemap layout (Bruls, Huizing & van Wijk, 2000). Tiles the rectangle (x, y, w, h) with
 * one rectangle per value, each with area proportional to its value and aspect ratios kept close to 1.
 *
 * Returns rectangles in layout order: largest value first, starting at the top-left corner; ties keep
 * input order. `index` points back into `values`. Zero values get zero-area rectangles at the end, so
 * the result always has one entry per input. When every value is zero nothing can be tiled and all
 * rectangles are empty.
 *
 * @throws RangeError for negative or non-finite values, or a negative or non-finite size.
 */
export function squarify(values: readonly number[], x: number, y: number, w: number, h: number): TreemapRect[] {
  for (const n of [x, y, w, h]) {
    if (!Number.isFinite(n)) throw new RangeError(`Treemap bounds must be finite, got ${n}`);
  }
  if (w < 0 || h < 0) throw new RangeError(`Treemap size must not be negative, got ${w}×${h}`);
  values.forEach((v, i) => {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`Treemap value ${i} must be finite and ≥ 0, got ${v}`);
  });

  const order = values
    .map((value, index) => ({ value, index }))
    .sort((a, b) => b.value - a.value || a.index - b.index);
  const positive = order.filter((item) => item.value > 0);
  const zeros = order.filter((item) => item.value === 0);
  const total = positive.reduce((sum, item) => sum + item.value, 0);
  const result: TreemapRect[] = [];
  if (total === 0 || w === 0 || h === 0) {
    return order.map(({ value, index }) => ({ index, value, x, y, width: 0, height: 0 }));
  }

  const scale = (w * h) / total;
  const items = positive.map((item) => ({ ...item, area: item.value * scale }));
  // The free region shrinks as rows are placed; its far edges stay fixed at the original bounds.
  let freeX = x;
  let freeY = y;
  const right = x + w;
  const bottom = y + h;

  const worst = (row: typeof items, side: number): number => {
    let sum = 0;
    let max = 0;
    let min = Infinity;
    for (const item of row) {
      sum += item.area;
      max = Math.max(max, item.area);
      min = Math.min(min, item.area);
    }
    const side2 = side * side;
    return Math.max((side2 * max) / (sum * sum), (sum * sum) / (side2 * min));
  };

  const placeRow = (row: typeof items, isLast: boolean): void => {
    const freeW = right - freeX;
    const freeH = bottom - freeY;
    const rowArea = row.reduce((sum, item) => sum + item.area, 0);
    if (freeW >= freeH) {
      // A column along the left edge of the free region. The last row takes whatever is left, and the
      // last tile in a row ends exactly at the edge, so rounding never leaves gaps or overlaps.
      const columnWidth = isLast ? freeW : Math.min(rowArea / freeH, freeW);
      let cursor = freeY;
      row.forEach((item, k) => {
        const end = k === row.length - 1 ? bottom : cursor + item.area / columnWidth;
        const height = end - cursor;
        result.push({ index: item.index, value: item.value, x: freeX, y: cursor, width: columnWidth, height });
        cursor = end;
      });
      freeX = isLast ? right : freeX + columnWidth;
    } else {
      const rowHeight = isLast ? freeH : Math.min(rowArea / freeW, freeH);
      let cursor = freeX;
      row.forEach((item, k) => {
        const end = k === row.length - 1 ? right : cursor + item.area / rowHeight;
        const width = end - cursor;
        result.push({ index: item.index, value: item.value, x: cursor, y: freeY, width, height: rowHeight });
        cursor = end;
      });
      freeY = isLast ? bottom : freeY + rowHeight;
    }
  };

  let row: typeof items = [];
  for (let i = 0; i < items.length; ) {
    const item = items[i]!;
    const side = Math.min(right - freeX, bottom - freeY);
    const candidate = [...row, item];
    if (row.length === 0 || worst(candidate, side) <= worst(row, side)) {
      row = candidate;
      i++;
    } else {
      placeRow(row, false);
      row = [];
    }
  }
  placeRow(row, true);

  for (const { index, value } of zeros) result.push({ index, value, x: right, y: bottom, width: 0, height: 0 });
  return result;
}

const EDGE_EPSILON = 1e-6;

/** Whether two rectangles share part of an edge (touching only at a corner does not count). */
export function rectsTouch(a: Rect, b: Rect): boolean {
  const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const sideBySide = Math.abs(a.x + a.width - b.x) < EDGE_EPSILON || Math.abs(b.x + b.width - a.x) < EDGE_EPSILON;
  const stacked = Math.abs(a.y + a.height - b.y) < EDGE_EPSILON || Math.abs(b.y + b.height - a.y) < EDGE_EPSILON;
  return (sideBySide && overlapY > EDGE_EPSILON) || (stacked && overlapX > EDGE_EPSILON);
}

/**
 * Picks a colour index for each rectangle so that rectangles sharing an edge differ, greedily in the
 * given order. Cycling colours by position can put two equal colours side by side, which makes
 * neighbouring tiles read as one.
 */
export function assignTileColors(rects: readonly Rect[], colorCount: number): number[] {
  const colors: number[] = [];
  rects.forEach((rect, i) => {
    const taken = new Set<number>();
    for (let j = 0; j < i; j++) if (rectsTouch(rect, rects[j]!)) taken.add(colors[j]!);
    let color = 0;
    while (color < colorCount && taken.has(color)) color++;
    colors.push(color < colorCount ? color : i % colorCount);
  });
  return colors;
}
