import { PGlite } from '@electric-sql/pglite';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/core/config/config.ts';
import { openDatabase, PGLITE_EXTENSIONS } from '../src/core/db/database.ts';
import { createRegistry } from '../src/core/modules/registry.ts';
import { prepareDatabase, servicesFor } from '../src/core/setup.ts';
import { MODULES } from '../src/modules/index.ts';
import { randomBytes } from 'node:crypto';
import { TEMPLATE_DIR, databaseUrlFor } from './template-names.ts';

/**
 * Builds each engine's test template once per run (migrated, reference data and demo content), so
 * each test file starts from a copy in about a second instead of migrating again.
 */
export default async function setup(project: TestProject) {
  const registry = createRegistry(MODULES);
  const config = loadConfig({ NODE_ENV: 'test', GAB_DATA_DIR: join(TEMPLATE_DIR, 'data') });

  const pglite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  const handle = await openDatabase({ databaseUrl: null, dataDir: config.dataDir, pglite });
  await prepareDatabase(servicesFor(config, handle, () => undefined), registry, { demo: true });
  await handle.close();
  const dump = await pglite.dumpDataDir('gzip');
  await pglite.close();
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  const templateFile = join(TEMPLATE_DIR, `pglite-${process.pid}.tar.gz`);
  writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', templateFile);

  // Names carry a per-run id so parallel runs against one server never touch each other's databases.
  const runId = randomBytes(4).toString('hex');
  const template = `gab_test_${runId}_template`;
  project.provide('postgresRunId', runId);
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${template}`);
    const pgHandle = await openDatabase({ databaseUrl: databaseUrlFor(adminUrl, template), dataDir: config.dataDir });
    await prepareDatabase(servicesFor(config, pgHandle, () => undefined), registry, { demo: true });
    await pgHandle.close();
    await admin.end();
  }
  return async () => {
    if (!adminUrl) return;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const leftovers = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`gab_test_${runId}_%`]);
    for (const { datname } of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresRunId: string;
  }
}
