import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.ts';
import { createEmptyTestDatabase, testEngines } from '../../../../test/database.ts';
import { buildApp } from '../../../app.ts';
import { loadConfig } from '../../../core/config/config.ts';
import type { DatabaseHandle, Db } from '../../../core/db/database.ts';
import { dumpDatabase, restoreDatabase } from '../../../core/db/dump.ts';
import { createRegistry } from '../../../core/modules/registry.ts';
import { MODULES } from '../../index.ts';
import { createDataset } from '../open-data.test-support.ts';
import { importResource } from './import/import.ts';
import { csvSource } from './import/sources.ts';
import { optimizeImportedTable } from './indexes.ts';
import { DATASTORE_SCHEMA, qualifiedTable, tableNameOf } from './table-names.ts';
import { ensureTable, writeRecords } from './write.ts';

const registry = createRegistry(MODULES);

/** Every column type the importer infers, with values a JS double would change. */
const CSV = [
  'código;monto;fecha;momento;activo;cantidad;nota',
  '01;123456789012345678901234567890,000100;31/12/2023;2024-03-01 08:30:00;sí;2147483647;Usaquén «norte»',
  '02;-0,000000000000000000001;29/02/2024;2024-03-01 23:59:59;no;-2147483647;',
  '03;9007199254740993;01/01/2024;2024-01-01 00:00:00;sí;0;"con ""comillas""; y punto y coma"',
  // A long text: its column gets a prefix index (datastore/indexes.ts), which must come along too.
  `04;0;02/01/2024;2024-01-02 00:00:00;no;1;${'Texto largo. '.repeat(40)}fin`,
].join('\r\n');

