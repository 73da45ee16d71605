import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock.ts';
import { prepareMarkedStatements } from './prepared.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Db | Tx;

/** An open database: the Kysely instance plus what is needed to close it. */
export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The underlying PGlite instance (embedded mode only); used by dumps and tests. */
  pglite: PGlite | null;
  close(): Promise<void>;
}

// int8 (bigint) and numeric stay strings in JS: COP amounts exceed 2^53 and must not lose precision.
// Dates (`date` columns) stay 'YYYY-MM-DD' strings so no time zone shifts a calendar day.
pg.types.setTypeParser(1082, (value: string) => value);

/** Extensions every installation has; both PostgreSQL 15 and PGlite ship them. */
export const PGLITE_EXTENSIONS = { unaccent, pg_trgm };

export interface OpenDatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  poolSize?: number;
  /** Open an existing PGlite instance instead of a directory (tests). */
  pglite?: PGlite;
}

// The pg pool behind each Kysely instance, for the few jobs Kysely cannot do: COPY streams and
// result column types (the datastore's importer and SQL search).
const pools = new WeakMap<Db, pg.Pool>();

/** The pg pool of a database opened by `openDatabase` (PGlite's goes through its pg adapter). */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('database not opened by openDatabase');
  return pool;
}

/**
 * Opens PostgreSQL when a URL is given, otherwise embedded PGlite in `<dataDir>/pglite`.
 * Both go through Kysely's PostgresDialect over the `pg` driver, so queries take one path.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection the server drops (restart, failover, admin kill) must not take the process
    // down: pg emits it on the pool, and the pool replaces the connection on the next checkout.
    pool.on('error', (error) => console.error(`database: idle connection lost (${(error as { code?: string }).code ?? error.message})`));
    prepareMarkedStatements(pool);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    pools.set(db, pool);
    return { db, kind: 'postgres', pglite: null, close: () => db.destroy() };
  }
  let lock: DirectoryLock | null = null;
  let pglite = options.pglite;
  if (!pglite) {
    mkdirSync(options.dataDir, { recursive: true });
    // PGlite has no lock of its own; two processes on one directory would corrupt it.
    lock = acquireDirectoryLock(join(options.dataDir, 'pglite.lock'));
    try {
      pglite = await PGlite.create(join(options.dataDir, 'pglite'), { extensions: PGLITE_EXTENSIONS });
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  const pool = new pg.Pool(createPgConfig(pglite));
  prepareMarkedStatements(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  const owned = pglite;
  return {
    db,
    kind: 'pglite',
    pglite: owned,
    close: async () => {
      await db.destroy();
      if (!options.pglite) await owned.close();
      lock?.release();
    },
  };
}

/** Runs `work` in one transaction; everything it writes commits together or not at all. */
export function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
