import { sql } from 'kysely';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../../test/database.ts';
import { withTransaction, type DatabaseHandle } from '../../../core/db/database.ts';
import { createDataset } from '../open-data.test-support.ts';
import type { DatastoreField } from './datastore.schema.ts';
import { optimizeImportedTable, TEXT_PREFIX } from './indexes.ts';
import { importResource } from './import/import.ts';
import { csvSource } from './import/sources.ts';
import { searchTable } from './search.ts';
import { tableNameOf } from './table-names.ts';
import { ensureTable, writeRecords } from './write.ts';

describe.each(testEngines())('datastore indexes (%s)', (engine) => {
  let handle: DatabaseHandle;
  let n = 0;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
  });
  afterAll(async () => handle?.close());

  async function newResource(): Promise<string> {
    const dataset = await createDataset(handle.db, { name: `indices-${++n}` }, [{ format: 'CSV' }]);
    return (await handle.db.selectFrom('open_data_resources').select('id').where('dataset_id', '=', dataset.id).executeTakeFirstOrThrow()).id;
  }
  const indexesOf = async (table: string) =>
    (await sql<{ indexdef: string }>`SELECT indexdef FROM pg_indexes WHERE schemaname = 'datastore' AND tablename = ${table} ORDER BY indexname`.execute(handle.db)).rows.map((r) => r.indexdef);

  it('indexes every column of an imported table, text by its prefix, and filters still match exactly', async () => {
    const id = await newResource();
    const long = 'x'.repeat(TEXT_PREFIX + 100);
    const csv = ['localidad,poblacion,fecha,nota', 'Bosa,700000,2024-01-31,corta', `Kennedy,1000000,2024-02-29,${long}`, `Suba,1200000,2024-03-01,${long}y`, 'Bosa,5,2024-04-01,'].join('\n');
    const report = await importResource(handle.db, id, csvSource(Readable.from([Buffer.from(csv)])), { dbKind: handle.kind });
    const table = tableNameOf(id);
    await optimizeImportedTable(handle.db, table, report.fields);
    const indexes = await indexesOf(table);
    expect(indexes).toHaveLength(1 + report.fields.length);
    // Short text gets a plain index (counts from the index alone), long text a prefix one.
    expect(indexes.some((d) => d.endsWith('(localidad)'))).toBe(true);
    expect(indexes.some((d) => d.includes(`"left"(nota, ${TEXT_PREFIX})`))).toBe(true);
    expect(indexes.some((d) => d.endsWith('(poblacion)'))).toBe(true);

    const info = { resourceId: id, tableName: table, fields: report.fields };
    const search = (filters: Record<string, unknown>) => searchTable(handle.db, info, { filters: filters as never, limit: 10 });
    expect((await search({ localidad: 'Bosa' })).total).toBe(2);
    expect((await search({ localidad: ['Bosa', 'Suba'] })).total).toBe(3);
    // A value longer than the prefix, and one sharing its first TEXT_PREFIX characters, stay apart.
    const exact = await search({ nota: long });
    expect(exact.total).toBe(1);
    expect(exact.records[0]!.localidad).toBe('Kennedy');
    expect((await search({ nota: [long, `${long}y`] })).total).toBe(2);
    expect((await search({ nota: long.slice(0, TEXT_PREFIX) })).total).toBe(0);
    expect((await search({ nota: [null] })).total).toBe(1);
  });

  it('indexes tables created through datastore_create, and their added columns', async () => {
    const id = await newResource();
    const fields: DatastoreField[] = [
      { id: 'codigo', type: 'text' },
      { id: 'valor', type: 'numeric' },
    ];
    await withTransaction(handle.db, async (tx) => {
      await ensureTable(tx, id, fields, ['codigo']);
      await writeRecords(tx, id, [{ codigo: 'A', valor: 1.5 }], 'insert');
    });
    await withTransaction(handle.db, (tx) => ensureTable(tx, id, [{ id: 'activo', type: 'bool' }], []));
    const indexes = await indexesOf(tableNameOf(id));
    for (const column of ['(codigo)', '(valor)', '(activo)']) expect(indexes.some((d) => d.endsWith(column))).toBe(true);
  });

  it('turns a plain text index into a prefix one before a write that would not fit it, and finds the value', async () => {
    const id = await newResource();
    await withTransaction(handle.db, (tx) => ensureTable(tx, id, [{ id: 'texto', type: 'text' }], []));
    const huge = 'ñ'.repeat(3000);
    await withTransaction(handle.db, (tx) => writeRecords(tx, id, [{ texto: 'corto' }, { texto: huge }], 'insert'));
    const table = tableNameOf(id);
    expect((await indexesOf(table)).some((d) => d.includes(`"left"(texto, ${TEXT_PREFIX})`))).toBe(true);
    const info = { resourceId: id, tableName: table, fields: [{ id: 'texto', type: 'text' as const }] };
    expect((await searchTable(handle.db, info, { filters: { texto: huge }, limit: 5 })).total).toBe(1);
    expect((await searchTable(handle.db, info, { filters: { texto: 'corto' }, limit: 5 })).total).toBe(1);
  });
});
