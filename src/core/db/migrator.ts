import { type Migration, type MigrationResultSet, Migrator, sql } from 'kysely';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './database.ts';

/** One SQL migration file; `name` is its file name, whose timestamp prefix gives the global order. */
export interface SqlMigration {
  name: string;
  source: string;
  sql: string;
}

const MIGRATION_FILE = /^\d{14}_[a-z0-9_]+\.sql$/;

/** Reads the `*.sql` files of one migrations folder, refusing names that would sort ambiguously. */
export function readMigrationsDir(dir: URL, source: string): SqlMigration[] {
  const path = fileURLToPath(dir);
  return readdirSync(path)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      if (!MIGRATION_FILE.test(file)) throw new Error(`Migration file name must look like 20260101000000_name.sql: ${source}/${file}`);
      return { name: file.replace(/\.sql$/, ''), source, sql: readFileSync(new URL(file, dir), 'utf8') };
    });
}

/** Core migrations first in time, then each module's; names must be unique across all of them. */
export function collectMigrations(dirs: { dir: URL; source: string }[]): SqlMigration[] {
  const all = dirs.flatMap(({ dir, source }) => readMigrationsDir(dir, source));
  const seen = new Map<string, string>();
  for (const m of all) {
    const other = seen.get(m.name);
    if (other) throw new Error(`Duplicate migration name ${m.name} in ${other} and ${m.source}`);
    seen.set(m.name, m.source);
  }
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Applies pending migrations. Kysely's Migrator holds a PostgreSQL advisory lock inside one
 * transaction, so two processes starting together apply each migration exactly once.
 */
export async function migrateToLatest(db: Db, migrations: SqlMigration[]): Promise<MigrationResultSet> {
  const provider = {
    async getMigrations(): Promise<Record<string, Migration>> {
      const record: Record<string, Migration> = {};
      for (const m of migrations) {
        record[m.name] = { up: async (trx) => void (await sql.raw(m.sql).execute(trx)) };
      }
      return record;
    },
  };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'core_migrations',
    migrationLockTableName: 'core_migrations_lock',
    // A module added later may carry migrations older than ones already applied.
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${cause}`, { cause: result.error });
  }
  return result;
}
