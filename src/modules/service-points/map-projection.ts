import { LOCALIDADES_BBOX } from '../../core/geo/locate.ts';

/**
 * Projects a WGS84 point to the pixel space of `projectLocalidades(width)` (core/geo/map-paths.ts),
 * with the same formula — equirectangular, longitude scaled by cos(mean latitude) over the
 * District's bounding box — so markers land on the localidad polygons drawn at that width.
 */
export function projectPoint(width: number, lon: number, lat: number): [number, number] {
  const [minLon, minLat, maxLon, maxLat] = LOCALIDADES_BBOX;
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = width / ((maxLon - minLon) * kx);
  return [Math.round((lon - minLon) * kx * scale), Math.round((maxLat - lat) * scale)];
}

/**
 * The frame of the centres map: the urban area and its edges (all the Red CADE points are there).
 * The rural south — most of Usme and Ciudad Bolívar, and Sumapaz — falls outside the frame.
 */
export const URBAN_FRAME = { west: -74.23, south: 4.45, east: -73.99, north: 4.84 } as const;

export function urbanViewBox(width: number): { x: number; y: number; width: number; height: number } {
  const [x0, y0] = projectPoint(width, URBAN_FRAME.west, URBAN_FRAME.north);
  const [x1, y1] = projectPoint(width, URBAN_FRAME.east, URBAN_FRAME.south);
  return { x: x0, y: Math.max(0, y0), width: x1 - x0, height: y1 - Math.max(0, y0) };
}
