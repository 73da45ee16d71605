/** Accessible, server-rendered SVG charts; each one ships its data as a table. */
export { BarChart, layoutBars, type BarChartProps } from './BarChart.tsx';
export { StackedBarChart, layoutStacks, stackTotal, type StackedBarChartProps } from './StackedBarChart.tsx';
export { Treemap, type TreemapProps } from './Treemap.tsx';
export { assignTileColors, squarify, type TreemapRect } from './treemap-layout.ts';
export { fitAxis, type AxisExtent, type AxisFit } from './chart-scale.ts';
export { CHART_PALETTE, CHART_INK, contrastRatio, paletteColor, type PaletteColor } from './chart-palette.ts';
export type * from './chart-types.ts';
