import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.ts';
import { testEngines } from '../../../../test/database.ts';
import { createApiToken } from '../../../core/auth/api-tokens.ts';
import { createPerson } from '../../admin/test-people.ts';
import { createDataset } from '../open-data.test-support.ts';
import { importResource } from './import/import.ts';
import { csvSource } from './import/sources.ts';

const TYPES = ['peticion', 'queja', 'reclamo', 'sugerencia'];
const LOCALIDADES = ['Usaquén', 'Chapinero', 'Santa Fe', 'Bosa', 'Suba'];

/** 250 PQRS rows: tipo cycles over 4 values, localidad over 5, fecha over January 2024. */
function pqrsCsv(): string {
  const lines = ['tipo;localidad;fecha;dias;latitud;longitud'];
  for (let i = 0; i < 250; i++) lines.push(`${TYPES[i % 4]};${LOCALIDADES[i % 5]};${String(1 + (i % 31)).padStart(2, '0')}/01/2024;${i % 15};4,${600 + i};-74,${50 + i}`);
  return lines.join('\n');
}

/**
 * CKAN DataStore conformance (standards.md §1.3 and §1.6) through the real app, on both engines,
 * and through the npm `ckanapi` client; datastore_search_sql can read datastore tables and nothing else.
 */
describe.each(testEngines())('the CKAN DataStore API (%s)', (engine) => {
  let t: TestApp;
  let resourceId = '';
  let privateResourceId = '';
  let writeToken = '';
  let otherToken = '';

  const get = async (path: string) => {
    const r = await t.app.inject({ method: 'GET', url: path });
    return { status: r.statusCode, body: JSON.parse(r.body) as any };
  };
  const post = async (name: string, body: unknown, headers: Record<string, string> = {}) => {
    const r = await t.app.inject({ method: 'POST', url: `/api/3/action/${name}`, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
    return { status: r.statusCode, body: JSON.parse(r.body) as any };
  };
  const search = (params: Record<string, unknown>) => post('datastore_search', { resource_id: resourceId, ...params });
  const sqlSearch = (sql: string) => post('datastore_search_sql', { sql });

  beforeAll(async () => {
    t = await buildTestApp(engine);
    const db = t.database.db;
    const resourceOf = async (datasetId: string) => (await db.selectFrom('open_data_resources').select('id').where('dataset_id', '=', datasetId).executeTakeFirstOrThrow()).id;
    const dataset = await createDataset(db, { name: 'pqrs-por-localidad-prueba', ownerOrg: 'sdp' }, [{ format: 'CSV' }]);
    resourceId = await resourceOf(dataset.id);
    await importResource(db, resourceId, csvSource(Readable.from([Buffer.from(pqrsCsv())])), { dbKind: t.database.kind });
    const hidden = await createDataset(db, { name: 'privado-datastore', private: true, ownerOrg: 'sdp' }, [{ format: 'CSV' }]);
    privateResourceId = await resourceOf(hidden.id);
    await importResource(db, privateResourceId, csvSource(Readable.from([Buffer.from('secreto\nclave\n')])), { dbKind: t.database.kind });
    const official = await createPerson(db, { name: 'Funcionaria SDP', roles: [{ role: 'entity_official', entityCode: 'sdp' }] });
    const other = await createPerson(db, { name: 'Funcionario IDPAC', roles: [{ role: 'entity_official', entityCode: 'idpac' }] });
    writeToken = (await createApiToken(db, { userId: official.id, name: 'ds', scopes: ['write'], expiresAt: null })).token;
    otherToken = (await createApiToken(db, { userId: other.id, name: 'ds', scopes: ['write'], expiresAt: null })).token;
  });
  afterAll(async () => t?.close());

  it('datastore_search: fields with _id first and PostgreSQL types, default limit 100, total, _links', async () => {
    const r = await get(`/api/3/action/datastore_search?resource_id=${resourceId}`);
    expect(r.status).toBe(200);
    const result = r.body.result;
    expect(result.fields).toEqual([
      { id: '_id', type: 'int' },
      { id: 'tipo', type: 'text' },
      { id: 'localidad', type: 'text' },
      { id: 'fecha', type: 'date' },
      { id: 'dias', type: 'int' },
      { id: 'latitud', type: 'numeric' },
      { id: 'longitud', type: 'numeric' },
    ]);
    expect(result.limit).toBe(100);
    expect(result.records).toHaveLength(100);
    expect(result.total).toBe(250);
    expect(result.total_was_estimated).toBe(false);
    expect(result.records[0]).toEqual({ _id: 1, tipo: 'peticion', localidad: 'Usaquén', fecha: '2024-01-01', dias: 0, latitud: 4.6, longitud: -74.5 });
    expect(result._links.start).toBe(`/api/3/action/datastore_search?resource_id=${resourceId}`);
    expect(result._links.next).toBe(`/api/3/action/datastore_search?resource_id=${resourceId}&offset=100`);
    const byId = await get(`/api/3/action/datastore_search?id=${resourceId}&limit=1`);
    expect(byId.body.result.records).toHaveLength(1);
  });

  it('datastore_search: filters (equality, a list = OR), q as text and per field, fields, sort, offset', async () => {
    const one = await search({ filters: { tipo: 'queja' } });
    expect(one.body.result.total).toBe(63);
    expect(one.body.result.records.every((r: any) => r.tipo === 'queja')).toBe(true);
    const either = await search({ filters: { tipo: ['queja', 'reclamo'] } });
    expect(either.body.result.total).toBe(63 + 62);
    const asJsonString = await get(`/api/3/action/datastore_search?resource_id=${resourceId}&filters=${encodeURIComponent('{"localidad":"Bosa","dias":3}')}`);
    expect(asJsonString.body.result.total).toBe(asJsonString.body.result.records.length);
    expect(asJsonString.body.result.records.every((r: any) => r.localidad === 'Bosa' && r.dias === 3)).toBe(true);
    const text = await search({ q: 'usaquen' });
    expect(text.body.result.total).toBe(50);
    const perField = await search({ q: { localidad: 'santa fe' } });
    expect(perField.body.result.total).toBe(50);
    const fields = await search({ fields: 'tipo,dias', limit: 2 });
    expect(fields.body.result.fields.map((f: any) => f.id)).toEqual(['tipo', 'dias']);
    expect(Object.keys(fields.body.result.records[0])).toEqual(['tipo', 'dias']);
    const sorted = await search({ sort: 'dias desc, _id asc', limit: 3 });
    expect(sorted.body.result.records.map((r: any) => r.dias)).toEqual([14, 14, 14]);
    const page = await search({ offset: 240, limit: 100 });
    expect(page.body.result.records).toHaveLength(10);
    expect(page.body.result.offset).toBe(240);
    expect(page.body.result._links.next).toContain('offset=340');
  });

  it('datastore_search: limit is clamped to 32000, records_format lists/csv/tsv, include_total=false', async () => {
    const big = await search({ limit: 50000 });
    expect(big.body.result.limit).toBe(32000);
    expect(big.body.result.records).toHaveLength(250);
    const lists = await search({ records_format: 'lists', limit: 1, fields: ['tipo', 'localidad'] });
    expect(lists.body.result.records).toEqual([['peticion', 'Usaquén']]);
    const csv = await search({ records_format: 'csv', limit: 2, fields: 'tipo,latitud' });
    expect(csv.body.result.records).toBe('peticion,4.6\r\nqueja,4.601\r\n');
    const tsv = await search({ records_format: 'tsv', limit: 1, fields: 'tipo,localidad' });
    expect(tsv.body.result.records).toBe('peticion\tUsaquén\r\n');
    const noTotal = await search({ include_total: false, limit: 1 });
    expect(noTotal.body.result).not.toHaveProperty('total');
  });

  it('datastore_search: CKAN errors (404 unknown resource, 409 bad field or value, 403 private)', async () => {
    const unknown = await get('/api/3/action/datastore_search?resource_id=00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.__type).toBe('Not Found Error');
    expect((await get('/api/3/action/datastore_search?resource_id=no-es-un-id')).status).toBe(404);
    expect((await get('/api/3/action/datastore_search')).body.error).toEqual({ __type: 'Validation Error', id: ['Missing value'] });
    const badField = await search({ filters: { nope: 1 } });
    expect(badField.status).toBe(409);
    expect(badField.body.error.filters[0]).toContain('nope');
    expect((await search({ filters: { dias: 'muchos' } })).status).toBe(409);
    expect((await search({ sort: 'nope desc' })).body.error.sort).toBeDefined();
    expect((await search({ fields: 'nope' })).status).toBe(409);
    expect((await search({ limit: -1 })).status).toBe(409);
    const hidden = await post('datastore_search', { resource_id: privateResourceId });
    expect(hidden.status).toBe(403);
    const asOwner = await post('datastore_search', { resource_id: privateResourceId }, { authorization: writeToken });
    expect(asOwner.body.result.records).toEqual([{ _id: 1, secreto: 'clave' }]);
  });

  it('datastore_search_sql: a SELECT over datastore tables, named by resource id as in CKAN', async () => {
    const r = await sqlSearch(`SELECT tipo, count(*) AS n, avg(dias) AS media FROM "${resourceId}" GROUP BY tipo ORDER BY tipo`);
    expect(r.status).toBe(200);
    expect(r.body.result.fields).toEqual([
      { id: 'tipo', type: 'text' },
      { id: 'n', type: 'int8' },
      { id: 'media', type: 'numeric' },
    ]);
    expect(r.body.result.records.map((x: any) => [x.tipo, Number(x.n)])).toEqual([['peticion', 63], ['queja', 63], ['reclamo', 62], ['sugerencia', 62]]);
    const withCte = await sqlSearch(`WITH b AS (SELECT * FROM "${resourceId}" WHERE localidad = 'Bosa') SELECT count(*)::int AS n FROM b;`);
    expect(withCte.body.result.records).toEqual([{ n: 50 }]);
    const getStyle = await get(`/api/3/action/datastore_search_sql?sql=${encodeURIComponent(`SELECT fecha FROM "${resourceId}" ORDER BY _id LIMIT 1`)}`);
    expect(getStyle.body.result.records).toEqual([{ fecha: '2024-01-01' }]);
  });

  it('datastore_search_sql: multi-statement → 409, writes and anything outside the datastore → 403, nothing changes', async () => {
    const table = `"${resourceId}"`;
    const multi = await sqlSearch(`SELECT 1; DROP TABLE ${table}`);
    expect(multi.status).toBe(409);
    expect(multi.body.error).toEqual({ __type: 'Validation Error', query: ['Query is not a single statement.'] });
    expect((await sqlSearch(`SELECT 1; SELECT 2`)).status).toBe(409);
    const refused = [
      `DELETE FROM ${table}`,
      `UPDATE ${table} SET dias = 0`,
      `INSERT INTO ${table} (tipo) VALUES ('x')`,
      `DROP TABLE ${table}`,
      `WITH d AS (DELETE FROM ${table} RETURNING *) SELECT * FROM d`,
      `WITH d AS (UPDATE ${table} SET dias = 1 RETURNING *) SELECT count(*) FROM d`,
      `SELECT * INTO datastore.copia FROM ${table}`,
      `SELECT * FROM ${table} FOR UPDATE`,
      `SELECT pg_read_file('/etc/passwd')`,
      `SELECT pg_catalog.pg_read_file('/etc/passwd')`,
      `SELECT "pg_read_file"('/etc/passwd')`,
      `SELECT set_config('statement_timeout', '0', false)`,
      `SELECT current_setting('data_directory')`,
      `SELECT pg_sleep(5)`,
      `SELECT query_to_xml('select * from core_users', true, true, '')`,
      `SELECT * FROM core_users`,
      `SELECT * FROM public.core_users`,
      `SELECT * FROM ${table} t JOIN core_users u ON true`,
      `SELECT (SELECT email FROM core_users LIMIT 1) FROM ${table}`,
      `SELECT * FROM pg_settings`,
      `SELECT * FROM pg_catalog.pg_authid`,
      `SELECT * FROM information_schema.tables`,
      `SELECT * FROM open_data_datastore_tables`,
      `SELECT * FROM "${privateResourceId}"`,
      `SELECT lo_import('/etc/passwd')`,
      `SELECT dblink('x', 'y')`,
      `SELECT nextval('core_jobs_id_seq')`,
      `SELECT txid_current()`,
      `TABLE core_users`,
      `VALUES (1)`,
      `EXPLAIN ANALYZE SELECT 1`,
      `COPY ${table} TO '/tmp/x'`,
      `SELECT 1 /* ; */ ; DELETE FROM ${table}`,
      `SELECT * FROM ${table} WHERE tipo = $$x$$ ; DELETE FROM ${table}`,
    ];
    for (const sql of refused) {
      const r = await sqlSearch(sql);
      expect({ sql, status: r.status, success: r.body.success }).toEqual({ sql, status: expect.toSatisfy((s: number) => s === 403 || s === 409), success: false });
    }
    // A string that merely contains a `;` or a keyword is data, not a second statement.
    for (const sql of [`SELECT count(*)::int AS n FROM ${table} WHERE tipo = 'a; DELETE FROM x'`, `SELECT count(*)::int AS n FROM ${table} WHERE tipo = E'\\';DELETE FROM ${table}--'`]) {
      expect((await sqlSearch(sql)).body.result.records).toEqual([{ n: 0 }]);
    }
    expect((await sqlSearch(`SELECT * FROM public.core_users`)).body.error.__type).toBe('Authorization Error');
    expect((await sqlSearch(`SELECT pg_read_file('/etc/passwd')`)).body.error.message).toContain('pg_read_file');
    const after = await search({ limit: 1 });
    expect(after.body.result.total).toBe(250);
    expect(after.body.result.records[0].dias).toBe(0);
    const users = await t.database.db.selectFrom('core_users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(users.n)).toBeGreaterThan(0);
  });

  it('datastore_create and datastore_upsert (insert, update, upsert) need a write token of the entity', async () => {
    const dataset = await createDataset(t.database.db, { name: 'creado-por-datastore', ownerOrg: 'sdp' });
    const body = {
      resource: { package_id: dataset.id, name: 'Puntos' },
      fields: [{ id: 'codigo', type: 'text' }, { id: 'personas', type: 'int' }, { id: 'desde', type: 'date' }],
      primary_key: 'codigo',
      records: [{ codigo: 'A', personas: 3, desde: '2024-01-02' }, { codigo: 'B', personas: 5, desde: null }],
    };
    expect((await post('datastore_create', body)).status).toBe(403);
    expect((await post('datastore_create', body, { authorization: otherToken })).status).toBe(403);
    const created = await post('datastore_create', body, { authorization: writeToken });
    expect(created.status).toBe(200);
    const id = created.body.result.resource_id;
    expect(created.body.result.fields.map((f: any) => f.type)).toEqual(['int', 'text', 'int', 'date']);
    const rows = async () => (await post('datastore_search', { resource_id: id, sort: 'codigo' })).body.result.records.map((r: any) => [r.codigo, r.personas]);
    expect(await rows()).toEqual([['A', 3], ['B', 5]]);
    expect((await post('datastore_upsert', { resource_id: id, records: [{ codigo: 'C', personas: 1 }], method: 'insert' }, { authorization: writeToken })).status).toBe(200);
    expect((await post('datastore_upsert', { resource_id: id, records: [{ codigo: 'A', personas: 30 }], method: 'update' }, { authorization: writeToken })).status).toBe(200);
    expect((await post('datastore_upsert', { resource_id: id, records: [{ codigo: 'B', personas: 50 }, { codigo: 'D', personas: 7 }] }, { authorization: writeToken })).status).toBe(200);
    expect(await rows()).toEqual([['A', 30], ['B', 50], ['C', 1], ['D', 7]]);
    const missing = await post('datastore_upsert', { resource_id: id, records: [{ codigo: 'Z', personas: 1 }], method: 'update' }, { authorization: writeToken });
    expect(missing.status).toBe(409);
    const duplicate = await post('datastore_upsert', { resource_id: id, records: [{ codigo: 'E', personas: 1 }, { codigo: 'A', personas: 2 }], method: 'insert' }, { authorization: writeToken });
    expect(duplicate.status).toBe(409);
    const badValue = await post('datastore_upsert', { resource_id: id, records: [{ codigo: 'F', personas: 'muchas' }] }, { authorization: writeToken });
    expect(badValue.status).toBe(409);
    // Failed calls wrote nothing (E was before the duplicate in the same call).
    expect(await rows()).toEqual([['A', 30], ['B', 50], ['C', 1], ['D', 7]]);
    expect((await get(`/api/3/action/datastore_upsert?resource_id=${id}`)).status).toBe(400);
    const meta = await t.database.db.selectFrom('open_data_datastore_tables').select('row_count').where('resource_id', '=', id).executeTakeFirstOrThrow();
    expect(meta.row_count).toBe('4');
  });

  it('works with the npm ckanapi client against a listening server', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { Portal } = (await import('ckanapi')) as unknown as { Portal: new (url: string) => { action: Record<string, (payload?: unknown) => Promise<any>> } };
    const portal = new Portal(address);
    const result = await portal.action.datastore_search!({ resource_id: resourceId, filters: { tipo: ['queja', 'reclamo'] }, limit: 5 });
    expect(result.total).toBe(125);
    expect(result.records).toHaveLength(5);
    expect(result.fields[0]).toEqual({ id: '_id', type: 'int' });
    const sql = await portal.action.datastore_search_sql!({ sql: `SELECT count(*)::int AS n FROM "${resourceId}"` });
    expect(sql.records).toEqual([{ n: 250 }]);
    await expect(portal.action.datastore_search!({ resource_id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ __type: 'Not Found Error' });
  });
});
