/** A mark colour and the text colour that stays readable on top of it. */
export interface PaletteColor {
  fill: string;
  /** Text drawn over `fill`; at least 4.5:1 against it. */
  text: string;
}

/**
 * Categorical palette: the Okabe–Ito colours that reach 3:1 against white, extended with two Paul Tol
 * "muted" colours. Both families are designed to stay distinguishable with common colour-vision
 * deficiencies; lighter members (yellow, sky blue, orange) are left out because they fail 3:1.
 * Colour never carries meaning alone: every mark is also labelled or listed in the legend and table.
 */
export const CHART_PALETTE: readonly PaletteColor[] = [
  { fill: '#0072B2', text: '#FFFFFF' },
  { fill: '#D55E00', text: '#000000' },
  { fill: '#009E73', text: '#000000' },
  { fill: '#CC79A7', text: '#000000' },
  { fill: '#882255', text: '#FFFFFF' },
  { fill: '#999933', text: '#000000' },
];

/** Text and line colours on the white chart background. */
export const CHART_INK = {
  background: '#FFFFFF',
  text: '#1A1A1A',
  axis: '#595959',
  positive: '#0072B2',
  negative: '#D55E00',
} as const;

/** The palette entry for the i-th series or category, cycling when there are more than six. */
export function paletteColor(index: number): PaletteColor {
  const n = CHART_PALETTE.length;
  return CHART_PALETTE[((index % n) + n) % n]!;
}

function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new Error(`Expected a #rrggbb colour, got ${hex}`);
  const channels = [0, 2, 4].map((i) => parseInt(match[1]!.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio between two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
