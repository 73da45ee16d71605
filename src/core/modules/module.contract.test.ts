import { PGlite } from '@electric-sql/pglite';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { CORE_CATALOG } from '../../app.ts';
import { loadConfig } from '../config/config.ts';
import { openDatabase, PGLITE_EXTENSIONS, type DatabaseHandle } from '../db/database.ts';
import { describeRuntimeTables, isRuntimeSchemaName } from '../db/dump-runtime.ts';
import { migrateToLatest, readMigrationsDir } from '../db/migrator.ts';
import { servicesFor, seedAll } from '../setup.ts';
import { MODULES } from '../../modules/index.ts';
import { createRegistry } from './registry.ts';

const registry = createRegistry(MODULES);
const catalog = registry.catalog(CORE_CATALOG);

function keysOf(messages: Record<string, unknown> | undefined) {
  return Object.keys(messages ?? {}).sort();
}

describe('the core message catalogs', () => {
  it('have the same keys in Spanish and English', () => {
    expect(keysOf(CORE_CATALOG.en)).toEqual(keysOf(CORE_CATALOG.es));
  });
});

describe('every registered module', () => {
  let empty: DatabaseHandle;
  let pglite: PGlite;
  let t: TestApp;

  // One empty database and one app shared by all modules: PGlite start-up dominates this file.
  beforeAll(async () => {
    pglite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
    empty = await openDatabase({ databaseUrl: null, dataDir: 'unused', pglite });
    await migrateToLatest(empty.db, registry.migrations());
    t = await buildTestApp('pglite');
  });
  afterAll(async () => {
    await t?.close();
    await empty?.close();
    await pglite?.close();
  });

  describe.each(MODULES.map((m) => [m.name, m] as const))('module %s fulfils the manifest contract', (name, module) => {

  it('has a kebab-case name and a title and description in both languages', () => {
    expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
    for (const key of [module.titleKey, module.descriptionKey]) {
      expect(catalog.es[key], `es:${key}`).toBeDefined();
      expect(catalog.en[key], `en:${key}`).toBeDefined();
    }
  });

  it('translates every one of its messages into both languages', () => {
    expect(keysOf(module.locales?.en)).toEqual(keysOf(module.locales?.es));
    for (const key of keysOf(module.locales?.es)) expect(key.startsWith(`${name}.`), key).toBe(true);
  });

  it('has a permission rule for every action that answers with a decision', () => {
    for (const action of module.actions) {
      const decision = registry.can(name, action, null, {});
      expect(typeof decision.allowed).toBe('boolean');
      if (!decision.allowed) expect(decision.reason).toMatch(/^[a-z_]+$/);
    }
  });

  it('prefixes its tables with its own name', () => {
    if (!module.migrations) return;
    const prefix = `${name.replace(/-/g, '_')}_`;
    for (const migration of readMigrationsDir(module.migrations, name)) {
      for (const [, table] of migration.sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_0-9]+)/gi)) expect(table!.startsWith(prefix), `${migration.name}: ${table}`).toBe(true);
    }
  });

  it('keeps the tables of its runtime schemas to what a dump can carry (its demo content included)', async () => {
    const schemas = module.runtimeSchemas ?? [];
    for (const schema of schemas) expect(isRuntimeSchemaName(schema), schema).toBe(true);
    // Refuses (DumpError 'unsupported-table') what a restore could not create again.
    await expect(describeRuntimeTables(t.database.db, schemas)).resolves.toBeDefined();
  });

  it('seeds an empty database, twice without duplicating anything', async () => {
    const config = loadConfig({ NODE_ENV: 'test', GAB_DATA_DIR: fileURLToPath(new URL('../../../.tmp/contract', import.meta.url)) });
    const services = servicesFor(config, empty, () => undefined);
    await seedAll(services, registry, { demo: true });
    const before = await countRows(empty);
    await seedAll(services, registry, { demo: true });
    expect(await countRows(empty)).toEqual(before);
    // The first module's run loads every module's reference data and demo content from scratch.
  }, 180_000);

  it('serialises one row of each export to flat public values', async () => {
    for (const [exportName, definition] of Object.entries(module.exports ?? {})) {
      const rows = await definition.query(t.database.db);
      expect(rows.length, exportName).toBeGreaterThan(0);
      const record = definition.serialize(rows[0]);
      for (const value of Object.values(record)) expect(['string', 'number', 'boolean'].includes(typeof value) || value === null).toBe(true);
      expect(catalog.es[definition.titleKey]).toBeDefined();
    }
  });

  it('serves each of its pages in both languages', async () => {
    for (const page of [...(module.pages ?? []), ...(module.path ? [{ path: module.path, titleKey: module.titleKey }] : [])]) {
      for (const lang of ['es', 'en']) {
        const response = await t.app.inject({ method: 'GET', url: page.path, headers: { cookie: `gab_lang=${lang}` } });
        expect(response.statusCode, `${lang} ${page.path}`).toBe(200);
        expect(response.body).toContain('<h1>');
      }
      expect(catalog.es[page.titleKey]).toBeDefined();
    }
  });

  it('reports numeric stats and search documents with local URLs', async () => {
    for (const stat of (await module.stats?.(t.database.db)) ?? []) {
      expect(Number.isFinite(stat.value)).toBe(true);
      expect(catalog.es[stat.labelKey]).toBeDefined();
    }
    for (const doc of (await module.searchDocuments?.(t.database.db)) ?? []) expect(doc.url.startsWith('/')).toBe(true);
  });
  });
});

async function countRows(handle: DatabaseHandle) {
  const tables = await handle.db
    .selectFrom('information_schema.tables' as never)
    .select('table_name' as never)
    .where('table_schema' as never, '=', 'public' as never)
    .execute();
  const counts: Record<string, number> = {};
  for (const { table_name } of tables as { table_name: string }[]) {
    if (table_name.startsWith('core_migrations')) continue;
    const row = await handle.pglite!.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table_name}`);
    counts[table_name] = row.rows[0]!.n;
  }
  return counts;
}

