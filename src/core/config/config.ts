import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Validated runtime configuration. Built once at boot from environment variables. */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Public base URL (used in e-mails and to decide Secure cookies / HSTS). */
  baseUrl: string;
  /** True when the public URL is https: cookies get `Secure`, responses get HSTS. */
  tls: boolean;
  dataDir: string;
  /** postgres://… — when absent GAB runs on embedded PGlite in `dataDir/pglite`. */
  databaseUrl: string | null;
  databasePoolSize: number;
  /** Server secret: signs CSRF tokens and keys the hashes of personal identifiers. */
  secret: string;
  smtpUrl: string | null;
  mailFrom: string;
  seedDemo: boolean;
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  uploadMaxBytes: number;
  /** Requests allowed per client per minute on state-changing routes. */
  rateLimitPerMinute: number;
  runJobs: boolean;
  /** Sign-in (and identity verification) through an OpenID Connect provider; null when not configured. */
  oidc: OidcConfig | null;
}

/** An OpenID Connect provider (e.g. Registraduría / Carpeta Ciudadana) GAB signs people in with. */
export interface OidcConfig {
  /** Issuer URL; discovery is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Label of the sign-in button ("Ingresar con …"). */
  name: string;
}

/** Thrown when one or more settings are wrong; `problems` has one readable line per setting. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuración inválida / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function parseInteger(env: Env, key: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) {
    problems.push(`${key}="${raw}" debe ser un número entero entre ${min} y ${max} / must be an integer between ${min} and ${max}`);
    return fallback;
  }
  const value = Number(raw);
  if (value < min || value > max) {
    problems.push(`${key}=${value} está fuera de rango (${min}–${max}) / is out of range (${min}–${max})`);
    return fallback;
  }
  return value;
}

function parseBoolean(env: Env, key: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[key]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'si', 'sí', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problems.push(`${key}="${env[key]}" debe ser true o false / must be true or false`);
  return fallback;
}

function parseUrl(raw: string, key: string, protocols: string[], problems: string[]): URL | null {
  try {
    const url = new URL(raw);
    if (!protocols.includes(url.protocol)) {
      problems.push(`${key} debe empezar por ${protocols.map((p) => `${p}//`).join(' o ')} / must use ${protocols.join(' or ')}`);
      return null;
    }
    return url;
  } catch {
    problems.push(`${key}="${raw}" no es una URL válida / is not a valid URL`);
    return null;
  }
}

const OIDC_REQUIRED = ['GAB_OIDC_ISSUER', 'GAB_OIDC_CLIENT_ID', 'GAB_OIDC_CLIENT_SECRET'] as const;
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The OpenID Connect provider: all of issuer, client id and secret, or none of them (the button
 * label alone does not turn it on). The issuer must be https, except on this machine for testing.
 */
function parseOidc(env: Env, problems: string[]): OidcConfig | null {
  const value = (key: string) => env[key]?.trim() ?? '';
  const missing = OIDC_REQUIRED.filter((key) => value(key) === '');
  if (missing.length === OIDC_REQUIRED.length && value('GAB_OIDC_NAME') === '') return null;
  if (missing.length > 0) {
    for (const key of missing) {
      problems.push(`${key} falta: ${OIDC_REQUIRED.join(', ')} van juntas (todas o ninguna) / is missing: ${OIDC_REQUIRED.join(', ')} go together (all or none)`);
    }
    return null;
  }
  const issuer = parseUrl(value('GAB_OIDC_ISSUER'), 'GAB_OIDC_ISSUER', ['https:', 'http:'], problems);
  if (!issuer) return null;
  if (issuer.protocol === 'http:' && !LOOPBACK_HOSTS.includes(issuer.hostname)) {
    problems.push('GAB_OIDC_ISSUER debe usar https:// (http:// solo para localhost o 127.0.0.1) / must use https (http only for localhost or 127.0.0.1)');
    return null;
  }
  if (issuer.search || issuer.hash || issuer.username || issuer.password) {
    problems.push('GAB_OIDC_ISSUER no puede llevar usuario, consulta (?) ni fragmento (#) / must not contain credentials, a query or a fragment');
    return null;
  }
  return { issuer: value('GAB_OIDC_ISSUER'), clientId: value('GAB_OIDC_CLIENT_ID'), clientSecret: value('GAB_OIDC_CLIENT_SECRET'), name: value('GAB_OIDC_NAME') || 'Registraduría / Carpeta Ciudadana' };
}

