/** One category and its value, e.g. a budget line and its amount. */
export interface ChartDatum {
  label: string;
  value: number;
  /**
   * Optional link for the category. It is rendered only in the data table: inside an SVG with
   * `role="img"` links are hidden from assistive technology, so they would be unreachable there.
   */
  href?: string;
}

/** One category split into parts; `values[i]` belongs to the series `seriesLabels[i]`. */
export interface StackedDatum {
  label: string;
  values: number[];
}

/** Formats a number for display; callers pass locale-aware formatting (e.g. es-CO, COP). */
export type ValueFormatter = (n: number) => string;

/**
 * Already-translated text the chart needs. Charts never import i18n, so the caller owns the wording
 * and the locale.
 */
export interface ChartStrings {
  /** Header of the first table column (the category names), e.g. "Sector". */
  labelHeader: string;
  /** Header of the value column, e.g. "Presupuesto". */
  valueHeader: string;
  /** Text of the `<summary>` that reveals the table, e.g. "Ver datos en tabla". */
  tableToggle: string;
  /** Paragraph shown instead of the chart when there is nothing to draw, e.g. "No hay datos". */
  empty: string;
}

/** Props shared by every chart. */
export interface BaseChartProps {
  /** Unique in the page; used as the figure id and as the prefix of internal ids. */
  id: string;
  /** Short name of the chart; becomes the SVG `<title>` and the visible caption. */
  title: string;
  /** What the chart shows and its main takeaway; becomes the SVG `<desc>`. */
  description: string;
  /** Unit of the values, e.g. "millones de pesos (COP)"; shown under the caption. */
  unitLabel?: string;
  /** Caption of the data table. */
  tableCaption: string;
  formatValue: ValueFormatter;
  /** Renders the data table expanded; collapsed by default. */
  tableOpen?: boolean;
}

/** A rectangle in SVG user units. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Strings of a stacked chart. Its value columns are headed by the series labels, so instead of a value
 * header it needs the header of the per-row total column.
 */
export interface StackedChartStrings extends Omit<ChartStrings, 'valueHeader'> {
  /** Header of the total column, e.g. "Total". */
  totalHeader: string;
}
