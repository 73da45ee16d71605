import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, PGLITE_EXTENSIONS, type DatabaseHandle } from '../src/core/db/database.ts';
import { databaseUrlFor } from './template-names.ts';

export type Engine = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL names a server. */
export function testEngines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A fresh, migrated and seeded database for one test file: a PGlite loaded from the run's
 * template, or a PostgreSQL database cloned from the template database. Dropped on close.
 */
export async function createTestDatabase(engine: Engine = 'pglite'): Promise<DatabaseHandle> {
  if (engine === 'pglite') return openPglite(await PGlite.create({ loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]), extensions: PGLITE_EXTENSIONS }));
  return serverDatabase(`TEMPLATE gab_test_${inject('postgresRunId')}_template`);
}

/** An empty database, never migrated (the target of a restore, say). Dropped on close. */
export async function createEmptyTestDatabase(engine: Engine = 'pglite'): Promise<DatabaseHandle> {
  if (engine === 'pglite') return openPglite(await PGlite.create({ extensions: PGLITE_EXTENSIONS }));
  return serverDatabase('');
}

async function openPglite(pglite: PGlite): Promise<DatabaseHandle> {
  const handle = await openDatabase({ databaseUrl: null, dataDir: 'unused', pglite });
  return { ...handle, close: async () => (await handle.close(), await pglite.close()) };
}

/** A new database on the TEST_DATABASE_URL server, created with `options` (a template, or none). */
async function serverDatabase(options: string): Promise<DatabaseHandle> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `gab_test_${inject('postgresRunId')}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} ${options}`);
  await admin.end();
  const handle = await openDatabase({ databaseUrl: databaseUrlFor(adminUrl, name), dataDir: 'unused', poolSize: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      // The pool's clients have sent Terminate but their backends may still be exiting; FORCE would
      // kill them mid-goodbye and their clients would raise an unhandled 57P01. Wait for them first.
      for (let i = 0; i < 100; i++) {
        const { rows } = await dropper.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
