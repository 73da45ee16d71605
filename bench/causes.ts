/**
 * `npm run bench:causes` — supports per second for "Causas ciudadanas" through GAB's full HTTP
 * stack, beside a bare route doing the same database work, in one run:
 *
 *  1. Creates a scratch PostgreSQL database next to BENCH_DATABASE_URL (default: the local server),
 *     starts GAB on it with the causes module (this file with `--serve-gab`: migrations and
 *     reference data, then listen), and inserts BENCH_SUPPORTERS verified citizens, each with a
 *     session row (as signing in leaves one), and the causes to support.
 *  2. autocannon posts supports to `/causas/<id>/apoyar` as browsers do: session and CSRF cookies,
 *     the CSRF token in the form. Each request goes through session and actor loading, CSRF, the
 *     write rate limit, eligibility (requirements and the cause's state and deadline), the support
 *     transaction (one statement: insert keyed by identity, counter under the cause's row lock,
 *     follow) and the audit entry, and answers 303. Every request is a different citizen (a support is once per
 *     identity), from their own address through a trusted proxy (X-Forwarded-For), as in
 *     production: from one address every request would queue on that address's rate-limit row.
 *  3. The same load against a bare Fastify + pg route (this file with `--serve-bare`) running the
 *     same transaction (insert, follow, counter under the row lock) with the identity given in a header, and
 *     nothing else.
 *  4. Two scenarios each: "hot", every support to one cause (they take turns on its row lock: the
 *     worst case, a cause going viral), and "spread", supports over 100 causes.
 *  5. Checks that every cause's counter equals its support rows and that each 303 left one audit
 *     entry, prints supports/s, p50/p99, CPU per support (server + PostgreSQL backends) and the
 *     GAB/bare ratio, then a JSON line. Drops the database and stops everything, also on Ctrl-C.
 *
 * Env: BENCH_DATABASE_URL, BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (32),
 *      BENCH_SUPPORTERS (40000), BENCH_CPU_PROF=<dir> (profile the GAB server).
 */
import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_URL = process.env.BENCH_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = positiveInt('BENCH_SECONDS', 10);
const WARMUP_SECONDS = positiveInt('BENCH_WARMUP_SECONDS', 2);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 32);
const SUPPORTERS = positiveInt('BENCH_SUPPORTERS', 40_000);
const SPREAD_CAUSES = 100;
const POOL_SIZE = 10;
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF?.trim() ? resolve(process.env.BENCH_CPU_PROF.trim()) : null;

