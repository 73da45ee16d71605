import { LOCALIDADES_BBOX } from '../../../core/geo/locate.ts';
import { projectLocalidades } from '../../../core/geo/map-paths.ts';

// Projected at this width so a single localidad, cropped, still has enough detail.
const PROJECTION_WIDTH = 1600;
const SHOWN_WIDTH = 320;

/** The same projection as projectLocalidades (equirectangular, longitude scaled by cos(latitude)). */
function projectPoint(lon: number, lat: number, width: number): [number, number] {
  const [minLon, minLat, maxLon, maxLat] = LOCALIDADES_BBOX;
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = width / ((maxLon - minLon) * kx);
  return [(lon - minLon) * kx * scale, (maxLat - lat) * scale];
}

function boundsOf(d: string): [number, number, number, number] {
  const numbers = d.match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i + 1 < numbers.length; i += 2) {
    const x = numbers[i]!;
    const y = numbers[i + 1]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

/**
 * A small static map: the proposal's localidad and a dot where the proposal is. Decorative
 * for screen readers beyond its title, since the coordinates and the localidad are written next to it.
 */
export function ProposalMap(props: { localidadCode: string; latitude: number; longitude: number; title: string }) {
  const map = projectLocalidades(PROJECTION_WIDTH);
  const shape = map.localidades.find((l) => l.code === props.localidadCode);
  if (!shape) return null;
  const [x0, y0, x1, y1] = boundsOf(shape.d);
  const pad = Math.max(x1 - x0, y1 - y0) * 0.05;
  const [px, py] = projectPoint(props.longitude, props.latitude, PROJECTION_WIDTH);
  const box = [x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad];
  const height = Math.round((SHOWN_WIDTH * box[3]!) / box[2]!);
  const r = Math.max(box[2]!, box[3]!) / 60;
  return (
    <figure class="map proposal-map">
      <svg viewBox={box.map((n) => Math.round(n)).join(' ')} width={SHOWN_WIDTH} height={height} role="img" aria-labelledby="proposal-map-title" class="map-svg">
        <title id="proposal-map-title">{props.title}</title>
        <path d={shape.d} class="map-area" fill-rule="evenodd" />
        <circle cx={Math.round(px)} cy={Math.round(py)} r={Math.round(r)} class="proposal-map-point" />
      </svg>
    </figure>
  );
}
