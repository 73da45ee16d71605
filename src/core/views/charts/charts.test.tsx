import { describe, expect, it } from 'vitest';
import { render } from 'preact-render-to-string';
import { BarChart, layoutBars } from './BarChart.tsx';
import { StackedBarChart } from './StackedBarChart.tsx';
import { Treemap } from './Treemap.tsx';
import { squarify, type TreemapRect } from './treemap-layout.ts';
import { CHART_INK, CHART_PALETTE, contrastRatio } from './chart-palette.ts';
import { estimateTextWidth, fitText, safeHref } from './chart-frame.tsx';
import { fitAxis } from './chart-scale.ts';
import type { ChartDatum, ChartStrings, StackedChartStrings } from './chart-types.ts';

const cop = new Intl.NumberFormat('es-CO', { style: 'currency', currency: 'COP', maximumFractionDigits: 0 });
const formatValue = (n: number) => cop.format(n);

const strings: ChartStrings = {
  labelHeader: 'Sector',
  valueHeader: 'Presupuesto',
  tableToggle: 'Ver datos en tabla',
  empty: 'No hay datos para mostrar',
};
const stackedStrings: StackedChartStrings = {
  labelHeader: 'Localidad',
  totalHeader: 'Total',
  tableToggle: 'Ver datos en tabla',
  empty: 'No hay datos para mostrar',
};
const common = {
  title: 'Presupuesto por sector',
  description: 'Salud recibe la mayor parte del presupuesto.',
  unitLabel: 'Pesos colombianos (COP)',
  tableCaption: 'Presupuesto 2026 por sector',
  formatValue,
};

type Attrs = Record<string, string>;

/** Attributes of every `<tag …>` in the markup, optionally only those carrying a class. */
function tags(html: string, tag: string, className?: string): Attrs[] {
  const found: Attrs[] = [];
  for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))) {
    const attrs: Attrs = {};
    for (const [, name, value] of match[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[name!] = value!;
    if (className === undefined || (attrs.class ?? '').split(' ').includes(className)) found.push(attrs);
  }
  return found;
}

function decode(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Text of the elements with `className`, in document order. */
function texts(html: string, tag: string, className: string): string[] {
  const pattern = new RegExp(`<${tag}\\b[^>]*class="(?:[^"]* )?${className}(?: [^"]*)?"[^>]*>(.*?)</${tag}>`, 'g');
  return [...html.matchAll(pattern)].map((m) => decode(m[1]!));
}

/** Cell texts of the data table's body rows. */
function tableRows(html: string): string[][] {
  const body = /<tbody>(.*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd]\b[^>]*>(.*?)<\/t[hd]>/g)].map((cell) => decode(cell[1]!)),
  );
}

function num(attrs: Attrs | undefined, name: string): number {
  const value = attrs?.[name];
  if (value === undefined) throw new Error(`missing attribute ${name}`);
  return Number(value);
}

const budget: ChartDatum[] = [
  { label: 'Salud', value: 4_000_000 },
  { label: 'Educación', value: 2_000_000, href: '/presupuesto/educacion' },
  { label: 'Movilidad', value: 500_000 },
  { label: 'Cultura', value: 0 },
];

