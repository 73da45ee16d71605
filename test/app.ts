import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/core/config/config.ts';
import type { DatabaseHandle } from '../src/core/db/database.ts';
import { createRegistry } from '../src/core/modules/registry.ts';
import { MODULES } from '../src/modules/index.ts';
import { createTestDatabase, type Engine } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  close(): Promise<void>;
}

/** The real app on a fresh test database, ready for `app.inject`. */
export async function buildTestApp(
  engine: Engine = 'pglite',
  env: Record<string, string> = {},
  beforeReady?: (app: FastifyInstance) => void,
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gab-test-'));
  const config = loadConfig({ NODE_ENV: 'test', GAB_DATA_DIR: dataDir, ...env });
  const database = await createTestDatabase(engine);
  const app = await buildApp({ config, database, registry: createRegistry(MODULES) });
  beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads the CSRF cookie and the token from a rendered page, as a browser would submit them. */
export async function csrfFor(app: FastifyInstance, path = '/'): Promise<{ cookie: string; token: string }> {
  const response = await app.inject({ method: 'GET', url: path });
  const cookie = response.cookies.find((c) => c.name === 'gab_csrf');
  const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  if (!cookie || !token) throw new Error('page has no CSRF token');
  return { cookie: `gab_csrf=${cookie.value}`, token };
}