function positiveInt(key: string, fallback: number): number {
  const raw = process.env[key];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${key} must be a positive integer (got "${raw}")`);
  return value;
}

const log = (line: string) => process.stderr.write(`[bench:causes] ${line}\n`);

// ---------------------------------------------------------------------------------------------
// Server modes (child processes)

/** GAB with the causes module, whether or not src/modules/index.ts lists it yet. */
async function serveGab(): Promise<void> {
  const [{ buildApp }, { loadConfig }, { createRegistry }, { openConfiguredDatabase, prepareDatabase, servicesFor }, { MODULES }, causes] = await Promise.all([
    import('../src/app.ts'),
    import('../src/core/config/config.ts'),
    import('../src/core/modules/registry.ts'),
    import('../src/core/setup.ts'),
    import('../src/modules/index.ts'),
    import('../src/modules/causes/causes.manifest.ts'),
  ]);
  const config = loadConfig(process.env);
  const registry = createRegistry(MODULES.some((m) => m.name === 'causes') ? MODULES : [...MODULES, causes.default]);
  const database = await openConfiguredDatabase(config);
  const services = servicesFor(config, database, () => undefined);
  await prepareDatabase(services, registry, { demo: false });
  const app = await buildApp({ config, database, registry, mailer: services.mailer });
  await app.listen({ port: config.port, host: config.host });
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

/** The baseline: Fastify + pg, the same support transaction, no session, CSRF, rules or audit. */
async function serveBare(): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: POOL_SIZE });
  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.get('/healthz', async () => ({ ok: true }));
  app.post('/support/:causeId', async (request, reply) => {
    const { causeId } = request.params as { causeId: string };
    const userId = request.headers['x-user'] as string;
    const identity = request.headers['x-identity'] as string;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // The same statements as GAB's support: a first look, then one statement that inserts the
      // support keyed by identity, moves the counter under the row lock with the closing re-check,
      // and adds the follow.
      const cause = await client.query<{ state: string; deadline_at: Date }>('SELECT state, deadline_at FROM causes_causes WHERE id = $1', [causeId]);
      const row = cause.rows[0];
      if (!row || row.state !== 'published' || row.deadline_at.getTime() <= Date.now()) {
        await client.query('ROLLBACK');
        return reply.code(403).send({ reason: 'phase_closed' });
      }
      const step = await client.query<{ inserted: boolean; supports_count: number | null }>(
        `WITH support AS (
           INSERT INTO causes_supports (cause_id, identity_hash, user_id, created_at) VALUES ($1::uuid, $2, $3::uuid, now())
           ON CONFLICT (cause_id, identity_hash) DO NOTHING RETURNING cause_id),
         counted AS (
           UPDATE causes_causes SET supports_count = supports_count + 1
           WHERE id IN (SELECT cause_id FROM support) AND state IN ('published', 'threshold_reached') AND deadline_at > now()
           RETURNING supports_count),
         followed AS (
           INSERT INTO causes_follows (cause_id, user_id) SELECT $1::uuid, $3::uuid FROM counted ON CONFLICT (cause_id, user_id) DO NOTHING RETURNING user_id)
         SELECT EXISTS (SELECT 1 FROM support) AS inserted, (SELECT supports_count FROM counted) AS supports_count`,
        [causeId, identity, userId],
      );
      if (!step.rows[0]!.inserted || step.rows[0]!.supports_count === null) {
        await client.query('ROLLBACK');
        return reply.code(409).send({ reason: 'already_done' });
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return reply.redirect(`/causas/${causeId}`, 303);
  });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
}

// ---------------------------------------------------------------------------------------------
// Cleanup: children, temp dirs and the scratch database, on success, error and signals.

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let scratch: string | null = null;

async function dropScratch(): Promise<void> {
  if (!scratch) return;
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(scratch)} WITH (FORCE)`);
    scratch = null;
  } finally {
    await admin.end().catch(() => undefined);
  }
}

let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all([...children].map((child) => stop(child)));
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    tempDirs.clear();
    await dropScratch().catch((error: unknown) => log(`could not drop ${scratch}: ${String(error)}`));
  })();
  return cleaning;
}

function installCleanup(): void {
  process.on('exit', () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    if (scratch) {
      try {
        execFileSync('psql', [ADMIN_URL, '-qc', `DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`], { stdio: 'ignore', timeout: 5000 });
      } catch {
        process.stderr.write(`[bench:causes] scratch database ${scratch} may remain; drop it by hand\n`);
      }
    }
  });
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      log(`${signal}: stopping everything…`);
      void cleanup().finally(() => process.exit(130));
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Processes

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Server {
  label: string;
  child: ChildProcess;
  pid: number;
  port: number;
  output: () => string;
}

function start(label: string, mode: '--serve-gab' | '--serve-bare', env: Record<string, string>, port: number): Server {
  const profile = mode === '--serve-gab' && CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/causes.ts', mode], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  if (!child.pid) throw new Error(`${label}: spawn failed`);
  return { label, child, pid: child.pid, port, output: () => output };
}