describe('BarChart', () => {
  it('draws each bar with a width proportional to its value', () => {
    const html = render(<BarChart id="budget" {...common} strings={strings} data={budget} />);
    const widths = tags(html, 'rect', 'chart-bar').map((bar) => num(bar, 'width'));
    expect(widths).toHaveLength(budget.length);
    const unit = widths[0]! / budget[0]!.value;
    budget.forEach((d, i) => expect(widths[i]!).toBeCloseTo(d.value * unit, 1));
    expect(widths[3]).toBe(0);
  });

  it('draws negative values leftwards from the zero axis', () => {
    const data = [
      { label: 'Déficit', value: -50 },
      { label: 'Superávit', value: 100 },
    ];
    const html = render(<BarChart id="balance" {...common} strings={strings} data={data} />);
    const [negative, positive] = tags(html, 'rect', 'chart-bar');
    const axisX = num(tags(html, 'line', 'chart-axis')[0], 'x1');
    expect(negative!.class).toContain('chart-bar-negative');
    expect(num(negative, 'x') + num(negative, 'width')).toBeCloseTo(axisX, 1);
    expect(num(positive, 'x')).toBeCloseTo(axisX, 1);
    expect(num(positive, 'width')).toBeCloseTo(2 * num(negative, 'width'), 1);
  });

  it('escapes labels that contain markup', () => {
    const data = [{ label: '<script>alert("x")</script>', value: 1 }];
    const html = render(<BarChart id="xss" {...common} strings={strings} data={data} />);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script>');
    expect(tableRows(html)[0]![0]).toBe('<script>alert("x")</script>');
  });

  it('lists every datum in the table with the same formatted numbers the chart shows', () => {
    const html = render(<BarChart id="budget" {...common} strings={strings} data={budget} />);
    const expected = budget.map((d) => [d.label, formatValue(d.value)]);
    expect(tableRows(html)).toEqual(expected);
    expect(texts(html, 'text', 'chart-value')).toEqual(budget.map((d) => formatValue(d.value)));
    expect(texts(html, 'th', 'chart-num')).toEqual([strings.valueHeader]);
    expect(html).toContain('<caption>Presupuesto 2026 por sector</caption>');
  });

  it('labels the SVG image with its own title and description using ids derived from the id prop', () => {
    const html = render(<BarChart id="budget" {...common} strings={strings} data={budget} />);
    const [svg] = tags(html, 'svg');
    expect(svg).toMatchObject({ role: 'img', 'aria-labelledby': 'budget-title', 'aria-describedby': 'budget-desc' });
    expect(html).toContain(`<title id="budget-title">${common.title}</title>`);
    expect(html).toContain(`<desc id="budget-desc">${common.description}</desc>`);
    expect(html).toMatch(/^<figure class="chart" id="budget"><figcaption/);
    expect(html).toContain('<details class="chart-data"><summary>Ver datos en tabla</summary><table');
    expect(html).toContain(common.unitLabel);
  });

  it('opens the table when asked to', () => {
    const html = render(<BarChart id="budget" {...common} strings={strings} data={budget} tableOpen />);
    expect(html).toContain('<details class="chart-data" open>');
  });

  it('links categories in the table but never in the SVG, and drops unsafe links', () => {
    const data = [...budget, { label: 'Trampa', value: 1, href: ' java\tscript:alert(1)' }];
    const html = render(<BarChart id="budget" {...common} strings={strings} data={data} />);
    const svg = /<svg[\s\S]*<\/svg>/.exec(html)![0];
    expect(svg).not.toContain('<a ');
    expect(tags(html, 'a').map((a) => a.href)).toEqual(['/presupuesto/educacion']);
  });

  it('keeps every bar and its value text inside the chart, on both sides of the axis', () => {
    const data = [
      { label: 'Movilidad y transporte público masivo regional', value: 9_000_000_000_000 },
      { label: 'Ajustes', value: -2_000_000_000_000 },
      { label: 'Mujeres', value: 50_000_000 },
    ];
    const layout = layoutBars(data, formatValue, 640);
    for (const bar of layout.bars) {
      const textWidth = estimateTextWidth(formatValue(bar.value));
      if (bar.value < 0) expect(bar.valueX - textWidth).toBeGreaterThanOrEqual(layout.labelWidth);
      else expect(bar.valueX + textWidth).toBeLessThanOrEqual(640);
    }
    // No space is wasted: the text that constrains the scale ends one gap before each edge.
    const ends = layout.bars.map((bar) => bar.valueX + estimateTextWidth(formatValue(bar.value)));
    const starts = layout.bars.map((bar) => bar.valueX - estimateTextWidth(formatValue(bar.value)));
    expect(Math.max(...ends)).toBeCloseTo(640 - 6, 3);
    expect(Math.min(...starts.filter((_, i) => data[i]!.value < 0))).toBeCloseTo(layout.labelWidth + 6, 3);
  });

  it('shortens labels that do not fit with an ellipsis', () => {
    const label = 'Movilidad y transporte público masivo regional';
    const short = fitText(label, 120);
    expect(short.endsWith('…')).toBe(true);
    expect(label.startsWith(short.slice(0, -1))).toBe(true);
    expect(estimateTextWidth(short)).toBeLessThanOrEqual(120);
    expect(fitText('Salud', 120)).toBe('Salud');
    expect(fitText('Salud', 10)).toBe('');
  });

  it('refuses values that are not finite numbers', () => {
    const data = [{ label: 'Roto', value: Number.NaN }];
    expect(() => render(<BarChart id="nan" {...common} strings={strings} data={data} />)).toThrow(RangeError);
  });
});

