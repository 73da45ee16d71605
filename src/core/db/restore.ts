/** Reads a dump written by `dumpDatabase` into a database, all in one transaction. */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from './database.ts';
import { migrateToLatest } from './migrator.ts';
import { DumpError, type DumpHeader, type DumpTableHeader, type RestoreOptions, type RestoreResult, type RuntimeTableHeader, type TableInfo, corrupt, notADump, parseHeader, parseLine, readLines, tableKey } from './dump-format.ts';
import { appliedMigrations, describeTables, ident, listSequences, literal, nonEmptyTables, qualified } from './dump-catalog.ts';
import { completeRuntimeTable, createRuntimeTable, dropRuntimeTables, isRuntimeSchemaName, listRuntimeTables } from './dump-runtime.ts';

const RESTORE_BATCH_ROWS = 500;
// Keeps one INSERT parameter reasonable even when rows are wide.
const RESTORE_BATCH_CHARS = 8 * 1024 * 1024;


/**
 * One INSERT per batch. The batch is a JSON array of `{"r":row,"n":[…]}`; json_populate_record
 * turns each row into the target's own column types, and the CASE puts back JSON nulls that
 * json_populate_record would read as SQL NULL. ORDER BY keeps file order, which matters for
 * self-referencing tables. OVERRIDING SYSTEM VALUE lets identity columns keep their values.
 */
function insertStatement(table: TableInfo, columns: string[]): (batch: string) => RawBuilder<unknown> {
  const from = qualified(table.name, table.schema);
  if (columns.length === 0) {
    return (batch) => sql`${sql.raw(`INSERT INTO ${from} SELECT FROM json_array_elements(`)}${batch}${sql.raw('::json)')}`;
  }
  const values = columns.map((column) => {
    const kind = table.jsonColumns.get(column);
    const value = `p.${ident(column)}`;
    return kind ? `CASE WHEN (e.v -> 'n')::jsonb ? ${literal(column)} THEN 'null'::${kind} ELSE ${value} END` : value;
  });
  const head = `INSERT INTO ${from} (${columns.map(ident).join(', ')}) OVERRIDING SYSTEM VALUE
    SELECT ${values.join(', ')} FROM json_array_elements(`;
  const tail = `::json) WITH ORDINALITY AS e(v, i) CROSS JOIN LATERAL json_populate_record(NULL::${from}, e.v -> 'r') AS p ORDER BY e.i`;
  return (batch) => sql`${sql.raw(head)}${batch}${sql.raw(tail)}`;
}

/**
 * Restores a dump made by `dumpDatabase`.
 *
 * 1. Checks the header and refuses dumps with migrations this code does not know (newer GAB).
 * 2. Refuses when the target already holds rows (or any table in a runtime schema), unless
 *    `replace` is set.
 * 3. Migrates the target to the dump's migrations (plus any it already had), so the data lands
 *    in the schema it was dumped from.
 * 4. In ONE transaction: TRUNCATE … RESTART IDENTITY CASCADE the dumped tables (removing rows
 *    seeded by migrations, or the old data under `replace`), user triggers disabled so insert
 *    triggers neither duplicate derived rows nor rewrite timestamps; drop the target's tables in
 *    the runtime schemas and create the dumped ones (dump-runtime.ts); rows inserted in batches;
 *    runtime tables' keys and indexes built and identities set; sequences set; row counts checked
 *    against the header. Any failure rolls all of it back.
 * 5. Applies the remaining migrations, exactly as upgrading the source would have.
 *
 * `input` is a path or a readable stream of the gzip'd file.
 */
export async function restoreDatabase(db: Db, input: Readable | string, options: RestoreOptions): Promise<RestoreResult> {
  const source = typeof input === 'string' ? createReadStream(input) : input;
  const state = { headerRead: false };
  let result: RestoreResult | undefined;
  let failure: { error: unknown } | null = null;
  try {
    await pipeline(source, createGunzip(), async (gunzipped: AsyncIterable<Buffer>) => {
      try {
        result = await restoreLines(db, readLines(gunzipped), options, state);
      } catch (error) {
        failure = { error };
        throw error;
      }
    });
  } catch (pipelineError) {
    // When we stop reading early, pipeline may report the AbortError of the streams it tore down
    // instead of the reason we stopped; the reason is what the operator needs.
    const error = (failure as { error: unknown } | null)?.error ?? pipelineError;
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      const detail = `gzip: ${(error as Error).message}`;
      // Failing before the header means it never was a gzip'd dump; after it, the file was damaged.
      throw state.headerRead
        ? new DumpError(
            'corrupt',
            `El volcado está truncado o dañado (${detail}). No se restauró nada. / ` +
              `The dump is truncated or damaged (${detail}). Nothing was restored.`,
            { cause: error },
          )
        : notADump(detail, error);
    }
    throw error;
  }
  return result as RestoreResult;
}

