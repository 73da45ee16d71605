import { localidadesGeoJson, LOCALIDADES_BBOX } from './locate.ts';

export interface ProjectedLocalidad {
  code: string;
  name: string;
  /** SVG path data in pixel units (rounded to whole pixels). */
  d: string;
  /** Where a label or marker fits: the centre of the largest polygon's bounding box. */
  anchor: [number, number];
}

export interface ProjectedMap {
  width: number;
  height: number;
  localidades: ProjectedLocalidad[];
}

const cache = new Map<number, ProjectedMap>();

/** Douglas–Peucker on pixel points: drops vertices closer than `tolerance` px to the simplified line. */
function simplify(points: [number, number][], tolerance: number): [number, number][] {
  if (points.length <= 4) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [start, end] = stack.pop()!;
    const [ax, ay] = points[start]!;
    const [bx, by] = points[end]!;
    const length = Math.hypot(bx - ax, by - ay) || 1;
    let worst = -1;
    let worstDistance = tolerance;
    for (let i = start + 1; i < end; i++) {
      const [px, py] = points[i]!;
      const distance = Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length;
      if (distance > worstDistance) {
        worst = i;
        worstDistance = distance;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([start, worst], [worst, end]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/**
 * Projects the shipped polygons to SVG paths of the given width (equirectangular, with longitude
 * scaled by cos(latitude) so shapes keep their proportions at Bogotá's latitude). Coordinates are
 * rounded to whole pixels and simplified below one pixel, which keeps a full map of the 20 localidades
 * small enough to inline in a page. Computed once per width.
 */
export function projectLocalidades(width: number): ProjectedMap {
  const cached = cache.get(width);
  if (cached) return cached;
  const [minLon, minLat, maxLon, maxLat] = LOCALIDADES_BBOX;
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = width / ((maxLon - minLon) * kx);
  const height = Math.ceil((maxLat - minLat) * scale);
  const project = (lon: number, lat: number): [number, number] => [Math.round((lon - minLon) * kx * scale), Math.round((maxLat - lat) * scale)];
  const localidades = localidadesGeoJson().features.map((feature) => {
    let d = '';
    let best = { area: -1, anchor: [0, 0] as [number, number] };
    for (const polygon of feature.geometry.coordinates) {
      for (const [ringIndex, ring] of polygon.entries()) {
        const points: [number, number][] = [];
        for (const [lon, lat] of ring) {
          const p = project(lon, lat);
          const last = points[points.length - 1];
          if (!last || last[0] !== p[0] || last[1] !== p[1]) points.push(p);
        }
        // A closed ring starts and ends on the same point, which gives Douglas–Peucker no baseline:
        // split it at the vertex farthest from the start and simplify both halves.
        let far = 0;
        points.forEach((p, i) => {
          if (Math.hypot(p[0] - points[0]![0], p[1] - points[0]![1]) > Math.hypot(points[far]![0] - points[0]![0], points[far]![1] - points[0]![1])) far = i;
        });
        const simplified = [...simplify(points.slice(0, far + 1), 0.8), ...simplify(points.slice(far), 0.8).slice(1)];
        points.length = 0;
        points.push(...simplified);
        if (points.length < 3) continue;
        d += `M${points.map((p) => `${p[0]} ${p[1]}`).join('L')}Z`;
        if (ringIndex === 0) {
          const xs = points.map((p) => p[0]);
          const ys = points.map((p) => p[1]);
          const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
          const area = (x1 - x0) * (y1 - y0);
          if (area > best.area) best = { area, anchor: [Math.round((x0 + x1) / 2), Math.round((y0 + y1) / 2)] };
        }
      }
    }
    return { code: feature.properties.code, name: feature.properties.name, d, anchor: best.anchor };
  });
  const map = { width, height, localidades };
  cache.set(width, map);
  return map;
}
