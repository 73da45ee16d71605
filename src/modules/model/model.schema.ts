import type { ColumnType } from 'kysely';

declare module '../../core/db/schema.ts' {
  interface Database {
    model_indicators: {
      code: string;
      position: number;
      dimension: 'institutional-transparency' | 'trust-collaboration-innovation' | 'accountability-participation';
      name: string;
      unit: 'index' | 'percent';
      source: string;
    };
    model_indicator_values: {
      indicator_code: string;
      period: '2016-2017' | '2018-2019' | '2022-2023';
      kind: 'measured' | 'target';
      value: ColumnType<string | null, string | number | null, string | number | null>;
      missing: 'not_applicable' | 'no_data' | null;
    };
  }
}
