import type { BaseChartProps, StackedChartStrings, StackedDatum } from './chart-types.ts';
import { CHART_INK, paletteColor } from './chart-palette.ts';
import {
  ChartEmpty,
  ChartFigure,
  DataTable,
  assertFinite,
  estimateTextWidth,
  fitText,
  round,
  ZeroAxis,
} from './chart-frame.tsx';
import { fitAxis } from './chart-scale.ts';

/** Props of {@link StackedBarChart}. */
export interface StackedBarChartProps extends BaseChartProps {
  data: StackedDatum[];
  /** Name of each series; `data[k].values[i]` belongs to `seriesLabels[i]`. */
  seriesLabels: string[];
  strings: StackedChartStrings;
  /** Width of the SVG in user units; it scales down with CSS. Defaults to 640. */
  width?: number;
}

const ROW_HEIGHT = 28;
const BAR_HEIGHT = 18;
const PADDING = 8;
const GAP = 6;

/** One coloured part of a stacked bar. */
export interface SegmentLayout {
  series: number;
  value: number;
  x: number;
  width: number;
}

/** One stacked bar and its total. */
export interface StackRowLayout {
  label: string;
  total: number;
  y: number;
  height: number;
  segments: SegmentLayout[];
  /** Where the total text starts (right of the bar) or ends (left of an all-negative bar). */
  totalX: number;
  totalOnLeft: boolean;
}

/** Full geometry of a stacked bar chart. */
export interface StackedLayout {
  width: number;
  height: number;
  labelWidth: number;
  zeroX: number;
  rows: StackRowLayout[];
}

/** Sum of a row's values, i.e. the number shown at the end of its bar and in the total column. */
export function stackTotal(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0);
}

/**
 * Lays out horizontal stacked bars. Positive parts stack rightwards and negative parts leftwards from
 * a shared zero axis, so each part's length stays proportional to its value even with mixed signs.
 */
export function layoutStacks(
  data: StackedDatum[],
  seriesCount: number,
  formatValue: (n: number) => string,
  width = 640,
): StackedLayout {
  for (const d of data) {
    if (d.values.length !== seriesCount) {
      throw new RangeError(`"${d.label}" has ${d.values.length} values but there are ${seriesCount} series`);
    }
    for (const v of d.values) assertFinite(v, d.label);
  }
  const sums = data.map((d) => ({
    positive: d.values.reduce((s, v) => (v > 0 ? s + v : s), 0),
    negative: d.values.reduce((s, v) => (v < 0 ? s + v : s), 0),
    total: stackTotal(d.values),
  }));
  const onLeft = sums.map((s) => s.positive === 0 && s.negative < 0);
  const widestLabel = Math.max(0, ...data.map((d) => estimateTextWidth(d.label)));
  const labelWidth = Math.min(Math.max(widestLabel + GAP * 2, 60), width * 0.35);
  const totalText = sums.map((s) => GAP * 2 + estimateTextWidth(formatValue(s.total)));
  const { scale, zeroX } = fitAxis(
    sums.map((s, i) => ({ length: -s.negative, text: onLeft[i] ? totalText[i]! : 0 })),
    sums.map((s, i) => ({ length: s.positive, text: onLeft[i] ? 0 : totalText[i]! })),
    labelWidth,
    width,
  );

  const rows = data.map((d, i): StackRowLayout => {
    let right = zeroX;
    let left = zeroX;
    const segments = d.values.map((value, series): SegmentLayout => {
      const length = Math.abs(value) * scale;
      if (value >= 0) {
        right += length;
        return { series, value, x: right - length, width: length };
      }
      left -= length;
      return { series, value, x: left, width: length };
    });
    const sum = sums[i]!;
    const totalOnLeft = onLeft[i]!;
    return {
      label: d.label,
      total: sum.total,
      y: PADDING + i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
      height: BAR_HEIGHT,
      segments,
      totalX: totalOnLeft ? left - GAP : right + GAP,
      totalOnLeft,
    };
  });
  return { width, height: PADDING * 2 + data.length * ROW_HEIGHT, labelWidth, zeroX, rows };
}

function Legend({ seriesLabels }: { seriesLabels: string[] }) {
  return (
    <ul class="chart-legend">
      {seriesLabels.map((label, i) => (
        <li class="chart-legend-item">
          <svg class="chart-swatch" width={12} height={12} viewBox="0 0 12 12" aria-hidden="true">
            <rect width={12} height={12} fill={paletteColor(i).fill} />
          </svg>
          {label}
        </li>
      ))}
    </ul>
  );
}

/**
 * Horizontal stacked bar chart with an HTML legend. Each bar ends with its formatted total; the table
 * lists every part per series plus the total column.
 */
export function StackedBarChart(props: StackedBarChartProps) {
  const { id, data, seriesLabels, formatValue, strings } = props;
  if (data.length === 0 || seriesLabels.length === 0) {
    return <ChartEmpty id={id} title={props.title} unitLabel={props.unitLabel} message={strings.empty} />;
  }
  const layout = layoutStacks(data, seriesLabels.length, formatValue, props.width);
  const table = (
    <DataTable
      caption={props.tableCaption}
      labelHeader={strings.labelHeader}
      columnHeaders={[...seriesLabels, strings.totalHeader]}
      rows={data.map((d) => ({
        label: d.label,
        cells: [...d.values.map(formatValue), formatValue(stackTotal(d.values))],
      }))}
    />
  );
  return (
    <ChartFigure
      id={id}
      title={props.title}
      description={props.description}
      unitLabel={props.unitLabel}
      width={layout.width}
      height={layout.height}
      tableToggle={strings.tableToggle}
      tableOpen={props.tableOpen}
      legend={<Legend seriesLabels={seriesLabels} />}
      table={table}
    >
      {layout.rows.map((row) => {
        const centerY = round(row.y + row.height / 2);
        return (
          <g class="chart-row">
            <text
              class="chart-label"
              x={round(layout.labelWidth - GAP)}
              y={centerY}
              dy="0.35em"
              text-anchor="end"
              fill={CHART_INK.text}
            >
              {fitText(row.label, layout.labelWidth - GAP * 2)}
            </text>
            {row.segments
              .filter((segment) => segment.width > 0)
              .map((segment) => (
                // The white outline separates neighbouring parts for readers who cannot tell the colours apart.
                <rect
                  class={`chart-segment chart-series-${segment.series}`}
                  x={round(segment.x)}
                  y={round(row.y)}
                  width={round(segment.width)}
                  height={row.height}
                  fill={paletteColor(segment.series).fill}
                  stroke={CHART_INK.background}
                  stroke-width={1}
                >
                  <title>{`${row.label}, ${seriesLabels[segment.series]}: ${formatValue(segment.value)}`}</title>
                </rect>
              ))}
            <text
              class="chart-value chart-total"
              x={round(row.totalX)}
              y={centerY}
              dy="0.35em"
              text-anchor={row.totalOnLeft ? 'end' : 'start'}
              fill={CHART_INK.text}
            >
              {formatValue(row.total)}
            </text>
          </g>
        );
      })}
      <ZeroAxis x={layout.zeroX} height={layout.height} padding={PADDING} />
    </ChartFigure>
  );
}