function stop(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

async function waitForHealth(server: Server): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(`${server.label} exited:\n${server.output()}`);
    const ok = await fetch(`http://127.0.0.1:${server.port}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${server.label}: not healthy within 180 s:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime+stime of a process, in clock ticks (0 if it is gone). */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** CPU ticks of the PostgreSQL backends serving the scratch database (when the server is local). */
async function backendTicks(admin: pg.Client, database: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
  return new Map(rows.filter((r) => existsSync(`/proc/${r.pid}/stat`)).map((r) => [r.pid, cpuTicks(r.pid)]));
}

// ---------------------------------------------------------------------------------------------
// Fixtures

const SECRET = randomBytes(32).toString('base64url');
const CSRF_SEED = randomBytes(24).toString('base64url');
const CSRF_TOKEN = createHmac('sha256', SECRET).update(`csrf\u0000${CSRF_SEED}`).digest('base64url');
const RUN = randomBytes(6).toString('hex');

interface Supporter {
  userId: string;
  identityHash: string;
  cookie: string;
  address: string;
}

/**
 * Verified citizens (identity, adult, consent never revoked), each with a session. Inserted in
 * bulk by SQL: ids and hashes are derived from the row number, so the bench knows them too.
 */
async function createSupporters(db: pg.Client): Promise<Supporter[]> {
  await db.query(
    `INSERT INTO core_users (id, email, display_name, password_hash)
     SELECT md5($1 || '-u-' || g)::uuid, 'apoyo' || g || '@bench.invalid', 'Persona ' || g, NULL FROM generate_series(1, $2::int) AS g`,
    [RUN, SUPPORTERS],
  );
  await db.query(
    `INSERT INTO core_profiles (user_id, document_type, document_hash, birth_date, localidad_code)
     SELECT md5($1 || '-u-' || g)::uuid, 'CC', encode(sha256(convert_to($1 || '-d-' || g, 'UTF8')), 'hex'), DATE '1990-01-01', '09' FROM generate_series(1, $2::int) AS g`,
    [RUN, SUPPORTERS],
  );
  await db.query(
    `INSERT INTO core_identities (identity_hash, user_id, provider, birth_date, expires_at)
     SELECT encode(sha256(convert_to($1 || '-i-' || g, 'UTF8')), 'hex'), md5($1 || '-u-' || g)::uuid, 'registry', DATE '1990-01-01', now() + interval '1 year'
     FROM generate_series(1, $2::int) AS g`,
    [RUN, SUPPORTERS],
  );
  // The cookie value is '<run>-s-<n>-<padding>' (40+ characters); the row keeps only its SHA-256.
  const pad = 'x'.repeat(32);
  await db.query(
    `INSERT INTO core_sessions (id, user_id, data, expires_at, user_agent)
     SELECT encode(sha256(convert_to($1 || '-s-' || g || '-' || $3, 'UTF8')), 'hex'), md5($1 || '-u-' || g)::uuid, '{}', now() + interval '1 day', 'bench'
     FROM generate_series(1, $2::int) AS g`,
    [RUN, SUPPORTERS, pad],
  );
  const { rows } = await db.query<{ g: number; user_id: string; identity_hash: string }>(
    `SELECT g, md5($1 || '-u-' || g)::uuid AS user_id, encode(sha256(convert_to($1 || '-i-' || g, 'UTF8')), 'hex') AS identity_hash FROM generate_series(1, $2::int) AS g ORDER BY g`,
    [RUN, SUPPORTERS],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    identityHash: r.identity_hash,
    cookie: `gab_sid=${RUN}-s-${r.g}-${pad}; gab_csrf=${CSRF_SEED}`,
    address: `10.${(r.g >> 16) & 255}.${(r.g >> 8) & 255}.${r.g & 255}`,
  }));
}

/** Published causes collecting supports toward an unreachable threshold (no state change mid-run). */
async function createCauses(db: pg.Client, authorId: string, count: number, label: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO causes_causes (author_id, title, problem, localidad_code, topic_code, state, threshold, support_days, answer_term_business_days, updated_at, published_at, deadline_at)
     SELECT $1, 'Causa de carga ' || $2 || ' número ' || g, 'Una causa creada por el banco de pruebas para medir apoyos por segundo.', '09', 'movilidad', 'published',
            10000000, 90, 15, now(), now(), now() + interval '90 days'
     FROM generate_series(1, $3::int) AS g RETURNING id`,
    [authorId, label, count],
  );
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// Load

interface RunFigures {
  target: string;
  scenario: 'hot' | 'spread';
  requests: number;
  supports: number;
  supportsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  refused: number;
  errors: number;
  serverCpuMsPerSupport: number;
  dbCpuMsPerSupport: number | null;
}

/**
 * Runs autocannon with one request per supporter, in order from `cursor.next` (warm-up and the
 * measured run share the cursor: nobody supports the same cause twice). Counts the 303s.
 */
async function load(server: Server, kind: 'gab' | 'bare', causes: string[], supporters: Supporter[], cursor: { next: number }, seconds: number) {
  const statuses = new Map<number, number>();
  let exhausted = false;
  const instance = autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections: CONNECTIONS,
    duration: seconds,
    pipelining: 1,
    timeout: 20,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const i = cursor.next++;
          if (i >= supporters.length) exhausted = true;
          const s = supporters[i % supporters.length]!;
          const cause = causes[i % causes.length]!;
          if (kind === 'gab') {
            return {
              ...request,
              method: 'POST',
              path: `/causas/${cause}/apoyar`,
              headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': s.address },
              body: `_csrf=${CSRF_TOKEN}`,
            };
          }
          return {
            ...request,
            method: 'POST',
            path: `/support/${cause}`,
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-user': s.userId, 'x-identity': s.identityHash },
            body: '',
          };
        },
      },
    ],
  });
  (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, statusCode: number) => statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1));
  const result = await instance;
  if (exhausted) log(`WARNING: ran out of supporters (BENCH_SUPPORTERS=${SUPPORTERS}); later requests were refused as already_done`);
  return { result, statuses };
}

