import type { Tx } from '../../core/db/database.ts';
import { INDICATOR_SOURCE, INDICATORS } from './indicators.data.ts';
import { PERIODS } from './model.queries.ts';

/** Loads the seed's indicator table; upserts so it is safe on every start. */
export async function seedIndicators(tx: Tx): Promise<void> {
  let position = 0;
  for (const indicator of INDICATORS) {
    const row = { code: indicator.code, position: ++position, dimension: indicator.dimension, name: indicator.name, unit: indicator.unit, source: INDICATOR_SOURCE };
    await tx.insertInto('model_indicators').values(row).onConflict((oc) => oc.column('code').doUpdateSet(row)).execute();
    for (const period of PERIODS) {
      const raw = indicator.values[period];
      const value = {
        indicator_code: indicator.code,
        period,
        kind: period === '2022-2023' ? ('target' as const) : ('measured' as const),
        value: typeof raw === 'number' ? raw : null,
        missing: typeof raw === 'number' ? null : raw,
      };
      await tx
        .insertInto('model_indicator_values')
        .values(value)
        .onConflict((oc) => oc.columns(['indicator_code', 'period']).doUpdateSet({ kind: value.kind, value: value.value, missing: value.missing }))
        .execute();
    }
  }
}
