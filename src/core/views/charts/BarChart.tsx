import type { BaseChartProps, ChartDatum, ChartStrings } from './chart-types.ts';
import { CHART_INK } from './chart-palette.ts';
import {
  ChartEmpty,
  ChartFigure,
  assertFinite,
  estimateTextWidth,
  fitText,
  round,
  ZeroAxis,
  ValueTable,
} from './chart-frame.tsx';
import { fitAxis } from './chart-scale.ts';

/** Props of {@link BarChart}. */
export interface BarChartProps extends BaseChartProps {
  data: ChartDatum[];
  strings: ChartStrings;
  /** Width of the SVG in user units; it scales down with CSS. Defaults to 640. */
  width?: number;
}

const ROW_HEIGHT = 28;
const BAR_HEIGHT = 18;
const PADDING = 8;
const GAP = 6;

/** Geometry of one bar, exported for tests and for callers that need matching layouts. */
export interface BarLayout {
  label: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Where the value text starts (positive) or ends (negative). */
  valueX: number;
}

/** Full geometry of a bar chart. */
export interface BarChartLayout {
  width: number;
  height: number;
  labelWidth: number;
  zeroX: number;
  bars: BarLayout[];
}

/**
 * Lays out horizontal bars measured from a zero axis, so negative values extend left and every bar's
 * length is proportional to its absolute value.
 */
export function layoutBars(data: ChartDatum[], formatValue: (n: number) => string, width = 640): BarChartLayout {
  for (const d of data) assertFinite(d.value, d.label);
  const widestLabel = Math.max(0, ...data.map((d) => estimateTextWidth(d.label)));
  const labelWidth = Math.min(Math.max(widestLabel + GAP * 2, 60), width * 0.35);
  const extent = (d: ChartDatum) => ({
    length: Math.abs(d.value),
    text: GAP * 2 + estimateTextWidth(formatValue(d.value)),
  });
  const { scale, zeroX } = fitAxis(
    data.filter((d) => d.value < 0).map(extent),
    data.filter((d) => d.value >= 0).map(extent),
    labelWidth,
    width,
  );

  const bars = data.map((d, i): BarLayout => {
    const length = Math.abs(d.value) * scale;
    const x = d.value < 0 ? zeroX - length : zeroX;
    return {
      label: d.label,
      value: d.value,
      x,
      y: PADDING + i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
      width: length,
      height: BAR_HEIGHT,
      valueX: d.value < 0 ? x - GAP : x + length + GAP,
    };
  });
  return { width, height: PADDING * 2 + data.length * ROW_HEIGHT, labelWidth, zeroX, bars };
}

/**
 * Horizontal bar chart: category labels on the left, formatted values at the end of each bar, a zero
 * axis that lets negative values extend left, and a data table with the same formatted numbers.
 */
export function BarChart(props: BarChartProps) {
  const { id, data, formatValue, strings } = props;
  if (data.length === 0) {
    return <ChartEmpty id={id} title={props.title} unitLabel={props.unitLabel} message={strings.empty} />;
  }
  const layout = layoutBars(data, formatValue, props.width);
  const table = (
    <ValueTable caption={props.tableCaption} labelHeader={strings.labelHeader} valueHeader={strings.valueHeader} data={data} formatValue={formatValue} />
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
      table={table}
    >
      {layout.bars.map((bar) => {
        const negative = bar.value < 0;
        const centerY = round(bar.y + bar.height / 2);
        return (
          <g class="chart-row">
            <title>{`${bar.label}: ${formatValue(bar.value)}`}</title>
            <text
              class="chart-label"
              x={round(layout.labelWidth - GAP)}
              y={centerY}
              dy="0.35em"
              text-anchor="end"
              fill={CHART_INK.text}
            >
              {fitText(bar.label, layout.labelWidth - GAP * 2)}
            </text>
            <rect
              class={negative ? 'chart-bar chart-bar-negative' : 'chart-bar'}
              x={round(bar.x)}
              y={round(bar.y)}
              width={round(bar.width)}
              height={bar.height}
              fill={negative ? CHART_INK.negative : CHART_INK.positive}
            />
            <text
              class="chart-value"
              x={round(bar.valueX)}
              y={centerY}
              dy="0.35em"
              text-anchor={negative ? 'end' : 'start'}
              fill={CHART_INK.text}
            >
              {formatValue(bar.value)}
            </text>
          </g>
        );
      })}
      <ZeroAxis x={layout.zeroX} height={layout.height} padding={PADDING} />
    </ChartFigure>
  );
}
