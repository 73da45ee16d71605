import type { Config } from './config/config.ts';
import { openDatabase, type DatabaseHandle, withTransaction } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import type { ModuleRegistry } from './modules/registry.ts';
import type { Services } from './modules/module.ts';
import { indexDocument } from './search/search.ts';
import { createMailer } from './mail/mailer.ts';
import { createFileStore } from './files/file-store.ts';
import { join } from 'node:path';

const DEMO_MARKER = 'core.demo_seeded_at';

/** Opens the configured database (PGlite in the data directory, or PostgreSQL). */
export const openConfiguredDatabase = (config: Config) =>
  openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });

export function servicesFor(config: Config, database: DatabaseHandle, log: (line: string) => void = console.log): Services {
  return {
    config,
    db: database.db,
    dbKind: database.kind,
    mailer: createMailer(config, log),
    files: createFileStore(join(config.dataDir, 'files'), config.uploadMaxBytes),
  };
}

/**
 * Loads reference data (every time: seeds are upserts, so corrections reach old installations),
 * demo content (once, on the first start that asks for it) and rebuilds the search index.
 */
export async function seedAll(services: Services, registry: ModuleRegistry, options: { demo: boolean }): Promise<{ demoSeeded: boolean }> {
  const { db } = services;
  await withTransaction(db, async (tx) => {
    for (const module of registry.modules) if (module.seeds?.reference) await module.seeds.reference(tx, services);
  });
  let demoSeeded = false;
  if (options.demo) {
    demoSeeded = await withTransaction(db, async (tx) => {
      // The marker row is inserted first: a second process racing here conflicts and skips.
      const marker = await tx
        .insertInto('core_settings')
        .values({ key: DEMO_MARKER, value: JSON.stringify(new Date().toISOString()) })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!marker) return false;
      for (const module of registry.modules) if (module.seeds?.demo) await module.seeds.demo(tx, services);
      return true;
    });
  }
  await reindexSearch(services, registry);
  return { demoSeeded };
}

/** Replaces every module's search documents with freshly computed ones. */
export async function reindexSearch(services: Services, registry: ModuleRegistry): Promise<number> {
  let count = 0;
  await withTransaction(services.db, async (tx) => {
    for (const module of registry.modules) {
      if (!module.searchDocuments) continue;
      const docs = await module.searchDocuments(tx);
      await tx.deleteFrom('core_search_documents').where('module', '=', module.name).execute();
      for (const doc of docs) await indexDocument(tx, doc);
      count += docs.length;
    }
  });
  return count;
}

/** Migrations then seeds: what `gab serve` does before listening. */
export async function prepareDatabase(services: Services, registry: ModuleRegistry, options: { demo: boolean }) {
  const migrations = await migrateToLatest(services.db, registry.migrations());
  const seeded = await seedAll(services, registry, options);
  return { applied: migrations.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [], ...seeded };
}
