/**
 * model — Bogotá's Open Government Model itself: pillars, principles, strategies and the seed's
 * indicator scorecard. Tables: model_indicators, model_indicator_values. Emits no events.
 */
import { defineModule } from '../../core/modules/module.ts';
import { everyone } from '../../core/permissions/permissions.ts';
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import { countIndicators, listIndicators, PERIODS } from './model.queries.ts';
import { modelRoutes } from './model.routes.tsx';
import { seedIndicators } from './model.seeds.ts';

export default defineModule({
  name: 'model',
  pillar: 'transparency',
  titleKey: 'model.title',
  descriptionKey: 'model.description',
  path: '/modelo',
  actions: ['view'] as const,
  permissions: { view: everyone },
  locales: { es, en },
  migrations: new URL('./migrations/', import.meta.url),
  routes: modelRoutes,
  seeds: { reference: seedIndicators },
  pages: [{ path: '/modelo', titleKey: 'model.title' }],
  exports: {
    indicators: {
      titleKey: 'model.export.indicators',
      query: listIndicators,
      serialize: (row) => ({
        codigo: row.code,
        dimension: row.dimension,
        indicador: row.name,
        unidad: row.unit,
        ...Object.fromEntries(PERIODS.map((p) => [`valor_${p.replace('-', '_')}`, row.values[p].value])),
        fuente: row.source,
      }),
      openData: true,
    },
  },
  searchDocuments: async (db) =>
    (await listIndicators(db)).map((row) => ({ module: 'model', ref: row.code, title: row.name, body: `Indicador del Modelo de Gobierno Abierto de Bogotá. ${row.source}.`, url: '/modelo#indicadores' })),
  stats: async (db) => [{ key: 'indicators', labelKey: 'model.stats.indicators', value: await countIndicators(db), href: '/modelo#indicadores' }],
});
