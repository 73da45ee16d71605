/**
 * Writes a portable dump (format in dump-format.ts) from one consistent snapshot. `restore.ts`
 * reads it back; both are re-exported here as the module's public face.
 */
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Db, Executor } from './database.ts';
import { DUMP_FORMAT, DUMP_VERSION, type DumpHeader, type DumpOptions, type RuntimeTableHeader, type TableInfo, rowPrefix, tableKey } from './dump-format.ts';
import { appliedMigrations, countRows, describeTables, ident, listSequences, literal, qualified } from './dump-catalog.ts';
import { describeRuntimeTables, isRuntimeSchemaName } from './dump-runtime.ts';

export const DUMP_BATCH_ROWS = 1000;

/** Row text plus the JSON-null marker, as the dump query returns them. */
interface RawRow {
  r: string;
  n: string | null;
}

/** `SELECT … row_to_json` of the non-generated columns, with the JSON-null marker column. */
function rowSelect(table: TableInfo): string {
  const markers = [...table.jsonColumns].map(
    ([column, kind]) => `CASE WHEN ${kind}_typeof(s.${ident(column)}) = 'null' THEN ${literal(column)} END`,
  );
  const marker = markers.length > 0 ? `array_to_json(array_remove(ARRAY[${markers.join(', ')}]::text[], NULL))::text` : 'NULL::text';
  return `SELECT row_to_json(s)::text AS r, ${marker} AS n`;
}

function columnList(table: TableInfo, alias: string): string {
  return table.columns.map((c) => `${alias}.${ident(c)}`).join(', ');
}

/**
 * Reads a table in batches. With a primary key: keyset pagination (`WHERE (pk) > (last pk)
 * ORDER BY pk LIMIT n`), where the last key is fed back as the row's own JSON through
 * `json_populate_record` so every key type round-trips without us knowing it. Without one: a
 * cursor in the dump transaction. Either way memory stays at one batch.
 */
