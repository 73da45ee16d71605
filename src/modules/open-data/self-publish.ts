import type { FastifyInstance } from 'fastify';
import { isUniqueViolation } from '../../core/db/pg-errors.ts';
import type { Db } from '../../core/db/database.ts';
import { createTranslator, type Catalog } from '../../core/i18n/i18n.ts';
import type { ModuleRegistry } from '../../core/modules/registry.ts';
import type { AnyModule, ModuleExport, Services } from '../../core/modules/module.ts';
import { PLATFORM_ENTITY } from './catalogue.data.ts';
import { loadDatasets, type Dataset } from './catalogue.queries.ts';
import { addResource } from './commands/add-resource.ts';
import { saveDataset } from './commands/save-dataset.ts';
import type { DatasetInput } from './dataset-input.ts';

/**
 * The platform publishes itself: every manifest export marked `openData: true` is a dataset of the
 * Secretaría General, with a CSV and a JSON resource generated on request from the export's query
 * (so they are always current). The dataset rows are kept in step with the manifests by `syncExports`,
 * which the catalogue runs before it answers (at most once a minute per process): no manual step,
 * and the datasets appear in package_list, package_search, DCAT and data.json like any other.
 */
export interface PublishedExport {
  module: AnyModule;
  key: string;
  exp: ModuleExport;
  sourceExport: string;
  name: string;
}

export function openDataExports(registry: ModuleRegistry): PublishedExport[] {
  return registry.modules.flatMap((module) =>
    Object.entries(module.exports ?? {})
      .filter(([, exp]) => exp.openData)
      .map(([key, exp]) => ({ module, key, exp, sourceExport: `${module.name}.${key}`, name: `plataforma-${module.name}-${key}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 100) })),
  );
}

export const exportPath = (p: Pick<PublishedExport, 'module' | 'key'>, format: 'csv' | 'json') => `/datos/exportaciones/${p.module.name}/${p.key}.${format}`;

function inputOf(p: PublishedExport, catalog: Catalog): DatasetInput {
  const es = createTranslator(catalog, 'es');
  const moduleTitle = es(p.module.titleKey);
  return {
    name: p.name,
    title: `${es(p.exp.titleKey)} — ${moduleTitle}`,
    notes: `${es('open-data.self.notes', { module: moduleTitle })}\n\n${es(p.module.descriptionKey)}`,
    ownerOrg: PLATFORM_ENTITY,
    groupName: 'gobierno-y-participacion',
    licenseId: 'cc-by-4.0',
    frequency: 'CONT',
    localidades: [],
    temporalStart: null,
    temporalEnd: null,
    contactName: 'Secretaría General — Gobierno Abierto de Bogotá',
    contactEmail: 'gobiernoabierto@alcaldiabogota.gov.co',
    tags: ['gobierno abierto', 'plataforma', p.module.name],
    extras: { Idioma: 'Español', Distribuidor: 'Secretaría General de la Alcaldía Mayor de Bogotá' },
    private: false,
  };
}

/** Creates the datasets of new exports and retires those of exports that are gone (idempotent). */
export async function syncExports(db: Db, registry: ModuleRegistry, catalog: Catalog): Promise<void> {
  const published = openDataExports(registry);
  const existing = await db.selectFrom('open_data_datasets').select(['id', 'source_export', 'state']).where('source_export', 'is not', null).execute();
  const entity = await db.selectFrom('core_entities').select('code').where('code', '=', PLATFORM_ENTITY).executeTakeFirst();
  const group = await db.selectFrom('open_data_groups').select('id').where('name', '=', 'gobierno-y-participacion').executeTakeFirst();
  if (!entity || !group) return; // reference data not seeded yet
  for (const p of published) {
    const row = existing.find((e) => e.source_export === p.sourceExport);
    if (row && row.state === 'active') continue;
    try {
      await db.transaction().execute(async (tx) => {
        if (row) {
          await tx.updateTable('open_data_datasets').set({ state: 'active' }).where('id', '=', row.id).execute();
          return;
        }
        const now = new Date();
        const saved = await saveDataset(tx, { value: inputOf(p, catalog), before: null, actor: null, now, sourceExport: p.sourceExport });
        if (!saved.ok) throw new Error(`self-publishing ${p.sourceExport}: ${JSON.stringify(saved.errors)}`);
        for (const format of ['csv', 'json'] as const) {
          await addResource(tx, { datasetId: saved.dataset.id, resource: { name: `${saved.dataset.title} (${format.toUpperCase()})`, description: '', format: format.toUpperCase(), url: exportPath(p, format), file: null }, actor: null, now });
        }
      });
    } catch (error) {
      // Another process published it at the same moment.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const gone = existing.filter((e) => e.state === 'active' && !published.some((p) => p.sourceExport === e.source_export));
  if (gone.length) await db.updateTable('open_data_datasets').set({ state: 'deleted' }).where('id', 'in', gone.map((g) => g.id)).execute();
}

const lastSync = new WeakMap<Db, { at: number; done: Promise<void> }>();
const SYNC_EVERY_MS = 60_000;

/** Runs `syncExports` at most once a minute per database handle (each test app has its own). */
export function ensureExportsPublished(services: Services & { registry?: ModuleRegistry; catalog?: Catalog }): Promise<void> {
  const { db, registry, catalog } = services;
  if (!registry || !catalog) return Promise.resolve();
  const entry = lastSync.get(db);
  if (entry && Date.now() - entry.at < SYNC_EVERY_MS) return entry.done;
  const done = syncExports(db, registry, catalog).catch((error) => {
    lastSync.delete(db);
    throw error;
  });
  lastSync.set(db, { at: Date.now(), done });
  return done;
}

/** Every public dataset, after making sure the platform's own exports are among them. */
export async function publicCatalogue(services: Services): Promise<Dataset[]> {
  await ensureExportsPublished(services);
  return loadDatasets(services.db);
}

/** Forgets when the exports were last synchronised (tests that change manifests). */
export const forgetExportSync = (db: Db) => lastSync.delete(db);

/** `/datos/exportaciones/<module>/<key>.csv|json`: an export's rows, generated now. */
export function exportRoutes(app: FastifyInstance, services: Services): void {
  app.get('/datos/exportaciones/:module/:file', async (request, reply) => {
    const params = request.params as { module: string; file: string };
    const match = /^([A-Za-z0-9_-]+)\.(csv|json)$/.exec(params.file);
    const p = match && openDataExports(app.gab.registry).find((x) => x.module.name === params.module && x.key === match[1]);
    if (!match || !p) return reply.code(404).type('text/plain').send('Not found');
    const rows = (await p.exp.query(services.db)).map((r) => p.exp.serialize(r));
    reply.header('cache-control', 'public, max-age=60').header('access-control-allow-origin', '*');
    if (match[2] === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(rows));
    reply.header('content-disposition', `attachment; filename="${p.name}.csv"`);
    return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
  });
}

const cell = (v: string | number | boolean | null) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV with a header row (UTF-8, CRLF). */
export function toCsv(rows: Record<string, string | number | boolean | null>[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]!);
  return [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c] ?? null)).join(','))].join('\r\n') + '\r\n';
}