async function measure(target: string, scenario: 'hot' | 'spread', server: Server, kind: 'gab' | 'bare', causes: string[], supporters: Supporter[], admin: pg.Client, database: string): Promise<RunFigures> {
  const cursor = { next: 0 };
  log(`${target} ${scenario}: warm-up ${WARMUP_SECONDS} s, then ${SECONDS} s × ${CONNECTIONS} connections`);
  await load(server, kind, causes, supporters, cursor, WARMUP_SECONDS);
  const dbBefore = await backendTicks(admin, database);
  const before = cpuTicks(server.pid);
  const { result, statuses } = await load(server, kind, causes, supporters, cursor, SECONDS);
  const after = cpuTicks(server.pid);
  const dbAfter = await backendTicks(admin, database);
  let dbTicks = 0;
  for (const [pid, ticks] of dbAfter) dbTicks += ticks - (dbBefore.get(pid) ?? 0);
  const supports = statuses.get(303) ?? 0;
  const requests = result.requests.total;
  const perSupport = (ticks: number) => (supports > 0 ? ((ticks / CLK_TCK) * 1000) / supports : NaN);
  const other = [...statuses].filter(([code]) => code !== 303);
  if (other.length) log(`${target} ${scenario}: other statuses ${JSON.stringify(Object.fromEntries(other))}`);
  return {
    target,
    scenario,
    requests,
    supports,
    supportsPerSec: supports / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    refused: other.reduce((n, [, c]) => n + c, 0),
    errors: result.errors + result.timeouts,
    serverCpuMsPerSupport: perSupport(after - before),
    dbCpuMsPerSupport: dbAfter.size ? perSupport(dbTicks) : null,
  };
}