async function* readTableBatches(trx: Executor, table: TableInfo): AsyncGenerator<RawRow[]> {
  const from = qualified(table.name, table.schema);
  const select = rowSelect(table);
  const keyUsable = table.primaryKey.length > 0 && table.primaryKey.every((c) => table.columns.includes(c));
  if (keyUsable) {
    const key = (alias: string) => table.primaryKey.map((c) => `${alias}.${ident(c)}`).join(', ');
    const firstPage = `${select} FROM (SELECT ${columnList(table, 't')} FROM ${from} AS t ORDER BY ${key('t')} LIMIT ${DUMP_BATCH_ROWS}) AS s ORDER BY ${key('s')}`;
    const nextPage = (last: string) => sql<RawRow>`${sql.raw(`${select} FROM (SELECT ${columnList(table, 't')} FROM ${from} AS t
      WHERE (${key('t')}) > (SELECT ${key('k')} FROM json_populate_record(NULL::${from}, `)}${last}${sql.raw(`::json) AS k)
      ORDER BY ${key('t')} LIMIT ${DUMP_BATCH_ROWS}) AS s ORDER BY ${key('s')}`)}`;
    let rows = (await sql<RawRow>`${sql.raw(firstPage)}`.execute(trx)).rows;
    while (rows.length > 0) {
      yield rows;
      if (rows.length < DUMP_BATCH_ROWS) return;
      rows = (await nextPage((rows[rows.length - 1] as RawRow).r).execute(trx)).rows;
    }
    return;
  }
  const cursor = ident(`gab_dump_${table.name}`.slice(0, 60));
  const columns = table.columns.length > 0 ? columnList(table, 't') : '';
  await sql.raw(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${select} FROM (SELECT ${columns} FROM ${from} AS t) AS s`).execute(trx);
  try {
    for (;;) {
      const rows = (await sql.raw<RawRow>(`FETCH ${DUMP_BATCH_ROWS} FROM ${cursor}`).execute(trx)).rows;
      if (rows.length === 0) return;
      yield rows;
    }
  } finally {
    await sql.raw(`CLOSE ${cursor}`).execute(trx);
  }
}

/** One row line; the row text is spliced in verbatim (see the module comment for why). */
function rowLine(table: string, row: RawRow): string {
  const nulls = row.n && row.n !== '[]' ? (JSON.parse(row.n) as string[]) : null;
  // row_to_json escapes newlines inside strings, so a raw one can only be whitespace kept by a
  // `json` column; carry that row as a string rather than lose the exact text.
  if (row.r.includes('\n')) return `${JSON.stringify(nulls ? { t: table, n: nulls, rt: row.r } : { t: table, rt: row.r })}\n`;
  return `${rowPrefix(table, nulls)}${row.r}}\n`;
}


/**
 * Writes a gzip'd NDJSON dump of every table in schema `public` (except `core_migrations*`), every
 * sequence's position, and the tables of the runtime schemas with their definitions. Runs in one
 * REPEATABLE READ, READ ONLY transaction so the header counts, the definitions, the rows and the
 * sequences all come from the same snapshot even while the app writes. Runtime tables are not
 * locked: an import that replaces one while the dump runs makes the dump fail (run it again),
 * which beats making every reader of that table wait behind the import for the whole dump.
 *
 * `out` is a path (written to `<path>.partial` then renamed, so a failed dump never looks like a
 * good one) or a stream, which is ended when the dump completes.
 */
export async function dumpDatabase(db: Db, out: Writable | string, options: DumpOptions): Promise<DumpHeader> {
  for (const schema of options.runtimeSchemas) {
    if (!isRuntimeSchemaName(schema)) throw new Error(`not a runtime schema name: ${schema}`);
  }
  if (typeof out === 'string') {
    const partial = `${out}.partial`;
    try {
      const header = await dumpDatabase(db, createWriteStream(partial), options);
      // A backup that lives only in the page cache is not a backup yet; fsync reaches the file
      // through any descriptor.
      const handle = await open(partial, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(partial, out);
      return header;
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  const report = options.onProgress ?? (() => {});
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const publicTables = await describeTables(trx);
      const sequences = await listSequences(trx);
      const runtimeTables: RuntimeTableHeader[] = [];
      for (const definition of await describeRuntimeTables(trx, options.runtimeSchemas)) {
        runtimeTables.push({ ...definition, rowCount: await countRows(trx, definition) });
      }
      const runtimeInfo = new Map<string, TableInfo>();
      for (const schema of options.runtimeSchemas) {
        for (const info of await describeTables(trx, schema)) runtimeInfo.set(tableKey(info), info);
      }
      // Public tables first (in dependency order), then the runtime tables, which reference none.
      const tables: { info: TableInfo; rowCount: number }[] = [];
      const header: DumpHeader = {
        format: DUMP_FORMAT,
        version: DUMP_VERSION,
        createdAt: new Date().toISOString(),
        migrations: (await appliedMigrations(trx)) ?? [],
        tables: [],
        sequences,
        runtimeSchemas: [...options.runtimeSchemas],
        runtimeTables,
      };
      for (const info of publicTables) {
        const rowCount = await countRows(trx, info);
        header.tables.push({ name: info.name, columns: info.columns, rowCount });
        tables.push({ info, rowCount });
      }
      for (const runtime of runtimeTables) tables.push({ info: runtimeInfo.get(tableKey(runtime)) as TableInfo, rowCount: runtime.rowCount });
      const rowCount = tables.reduce((sum, t) => sum + t.rowCount, 0);

      async function* lines(): AsyncGenerator<string> {
        yield `${JSON.stringify(header)}\n`;
        let rows = 0;
        for (const { info: table, rowCount: expected } of tables) {
          const key = tableKey(table);
          let tableRows = 0;
          report({ phase: 'rows', table: key, tableRows, tableRowCount: expected, rows, rowCount });
          for await (const batch of readTableBatches(trx, table)) {
            let chunk = '';
            for (const row of batch) chunk += rowLine(key, row);
            tableRows += batch.length;
            rows += batch.length;
            yield chunk;
            report({ phase: 'rows', table: key, tableRows, tableRowCount: expected, rows, rowCount });
          }
          // Same snapshot as the count, so a difference means the snapshot did not hold.
          if (tableRows !== expected) throw new Error(`Dump of ${key} read ${tableRows} rows but counted ${expected}`);
        }
        report({ phase: 'sequences', table: null, tableRows: 0, tableRowCount: 0, rows, rowCount });
        for (const sequence of sequences) {
          const state = await sql<{ value: string; called: boolean }>`
            SELECT last_value::text AS value, is_called AS called FROM ${sql.raw(qualified(sequence))}
          `.execute(trx);
          const { value, called } = state.rows[0] as { value: string; called: boolean };
          // The value stays a string: sequences are bigint and JSON numbers are doubles in JS.
          yield `${JSON.stringify({ s: sequence, v: value, called })}\n`;
        }
        report({ phase: 'done', table: null, tableRows: 0, tableRowCount: 0, rows, rowCount });
      }

      await pipeline(lines, createGzip(), out);
      return header;
    });
}

export { restoreDatabase } from './restore.ts';
export { DUMP_FORMAT, DUMP_VERSION, DumpError, type DumpErrorCode, type DumpHeader, type DumpOptions, type DumpProgress, type RestoreOptions, type RestoreResult, type RuntimeTableHeader, type TableInfo } from './dump-format.ts';
export { isRuntimeSchemaName } from './dump-runtime.ts';
export { describeTables, sortTablesByDependencies } from './dump-catalog.ts';