/** How one dumped table is loaded, and how many of its rows arrived. */
interface TablePlan {
  info: TableInfo;
  header: DumpTableHeader;
  insert: (batch: string) => RawBuilder<unknown>;
  seen: number;
}

async function restoreLines(
  db: Db,
  lines: AsyncGenerator<string>,
  options: RestoreOptions,
  state: { headerRead: boolean },
): Promise<RestoreResult> {
  const report = options.onProgress ?? (() => {});
  const first = await lines.next();
  if (first.done) throw notADump('está vacío / it is empty');
  const header = parseHeader(first.value);
  state.headerRead = true;

  const known = new Set(options.migrations.map((m) => m.name));
  const unknown = header.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new DumpError(
      'unknown-migrations',
      `El volcado viene de una versión más nueva de GAB: tiene migraciones que este código no conoce (${unknown.join(', ')}). ` +
        `Actualice GAB (y sus módulos) antes de restaurar. / ` +
        `The dump comes from a newer GAB: it has migrations this code does not know (${unknown.join(', ')}). ` +
        `Upgrade GAB (and its modules) before restoring.`,
    );
  }

  const runtimeTables = checkRuntimeTables(header, options.runtimeSchemas);

  // Checked before migrating: afterwards, rows seeded by our own migrations would look like data.
  // A runtime table counts even when empty: it exists only because someone made it.
  const existing = [...(await nonEmptyTables(db)), ...(await listRuntimeTables(db, options.runtimeSchemas)).map(tableKey)];
  if (existing.length > 0 && !options.replace) {
    throw new DumpError(
      'target-not-empty',
      `La base de datos de destino ya tiene datos (${existing.join(', ')}); use la opción de reemplazar para borrarlos. / ` +
        `The target database already holds data (${existing.join(', ')}); use the replace option to overwrite it.`,
    );
  }

  // Data must enter the schema it was dumped from; migrations newer than the dump run afterwards
  // so any data they transform is transformed. Migrations the target already has must stay in the
  // list, or Kysely reports them as missing.
  const alreadyApplied = new Set((await appliedMigrations(db)) ?? []);
  const wanted = new Set(header.migrations);
  await migrateToLatest(db, options.migrations.filter((m) => wanted.has(m.name) || alreadyApplied.has(m.name)));

  const rowCount = [...header.tables, ...runtimeTables].reduce((sum, t) => sum + t.rowCount, 0);
  const outcome = await db.transaction().execute(async (trx) => {
    const target = new Map((await describeTables(trx)).map((t) => [t.name, t]));
    const plans = new Map<string, TablePlan>();
    for (const dumped of header.tables) {
      const info = target.get(dumped.name);
      if (!info) throw schemaMismatch(`falta la tabla / missing table ${dumped.name}`);
      const missing = dumped.columns.filter((c) => !info.columns.includes(c));
      if (missing.length > 0) throw schemaMismatch(`${dumped.name}: faltan columnas / missing columns ${missing.join(', ')}`);
      if (plans.has(dumped.name)) throw notADump(`tabla repetida / repeated table ${dumped.name}`);
      plans.set(dumped.name, { info, header: dumped, insert: insertStatement(info, dumped.columns), seen: 0 });
    }
    const targetSequences = new Set(await listSequences(trx));
    for (const sequence of header.sequences ?? []) {
      if (!targetSequences.has(sequence)) throw schemaMismatch(`falta la secuencia / missing sequence ${sequence}`);
    }

    const tableList = header.tables.map((t) => qualified(t.name)).join(', ');
    if (tableList) {
      await sql.raw(`TRUNCATE ${tableList} RESTART IDENTITY CASCADE`).execute(trx);
      for (const t of header.tables) await sql.raw(`ALTER TABLE ${qualified(t.name)} DISABLE TRIGGER USER`).execute(trx);
    }

    // Runtime tables: none of the target's survive (an empty target has none, `replace` drops
    // them), and the dumped ones are created bare, to be completed once their rows are in.
    await dropRuntimeTables(trx, options.runtimeSchemas);
    for (const table of runtimeTables) await createRuntimeTable(trx, table);
    for (const schema of new Set(runtimeTables.map((t) => t.schema))) {
      for (const info of await describeTables(trx, schema)) {
        const dumped = runtimeTables.find((t) => t.schema === schema && t.name === info.name) as RuntimeTableHeader;
        const key = tableKey(info);
        if (plans.has(key)) throw notADump(`tabla repetida / repeated table ${key}`);
        const columns = dumped.columns.map((c) => c.name);
        plans.set(key, { info, header: { name: key, columns, rowCount: dumped.rowCount }, insert: insertStatement(info, columns), seen: 0 });
      }
    }

    let rows = 0;
    let current: string | null = null;
    let batch: string[] = [];
    let batchChars = 0;
    const flush = async () => {
      if (current === null || batch.length === 0) return;
      const plan = plans.get(current) as TablePlan;
      await plan.insert(`[${batch.join(',')}]`).execute(trx);
      plan.seen += batch.length;
      rows += batch.length;
      batch = [];
      batchChars = 0;
      report({ phase: 'rows', table: current, tableRows: plan.seen, tableRowCount: plan.header.rowCount, rows, rowCount });
    };

    const sequencesSet = new Set<string>();
    let lineNumber = 1;
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      const parsed = parseLine(line, lineNumber);
      if (parsed.kind === 'row') {
        const plan = plans.get(parsed.table);
        if (!plan) throw corrupt(lineNumber, `fila de una tabla que no está en el encabezado / row for a table not in the header: ${parsed.table}`);
        for (const column of parsed.nulls ?? []) {
          if (!plan.info.jsonColumns.has(column)) throw corrupt(lineNumber, `"n" names a non-JSON column ${column}`);
        }
        if (current !== parsed.table || batch.length >= RESTORE_BATCH_ROWS || batchChars >= RESTORE_BATCH_CHARS) {
          await flush();
          current = parsed.table;
        }
        const element = parsed.nulls ? `{"r":${parsed.raw},"n":${JSON.stringify(parsed.nulls)}}` : `{"r":${parsed.raw}}`;
        batch.push(element);
        batchChars += element.length;
      } else {
        await flush();
        if (header.sequences && !header.sequences.includes(parsed.sequence)) {
          throw corrupt(lineNumber, `secuencia que no está en el encabezado / sequence not in the header: ${parsed.sequence}`);
        }
        if (!targetSequences.has(parsed.sequence)) throw schemaMismatch(`falta la secuencia / missing sequence ${parsed.sequence}`);
        await sql`SELECT setval(${qualified(parsed.sequence)}::regclass, ${parsed.value}::bigint, ${parsed.called})`.execute(trx);
        sequencesSet.add(parsed.sequence);
      }
    }
    await flush();

    // A file cut at a line boundary still gunzips cleanly; the header's counts catch it.
    for (const plan of plans.values()) {
      if (plan.seen !== plan.header.rowCount) {
        throw corrupt(lineNumber, `${plan.header.name}: ${plan.seen} filas de ${plan.header.rowCount} / ${plan.seen} of ${plan.header.rowCount} rows`);
      }
    }
    const unset = (header.sequences ?? []).filter((s) => !sequencesSet.has(s));
    if (unset.length > 0) throw corrupt(lineNumber, `faltan secuencias / missing sequences ${unset.join(', ')}`);

    for (const table of runtimeTables) await completeRuntimeTable(trx, table);

    for (const t of header.tables) await sql.raw(`ALTER TABLE ${qualified(t.name)} ENABLE TRIGGER USER`).execute(trx);
    report({ phase: 'done', table: null, tableRows: 0, tableRowCount: 0, rows, rowCount });
    return { rows, sequences: sequencesSet.size };
  });

  const after = await migrateToLatest(db, options.migrations);
  const migrationsAppliedAfter = (after.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  return { header, rows: outcome.rows, sequences: outcome.sequences, migrationsAppliedAfter };
}

