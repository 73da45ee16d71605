import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import { databaseUrlFor } from '../../../test/template-names.ts';
import type { AnyModule } from '../modules/module.ts';
import { createRegistry } from '../modules/registry.ts';
import { MODULES } from '../../modules/index.ts';
import { type DatabaseHandle, type Db, openDatabase, PGLITE_EXTENSIONS } from './database.ts';
import { collectMigrations, migrateToLatest, readMigrationsDir, type SqlMigration } from './migrator.ts';

const MIGRATIONS = createRegistry(MODULES).migrations();
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

const appliedNames = async (db: Db) =>
  (await sql<{ name: string }>`SELECT name FROM core_migrations ORDER BY name`.execute(db)).rows.map((r) => r.name);
const successes = (result: Awaited<ReturnType<typeof migrateToLatest>>) =>
  result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'gab-migrations-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A migrations folder holding `files` (name → SQL), as a module would ship it. */
function migrationsDir(name: string, files: Record<string, string>): URL {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return pathToFileURL(`${dir}/`);
}

const fakeModule = (name: string, migrations: URL): AnyModule => ({
  name,
  pillar: 'core',
  titleKey: `${name}.title`,
  descriptionKey: `${name}.description`,
  actions: [],
  permissions: {},
  migrations,
});

describe('migration discovery', () => {
  it('lists the core and module migrations once each, in timestamp order', () => {
    const names = MIGRATIONS.map((m) => m.name);
    expect(names[0]).toBe('20260101000000_core_foundation');
    expect(names).toContain('20260101000100_model_indicators');
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(MIGRATIONS.find((m) => m.name === '20260101000100_model_indicators')?.source).toBe('model');
  });

  it('refuses the same migration name in two sources, naming both', () => {
    const dir = migrationsDir('duplicate', { '20260101000000_core_foundation.sql': 'SELECT 1;' });
    const registry = createRegistry([...MODULES, fakeModule('dup-mod', dir)]);
    expect(() => registry.migrations()).toThrow('Duplicate migration name 20260101000000_core_foundation in core and dup-mod');
  });

  it.each(['CreateThings.sql', '2026_things.sql', '20260101000000-things.sql', '20260101000000_Things.sql'])(
    'refuses a migration file named %s',
    (file) => {
      const dir = migrationsDir(`bad-${file}`, { [file]: 'SELECT 1;' });
      const registry = createRegistry([fakeModule('bad-mod', dir)]);
      expect(() => registry.migrations()).toThrow(`Migration file name must look like 20260101000000_name.sql: bad-mod/${file}`);
    },
  );

  it('ignores files that are not SQL and sorts across sources', () => {
    const late = migrationsDir('late', { '20270101000000_late.sql': 'SELECT 1;', 'README.md': '# notas' });
    const early = migrationsDir('early', { '20250101000000_early.sql': 'SELECT 2;' });
    expect(readMigrationsDir(late, 'late').map((m) => m.name)).toEqual(['20270101000000_late']);
    const all = collectMigrations([
      { dir: late, source: 'late' },
      { dir: early, source: 'early' },
    ]);
    expect(all.map((m) => [m.name, m.source, m.sql])).toEqual([
      ['20250101000000_early', 'early', 'SELECT 2;'],
      ['20270101000000_late', 'late', 'SELECT 1;'],
    ]);
  });
});

describe('migrating a fresh embedded database', () => {
  let pglite: PGlite;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    pglite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
    handle = await openDatabase({ databaseUrl: null, dataDir: 'unused', pglite });
  });
  afterAll(async () => {
    await handle?.close();
    await pglite?.close();
  });

  it('applies every migration the first time and nothing the second time', async () => {
    const first = await migrateToLatest(handle.db, MIGRATIONS);
    expect(successes(first)).toEqual(MIGRATIONS.map((m) => m.name));
    const second = await migrateToLatest(handle.db, MIGRATIONS);
    expect(second.error).toBeUndefined();
    expect(successes(second)).toEqual([]);
    expect(await appliedNames(handle.db)).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('names a failing migration and rolls back everything of that run', async () => {
    const extra: SqlMigration[] = [
      { name: '20990101000000_zz_ok', source: 'test', sql: 'CREATE TABLE zz_ok (id int);' },
      { name: '20990101000001_zz_bad', source: 'test', sql: 'CREATE TABLE zz_bad (id int REFERENCES no_such_table (id));' },
    ];
    await expect(migrateToLatest(handle.db, [...MIGRATIONS, ...extra])).rejects.toThrow(/^Migration 20990101000001_zz_bad failed: .*no_such_table/);
    const table = await sql<{ name: string | null }>`SELECT to_regclass('zz_ok')::text AS name`.execute(handle.db);
    expect(table.rows[0]?.name).toBeNull();
    expect(await appliedNames(handle.db)).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('applies a migration older than ones already applied (a module added later)', async () => {
    const older: SqlMigration = { name: '20200101000000_zz_older', source: 'test', sql: 'CREATE TABLE zz_older (id int);' };
    const result = await migrateToLatest(handle.db, [...MIGRATIONS, older]);
    expect(successes(result)).toEqual(['20200101000000_zz_older']);
    expect(await appliedNames(handle.db)).toContain('20200101000000_zz_older');
  });
});

describe.each(testEngines())('migrating an up-to-date database (%s)', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.close());

  it('applies nothing and finds every migration recorded once', async () => {
    const result = await migrateToLatest(database.db, MIGRATIONS);
    expect(successes(result)).toEqual([]);
    expect(await appliedNames(database.db)).toEqual(MIGRATIONS.map((m) => m.name));
  });
});

describe.runIf(TEST_DATABASE_URL)('two processes migrating one PostgreSQL database at once', () => {
  const name = `gab_mig_${randomBytes(6).toString('hex')}`;
  const admin = () => new pg.Client({ connectionString: TEST_DATABASE_URL });
  beforeAll(async () => {
    const client = admin();
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
  });
  afterAll(async () => {
    const client = admin();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });

  it('both succeed and every migration is applied and recorded exactly once', async () => {
    const url = databaseUrlFor(TEST_DATABASE_URL!, name);
    const [a, b] = await Promise.all([openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 2 }), openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 2 })]);
    try {
      const [first, second] = await Promise.all([migrateToLatest(a.db, MIGRATIONS), migrateToLatest(b.db, MIGRATIONS)]);
      expect([...successes(first), ...successes(second)].sort()).toEqual(MIGRATIONS.map((m) => m.name));
      const counts = await sql<{ name: string; n: string }>`SELECT name, count(*) AS n FROM core_migrations GROUP BY name ORDER BY name`.execute(a.db);
      expect(counts.rows).toEqual(MIGRATIONS.map((m) => ({ name: m.name, n: '1' })));
      const tables = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_tables WHERE tablename = 'core_audit_log'`.execute(b.db);
      expect(tables.rows[0]?.n).toBe('1');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
