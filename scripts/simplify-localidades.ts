/**
 * Builds `src/core/geo/localidades.geo.json`, the simplified localidad polygons shipped with GAB.
 *
 *   node --import tsx scripts/simplify-localidades.ts [--tolerance=<metres>] [--in=<geojson>] [--out=<json>]
 *
 * Input: the IDECA "Localidades. Bogotá D.C." FeatureCollection (CRS84, 20 MultiPolygons), by
 * default `../shared/geo/bogota-localidades.geojson` next to the repository. It is 2.5 MB, too big
 * to ship and to scan on every lookup, so this script reduces it to ~110 KB.
 *
 * Why not plain Douglas–Peucker per ring: neighbouring localidades share their borders, and
 * simplifying each ring on its own drops different vertices on each side, which opens slivers
 * (points that belong to no localidad) and overlaps (points in two). Instead, like TopoJSON, rings
 * are cut into arcs at junctions (vertices where the set of neighbours changes), every shared arc
 * is simplified exactly once, and both rings reuse the same result. Afterwards the output is
 * checked for crossing or overlapping segments; arcs involved in one are simplified again with half
 * the tolerance until the output is clean, so the script never writes broken topology.
 *
 * Coordinates are rounded to 5 decimals (~1.1 m at Bogotá's latitude), which is far below the
 * simplification tolerance, and rings are written with RFC 7946 winding (exterior
 * counter-clockwise, holes clockwise).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LOCALIDADES } from '../src/core/geo/localidades.data.ts';

type Position = [number, number];

interface SourceFeature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: Position[][][] };
}

/** Attribution required by the source dataset; it travels inside the output file. */
const ATTRIBUTION =
  'Localidades. Bogotá D.C. — IDECA, Infraestructura de Datos Espaciales de Bogotá (Datos Abiertos Bogotá)';
/** Default tolerance, chosen so the output stays well under the 150 KB budget. */
const DEFAULT_TOLERANCE_M = 8;
const MAX_OUTPUT_BYTES = 150 * 1024;
const DECIMALS = 5;
const SCALE = 10 ** DECIMALS;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values: args } = parseArgs({
  options: {
    tolerance: { type: 'string', default: String(DEFAULT_TOLERANCE_M) },
    in: { type: 'string', default: resolve(repoRoot, '../shared/geo/bogota-localidades.geojson') },
    out: { type: 'string', default: resolve(repoRoot, 'src/core/geo/localidades.geo.json') },
  },
});

const toleranceM = Number(args.tolerance);
if (!(toleranceM >= 0)) throw new Error(`--tolerance must be a non-negative number of metres, got ${args.tolerance}`);

// ---------------------------------------------------------------------------------------------
// Read and validate the source.

const source = JSON.parse(readFileSync(args.in, 'utf8')) as { type?: string; features?: SourceFeature[] };
if (source.type !== 'FeatureCollection' || !Array.isArray(source.features)) {
  throw new Error(`${args.in} is not a GeoJSON FeatureCollection`);
}
if (source.features.length !== 20) throw new Error(`expected 20 localidades, found ${source.features.length}`);

const CODE_PROPERTY = 'Identificador unico de la localidad';
const features = [...source.features].sort((a, b) =>
  String(a.properties[CODE_PROPERTY]).localeCompare(String(b.properties[CODE_PROPERTY])),
);

for (const [index, feature] of features.entries()) {
  const localidad = LOCALIDADES[index];
  const code = feature.properties[CODE_PROPERTY];
  if (!localidad || code !== localidad.code) throw new Error(`unexpected localidad code ${String(code)}`);
  if (feature.geometry.type !== 'MultiPolygon') throw new Error(`localidad ${localidad.code} is not a MultiPolygon`);
  // localidades.data.ts holds a literal copy of these fields; warn when the dataset has moved on.
  const act = feature.properties['Acto administrativo de la localidad'];
  const area = roundDecimalComma(String(feature.properties['Area de la localidad']));
  if (act !== localidad.administrativeAct || area !== localidad.areaM2) {
    console.warn(`warning: localidades.data.ts is out of date for ${code}: source says "${String(act)}", ${area} m²`);
  }
}