/**
 * The dump's runtime tables, once checked: each in a schema the dump declared and this code
 * declares too (the restore only ever drops or creates tables there), none twice.
 */
function checkRuntimeTables(header: DumpHeader, declared: readonly string[]): RuntimeTableHeader[] {
  for (const schema of declared) {
    if (!isRuntimeSchemaName(schema)) throw new Error(`not a runtime schema name: ${schema}`);
  }
  const tables = header.runtimeTables ?? [];
  const seen = new Set<string>();
  for (const table of tables) {
    const key = tableKey(table);
    if (!(header.runtimeSchemas ?? []).includes(table.schema) || !isRuntimeSchemaName(table.schema)) {
      throw notADump(`tabla de un esquema no declarado / table of an undeclared schema: ${key}`);
    }
    if (!declared.includes(table.schema)) {
      throw schemaMismatch(
        `el esquema ${table.schema} no lo declara ningún módulo de esta instalación; active el módulo que lo usa / ` +
          `no module of this installation declares schema ${table.schema}; enable the module that uses it`,
      );
    }
    if (seen.has(key) || header.tables.some((t) => t.name === key)) throw notADump(`tabla repetida / repeated table ${key}`);
    seen.add(key);
  }
  return tables;
}

function schemaMismatch(detail: string): DumpError {
  return new DumpError(
    'schema-mismatch',
    `El esquema de destino no coincide con el volcado (${detail}). No se restauró nada. / ` +
      `The target schema does not match the dump (${detail}). Nothing was restored.`,
  );
}
