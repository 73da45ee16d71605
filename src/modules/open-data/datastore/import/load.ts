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
  write(rows: (string | null)[][]): Promise<void>;
  /** Flushes everything; the rows are in the table when this resolves. */
  end(): Promise<void>;
  /** Gives up (after a failure): releases what the writer holds. */
  abort(): Promise<void>;
}

/**
 * PostgreSQL server: one `COPY … FROM STDIN` (text format) for the whole file, through
 * pg-copy-streams on a dedicated pool connection. Back-pressured: at most 8 MB waits for the server.
 */
export async function copyWriter(db: Db, table: string, fields: DatastoreField[]): Promise<RowWriter> {
  const client: PoolClient = await poolOf(db).connect();
  const columns = fields.map((f) => ident(f.id)).join(', ');
  // A deep buffer lets the file be parsed while the server is still loading the previous rows.
  const stream = client.query(copyFrom(`COPY ${qualifiedTable(table)} (${columns}) FROM STDIN`, { highWaterMark: 8 * 1024 * 1024 }));
  // Only text can hold a tab, newline or backslash: canonical numbers, dates and booleans need no escaping.
  const escape = fields.map((f) => f.type === 'text');
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
  return {
    async write(rows) {
      if (failure) throw failure;
      let text = '';
      for (const row of rows) {
        for (let i = 0; i < width; i++) {
          const value = row[i] ?? null;
          text += (value === null ? '\\N' : escape[i] ? copyText(value) : value) + (i === width - 1 ? '\n' : '\t');
        }
      }
      if (!stream.write(text)) await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
      if (failure) throw failure;
    },
    async end() {
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

/** COPY text format: backslash escapes, `\N` for NULL. */
const COPY_SPECIAL = /[\\\t\n\r]/;
function copyText(value: string): string {
  return COPY_SPECIAL.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
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
    async write(rows) {
      for (const row of rows) pending.push(row);
      if (pending.length >= rowsPerStatement) await flush();
    },
    end: flush,
    async abort() {
      pending = [];
    },
  };
}