/** "45170645,863322" → "45170645.86" (half-up on the decimal string, so no binary float rounding). */
function roundDecimalComma(value: string): string {
  const match = /^(\d+)(?:,(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`unexpected area value ${value}`);
  const hundredths = BigInt(match[1]!) * 100n + BigInt(((match[2] ?? '') + '000').slice(0, 2));
  const roundUp = Number(((match[2] ?? '') + '000')[2]) >= 5 ? 1n : 0n;
  const total = hundredths + roundUp;
  return `${total / 100n}.${String(total % 100n).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Planar projection for distances: an equirectangular projection around Bogotá's latitude is
// accurate to well under 1 % across the District's extent, which is plenty for a tolerance.

const LAT0 = (4.6 * Math.PI) / 180;
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON = 111_320 * Math.cos(LAT0);

const key = (p: Position) => `${p[0]},${p[1]}`;

/** Squared distance in m² from p to segment a–b (to a itself when a and b coincide). */
function segmentDistance2(p: Position, a: Position, b: Position): number {
  const px = (p[0] - a[0]) * M_PER_DEG_LON;
  const py = (p[1] - a[1]) * M_PER_DEG_LAT;
  const bx = (b[0] - a[0]) * M_PER_DEG_LON;
  const by = (b[1] - a[1]) * M_PER_DEG_LAT;
  const length2 = bx * bx + by * by;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / length2));
  const dx = px - t * bx;
  const dy = py - t * by;
  return dx * dx + dy * dy;
}

/** Douglas–Peucker on an open polyline; always keeps both ends. Iterative so 13 000-vertex arcs cannot overflow the stack. */
function douglasPeucker(points: Position[], tolerance: number): Position[] {
  const last = points.length - 1;
  if (last < 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[last] = 1;
  const tolerance2 = tolerance * tolerance;
  const stack: Array<[number, number]> = [[0, last]];
  while (stack.length > 0) {
    const [first, end] = stack.pop()!;
    let farthest = -1;
    let farthest2 = tolerance2;
    for (let i = first + 1; i < end; i++) {
      const d2 = segmentDistance2(points[i]!, points[first]!, points[end]!);
      if (d2 > farthest2) {
        farthest = i;
        farthest2 = d2;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, end]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/**
 * Simplifies an arc. Closed arcs (a whole ring with no junction, such as La Candelaria, which is
 * an enclave of Santa Fe) are split at the vertex farthest from the anchor first, because
 * Douglas–Peucker against a zero-length baseline would collapse them to a sliver.
 */
function simplifyArc(points: Position[], tolerance: number): Position[] {
  const first = points[0]!;
  const closed = key(first) === key(points[points.length - 1]!);
  if (!closed) return douglasPeucker(points, tolerance);
  let split = 1;
  let best = -1;
  for (let i = 1; i < points.length - 1; i++) {
    const d2 = segmentDistance2(points[i]!, first, first);
    if (d2 > best) {
      best = d2;
      split = i;
    }
  }
  const head = douglasPeucker(points.slice(0, split + 1), tolerance);
  const tail = douglasPeucker(points.slice(split), tolerance);
  const result = [...head, ...tail.slice(1)];
  // A ring needs at least three distinct vertices: if the tolerance ate them, retry with a smaller
  // one (unless the ring is already that small).
  if (result.length < 4) return points.length <= 4 ? points : simplifyArc(points, tolerance / 2);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Topology: rings → arcs.

interface RingRef {
  feature: number;
  polygon: number;
  ring: number;
  /** Vertices without the closing repeat. */
  points: Position[];
}

const rings: RingRef[] = [];
features.forEach((feature, featureIndex) =>
  feature.geometry.coordinates.forEach((polygon, polygonIndex) =>
    polygon.forEach((ring, ringIndex) => {
      const points = ring.map((p) => [p[0], p[1]] as Position);
      if (points.length > 1 && key(points[0]!) === key(points[points.length - 1]!)) points.pop();
      rings.push({ feature: featureIndex, polygon: polygonIndex, ring: ringIndex, points });
    }),
  ),
);

// A vertex is a junction when its occurrences do not all have the same pair of neighbours: that is
// exactly where a shared border starts or ends (the TopoJSON rule). A vertex seen only once is never
// one, so outer borders stay single arcs.
const neighbours = new Map<string, Set<string>>();
for (const { points } of rings) {
  points.forEach((point, i) => {
    const prev = points[(i - 1 + points.length) % points.length]!;
    const next = points[(i + 1) % points.length]!;
    const pair = [key(prev), key(next)].sort().join('|');
    const k = key(point);
    const seen = neighbours.get(k);
    if (seen) seen.add(pair);
    else neighbours.set(k, new Set([pair]));
  });
}
const isJunction = (p: Position) => (neighbours.get(key(p))?.size ?? 0) > 1;

/** An arc in canonical orientation, so both rings that share it simplify the same sequence. */
interface Arc {
  id: string;
  points: Position[];
  tolerance: number;
  simplified: Position[];
}
const arcs = new Map<string, Arc>();
/** Per ring: the arcs that make it up, in order, and whether each is used reversed. */
const ringArcs: Array<Array<{ arc: Arc; reversed: boolean }>> = [];

function canonical(points: Position[]): { points: Position[]; reversed: boolean } {
  const forward = points.map(key);
  const backward = [...forward].reverse();
  // Compare the key sequences lexicographically; the smaller direction is canonical.
  for (let i = 0; i < forward.length; i++) {
    if (forward[i] !== backward[i]) {
      return forward[i]! < backward[i]! ? { points, reversed: false } : { points: [...points].reverse(), reversed: true };
    }
  }
  return { points, reversed: false };
}

for (const ring of rings) {
  const n = ring.points.length;
  let start = ring.points.findIndex(isJunction);
  if (start === -1) {
    // No junction: the ring is an island or an enclave/hole shared whole with another ring. Anchor
    // it at its smallest vertex so both copies of a shared ring are cut at the same place.
    start = 0;
    ring.points.forEach((p, i) => {
      const best = ring.points[start]!;
      if (p[0] < best[0] || (p[0] === best[0] && p[1] < best[1])) start = i;
    });
  }
  const rotated = [...ring.points.slice(start), ...ring.points.slice(0, start), ring.points[start]!];
  const parts: Array<{ arc: Arc; reversed: boolean }> = [];
  let current: Position[] = [rotated[0]!];
  for (let i = 1; i <= n; i++) {
    const point = rotated[i]!;
    current.push(point);
    if (i === n || isJunction(point)) {
      const { points, reversed } = canonical(current);
      const id = points.map(key).join(' ');
      let arc = arcs.get(id);
      if (!arc) {
        arc = { id, points, tolerance: toleranceM, simplified: [] };
        arcs.set(id, arc);
      }
      parts.push({ arc, reversed });
      current = [point];
    }
  }
  ringArcs.push(parts);
}

// ---------------------------------------------------------------------------------------------
// Simplify, assemble, validate, repeat where needed.

const round = (value: number) => Math.round(value * SCALE) / SCALE;

function simplifyAll(only?: Set<Arc>): void {
  for (const arc of arcs.values()) {
    if (only && !only.has(arc)) continue;
    const simplified = simplifyArc(arc.points, arc.tolerance).map((p) => [round(p[0]), round(p[1])] as Position);
    // Rounding can make neighbours coincide; drop the repeats (ends are junctions and stay put).
    arc.simplified = simplified.filter((p, i) => i === 0 || key(p) !== key(simplified[i - 1]!));
  }
}

function assembleRing(parts: Array<{ arc: Arc; reversed: boolean }>): Position[] {
  const ring: Position[] = [];
  for (const { arc, reversed } of parts) {
    const points = reversed ? [...arc.simplified].reverse() : arc.simplified;
    ring.push(...(ring.length === 0 ? points : points.slice(1)));
  }
  return ring;
}

/** Signed area (shoelace, in degrees²); positive means counter-clockwise. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum / 2;
}

/**
 * Finds segments that cross, touch or overlap anywhere other than at a shared end vertex. Works on
 * integer coordinates (degrees × 10⁵) so the orientation tests are exact.
 */
function findConflicts(): Set<Arc> {
  interface Segment {
    ax: number;
    ay: number;
    bx: number;
    by: number;
    arcs: Set<Arc>;
  }
  const segments = new Map<string, Segment>();
  for (const arc of arcs.values()) {
    for (let i = 0; i < arc.simplified.length - 1; i++) {
      const a = arc.simplified[i]!;
      const b = arc.simplified[i + 1]!;
      const id = [key(a), key(b)].sort().join('|');
      const existing = segments.get(id);
      if (existing) existing.arcs.add(arc);
      else {
        segments.set(id, {
          ax: Math.round(a[0] * SCALE),
          ay: Math.round(a[1] * SCALE),
          bx: Math.round(b[0] * SCALE),
          by: Math.round(b[1] * SCALE),
          arcs: new Set([arc]),
        });
      }
    }
  }

  // Uniform grid so only nearby segments are compared.
  const CELL = 500; // 0.005° ≈ 550 m
  const grid = new Map<string, Segment[]>();
  for (const segment of segments.values()) {
    for (let x = Math.floor(Math.min(segment.ax, segment.bx) / CELL); x <= Math.floor(Math.max(segment.ax, segment.bx) / CELL); x++) {
      for (let y = Math.floor(Math.min(segment.ay, segment.by) / CELL); y <= Math.floor(Math.max(segment.ay, segment.by) / CELL); y++) {
        const cell = `${x},${y}`;
        const list = grid.get(cell);
        if (list) list.push(segment);
        else grid.set(cell, [segment]);
      }
    }
  }

  const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
    Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
  const onSegment = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
    Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);

  function conflict(s: Segment, t: Segment): boolean {
    const sharedA = (s.ax === t.ax && s.ay === t.ay) || (s.ax === t.bx && s.ay === t.by);
    const sharedB = (s.bx === t.ax && s.by === t.ay) || (s.bx === t.bx && s.by === t.by);
    if (sharedA && sharedB) return false; // same segment (already deduplicated)
    if (sharedA || sharedB) {
      // Touching at one end is normal; it is only wrong when the other ends fold back onto the
      // same line (a spike or an overlap).
      const [px, py] = sharedA ? [s.ax, s.ay] : [s.bx, s.by];
      const [sx, sy] = sharedA ? [s.bx, s.by] : [s.ax, s.ay];
      const [tx, ty] = t.ax === px && t.ay === py ? [t.bx, t.by] : [t.ax, t.ay];
      return orient(px, py, sx, sy, tx, ty) === 0 && (sx - px) * (tx - px) + (sy - py) * (ty - py) > 0;
    }
    const o1 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
    const o2 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
    const o3 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
    const o4 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
    if (o1 !== o2 && o3 !== o4) return true;
    return (
      (o1 === 0 && onSegment(s.ax, s.ay, s.bx, s.by, t.ax, t.ay)) ||
      (o2 === 0 && onSegment(s.ax, s.ay, s.bx, s.by, t.bx, t.by)) ||
      (o3 === 0 && onSegment(t.ax, t.ay, t.bx, t.by, s.ax, s.ay)) ||
      (o4 === 0 && onSegment(t.ax, t.ay, t.bx, t.by, s.bx, s.by))
    );
  }

  const bad = new Set<Arc>();
  for (const list of grid.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const s = list[i]!;
        const t = list[j]!;
        if (conflict(s, t)) for (const arc of [...s.arcs, ...t.arcs]) bad.add(arc);
      }
    }
  }
  return bad;
}

simplifyAll();
for (let pass = 1; ; pass++) {
  const bad = findConflicts();
  if (bad.size === 0) break;
  if (pass > 12) throw new Error(`could not remove ${bad.size} crossing arcs; the source itself may be invalid there`);
  console.log(`pass ${pass}: ${bad.size} arcs cross or overlap; re-simplifying them with half the tolerance`);
  for (const arc of bad) arc.tolerance /= 2;
  simplifyAll(bad);
}

const outputFeatures = features.map((_, featureIndex) => {
  const localidad = LOCALIDADES[featureIndex]!;
  const polygons: Position[][][] = [];
  rings.forEach((ring, ringIndex) => {
    if (ring.feature !== featureIndex) return;
    const coordinates = assembleRing(ringArcs[ringIndex]!);
    if (coordinates.length < 4) throw new Error(`ring ${ring.ring} of ${localidad.code} collapsed`);
    // RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise.
    const area = signedArea(coordinates);
    if (area === 0) throw new Error(`ring ${ring.ring} of ${localidad.code} has zero area`);
    if ((ring.ring === 0) !== area > 0) coordinates.reverse();
    (polygons[ring.polygon] ??= [])[ring.ring] = coordinates;
  });
  return {
    type: 'Feature',
    properties: { code: localidad.code, name: localidad.name },
    geometry: { type: 'MultiPolygon', coordinates: polygons },
  };
});

// ---------------------------------------------------------------------------------------------
// Write: one feature per line keeps diffs readable without the size cost of pretty-printing.

const header = {
  type: 'FeatureCollection',
  attribution: ATTRIBUTION,
  source_note:
    `Simplified copy of the IDECA "Localidades" polygons (poligonos-localidades): topology-preserving ` +
    `Douglas–Peucker (tolerance ${toleranceM} m; shared borders simplified once, so neighbours still meet), ` +
    `coordinates rounded to ${DECIMALS} decimals. For locating points and drawing maps, not for legal or ` +
    `cadastral boundaries.`,
};
const text =
  '{\n' +
  Object.entries(header)
    .map(([name, value]) => `${JSON.stringify(name)}: ${JSON.stringify(value)},\n`)
    .join('') +
  '"features": [\n' +
  outputFeatures.map((feature) => JSON.stringify(feature)).join(',\n') +
  '\n]\n}\n';

const bytes = Buffer.byteLength(text);
if (bytes > MAX_OUTPUT_BYTES) {
  throw new Error(`output is ${bytes} bytes, over the ${MAX_OUTPUT_BYTES} byte budget; raise --tolerance`);
}
writeFileSync(args.out, text);

const inputVertices = rings.reduce((sum, ring) => sum + ring.points.length, 0);
const outputVertices = outputFeatures.reduce(
  (sum, feature) => sum + feature.geometry.coordinates.flat().reduce((n, ring) => n + ring.length - 1, 0),
  0,
);
const sharedArcs = [...arcs.values()].filter(
  (arc) => ringArcs.reduce((n, parts) => n + parts.filter((part) => part.arc === arc).length, 0) > 1,
).length;
console.log(
  `wrote ${relative(process.cwd(), args.out)}: ${(bytes / 1024).toFixed(1)} KB, ` +
    `${outputVertices} vertices (from ${inputVertices}), ${arcs.size} arcs (${sharedArcs} shared), tolerance ${toleranceM} m`,
);
