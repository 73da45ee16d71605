import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const run = promisify(execFile);
let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'gab-config-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Loads a test-mode configuration with `overrides`, always inside the scratch directory. */
const load = (overrides: Record<string, string> = {}) => loadConfig({ NODE_ENV: 'test', GAB_DATA_DIR: join(scratch, 'data'), ...overrides });

/** The problems reported for `overrides`; fails the test if the configuration was accepted. */
function problemsOf(overrides: Record<string, string>): string[] {
  try {
    load(overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`configuration ${JSON.stringify(overrides)} was accepted`);
}

describe('loadConfig', () => {
  it('uses safe local defaults when nothing is set', () => {
    const config = load();
    expect(config).toMatchObject({
      env: 'test',
      port: 3000,
      host: 'localhost',
      baseUrl: 'http://localhost:3000',
      tls: false,
      dataDir: resolve(scratch, 'data'),
      databaseUrl: null,
      databasePoolSize: 10,
      smtpUrl: null,
      mailFrom: 'GAB Bogotá <no-responder@gobiernoabierto.bogota.gov.co>',
      seedDemo: true,
      trustProxy: false,
      logLevel: 'silent',
      uploadMaxBytes: 20 * 1024 * 1024,
      rateLimitPerMinute: 60,
      runJobs: true,
    });
    expect(config.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('logs at info level outside tests and derives the base URL from the port', () => {
    const config = loadConfig({ NODE_ENV: 'development', GAB_DATA_DIR: join(scratch, 'dev-defaults'), PORT: '8080' });
    expect(config.env).toBe('development');
    expect(config.logLevel).toBe('info');
    expect(config.baseUrl).toBe('http://localhost:8080');
  });

  it('accepts valid settings of every kind', () => {
    const config = load({
      PORT: '0',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://gab:clave@db.internal:5432/gab',
      DATABASE_POOL_SIZE: '25',
      SMTP_URL: 'smtps://usuario:clave@smtp.example.co:465',
      MAIL_FROM: 'Participación <participa@example.co>',
      GAB_SEED_DEMO: 'no',
      GAB_TRUST_PROXY: 'sí',
      GAB_LOG_LEVEL: 'DEBUG',
      GAB_RUN_JOBS: 'off',
      GAB_UPLOAD_MAX_BYTES: '2048',
      GAB_RATE_LIMIT_PER_MINUTE: '5',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      databaseUrl: 'postgresql://gab:clave@db.internal:5432/gab',
      databasePoolSize: 25,
      smtpUrl: 'smtps://usuario:clave@smtp.example.co:465',
      mailFrom: 'Participación <participa@example.co>',
      seedDemo: false,
      trustProxy: true,
      logLevel: 'debug',
      runJobs: false,
      uploadMaxBytes: 2048,
      rateLimitPerMinute: 5,
    });
  });

  it.each([
    ['PORT', 'abc', 'PORT="abc" debe ser un número entero entre 0 y 65535'],
    ['PORT', '70000', 'PORT=70000 está fuera de rango (0–65535)'],
    ['DATABASE_POOL_SIZE', '0', 'DATABASE_POOL_SIZE=0 está fuera de rango (1–200)'],
    ['DATABASE_URL', 'mysql://root@localhost/gab', 'DATABASE_URL debe empezar por postgres:// o postgresql://'],
    ['GAB_BASE_URL', 'nope', 'GAB_BASE_URL="nope" no es una URL válida'],
    ['GAB_BASE_URL', 'ftp://example.co', 'GAB_BASE_URL debe empezar por http:// o https://'],
    ['SMTP_URL', 'http://mail.example.co', 'SMTP_URL debe empezar por smtp:// o smtps://'],
    ['MAIL_FROM', 'GAB Bogotá', 'MAIL_FROM="GAB Bogotá" no contiene una dirección de correo'],
    ['GAB_SEED_DEMO', 'maybe', 'GAB_SEED_DEMO="maybe" debe ser true o false'],
    ['NODE_ENV', 'staging', 'NODE_ENV="staging" debe ser development, production o test'],
    ['GAB_LOG_LEVEL', 'loud', 'GAB_LOG_LEVEL="loud" debe ser uno de / must be one of: fatal, error, warn, info, debug, trace, silent'],
    ['GAB_SECRET', 'corto', 'GAB_SECRET debe tener al menos 32 caracteres'],
  ])('rejects %s=%s with a message naming the variable', (key, value, message) => {
    const problems = problemsOf({ [key]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(key);
    expect(problems[0]).toContain(message);
  });

  it('reports every problem at once, in Spanish and English, in the error message', () => {
    let caught: unknown;
    try {
      load({ PORT: 'abc', DATABASE_URL: 'mysql://x', GAB_SEED_DEMO: 'maybe', GAB_LOG_LEVEL: 'loud', GAB_SECRET: 'corto' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.problems.map((p) => p.split(/[=\s]/)[0])).toEqual(['PORT', 'DATABASE_URL', 'GAB_LOG_LEVEL', 'GAB_SEED_DEMO', 'GAB_SECRET']);
    expect(error.message).toMatch(/^Configuración inválida \/ invalid configuration:\n/);
    for (const problem of error.problems) expect(error.message).toContain(`  - ${problem}`);
    expect(error.message).toContain('must be an integer');
  });

  it('refuses to start production without GAB_SECRET, even alongside other problems', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'GAB_SECRET es obligatorio en producción (32+ caracteres aleatorios) / is required in production',
    ]);
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'abc' });
    expect(problems).toHaveLength(2);
    expect(problems[1]).toContain('GAB_SECRET es obligatorio en producción');
  });

  it('starts production with a long enough secret and never writes one to disk', () => {
    const dataDir = join(scratch, 'prod');
    const secret = 'x'.repeat(48);
    const config = loadConfig({ NODE_ENV: 'production', GAB_DATA_DIR: dataDir, GAB_SECRET: secret });
    expect(config.env).toBe('production');
    expect(config.secret).toBe(secret);
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false);
  });

  it('turns on TLS for an https base URL and drops the trailing slash', () => {
    const config = load({ GAB_BASE_URL: 'https://gobiernoabierto.bogota.gov.co/' });
    expect(config.tls).toBe(true);
    expect(config.baseUrl).toBe('https://gobiernoabierto.bogota.gov.co');
    const plain = load({ GAB_BASE_URL: 'http://gab.local:8080/portal/' });
    expect(plain.tls).toBe(false);
    expect(plain.baseUrl).toBe('http://gab.local:8080/portal');
  });

  it('creates a development secret once, keeps it private in the data directory and reuses it', () => {
    const dataDir = join(scratch, 'dev', 'nested');
    const first = loadConfig({ NODE_ENV: 'development', GAB_DATA_DIR: dataDir });
    const file = join(dataDir, 'secret.key');
    expect(readFileSync(file, 'utf8')).toBe(first.secret);
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadConfig({ NODE_ENV: 'development', GAB_DATA_DIR: dataDir });
    expect(second.secret).toBe(first.secret);
    const elsewhere = loadConfig({ NODE_ENV: 'development', GAB_DATA_DIR: join(scratch, 'dev-other') });
    expect(elsewhere.secret).not.toBe(first.secret);
  });

  it('configures an OpenID Connect provider only with issuer, client id and secret together', () => {
    expect(load().oidc).toBeNull();
    const oidc = { GAB_OIDC_ISSUER: 'https://idp.example.gov.co/oidc', GAB_OIDC_CLIENT_ID: 'gab', GAB_OIDC_CLIENT_SECRET: 's3cret' };
    expect(load(oidc).oidc).toEqual({ issuer: 'https://idp.example.gov.co/oidc', clientId: 'gab', clientSecret: 's3cret', name: 'Registraduría / Carpeta Ciudadana' });
    expect(load({ ...oidc, GAB_OIDC_NAME: 'Carpeta Ciudadana' }).oidc?.name).toBe('Carpeta Ciudadana');
    // http only on this machine (tests, a local provider).
    expect(load({ ...oidc, GAB_OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.issuer).toBe('http://127.0.0.1:4000');
    expect(load({ ...oidc, GAB_OIDC_ISSUER: 'http://localhost:4000/' }).oidc?.issuer).toBe('http://localhost:4000/');

    expect(problemsOf({ GAB_OIDC_ISSUER: oidc.GAB_OIDC_ISSUER, GAB_OIDC_CLIENT_ID: 'gab' })).toEqual([
      'GAB_OIDC_CLIENT_SECRET falta: GAB_OIDC_ISSUER, GAB_OIDC_CLIENT_ID, GAB_OIDC_CLIENT_SECRET van juntas (todas o ninguna) / is missing: GAB_OIDC_ISSUER, GAB_OIDC_CLIENT_ID, GAB_OIDC_CLIENT_SECRET go together (all or none)',
    ]);
    expect(problemsOf({ GAB_OIDC_NAME: 'Carpeta Ciudadana' }).map((p) => p.split(' ')[0])).toEqual(['GAB_OIDC_ISSUER', 'GAB_OIDC_CLIENT_ID', 'GAB_OIDC_CLIENT_SECRET']);
    expect(problemsOf({ ...oidc, GAB_OIDC_ISSUER: 'http://idp.example.gov.co' })).toEqual([
      'GAB_OIDC_ISSUER debe usar https:// (http:// solo para localhost o 127.0.0.1) / must use https (http only for localhost or 127.0.0.1)',
    ]);
    expect(problemsOf({ ...oidc, GAB_OIDC_ISSUER: 'ftp://idp.example.gov.co' })[0]).toContain('GAB_OIDC_ISSUER debe empezar por https:// o http://');
    expect(problemsOf({ ...oidc, GAB_OIDC_ISSUER: 'no es una url' })[0]).toContain('GAB_OIDC_ISSUER="no es una url" no es una URL válida');
    expect(problemsOf({ ...oidc, GAB_OIDC_ISSUER: 'https://idp.example.gov.co/?tenant=1' })[0]).toContain('GAB_OIDC_ISSUER no puede llevar');
  });

  it('writes no secret file when the configuration is invalid', () => {
    const dataDir = join(scratch, 'invalid');
    expect(() => loadConfig({ NODE_ENV: 'development', GAB_DATA_DIR: dataDir, PORT: 'abc' })).toThrow(ConfigError);
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false);
  });
});

describe('gab CLI with a wrong setting', () => {
  it('exits with code 1 and prints the Spanish message without a stack trace', async () => {
    const dataDir = join(scratch, 'cli');
    const error = await run(process.execPath, ['bin/gab.mjs', 'migrate'], {
      cwd: resolve(import.meta.dirname, '../../..'),
      env: { PATH: process.env.PATH ?? '', HOME: scratch, PORT: 'abc', GAB_DATA_DIR: dataDir },
      timeout: 60_000,
    }).then(
      () => null,
      (e: { code?: number; stdout: string; stderr: string }) => e,
    );
    expect(error).not.toBeNull();
    expect(error!.code).toBe(1);
    expect(error!.stderr).toContain('Configuración inválida');
    expect(error!.stderr).toContain('PORT="abc" debe ser un número entero entre 0 y 65535');
    expect(error!.stderr).not.toMatch(/\n\s+at /);
    expect(error!.stderr).not.toContain('ConfigError');
    expect(error!.stdout).toBe('');
    expect(existsSync(join(dataDir, 'pglite'))).toBe(false);
  });
});
