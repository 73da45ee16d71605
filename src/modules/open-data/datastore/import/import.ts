import { sql } from 'kysely';
import { simpleFieldEnd } from '../../../../core/csv/csv-reader.ts';
import type { Db } from '../../../../core/db/database.ts';
import type { DatastoreField, RowError } from '../datastore.schema.ts';
import { ident, qualifiedTable, stagingNameOf, tableNameOf } from '../table-names.ts';
import { columnNames, inferColumns, keepsAsWritten, parseValue, SQL_TYPES, type ColumnSpec } from '../values.ts';
import { contentErrorOf, DatastoreImportError, emptyFile, MAX_IMPORT_COLUMNS, tooManyColumns } from './import-error.ts';
import { copyWriter, insertWriter, type RowWriter } from './load.ts';
import type { RecordSource, SourceRecord } from './sources.ts';

/**
 * Import of a CSV/XLSX into a resource's datastore table. Rows are typed from a sample (the first
 * `sampleSize` rows), parsed one by one (a row that does not fit is reported, not loaded) and
 * loaded into a staging table `res_<id>_new` while the file streams in; only when the whole file
 * is in does one transaction drop the live table, rename the staging one and record the fields,
 * so readers see the old data or the new, never a half. Loading outside that transaction lets the
 * progress (in `open_data_datastore_tables`) be seen while it runs, on PGlite too (one session).
 */

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  rejected: number;
}

export interface ImportOptions {
  dbKind: 'pglite' | 'postgres';
  /** Size of the file, for the progress shown on the resource page. */
  bytesTotal?: number | null;
  onProgress?: (progress: ImportProgress) => void;
  sampleSize?: number;
  maxListedErrors?: number;
  /** How rows reach the table: COPY (PostgreSQL only) or multi-row INSERT. Default: COPY on PostgreSQL. */
  method?: 'copy' | 'insert';
}

export interface ImportReport {
  fields: DatastoreField[];
  /** Data rows read (the header excluded). */
  rows: number;
  imported: number;
  rejectedCount: number;
  /** Up to `maxListedErrors` rejected rows. */
  rejected: RowError[];
  bytesRead: number;
  encoding: string | null;
  delimiter: string | null;
}

export { DatastoreImportError } from './import-error.ts';

const SAMPLE_SIZE = 1000;
const MAX_LISTED_ERRORS = 1000;
const WRITE_BATCH = 2000;
const PROGRESS_EVERY_MS = 1000;

/** Records that an import is queued or starts (the metadata row exists from then on). */
export async function markImport(db: Db, resourceId: string, status: 'queued' | 'running', bytesTotal: number | null): Promise<void> {
  const values = {
    import_status: status,
    import_rows: 0,
    import_bytes_read: 0,
    import_bytes_total: bytesTotal,
    import_rejected: 0,
    import_errors: '[]',
    import_message: null,
    import_started_at: status === 'running' ? new Date().toISOString() : null,
    import_finished_at: null,
    modified_at: new Date().toISOString(),
  };
  await db
    .insertInto('open_data_datastore_tables')
    .values({ resource_id: resourceId, table_name: tableNameOf(resourceId), ...values })
    .onConflict((oc) => oc.column('resource_id').doUpdateSet(values))
    .execute();
}

/**
 * Whether COPY, reading the CSV field from `start` to `end` of `line`, gets what `parseValue` makes
 * of it: an unquoted empty field is NULL for both; otherwise the value (unquoted) must be one
 * `parseValue` keeps as written. A quoted empty field is an empty string to COPY but NULL here.
 */
function readsAsParsed(line: string, start: number, end: number, spec: ColumnSpec): boolean {
  if (end === start) return true;
  return line.charCodeAt(start) === 34 ? keepsAsWritten(line, start + 1, end - 1, spec) : keepsAsWritten(line, start, end, spec);
}