/**
 * The server secret. Production must set GAB_SECRET; elsewhere a random one is created once and
 * kept in the data directory so sessions and keyed hashes survive restarts.
 */
function resolveSecret(env: Env, nodeEnv: Config['env'], dataDir: string, problems: string[]): string {
  const given = env.GAB_SECRET;
  if (given !== undefined && given !== '') {
    if (given.length < 32) problems.push('GAB_SECRET debe tener al menos 32 caracteres / must be at least 32 characters long');
    return given;
  }
  if (nodeEnv === 'production') {
    problems.push('GAB_SECRET es obligatorio en producción (32+ caracteres aleatorios) / is required in production');
    return '';
  }
  if (nodeEnv === 'test') return 'test-secret-test-secret-test-secret-0001';
  // An invalid configuration stops here: nothing is written to a data directory it may not own.
  if (problems.length > 0) return '';
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Reads and validates every setting; throws one ConfigError listing all problems at once. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const rawEnv = env.NODE_ENV ?? 'development';
  const nodeEnv: Config['env'] = rawEnv === 'production' || rawEnv === 'test' ? rawEnv : 'development';
  if (!['production', 'test', 'development'].includes(rawEnv)) {
    problems.push(`NODE_ENV="${rawEnv}" debe ser development, production o test / must be development, production or test`);
  }
  const port = parseInteger(env, 'PORT', 3000, 0, 65535, problems);
  // 'localhost' makes Fastify listen on both 127.0.0.1 and ::1, whichever the browser resolves first.
  const host = env.HOST?.trim() || 'localhost';
  const dataDir = resolve(env.GAB_DATA_DIR?.trim() || './data');

  let databaseUrl: string | null = null;
  if (env.DATABASE_URL) {
    if (parseUrl(env.DATABASE_URL, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems)) databaseUrl = env.DATABASE_URL;
  }
  const databasePoolSize = parseInteger(env, 'DATABASE_POOL_SIZE', 10, 1, 200, problems);

  const baseUrlRaw = env.GAB_BASE_URL?.trim() || `http://localhost:${port}`;
  const baseUrl = parseUrl(baseUrlRaw, 'GAB_BASE_URL', ['http:', 'https:'], problems);

  let smtpUrl: string | null = null;
  if (env.SMTP_URL) {
    if (parseUrl(env.SMTP_URL, 'SMTP_URL', ['smtp:', 'smtps:'], problems)) smtpUrl = env.SMTP_URL;
  }
  const mailFrom = env.MAIL_FROM?.trim() || 'GAB Bogotá <no-responder@gobiernoabierto.bogota.gov.co>';
  if (!/@/.test(mailFrom)) problems.push(`MAIL_FROM="${mailFrom}" no contiene una dirección de correo / has no e-mail address`);

  const logLevelRaw = (env.GAB_LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info')).toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevelRaw)) {
    problems.push(`GAB_LOG_LEVEL="${logLevelRaw}" debe ser uno de / must be one of: ${LOG_LEVELS.join(', ')}`);
  }

  const config: Config = {
    env: nodeEnv,
    port,
    host,
    baseUrl: baseUrl ? baseUrl.origin + baseUrl.pathname.replace(/\/$/, '') : baseUrlRaw,
    tls: baseUrl?.protocol === 'https:',
    dataDir,
    databaseUrl,
    databasePoolSize,
    secret: '',
    smtpUrl,
    mailFrom,
    seedDemo: parseBoolean(env, 'GAB_SEED_DEMO', true, problems),
    trustProxy: parseBoolean(env, 'GAB_TRUST_PROXY', false, problems),
    logLevel: (LOG_LEVELS as readonly string[]).includes(logLevelRaw) ? (logLevelRaw as Config['logLevel']) : 'info',
    uploadMaxBytes: parseInteger(env, 'GAB_UPLOAD_MAX_BYTES', 20 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024, problems),
    rateLimitPerMinute: parseInteger(env, 'GAB_RATE_LIMIT_PER_MINUTE', 60, 1, 100000, problems),
    runJobs: parseBoolean(env, 'GAB_RUN_JOBS', true, problems),
    oidc: parseOidc(env, problems),
  };
  // Always checked, so a bad or missing GAB_SECRET is reported together with every other problem.
  config.secret = resolveSecret(env, nodeEnv, dataDir, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
