import { CompiledQuery } from 'kysely';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { poolOf, type Db } from '../../../../core/db/database.ts';
import type { DatastoreField } from '../datastore.schema.ts';
import { ident, qualifiedTable } from '../table-names.ts';
import { SQL_TYPES } from '../values.ts';

/** Writes parsed rows (canonical text, null = SQL NULL) into a table, in order. */
export interface RowWriter {
  /** Queues one row: its values in the table's column order. */
  push(row: (string | null)[]): void;
  /**
   * COPY writers only: queues a row given as the `_id` and a line of the file (CSV, the writer's
   * delimiter) whose fields, once unquoted, are the other columns' values as COPY must read them:
   * an unquoted empty field is NULL.
   */
  pushLine?(id: string, line: string): void;
  /** Rows queued since the last flush. */
  readonly queued: number;
  /** Sends the queued rows (waiting if the server is behind). */
  flush(): Promise<void>;
  /** Flushes everything; the rows are in the table when this resolves. */
  end(): Promise<void>;
  /** Gives up (after a failure): releases what the writer holds. */
  abort(): Promise<void>;
}

/**
 * PostgreSQL server: one `COPY … FROM STDIN` in CSV format for the whole file, through
 * pg-copy-streams on a dedicated pool connection. Back-pressured: at most 8 MB waits for the server.
 * COPY reads CSV with the file's own delimiter (`,` `;` or tab), so a line of the file goes in
 * whole, after its `_id`, with no splitting or joining in Node: that is most of a big CSV.
 */
export async function copyWriter(db: Db, table: string, fields: DatastoreField[], delimiter: string): Promise<RowWriter> {
  if (delimiter !== ',' && delimiter !== ';' && delimiter !== '\t') throw new Error(`unsupported COPY delimiter ${JSON.stringify(delimiter)}`);
  const client: PoolClient = await poolOf(db).connect();
  const columns = fields.map((f) => ident(f.id)).join(', ');
  const options = `FORMAT csv, DELIMITER ${delimiter === '\t' ? "E'\\t'" : `'${delimiter}'`}`;
  // A deep buffer lets the file be parsed while the server is still loading the previous rows.
  const stream = client.query(copyFrom(`COPY ${qualifiedTable(table)} (${columns}) FROM STDIN WITH (${options})`, { highWaterMark: 8 * 1024 * 1024 }));
  // Only text can hold the delimiter, a quote or a line end: canonical numbers, dates and booleans are never quoted.
  const text = fields.map((f) => f.type === 'text');
  const special = new RegExp(`["\\r\\n${delimiter === '\t' ? '\\t' : delimiter}]`);
  // An unquoted empty field is NULL; an empty string must be quoted.
  const quoted = (value: string) => (value === '' || special.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const width = fields.length;
  let failure: unknown = null;
  stream.on('error', (error) => {
    failure = error;
  });
  let released = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    client.release(error);
  };
  let pending = '';
  let queued = 0;
  const flush = async () => {
    if (failure) throw failure;
    if (pending === '') return;
    const chunk = pending;
    pending = '';
    queued = 0;
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
    if (failure) throw failure;
  };
  return {
    push(row) {
      for (let i = 0; i < width; i++) {
        const value = row[i] ?? null;
        pending += (value === null ? '' : text[i] ? quoted(value) : value) + (i === width - 1 ? '\n' : delimiter);
      }
      queued++;
    },
    pushLine(id, line) {
      pending += id + delimiter + line + '\n';
      queued++;
    },
    get queued() {
      return queued;
    },
    flush,
    async end() {
      await flush();
      stream.end();
      try {
        await finished(stream);
      } finally {
        release();
      }
      if (failure) throw failure;
    },
    async abort() {
      if (released) return;
      // destroy() sends CopyFail: the server rolls the COPY back and the connection stays usable.
      if (!stream.destroyed) {
        const closed = once(stream, 'close').catch(() => undefined);
        stream.destroy(new Error('import aborted'));
        await closed;
      }
      release();
    },
  };
}

/**
 * Any engine (PGlite's only way in): multi-row INSERTs of `rowsPerStatement` rows, sent as one
 * text array per column and spread by `unnest`, so a statement has as many parameters as columns
 * however many rows it carries.
 */
export function insertWriter(db: Db, table: string, fields: DatastoreField[], rowsPerStatement = 5000): RowWriter {
  const columns = fields.map((f) => ident(f.id)).join(', ');
  const casts = fields.map((f, i) => `c${i}::${SQL_TYPES[f.type]}`).join(', ');
  const params = fields.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const aliases = fields.map((_, i) => `c${i}`).join(', ');
  const text = `INSERT INTO ${qualifiedTable(table)} (${columns}) SELECT ${casts} FROM unnest(${params}) AS u(${aliases})`;
  let pending: (string | null)[][] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    const arrays = fields.map((_, i) => rows.map((r) => r[i] ?? null));
    await db.executeQuery(CompiledQuery.raw(text, arrays));
  };
  return {
    push(row) {
      pending.push(row);
    },
    get queued() {
      return pending.length;
    },
    // One statement carries many rows: only a full one is sent before the end.
    async flush() {
      if (pending.length >= rowsPerStatement) await flush();
    },
    end: flush,
    async abort() {
      pending = [];
    },
  };
}