describe('StackedBarChart', () => {
  const seriesLabels = ['Funcionamiento', 'Inversión', 'Deuda'];
  const data = [
    { label: 'Usaquén', values: [30, 50, 20] },
    { label: 'Suba', values: [10, 0, 40] },
    { label: 'Bosa', values: [5, 5, 5] },
  ];
  const html = render(
    <StackedBarChart id="localities" {...common} strings={stackedStrings} seriesLabels={seriesLabels} data={data} />,
  );

  it('shows each row total at the end of its bar and in the total column', () => {
    const totals = data.map((d) => formatValue(d.values.reduce((a, b) => a + b, 0)));
    expect(texts(html, 'text', 'chart-total')).toEqual(totals);
    expect(tableRows(html)).toEqual(data.map((d, i) => [d.label, ...d.values.map(formatValue), totals[i]]));
    expect(texts(html, 'th', 'chart-num')).toEqual([...seriesLabels, 'Total']);
  });

  it('stacks segments end to end with widths proportional to their values', () => {
    const segments = tags(html, 'rect', 'chart-segment');
    // Suba's zero segment is not drawn.
    expect(segments).toHaveLength(8);
    const first = segments.slice(0, 3);
    const unit = num(first[0], 'width') / 30;
    first.forEach((segment, i) => expect(num(segment, 'width')).toBeCloseTo(data[0]!.values[i]! * unit, 1));
    expect(num(first[1], 'x')).toBeCloseTo(num(first[0], 'x') + num(first[0], 'width'), 1);
    expect(num(first[2], 'x')).toBeCloseTo(num(first[1], 'x') + num(first[1], 'width'), 1);
    const bosaLength = segments.slice(5).reduce((sum, s) => sum + num(s, 'width'), 0);
    expect(bosaLength).toBeCloseTo(15 * unit, 1);
  });

  it('renders a legend entry with a hidden swatch for every series', () => {
    expect(texts(html, 'li', 'chart-legend-item')).toEqual(seriesLabels);
    expect(tags(html, 'svg', 'chart-swatch').every((swatch) => swatch['aria-hidden'] === 'true')).toBe(true);
  });

  it('stacks negative parts leftwards and totals them with the positive ones', () => {
    const mixed = [{ label: 'Ajuste', values: [100, -40, 0] }];
    const out = render(
      <StackedBarChart id="mixed" {...common} strings={stackedStrings} seriesLabels={seriesLabels} data={mixed} />,
    );
    const [positive, negative] = tags(out, 'rect', 'chart-segment');
    const axisX = num(tags(out, 'line', 'chart-axis')[0], 'x1');
    expect(num(positive, 'x')).toBeCloseTo(axisX, 1);
    expect(num(negative, 'x') + num(negative, 'width')).toBeCloseTo(axisX, 1);
    expect(texts(out, 'text', 'chart-total')).toEqual([formatValue(60)]);
  });

  it('throws when a row has a different number of values than there are series', () => {
    const broken = [{ label: 'Suba', values: [1, 2] }];
    expect(() =>
      render(<StackedBarChart id="x" {...common} strings={stackedStrings} seriesLabels={seriesLabels} data={broken} />),
    ).toThrow(RangeError);
  });
});

