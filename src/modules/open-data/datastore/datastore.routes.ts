import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { notFound } from '../../../core/http/errors.ts';
import type { Services } from '../../../core/modules/module.ts';
import { authorize } from '../../../core/permissions/authorize.ts';
import { canSee } from '../catalogue.routes.tsx';
import { loadDatastoreResource, tableOf } from './access.ts';
import { coordinateFields, feature, toDelimited } from './formats.ts';
import { allFields, streamTable, type TableInfo } from './search.ts';

/**
 * Downloads of a datastore resource, streamed a page of rows at a time (memory stays flat for a
 * table of millions of rows): `datos.csv` (UTF-8 with BOM, so spreadsheets read the accents),
 * `datos.json` ({fields, records}) and `datos.geojson` (points, only for a table with latitude and
 * longitude columns). The preview itself is part of the resource page (catalogue.routes.tsx).
 */
export async function datastoreRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;

  app.get('/datos/conjuntos/:name/recursos/:id/datos.:format', async (request, reply) => {
    await authorize(request, 'open-data', 'view');
    const params = request.params as { name: string; id: string; format: string };
    if (!['csv', 'json', 'geojson'].includes(params.format)) return notFound();
    const found = await loadDatastoreResource(db, params.id);
    if (!found || found.dataset.name !== params.name || !(await canSee(request, found.dataset))) return notFound();
    const table = tableOf(found);
    if (!table) return notFound();
    const coords = coordinateFields(table.fields);
    if (params.format === 'geojson' && !coords) return notFound();
    const filename = `${found.dataset.name}-${found.resource.id.slice(0, 8)}.${params.format}`;
    reply.header('content-disposition', `attachment; filename="${filename}"`);
    reply.header('access-control-allow-origin', '*');
    const rows = streamTable(db, table, {});
    if (params.format === 'csv') return reply.type('text/csv; charset=utf-8').send(Readable.from(csvChunks(table, rows)));
    if (params.format === 'json') return reply.type('application/json; charset=utf-8').send(Readable.from(jsonChunks(table, rows)));
    return reply.type('application/geo+json; charset=utf-8').send(Readable.from(geojsonChunks(rows, coords!)));
  });
}

async function* csvChunks(table: TableInfo, pages: AsyncGenerator<Record<string, unknown>[]>) {
  const ids = allFields(table).map((f) => f.id);
  yield '\uFEFF' + toDelimited([ids]);
  for await (const page of pages) yield toDelimited(page.map((r) => ids.map((id) => r[id])));
}

async function* jsonChunks(table: TableInfo, pages: AsyncGenerator<Record<string, unknown>[]>) {
  yield `{"fields":${JSON.stringify(allFields(table))},"records":[`;
  let first = true;
  for await (const page of pages) {
    if (page.length === 0) continue;
    yield (first ? '' : ',') + page.map((r) => JSON.stringify(r)).join(',');
    first = false;
  }
  yield ']}';
}

async function* geojsonChunks(pages: AsyncGenerator<Record<string, unknown>[]>, coords: { lat: string; lon: string }) {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for await (const page of pages) {
    const features = page.map((r) => feature(r, coords)).filter((f): f is string => f !== null);
    if (features.length === 0) continue;
    yield (first ? '' : ',') + features.join(',');
    first = false;
  }
  yield ']}';
}
