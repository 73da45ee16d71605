import type { BaseChartProps, ChartDatum, ChartStrings } from './chart-types.ts';
import { CHART_PALETTE, paletteColor } from './chart-palette.ts';
import {
  CHART_FONT_SIZE,
  ChartEmpty,
  ChartFigure,
  assertFinite,
  estimateTextWidth,
  fitText,
  round,
  ValueTable,
} from './chart-frame.tsx';
import { assignTileColors, squarify } from './treemap-layout.ts';

/** Props of {@link Treemap}. */
export interface TreemapProps extends BaseChartProps {
  /**
   * Parts of a whole. Only positive values can be drawn as area; zero and negative values still
   * appear in the data table.
   */
  data: ChartDatum[];
  strings: ChartStrings;
  /** Size of the SVG in user units; it scales down with CSS. Defaults to 640×400. */
  width?: number;
  height?: number;
}

const INSET = 4;
const LINE_HEIGHT = CHART_FONT_SIZE + 4;
const MIN_LABEL_WIDTH = 40;

/**
 * Squarified treemap: each positive value is a tile whose area is proportional to it. Tiles show their
 * label (and formatted value) only when they are big enough to hold it; every tile has a hover title,
 * and the data table lists all values.
 */
export function Treemap(props: TreemapProps) {
  const { id, data, formatValue, strings } = props;
  const width = props.width ?? 640;
  const height = props.height ?? 400;
  for (const d of data) assertFinite(d.value, d.label);
  if (!data.some((d) => d.value > 0)) {
    return <ChartEmpty id={id} title={props.title} unitLabel={props.unitLabel} message={strings.empty} />;
  }
  const tiles = squarify(
    data.map((d) => Math.max(0, d.value)),
    0,
    0,
    width,
    height,
  ).filter((tile) => tile.width > 0 && tile.height > 0);
  const colors = assignTileColors(tiles, CHART_PALETTE.length);

  const table = (
    <ValueTable caption={props.tableCaption} labelHeader={strings.labelHeader} valueHeader={strings.valueHeader} data={data} formatValue={formatValue} />
  );
  return (
    <ChartFigure
      id={id}
      title={props.title}
      description={props.description}
      unitLabel={props.unitLabel}
      width={width}
      height={height}
      tableToggle={strings.tableToggle}
      tableOpen={props.tableOpen}
      table={table}
    >
      {tiles.map((tile, k) => {
        const datum = data[tile.index]!;
        const color = paletteColor(colors[k]!);
        const formatted = formatValue(datum.value);
        const room = tile.width - INSET * 2;
        const fitsOneLine = tile.width >= MIN_LABEL_WIDTH && tile.height >= LINE_HEIGHT + INSET * 2;
        const label = fitsOneLine ? fitText(datum.label, room) : '';
        // A cut-off number would misstate the amount, so the value is shown whole or not at all.
        const showValue =
          label !== '' && tile.height >= LINE_HEIGHT * 2 + INSET * 2 && estimateTextWidth(formatted) <= room;
        return (
          <g class="chart-tile">
            <title>{`${datum.label}: ${formatted}`}</title>
            <rect
              class="chart-tile-rect"
              x={round(tile.x)}
              y={round(tile.y)}
              width={round(tile.width)}
              height={round(tile.height)}
              fill={color.fill}
              stroke="#FFFFFF"
              stroke-width={2}
            />
            {label === '' ? null : (
              <text
                class="chart-tile-label"
                x={round(tile.x + INSET)}
                y={round(tile.y + INSET + CHART_FONT_SIZE)}
                fill={color.text}
              >
                {label}
              </text>
            )}
            {showValue ? (
              <text
                class="chart-tile-value"
                x={round(tile.x + INSET)}
                y={round(tile.y + INSET + CHART_FONT_SIZE + LINE_HEIGHT)}
                fill={color.text}
              >
                {formatted}
              </text>
            ) : null}
          </g>
        );
      })}
    </ChartFigure>
  );
}
