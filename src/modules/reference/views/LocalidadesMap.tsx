import { projectLocalidades } from '../../../core/geo/map-paths.ts';

const MAP_WIDTH = 240;

/**
 * An SVG map of the 20 localidades; each shape links to its page, and `highlight` is drawn filled.
 * The links are real SVG links (not inside role="img"), so keyboard and screen-reader users reach
 * them; the page's table lists the same localidades as the text alternative.
 */
export function LocalidadesMap(props: { title: string; caption: string; highlight?: string }) {
  const map = projectLocalidades(MAP_WIDTH);
  return (
    <figure class="map">
      <svg viewBox={`0 0 ${map.width} ${map.height}`} width={map.width} height={map.height} aria-labelledby="map-title" class="map-svg">
        <title id="map-title">{props.title}</title>
        {map.localidades.map((l) => (
          <a href={`/localidades/${l.code}`} aria-label={l.name} aria-current={l.code === props.highlight ? 'page' : undefined}>
            <path d={l.d} class={l.code === props.highlight ? 'map-area map-area-current' : 'map-area'} fill-rule="evenodd" />
          </a>
        ))}
      </svg>
      <figcaption class="hint">{props.caption}</figcaption>
    </figure>
  );
}
