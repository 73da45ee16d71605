import type { ComponentChildren } from 'preact';
import { CHART_INK } from './chart-palette.ts';

/** Font size, in SVG user units, of all chart text. */
export const CHART_FONT_SIZE = 13;

// The server cannot measure text, so widths are estimated from per-character advance widths of
// common sans-serif fonts (biased towards the wider DejaVu Sans, so estimates rarely fall short).
// Truncated labels stay complete in the data table and the hover title.
function glyphEm(glyph: string): number {
  if (/[\s.,:;'!|ijl]/.test(glyph)) return 0.32;
  if (/[rtf()[\]\-]/.test(glyph)) return 0.42;
  if (/[mwMW@%…]/.test(glyph)) return 0.92;
  if (/[0-9]/.test(glyph)) return 0.64;
  if (glyph !== glyph.toLowerCase()) return 0.72;
  return 0.6;
}

/** Approximate rendered width of `text` at `fontSize`. */
export function estimateTextWidth(text: string, fontSize = CHART_FONT_SIZE): number {
  let em = 0;
  for (const glyph of text) em += glyphEm(glyph);
  return em * fontSize;
}

const ELLIPSIS = '…';

/**
 * Shortens `text` with an ellipsis so it fits `maxWidth`; returns '' when not even two characters fit,
 * because a lone letter plus ellipsis tells the reader nothing.
 */
export function fitText(text: string, maxWidth: number, fontSize = CHART_FONT_SIZE): string {
  if (estimateTextWidth(text, fontSize) <= maxWidth) return text;
  const budget = maxWidth - estimateTextWidth(ELLIPSIS, fontSize);
  const kept: string[] = [];
  let used = 0;
  for (const glyph of text) {
    const advance = glyphEm(glyph) * fontSize;
    if (used + advance > budget) break;
    kept.push(glyph);
    used += advance;
  }
  if (kept.length < 2) return '';
  return `${kept.join('').trimEnd()}${ELLIPSIS}`;
}

/** Rounds SVG coordinates to hundredths to keep the markup short. */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Throws when a value cannot be drawn honestly; a silent NaN bar would misstate public data. */
export function assertFinite(value: number, label: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`Chart value for "${label}" is not a finite number: ${value}`);
}

/**
 * Returns `href` when it is relative or uses http(s)/mailto, otherwise undefined. Chart data can come
 * from user-edited records, and escaping alone does not neutralise a `javascript:` URL.
 */
export function safeHref(href: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
  const compact = href.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (!scheme) return compact === '' ? undefined : href.trim();
  return ['http', 'https', 'mailto'].includes(scheme[1]!.toLowerCase()) ? href.trim() : undefined;
}

/** One body row of a chart's data table. */
export interface TableRow {
  label: string;
  href?: string;
  /** Already formatted cells, in column order. */
  cells: string[];
}

/** Props of {@link DataTable}. */
export interface DataTableProps {
  caption: string;
  /** Header of the row-label column. */
  labelHeader: string;
  /** Headers of the numeric columns. */
  columnHeaders: string[];
  rows: TableRow[];
}

/** The accessible table alternative of a chart: every plotted number, formatted like the chart. */
export function DataTable({ caption, labelHeader, columnHeaders, rows }: DataTableProps) {
  return (
    <table class="chart-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{labelHeader}</th>
          {columnHeaders.map((header) => (
            <th scope="col" class="chart-num">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const href = safeHref(row.href);
          return (
            <tr>
              <th scope="row">{href === undefined ? row.label : <a href={href}>{row.label}</a>}</th>
              {row.cells.map((cell) => (
                <td class="chart-num">{cell}</td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Props of {@link ChartFigure}. */
export interface ChartFigureProps {
  id: string;
  title: string;
  description: string;
  unitLabel?: string;
  width: number;
  height: number;
  tableToggle: string;
  tableOpen?: boolean;
  /** Rendered between the caption and the SVG, e.g. an HTML legend. */
  legend?: ComponentChildren;
  table: ComponentChildren;
  /** SVG marks. */
  children: ComponentChildren;
}

function Caption({ id, title, unitLabel }: { id: string; title: string; unitLabel: string | undefined }) {
  return (
    <figcaption class="chart-caption" id={`${id}-caption`}>
      <span class="chart-title">{title}</span>
      {unitLabel ? <span class="chart-unit">{unitLabel}</span> : null}
    </figcaption>
  );
}

/**
 * The common shell of every chart: a figure whose caption names it, an SVG image labelled by its own
 * `<title>` and `<desc>`, and the data table inside a `<details>` that opens without JavaScript.
 */
export function ChartFigure(props: ChartFigureProps) {
  const { id, width, height } = props;
  return (
    <figure class="chart" id={id}>
      <Caption id={id} title={props.title} unitLabel={props.unitLabel} />
      {props.legend}
      <svg
        class="chart-svg"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
        font-size={CHART_FONT_SIZE}
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.description}</desc>
        {/* An explicit background keeps the stated contrast ratios true on dark page themes. */}
        <rect class="chart-background" x={0} y={0} width={width} height={height} fill={CHART_INK.background} />
        {props.children}
      </svg>
      <details class="chart-data" open={props.tableOpen ?? false}>
        <summary>{props.tableToggle}</summary>
        {props.table}
      </details>
    </figure>
  );
}

/** Props of {@link ChartEmpty}. */
export interface ChartEmptyProps {
  id: string;
  title: string;
  unitLabel?: string;
  message: string;
}

/** Keeps the caption so readers know which chart has no data, instead of showing an empty SVG. */
export function ChartEmpty({ id, title, unitLabel, message }: ChartEmptyProps) {
  return (
    <figure class="chart chart-empty" id={id}>
      <Caption id={id} title={title} unitLabel={unitLabel} />
      <p class="chart-empty-message">{message}</p>
    </figure>
  );
}

/** The vertical zero line of horizontal bar charts, shared by the bar and stacked-bar charts. */
export function ZeroAxis({ x, height, padding }: { x: number; height: number; padding: number }) {
  return <line class="chart-axis" x1={round(x)} x2={round(x)} y1={padding / 2} y2={height - padding / 2} stroke={CHART_INK.axis} stroke-width={1} />;
}

/** The two-column data table (label, value) behind single-series charts. */
export function ValueTable(props: { caption: string; labelHeader: string; valueHeader: string; data: { label: string; value: number; href?: string }[]; formatValue: (n: number) => string }) {
  return (
    <DataTable
      caption={props.caption}
      labelHeader={props.labelHeader}
      columnHeaders={[props.valueHeader]}
      rows={props.data.map((d) => ({ label: d.label, href: d.href, cells: [props.formatValue(d.value)] }))}
    />
  );
}
