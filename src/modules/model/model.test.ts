import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { progressTowardTarget, type IndicatorRow } from './model.queries.ts';

const row = (a: number | null, b: number | null, target: number | null): IndicatorRow => ({
  code: 'x',
  position: 1,
  dimension: 'institutional-transparency',
  name: 'x',
  unit: 'index',
  source: 's',
  values: {
    '2016-2017': { value: a, missing: a === null ? 'no_data' : null },
    '2018-2019': { value: b, missing: b === null ? 'no_data' : null },
    '2022-2023': { value: target, missing: target === null ? 'no_data' : null },
  },
});

describe('progress toward the target', () => {
  it('measures the way from the first measurement to the target', () => {
    expect(progressTowardTarget(row(26.4, 51.4, 95))).toBeCloseTo(25 / 68.6, 6);
  });
  it('is negative when the indicator went backwards', () => {
    expect(progressTowardTarget(row(52.9, 41.7, 85))!).toBeLessThan(0);
  });
  it('is unknown without a measurement or a target', () => {
    expect(progressTowardTarget(row(null, null, 60))).toBeNull();
    expect(progressTowardTarget(row(1, 2, null))).toBeNull();
  });
});

describe.each(testEngines())('the open-government model (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('holds the seed indicator table with its baselines, targets and missing values', async () => {
    const { data } = (await t.app.inject({ method: 'GET', url: '/api/v1/model/indicators' })).json() as { data: any[] };
    expect(data).toHaveLength(12);
    const openData = data.find((i) => i.code === 'open-data-criteria');
    expect(openData.values).toEqual({
      '2016-2017': { value: 26.4, missing: null },
      '2018-2019': { value: 51.4, missing: null },
      '2022-2023': { value: 95, missing: null },
    });
    expect(data.find((i) => i.code === 'anticorruption-conditions').values['2016-2017']).toEqual({ value: null, missing: 'not_applicable' });
    expect(data.find((i) => i.code === 'public-innovation').values['2018-2019']).toEqual({ value: null, missing: 'no_data' });
    expect(data.find((i) => i.code === 'citizen-trust').values['2022-2023'].value).toBe(6);
  });

  it('shows the model page with pillars, principles, the scorecard and a chart with its table', async () => {
    const html = (await t.app.inject({ method: 'GET', url: '/modelo' })).body;
    expect(html).toContain('<th scope="row">Transparencia</th>');
    expect(html).toContain('Diálogos para la paz y la reconciliación');
    expect(html).toContain('Índice de participación efectiva de Bogotá');
    expect(html).toContain('<abbr title="No aplica">N/A</abbr>');
    expect(html).toContain('69,6');
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain('<details class="chart-data">');
  });

  it('refuses to store a value together with a missing-value reason', async () => {
    await expect(
      t.database.db.updateTable('model_indicator_values').set({ missing: 'no_data' }).where('indicator_code', '=', 'open-data-criteria').where('period', '=', '2016-2017').execute(),
    ).rejects.toThrow(/check/i);
  });
});
