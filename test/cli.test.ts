import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrlFor } from './template-names.ts';

const BIN = join(process.cwd(), 'bin', 'gab.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'gab-cli-'));
const baseEnv = { ...process.env, NODE_ENV: 'development', GAB_DATA_DIR: dataDir, GAB_LOG_LEVEL: 'warn', DATABASE_URL: '' };

function gab(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { env: { ...baseEnv, ...env }, encoding: 'utf8', timeout: 120_000 });
}

/** Starts `gab serve` and resolves once it prints the address it listens on. */
function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...baseEnv, ...env } });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /escuchando en (http:\/\/[^\s]+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => output };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the gab command', () => {
  it('prints its usage in Spanish', () => {
    const result = gab(['help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('users create-admin');
    expect(result.stdout).toContain('db restore');
  });

  it('explains a wrong setting without a stack trace and exits 1', () => {
    const result = gab(['migrate'], { PORT: 'abc', GAB_BASE_URL: 'nope' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT="abc" debe ser un número entero');
    expect(result.stderr).toContain('GAB_BASE_URL="nope" no es una URL válida');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('serves on PGlite in the data directory at the given host and port, and refuses a second process on the same directory', async () => {
    const first = serve({ PORT: '0', HOST: '127.0.0.1' });
    const url = await first.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect((await health.json()).database.kind).toBe('pglite');
    const home = await fetch(`${url}/`);
    expect(await home.text()).toContain('Gobierno Abierto de Bogotá');

    const second = serve({ PORT: '0', HOST: '127.0.0.1' });
    await expect(second.ready).rejects.toThrow(/en uso por el proceso/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  }, 180_000);

  it('creates a platform administrator and rejects a short password', () => {
    const weak = gab(['users', 'create-admin', '--email', 'ana@example.org', '--name', 'Ana'], { GAB_ADMIN_PASSWORD: 'corta' });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('al menos 12 caracteres');
    const ok = gab(['users', 'create-admin', '--email', 'Ana@Example.org', '--name', 'Ana Pérez'], { GAB_ADMIN_PASSWORD: 'una-clave-larga-y-segura' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Administrador creado: Ana@Example.org');
  }, 120_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'moves an installation from PGlite to PostgreSQL with db dump and db restore',
    async () => {
      const file = join(dataDir, 'gab.ndjson.gz');
      const dump = gab(['db', 'dump', file]);
      expect(dump.stderr).toBe('');
      expect(dump.status).toBe(0);

      const adminUrl = process.env.TEST_DATABASE_URL!;
      const name = `gab_test_cli_${process.pid}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      try {
        const targetUrl = databaseUrlFor(adminUrl, name);
        const restore = gab(['db', 'restore', file], { DATABASE_URL: targetUrl });
        expect(restore.stderr).toBe('');
        expect(restore.status).toBe(0);
        const target = new pg.Client({ connectionString: targetUrl });
        await target.connect();
        // Demo people (who have no password) came along too; the admin is the one real account.
        const users = await target.query<{ email: string; display_name: string }>('SELECT email, display_name FROM core_users WHERE password_hash IS NOT NULL');
        expect(users.rows).toEqual([{ email: 'ana@example.org', display_name: 'Ana Pérez' }]);
        const localidades = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM core_localidades');
        expect(localidades.rows[0]!.n).toBe(20);
        // The demo's DataStore tables, made at run time in schema `datastore`, came along whole.
        const datastore = await target.query<{ table_name: string; row_count: string }>('SELECT table_name, row_count FROM open_data_datastore_tables ORDER BY 1');
        expect(datastore.rows.length).toBeGreaterThan(0);
        for (const { table_name, row_count } of datastore.rows) {
          const rows = await target.query<{ n: string }>(`SELECT count(*)::text AS n FROM datastore.${table_name}`);
          expect(rows.rows[0]!.n, table_name).toBe(row_count);
        }
        await target.end();
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
    180_000,
  );
});