/** Deterministic pseudo-random numbers (mulberry32) so a failing layout can be reproduced. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function overlap(a: TreemapRect, b: TreemapRect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

describe('fitAxis', () => {
  it('finds the largest scale at which bars and their text fit between start and end', () => {
    const left = [{ length: 50, text: 40 }];
    const right = [
      { length: 100, text: 20 },
      { length: 10, text: 200 },
    ];
    const { scale, zeroX } = fitAxis(left, right, 100, 700);
    const reach = (e: { length: number; text: number }) => e.length * scale + e.text;
    expect(zeroX).toBeCloseTo(100 + reach(left[0]!), 6);
    expect(zeroX + Math.max(...right.map(reach))).toBeCloseTo(700, 6);
  });

  it('puts the axis at the start when all values are zero', () => {
    expect(fitAxis([], [{ length: 0, text: 30 }], 80, 640)).toEqual({ scale: 0, zeroX: 80 });
  });
});

describe('squarify', () => {
  it('tiles the whole area without overlaps for random input', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const next = random(seed);
      const values = Array.from({ length: 1 + Math.floor(next() * 60) }, () =>
        next() < 0.1 ? 0 : next() ** 3 * 1_000_000,
      );
      values[0] = 1 + next() * 10;
      const [x, y, w, h] = [next() * 50, next() * 50, 10 + next() * 900, 10 + next() * 600];
      const rects = squarify(values, x, y, w, h);

      expect(rects).toHaveLength(values.length);
      const area = rects.reduce((sum, r) => sum + r.width * r.height, 0);
      expect(Math.abs(area - w * h)).toBeLessThan(1e-6);
      for (const r of rects) {
        expect(r.x).toBeGreaterThanOrEqual(x - 1e-9);
        expect(r.y).toBeGreaterThanOrEqual(y - 1e-9);
        expect(r.x + r.width).toBeLessThanOrEqual(x + w + 1e-9);
        expect(r.y + r.height).toBeLessThanOrEqual(y + h + 1e-9);
      }
      for (let i = 0; i < rects.length; i++) {
        for (let j = i + 1; j < rects.length; j++) expect(overlap(rects[i]!, rects[j]!)).toBeLessThan(1e-6);
      }
    }
  });

  it('gives every rectangle an area proportional to its value', () => {
    const values = [6, 6, 4, 3, 2, 2, 1];
    const total = values.reduce((a, b) => a + b, 0);
    const rects = squarify(values, 0, 0, 600, 400);
    for (const r of rects) expect(r.width * r.height).toBeCloseTo((values[r.index]! / total) * 600 * 400, 6);
  });

  it('orders rectangles from the largest value to the smallest, starting at the top-left corner', () => {
    const values = [1, 8, 3, 8, 0, 5];
    const rects = squarify(values, 10, 20, 300, 200);
    expect(rects.map((r) => r.index)).toEqual([1, 3, 5, 2, 0, 4]);
    expect(rects.map((r) => r.value)).toEqual([8, 8, 5, 3, 1, 0]);
    expect(rects[0]).toMatchObject({ x: 10, y: 20 });
    expect(rects.at(-1)).toMatchObject({ width: 0, height: 0 });
  });

  it('keeps rectangles close to square', () => {
    const rects = squarify([1, 1, 1, 1, 1, 1, 1, 1, 1], 0, 0, 300, 300);
    for (const r of rects) expect(Math.max(r.width / r.height, r.height / r.width)).toBeCloseTo(1, 6);
  });

  it('returns empty rectangles when every value is zero and nothing when there are no values', () => {
    expect(squarify([0, 0], 0, 0, 100, 100).every((r) => r.width === 0 && r.height === 0)).toBe(true);
    expect(squarify([], 0, 0, 100, 100)).toEqual([]);
  });

  it('rejects negative or non-finite values', () => {
    expect(() => squarify([3, -1], 0, 0, 100, 100)).toThrow(RangeError);
    expect(() => squarify([Number.POSITIVE_INFINITY], 0, 0, 100, 100)).toThrow(RangeError);
  });
});

describe('Treemap', () => {
  const data: ChartDatum[] = [
    { label: 'Salud', value: 900 },
    { label: 'Educación', value: 600 },
    { label: 'Alumbrado', value: 1 },
    { label: 'Reintegros', value: -20 },
  ];
  const html = render(<Treemap id="sectors" {...common} strings={strings} data={data} />);

  it('draws one tile per positive value, largest first, tiling the SVG', () => {
    const tiles = tags(html, 'rect', 'chart-tile-rect');
    expect(tiles).toHaveLength(3);
    const area = tiles.reduce((sum, t) => sum + num(t, 'width') * num(t, 'height'), 0);
    expect(area).toBeCloseTo(640 * 400, -1);
  });

  it('gives tiles that share an edge different colours', () => {
    const next = random(7);
    const many = Array.from({ length: 40 }, (_, i) => ({ label: `Rubro ${i}`, value: 1 + next() * 100 }));
    const out = render(<Treemap id="many" {...common} strings={strings} data={many} />);
    const tiles = tags(out, 'rect', 'chart-tile-rect').map((t) => ({
      rect: { x: num(t, 'x'), y: num(t, 'y'), width: num(t, 'width'), height: num(t, 'height') },
      fill: t.fill,
    }));
    expect(tiles).toHaveLength(40);
    let neighbours = 0;
    for (let i = 0; i < tiles.length; i++) {
      for (let j = i + 1; j < tiles.length; j++) {
        // Coordinates are rounded to hundredths in the markup, so compare edges with that tolerance.
        const a = tiles[i]!.rect;
        const b = tiles[j]!.rect;
        const sideBySide = Math.abs(a.x + a.width - b.x) < 0.02 || Math.abs(b.x + b.width - a.x) < 0.02;
        const stacked = Math.abs(a.y + a.height - b.y) < 0.02 || Math.abs(b.y + b.height - a.y) < 0.02;
        const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        if ((sideBySide && overlapY > 0.02) || (stacked && overlapX > 0.02)) {
          neighbours++;
          expect(tiles[i]!.fill).not.toBe(tiles[j]!.fill);
        }
      }
    }
    expect(neighbours).toBeGreaterThan(40);
  });

  it('labels only the tiles that are big enough to hold the text', () => {
    expect(texts(html, 'text', 'chart-tile-label')).toEqual(['Salud', 'Educación']);
    expect(texts(html, 'text', 'chart-tile-value')).toEqual([formatValue(900), formatValue(600)]);
    expect(html).toContain(`<title>Alumbrado: ${formatValue(1)}</title>`);
  });

  it('keeps every value, including ones that cannot be drawn, in the table', () => {
    expect(tableRows(html)).toEqual(data.map((d) => [d.label, formatValue(d.value)]));
  });
});

describe('empty data', () => {
  it('renders the empty-state paragraph instead of an SVG for every chart', () => {
    const outputs = [
      render(<BarChart id="e1" {...common} strings={strings} data={[]} />),
      render(<Treemap id="e2" {...common} strings={strings} data={[]} />),
      render(<Treemap id="e3" {...common} strings={strings} data={[{ label: 'Nada', value: 0 }]} />),
      render(<StackedBarChart id="e4" {...common} strings={stackedStrings} seriesLabels={['A']} data={[]} />),
    ];
    for (const html of outputs) {
      expect(html).toContain('<p class="chart-empty-message">No hay datos para mostrar</p>');
      expect(html).toContain(common.title);
      expect(html).not.toContain('<svg');
      expect(html).not.toContain('<table');
    }
  });
});

describe('content security and colour', () => {
  it('uses no inline styles or scripts in any chart', () => {
    const outputs = [
      render(<BarChart id="a" {...common} strings={strings} data={budget} />),
      render(<Treemap id="b" {...common} strings={strings} data={budget} />),
      render(
        <StackedBarChart
          id="c"
          {...common}
          strings={stackedStrings}
          seriesLabels={['A', 'B']}
          data={[{ label: 'X', values: [1, 2] }]}
        />,
      ),
    ];
    for (const html of outputs) {
      expect(html).not.toMatch(/\sstyle=/);
      expect(html).not.toMatch(/<script|\son\w+=/i);
      for (const [, cls] of html.matchAll(/class="([^"]*)"/g)) {
        for (const name of cls!.split(' ')) expect(name).toMatch(/^chart-|^chart$/);
      }
    }
  });

  it('draws marks at 3:1 or more against white and text at 4.5:1 or more on its background', () => {
    for (const color of CHART_PALETTE) {
      expect(contrastRatio(color.fill, '#FFFFFF')).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(color.text, color.fill)).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastRatio(CHART_INK.positive, CHART_INK.background)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(CHART_INK.negative, CHART_INK.background)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(CHART_INK.axis, CHART_INK.background)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(CHART_INK.text, CHART_INK.background)).toBeGreaterThanOrEqual(4.5);
  });

  it('accepts relative, http(s) and mailto links and rejects other schemes', () => {
    expect(safeHref('/datos?x=1')).toBe('/datos?x=1');
    expect(safeHref('https://bogota.gov.co')).toBe('https://bogota.gov.co');
    expect(safeHref('mailto:datos@bogota.gov.co')).toBe('mailto:datos@bogota.gov.co');
    expect(safeHref('JavaScript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,hi')).toBeUndefined();
    expect(safeHref('  ')).toBeUndefined();
  });
});
