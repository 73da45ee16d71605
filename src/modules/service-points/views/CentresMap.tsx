import { projectLocalidades } from '../../../core/geo/map-paths.ts';
import type { Translate } from '../../../core/i18n/i18n.ts';
import type { Centre } from '../centres.queries.ts';
import { centrePath } from '../centres.queries.ts';
import { projectPoint, urbanViewBox } from '../map-projection.ts';

const WIDTH = 800;

/**
 * The localidades of the urban area, with the listed centres: each localidad that has centres is a
 * link to the list filtered to it, and each centre with published coordinates is a labelled
 * marker linking to its page. Both are focusable SVG links with names, and the list next to the
 * map carries the same information (it is the primary content). Centres without published
 * coordinates appear only through their localidad; the caption says how many.
 */
export function CentresMap(props: { t: Translate; centres: Centre[] }) {
  const { t, centres } = props;
  const map = projectLocalidades(WIDTH);
  const box = urbanViewBox(WIDTH);
  const perLocalidad = new Map<string, number>();
  for (const c of centres) if (c.localidadCode) perLocalidad.set(c.localidadCode, (perLocalidad.get(c.localidadCode) ?? 0) + 1);
  const located = centres.filter((c) => c.latitude !== null && c.longitude !== null);
  const unlocated = centres.length - located.length;
  return (
    <figure class="map sp-map">
      <svg viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`} class="map-svg" aria-labelledby="sp-map-title" focusable="false">
        <title id="sp-map-title">{t('service-points.map.title')}</title>
        {map.localidades.map((l) => {
          const count = perLocalidad.get(l.code) ?? 0;
          return count > 0 ? (
            <a href={`/puntos-de-atencion?localidad=${l.code}`} aria-label={t('service-points.map.localidad', { name: l.name, count })}>
              <path d={l.d} class="map-area sp-area-with-centres" fill-rule="evenodd" />
            </a>
          ) : (
            <path d={l.d} class="map-area" fill-rule="evenodd" aria-hidden="true" />
          );
        })}
        {located.map((c) => {
          const [x, y] = projectPoint(WIDTH, c.longitude!, c.latitude!);
          return (
            <a href={centrePath(c.slug)} aria-label={c.name} class="sp-marker">
              <circle cx={x} cy={y} r="9" />
            </a>
          );
        })}
      </svg>
      <figcaption class="hint">
        {t('service-points.map.caption')} {unlocated > 0 && t('service-points.map.unlocated', { count: unlocated })}
      </figcaption>
    </figure>
  );
}
