/**
 * reference — Bogotá's reference data: the 20 localidades, the 15 administrative sectors and their
 * entities. Tables: core_localidades, core_sectors, core_entities (in core, because every module
 * refers to them). Emits no events.
 */
import { defineModule } from '../../core/modules/module.ts';
import { everyone } from '../../core/permissions/permissions.ts';
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import { serializeLocalidad } from './reference.presenter.ts';
import { countReference, listLocalidades, listSectorsWithEntities } from './reference.queries.ts';
import { referenceRoutes } from './reference.routes.tsx';
import { seedReferenceData } from './reference.seeds.ts';
import { LOCALIDADES } from '../../core/geo/localidades.data.ts';
import { SECTORS } from './sectors.data.ts';

export default defineModule({
  name: 'reference',
  pillar: 'transparency',
  titleKey: 'reference.title',
  descriptionKey: 'reference.description',
  path: '/localidades',
  actions: ['view'] as const,
  permissions: { view: everyone },
  locales: { es, en },
  routes: referenceRoutes,
  seeds: { reference: seedReferenceData },
  pages: [
    { path: '/localidades', titleKey: 'reference.localidades.title' },
    { path: '/localidades/17', titleKey: 'reference.localidades.title' },
    { path: '/entidades', titleKey: 'reference.entities.title' },
  ],
  exports: {
    localidades: { titleKey: 'reference.export.localidades', query: listLocalidades, serialize: serializeLocalidad, openData: true },
    entities: {
      titleKey: 'reference.export.entities',
      query: async (db) => (await listSectorsWithEntities(db)).flatMap((s) => s.entities.map((e) => ({ ...e, sector: s.name }))),
      serialize: (e) => ({ codigo: e.code, sigla: e.acronym, nombre: e.name, sector: e.sector, tipo: e.kind, localidad: e.localidad_code, sitio_web: e.website }),
      openData: true,
    },
  },
  searchDocuments: async () => [
    ...LOCALIDADES.map((l) => ({ module: 'reference', ref: `localidad-${l.code}`, title: `Localidad de ${l.name}`, body: `Localidad número ${l.number} de Bogotá. ${l.administrativeAct}. Alcaldía Local de ${l.name}.`, url: `/localidades/${l.code}`, localidadCode: l.code })),
    ...SECTORS.flatMap((s) =>
      s.entities.map((e) => ({ module: 'reference', ref: `entity-${e.code}`, title: `${e.name} (${e.acronym})`, body: `Sector ${s.name}.`, url: `/entidades#sector-${s.code}` })),
    ),
  ],
  stats: async (db) => {
    const counts = await countReference(db);
    return [
      { key: 'localidades', labelKey: 'reference.stats.localidades', value: counts.localidades, href: '/localidades' },
      { key: 'sectors', labelKey: 'reference.stats.sectors', value: counts.sectors, href: '/entidades' },
      { key: 'entities', labelKey: 'reference.stats.entities', value: counts.entities, href: '/entidades' },
    ];
  },
});