export async function importResource(db: Db, resourceId: string, source: RecordSource, options: ImportOptions): Promise<ImportReport> {
  const table = tableNameOf(resourceId);
  const staging = stagingNameOf(table);
  const maxListed = options.maxListedErrors ?? MAX_LISTED_ERRORS;
  const sampleSize = options.sampleSize ?? SAMPLE_SIZE;
  const report: ImportReport = { fields: [], rows: 0, imported: 0, rejectedCount: 0, rejected: [], bytesRead: 0, encoding: null, delimiter: null };
  await markImport(db, resourceId, 'running', options.bytesTotal ?? null);

  let header: string[] | null = null;
  let specs: ColumnSpec[] = [];
  let sample: SourceRecord[] = [];
  let writer: RowWriter | null = null;
  let delimiter = '';
  let lastSaved = 0;

  const reject = (error: RowError) => {
    report.rejectedCount++;
    // The report is jsonb, which cannot hold a NUL character either.
    if (report.rejected.length < maxListed) report.rejected.push(error.value?.includes('\u0000') ? { ...error, value: error.value.replaceAll('\u0000', '\uFFFD') } : error);
  };
  const saveProgress = async (force = false) => {
    const progress = { rows: report.rows, bytesRead: source.bytesRead(), rejected: report.rejectedCount };
    options.onProgress?.(progress);
    if (!force && Date.now() - lastSaved < PROGRESS_EVERY_MS) return;
    lastSaved = Date.now();
    await db
      .updateTable('open_data_datastore_tables')
      .set({ import_rows: progress.rows, import_bytes_read: progress.bytesRead, import_rejected: progress.rejected, modified_at: new Date().toISOString() })
      .where('resource_id', '=', resourceId)
      .execute();
  };

  /** Types the columns from the sample, creates the staging table and opens the writer. */
  const start = async () => {
    const names = columnNames(header!);
    if (names.length > MAX_IMPORT_COLUMNS) throw tooManyColumns(names.length);
    const good = sample.filter((r) => !r.problem && r.fields.length === names.length);
    specs = inferColumns(
      names.map((_, i) => good.map((r) => r.fields[i]!)),
      source.detected().delimiter === ';' ? ',' : undefined,
    );
    report.fields = names.map((id, i) => ({ id, type: specs[i]!.type }));
    await sql.raw(`DROP TABLE IF EXISTS ${qualifiedTable(staging)}`).execute(db);
    const columns = report.fields.map((f) => `${ident(f.id)} ${SQL_TYPES[f.type]}`).join(', ');
    // `_id` is numbered here and its key built after the load: one index build instead of a
    // million index insertions and sequence calls.
    await sql.raw(`CREATE TABLE ${qualifiedTable(staging)} (_id integer GENERATED BY DEFAULT AS IDENTITY, ${columns})`).execute(db);
    const copy = (options.method ?? (options.dbKind === 'postgres' ? 'copy' : 'insert')) === 'copy';
    const columnsWritten = [{ id: '_id', type: 'int' as const }, ...report.fields];
    // COPY reads CSV with the file's own delimiter, so that a line can go in whole (see `takeLine`).
    delimiter = source.detected().delimiter ?? '\t';
    writer = copy ? await copyWriter(db, staging, columnsWritten, delimiter) : insertWriter(db, staging, columnsWritten);
  };

  /**
   * The fast way for a one-line record (simple quoting, see `simpleFieldEnd`): when every value is
   * one `parseValue` keeps as written, COPY reads the line itself as the row. Checked in place, with
   * no substring or array; false leaves the record to `take`.
   */
  const takeLine = (line: string): boolean => {
    if (line.indexOf('\uFFFD') >= 0 || line.indexOf('\u0000') >= 0) return false;
    const quoted = line.indexOf('"') >= 0;
    let start = 0;
    for (let i = 0; i < specs.length; i++) {
      const next = quoted ? simpleFieldEnd(line, start, delimiter) : line.indexOf(delimiter, start);
      const end = next < 0 ? (quoted ? -1 : line.length) : next;
      // Too few fields, or (at the last column) too many: `take` reports the row.
      if (end < 0 || (i === specs.length - 1) !== (end === line.length)) return false;
      if (!readsAsParsed(line, start, end, specs[i]!)) return false;
      start = end + 1;
    }
    report.rows++;
    report.imported++;
    writer!.pushLine!(String(report.imported), line);
    return true;
  };

  /** Checks and parses one record and queues it in the writer (synchronous: it runs for every row). */
  const take = (record: SourceRecord): void => {
    if (record.text !== undefined && writer!.pushLine && takeLine(record.text)) return;
    report.rows++;
    if (record.problem) return reject({ row: record.line, column: null, value: null, reason: record.problem });
    if (record.fields.length !== specs.length) return reject({ row: record.line, column: null, value: null, reason: 'columns' });
    const row: (string | null)[] = new Array(specs.length + 1);
    row[0] = String(report.imported + 1);
    for (let i = 0; i < specs.length; i++) {
      const raw = record.fields[i]!;
      const field = report.fields[i]!;
      // A NUL byte cannot be stored in PostgreSQL text (other types refuse it when parsed).
      if (raw.includes('\uFFFD') || (field.type === 'text' && raw.includes('\u0000'))) return reject({ row: record.line, column: field.id, value: raw.slice(0, 200), reason: 'encoding' });
      const value = parseValue(raw, specs[i]!);
      if (value === undefined) return reject({ row: record.line, column: field.id, value: raw.slice(0, 200), reason: field.type as RowError['reason'] });
      row[i + 1] = value;
    }
    writer!.push(row);
    report.imported++;
  };
  const flush = async () => {
    if (writer && writer.queued >= WRITE_BATCH) await writer.flush();
  };

  try {
    for await (const records of source.batches) {
      for (const record of records) {
        if (!header) {
          header = record.fields;
          continue;
        }
        if (!writer) {
          sample.push(record);
          if (sample.length < sampleSize) continue;
          await start();
          for (const r of sample) take(r);
          sample = [];
          continue;
        }
        take(record);
      }
      await flush();
      await saveProgress();
    }
    if (!header) throw emptyFile();
    if (!writer) {
      await start();
      for (const r of sample) take(r);
    }
    await (writer as RowWriter | null)!.end();
    report.bytesRead = source.bytesRead();
    Object.assign(report, source.detected());
    await saveProgress(true);
    await sql.raw(`ALTER TABLE ${qualifiedTable(staging)} ADD PRIMARY KEY (_id)`).execute(db);
    await sql.raw(`SELECT setval(pg_get_serial_sequence('${qualifiedTable(staging)}', '_id'), ${report.imported + 1}, false)`).execute(db);
    // No ANALYZE here: the index job (datastore/jobs.ts) and the CLI run optimizeImportedTable
    // next, whose VACUUM (ANALYZE) follows the indexes; until then the table has only its key, so
    // the planner has no choice to get wrong, and analysing twice cost a tenth of a 1M-row import.
    await swapIn(db, resourceId, table, staging, report);
    return report;
  } catch (caught) {
    // A value the database refuses fails the same way every time: say so, and do not retry.
    const error = caught instanceof DatastoreImportError ? caught : (contentErrorOf(caught) ?? caught);
    await (writer as RowWriter | null)?.abort();
    await sql.raw(`DROP TABLE IF EXISTS ${qualifiedTable(staging)}`).execute(db);
    const message = error instanceof Error ? error.message : String(error);
    await db
      .updateTable('open_data_datastore_tables')
      .set({ import_status: 'failed', import_message: message.slice(0, 2000), import_finished_at: new Date().toISOString(), modified_at: new Date().toISOString() })
      .where('resource_id', '=', resourceId)
      .execute();
    throw error;
  }
}

/** The one transaction that replaces the live table and records the import's outcome. */
async function swapIn(db: Db, resourceId: string, table: string, staging: string, report: ImportReport): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql.raw(`DROP TABLE IF EXISTS ${qualifiedTable(table)}`).execute(tx);
    await sql.raw(`ALTER TABLE ${qualifiedTable(staging)} RENAME TO ${ident(table)}`).execute(tx);
    const now = new Date().toISOString();
    await tx
      .updateTable('open_data_datastore_tables')
      .set({
        fields: JSON.stringify(report.fields),
        primary_key: [],
        row_count: report.imported,
        import_status: 'done',
        import_rows: report.rows,
        import_bytes_read: report.bytesRead,
        import_rejected: report.rejectedCount,
        import_errors: JSON.stringify(report.rejected),
        import_message: null,
        import_finished_at: now,
        modified_at: now,
      })
      .where('resource_id', '=', resourceId)
      .execute();
    await tx.updateTable('open_data_resources').set({ datastore_active: true }).where('id', '=', resourceId).execute();
  });
}
