import type { Executor } from '../../core/db/database.ts';
import './model.schema.ts';

export const PERIODS = ['2016-2017', '2018-2019', '2022-2023'] as const;
export type Period = (typeof PERIODS)[number];

export interface IndicatorRow {
  code: string;
  position: number;
  dimension: string;
  name: string;
  unit: 'index' | 'percent';
  source: string;
  values: Record<Period, { value: number | null; missing: 'not_applicable' | 'no_data' | null }>;
}

/** The scorecard: every indicator with its three periods, in the seed's order. */
export async function listIndicators(db: Executor): Promise<IndicatorRow[]> {
  const [indicators, values] = await Promise.all([
    db.selectFrom('model_indicators').selectAll().orderBy('position').execute(),
    db.selectFrom('model_indicator_values').selectAll().execute(),
  ]);
  return indicators.map((i) => {
    const own = values.filter((v) => v.indicator_code === i.code);
    const entry = (period: Period) => {
      const v = own.find((x) => x.period === period);
      return { value: v?.value == null ? null : Number(v.value), missing: v?.missing ?? (v ? null : 'no_data') };
    };
    return { ...i, values: { '2016-2017': entry('2016-2017'), '2018-2019': entry('2018-2019'), '2022-2023': entry('2022-2023') } };
  });
}

/**
 * How far the latest measurement has come from the earliest toward the target, 0–1 (negative when
 * it went backwards). Null when fewer than two figures exist.
 */
export function progressTowardTarget(row: IndicatorRow): number | null {
  const measured = (['2016-2017', '2018-2019'] as const).map((p) => row.values[p].value).filter((v): v is number => v !== null);
  const target = row.values['2022-2023'].value;
  if (measured.length === 0 || target === null) return null;
  const baseline = measured[0]!;
  const latest = measured[measured.length - 1]!;
  if (target === baseline) return latest >= target ? 1 : 0;
  return (latest - baseline) / (target - baseline);
}

export const countIndicators = async (db: Executor) =>
  Number((await db.selectFrom('model_indicators').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