/** Every cause's counter equals its rows; GAB left one audit entry per support. */
async function verify(db: pg.Client, causeIds: string[], auditExpected: boolean): Promise<{ supports: number; audits: number }> {
  const { rows } = await db.query<{ id: string; supports_count: number; rows: string }>(
    `SELECT c.id, c.supports_count, (SELECT count(*) FROM causes_supports s WHERE s.cause_id = c.id) AS rows FROM causes_causes c WHERE c.id = ANY($1::uuid[])`,
    [causeIds],
  );
  let supports = 0;
  for (const r of rows) {
    if (Number(r.rows) !== r.supports_count) throw new Error(`cause ${r.id}: counter ${r.supports_count} but ${r.rows} support rows`);
    supports += r.supports_count;
  }
  const audits = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM core_audit_log WHERE action = 'causes.support' AND resource_id = ANY($1::text[])`, [causeIds])).rows[0]!.n);
  if (auditExpected && audits !== supports) throw new Error(`${supports} supports but ${audits} audit entries`);
  return { supports, audits };
}

// ---------------------------------------------------------------------------------------------
// Output

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
const fmt = (value: number | null, digits = 0) => (value === null || !Number.isFinite(value) ? '—' : value.toFixed(digits));

async function main(): Promise<void> {
  installCleanup();
  const machine = { cpus: cpus().length, loadavg1m: loadavg()[0]!, node: process.version };
  log(`${SECONDS} s × ${CONNECTIONS} connections per run (warm-up ${WARMUP_SECONDS} s); ${machine.cpus} CPUs, load ${machine.loadavg1m.toFixed(2)}`);
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  await admin.connect();
  const runs: RunFigures[] = [];
  try {
    scratch = `gab_bench_causes_${RUN}`;
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(scratch)}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${scratch}`;
    const databaseUrl = url.toString();
    const dataDir = mkdtempSync(join(tmpdir(), 'gab-bench-causes-'));
    tempDirs.add(dataDir);

    log(`GAB: migrating and starting on scratch database ${scratch}…`);
    const gab = start('gab', '--serve-gab', {
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      GAB_DATA_DIR: dataDir,
      GAB_SECRET: SECRET,
      GAB_LOG_LEVEL: 'warn',
      GAB_SEED_DEMO: 'false',
      GAB_RUN_JOBS: 'false',
      GAB_TRUST_PROXY: 'true',
      GAB_RATE_LIMIT_PER_MINUTE: '100000',
      NODE_ENV: 'production',
    }, await freePort());
    await waitForHealth(gab);

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      log(`creating ${SUPPORTERS} verified supporters with sessions…`);
      const supporters = await createSupporters(db);
      const author = supporters[0]!.userId;
      const causes = {
        gabHot: await createCauses(db, author, 1, 'GAB concentrada'),
        gabSpread: await createCauses(db, author, SPREAD_CAUSES, 'GAB repartida'),
        bareHot: await createCauses(db, author, 1, 'base concentrada'),
        bareSpread: await createCauses(db, author, SPREAD_CAUSES, 'base repartida'),
      };
      await db.query('VACUUM ANALYZE');

      runs.push(await measure('GAB ', 'hot', gab, 'gab', causes.gabHot, supporters, admin, scratch));
      runs.push(await measure('GAB ', 'spread', gab, 'gab', causes.gabSpread, supporters, admin, scratch));
      await stop(gab.child);

      const bare = start('bare', '--serve-bare', { DATABASE_URL: databaseUrl, NODE_ENV: 'production' }, await freePort());
      await waitForHealth(bare);
      runs.push(await measure('bare', 'hot', bare, 'bare', causes.bareHot, supporters, admin, scratch));
      runs.push(await measure('bare', 'spread', bare, 'bare', causes.bareSpread, supporters, admin, scratch));
      await stop(bare.child);

      const checked = {
        gab: await verify(db, [...causes.gabHot, ...causes.gabSpread], true),
        bare: await verify(db, [...causes.bareHot, ...causes.bareSpread], false),
      };
      log(`checked: GAB ${checked.gab.supports} supports = ${checked.gab.audits} audit entries; bare ${checked.bare.supports} supports; every counter equals its rows`);
    } finally {
      await db.end().catch(() => undefined);
    }
  } finally {
    await admin.end().catch(() => undefined);
    await cleanup();
  }

  const ratio = (scenario: 'hot' | 'spread') => {
    const g = runs.find((r) => r.target === 'GAB ' && r.scenario === scenario)!;
    const b = runs.find((r) => r.target === 'bare' && r.scenario === scenario)!;
    return g.supportsPerSec / b.supportsPerSec;
  };
  process.stdout.write(
    `\nSupports per second on PostgreSQL (${SECONDS} s, ${CONNECTIONS} connections, pool ${POOL_SIZE}; ${machine.cpus} CPUs shared by server, PostgreSQL and load generator)\n\n`,
  );
  process.stdout.write(
    `${table(
      ['target', 'scenario', 'supports/s', 'p50 ms', 'p99 ms', 'supports', 'refused', 'errors', 'server CPU ms/support', 'db CPU ms/support'],
      runs.map((r) => [r.target, r.scenario, fmt(r.supportsPerSec), fmt(r.p50Ms, 1), fmt(r.p99Ms, 1), r.supports, r.refused, r.errors, fmt(r.serverCpuMsPerSupport, 2), fmt(r.dbCpuMsPerSupport, 2)]),
    )}\n\n`,
  );
  process.stdout.write(`GAB / bare: hot ${ratio('hot').toFixed(2)}×, spread ${ratio('spread').toFixed(2)}×\n`);
  process.stdout.write(`${JSON.stringify({ bench: 'causes', machine, seconds: SECONDS, connections: CONNECTIONS, runs, ratio: { hot: ratio('hot'), spread: ratio('spread') } })}\n`);
}

const mode = process.argv[2];
const run = mode === '--serve-gab' ? serveGab : mode === '--serve-bare' ? serveBare : main;
run().catch(async (error: unknown) => {
  process.stderr.write(`[bench:causes] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  if (run === main) await cleanup();
  process.exit(1);
});