/** Each datastore table's rows (as PostgreSQL prints them), its indexes and its `_id` sequence position. */
async function datastoreTables(db: Db): Promise<Record<string, { rows: string[]; indexes: string[]; next: unknown }>> {
  const tables = await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = ${DATASTORE_SCHEMA} ORDER BY 1`.execute(db);
  const result: Record<string, { rows: string[]; indexes: string[]; next: unknown }> = {};
  for (const { name } of tables.rows) {
    const table = qualifiedTable(name);
    const rows = await sql<{ r: string }>`SELECT row_to_json(t)::text AS r FROM ${sql.raw(table)} AS t ORDER BY _id`.execute(db);
    const sequenceName = (await sql<{ s: string }>`SELECT pg_get_serial_sequence(${table}, '_id') AS s`.execute(db)).rows[0]!.s;
    const sequence = await sql<{ value: string; called: boolean }>`SELECT last_value::text AS value, is_called AS called FROM ${sql.raw(sequenceName)}`.execute(db);
    const indexes = await sql<{ def: string }>`SELECT indexdef AS def FROM pg_indexes WHERE schemaname = ${DATASTORE_SCHEMA} AND tablename = ${name} ORDER BY indexname`.execute(db);
    result[name] = { rows: rows.rows.map((r) => r.r), indexes: indexes.rows.map((r) => r.def), next: sequence.rows[0] };
  }
  return result;
}

/**
 * `gab db dump` / `gab db restore` carry the DataStore: its tables live in schema `datastore`, made
 * by imports and datastore_create rather than by migrations, so the restore must create them (with
 * their types, `_id` identity and keys) in a fresh database before loading their rows.
 */
describe.each(testEngines())('dump and restore of the DataStore (%s)', (engine) => {
  let source: TestApp;
  let target: DatabaseHandle;
  let targetApp: FastifyInstance;
  let workDir: string;
  let dumpPath: string;
  let importedId = '';
  let keyedId = '';

  const search = async (app: FastifyInstance, body: Record<string, unknown>) => {
    const response = await app.inject({ method: 'POST', url: '/api/3/action/datastore_search', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect(response.statusCode, response.body).toBe(200);
    return (JSON.parse(response.body) as { result: { fields: unknown; records: unknown[]; total: number } }).result;
  };
  const resourceOf = async (db: Db, datasetId: string) => (await db.selectFrom('open_data_resources').select('id').where('dataset_id', '=', datasetId).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'gab-datastore-dump-'));
    dumpPath = join(workDir, 'gab.ndjson.gz');
    source = await buildTestApp(engine);
    const db = source.database.db;
    importedId = await resourceOf(db, (await createDataset(db, { name: 'volcado-importado' }, [{ format: 'CSV' }])).id);
    const report = await importResource(db, importedId, csvSource(Readable.from([Buffer.from(CSV, 'latin1')])), { dbKind: source.database.kind });
    await optimizeImportedTable(db, tableNameOf(importedId), report.fields);
    // One made through datastore_create with a primary key (a unique index), then upserted into.
    keyedId = await resourceOf(db, (await createDataset(db, { name: 'volcado-con-llave' }, [{ format: 'CSV' }])).id);
    await db.transaction().execute(async (tx) => {
      await ensureTable(tx, keyedId, [{ id: 'codigo', type: 'text' }, { id: 'valor', type: 'numeric' }, { id: 'dia', type: 'date' }], ['codigo']);
      await writeRecords(tx, keyedId, [{ codigo: 'a', valor: '0.1', dia: '2024-01-31' }, { codigo: 'b', valor: '99999999999999999999.99', dia: null }], 'insert');
      await writeRecords(tx, keyedId, [{ codigo: 'a', valor: '0.30000000000000004' }], 'upsert');
    });
    await sql`DELETE FROM ${sql.raw(qualifiedTable(tableNameOf(keyedId)))} WHERE codigo = 'b'`.execute(db);

    await dumpDatabase(db, dumpPath, { runtimeSchemas: registry.runtimeSchemas() });
    target = await createEmptyTestDatabase(engine);
    await restoreDatabase(target.db, dumpPath, { migrations: registry.migrations(), runtimeSchemas: registry.runtimeSchemas() });
    targetApp = await buildApp({ config: loadConfig({ NODE_ENV: 'test', GAB_DATA_DIR: workDir }), database: target, registry });
    await targetApp.ready();
  });
  afterAll(async () => {
    await targetApp?.close();
    await target?.close();
    await source?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('the imported table holds the exact values (the premise of what follows)', async () => {
    const rows = await sql<{ r: string }>`SELECT row_to_json(t)::text AS r FROM ${sql.raw(qualifiedTable(tableNameOf(importedId)))} AS t ORDER BY _id`.execute(source.database.db);
    expect(rows.rows.map((r) => r.r)).toEqual([
      '{"_id":1,"código":"01","monto":123456789012345678901234567890.000100,"fecha":"2023-12-31","momento":"2024-03-01T08:30:00","activo":true,"cantidad":2147483647,"nota":"Usaquén «norte»"}',
      '{"_id":2,"código":"02","monto":-0.000000000000000000001,"fecha":"2024-02-29","momento":"2024-03-01T23:59:59","activo":false,"cantidad":-2147483647,"nota":null}',
      '{"_id":3,"código":"03","monto":9007199254740993,"fecha":"2024-01-01","momento":"2024-01-01T00:00:00","activo":true,"cantidad":0,"nota":"con \\"comillas\\"; y punto y coma"}',
      `{"_id":4,"código":"04","monto":0,"fecha":"2024-01-02","momento":"2024-01-02T00:00:00","activo":false,"cantidad":1,"nota":"${'Texto largo. '.repeat(40)}fin"}`,
    ]);
  });

  it('a fresh database gets every datastore table back with the same rows and `_id` positions', async () => {
    const expected = await datastoreTables(source.database.db);
    // The demo's tables come along too.
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(4);
    expect(expected[tableNameOf(keyedId)]?.next).toEqual({ value: '2', called: true });
    // Every column of the import is indexed, the long text on its prefix; the keyed table has its unique key.
    expect(expected[tableNameOf(importedId)]?.indexes.some((def) => def.includes('"left"(nota, 200)'))).toBe(true);
    expect(expected[tableNameOf(keyedId)]?.indexes.some((def) => def.startsWith('CREATE UNIQUE INDEX') && def.endsWith('(codigo)'))).toBe(true);
    expect(await datastoreTables(target.db)).toEqual(expected);
    const types = (db: Db) =>
      sql<{ column: string; type: string }>`
        SELECT attname AS column, format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = ${qualifiedTable(tableNameOf(importedId))}::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum
      `.execute(db);
    expect((await types(target.db)).rows).toEqual((await types(source.database.db)).rows);
    expect((await types(target.db)).rows.map((r) => r.type)).toEqual(['integer', 'text', 'numeric', 'date', 'timestamp without time zone', 'boolean', 'integer', 'text']);
  });

  it('datastore_search answers the same on the restored database', async () => {
    const queries = [
      { resource_id: importedId },
      { resource_id: importedId, q: 'norte' },
      { resource_id: importedId, filters: { activo: true }, sort: 'monto desc' },
      { resource_id: keyedId },
    ];
    for (const query of queries) {
      const [before, after] = [await search(source.app, query), await search(targetApp, query)];
      expect(after, JSON.stringify(query)).toEqual(before);
    }
    const all = await search(targetApp, { resource_id: importedId });
    expect(all.total).toBe(4);
    expect(all.records[0]).toMatchObject({ código: '01', fecha: '2023-12-31', activo: true, cantidad: 2147483647 });
  });

  it('the restored tables keep their keys: the next row continues the `_id`, the primary key still refuses duplicates', async () => {
    await target.db.transaction().execute((tx) => writeRecords(tx, keyedId, [{ codigo: 'c', valor: '1' }], 'insert'));
    await expect(target.db.transaction().execute((tx) => writeRecords(tx, keyedId, [{ codigo: 'a', valor: '2' }], 'insert'))).rejects.toMatchObject({ fields: { records: ['record 0: duplicate key'] } });
    const ids = await sql<{ id: number; codigo: string }>`SELECT _id AS id, codigo FROM ${sql.raw(qualifiedTable(tableNameOf(keyedId)))} ORDER BY _id`.execute(target.db);
    expect(ids.rows).toEqual([{ id: 1, codigo: 'a' }, { id: 3, codigo: 'c' }]);
  });

  it('--replace drops the datastore tables the dump does not have, and loads its own', async () => {
    const extraId = await resourceOf(target.db, (await createDataset(target.db, { name: 'solo-en-destino' }, [{ format: 'CSV' }])).id);
    await importResource(target.db, extraId, csvSource(Readable.from([Buffer.from('a,b\n1,2\n')])), { dbKind: target.kind });
    await expect(restoreDatabase(target.db, dumpPath, { migrations: registry.migrations(), runtimeSchemas: registry.runtimeSchemas() })).rejects.toMatchObject({
      code: 'target-not-empty',
    });
    await restoreDatabase(target.db, dumpPath, { migrations: registry.migrations(), runtimeSchemas: registry.runtimeSchemas(), replace: true });
    const restored = await datastoreTables(target.db);
    expect(restored[tableNameOf(extraId)]).toBeUndefined();
    expect(restored).toEqual(await datastoreTables(source.database.db));
    expect(await search(targetApp, { resource_id: keyedId })).toEqual(await search(source.app, { resource_id: keyedId }));
  });
});
