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
import { createHmac, randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import { BenchRunner, fmt, positiveInt, table, type Server } from './support/runner.ts';

const SECONDS = positiveInt('BENCH_SECONDS', 10);
const WARMUP_SECONDS = positiveInt('BENCH_WARMUP_SECONDS', 2);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 32);
const SUPPORTERS = positiveInt('BENCH_SUPPORTERS', 40_000);
const SPREAD_CAUSES = 100;
const POOL_SIZE = 10;
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF?.trim() ? resolve(process.env.BENCH_CPU_PROF.trim()) : null;

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
// Processes (bench/support/runner.ts: scratch database, children, CPU accounting, cleanup)

// Only the benchmark process owns a runner: the server modes of this file must not install its
// signal handlers (they stop themselves on SIGTERM).
let runner!: BenchRunner;

function start(label: string, mode: '--serve-gab' | '--serve-bare', env: Record<string, string>): Promise<Server> {
  const profile = mode === '--serve-gab' && CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : [];
  return runner.start(label, [...profile, '--import', 'tsx', 'bench/causes.ts', mode], env);
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
  transactionsPerSupport: number;
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
    url: server.url,
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

async function measure(target: string, scenario: 'hot' | 'spread', server: Server, kind: 'gab' | 'bare', causes: string[], supporters: Supporter[], database: string): Promise<RunFigures> {
  const cursor = { next: 0 };
  log(`${target} ${scenario}: warm-up ${WARMUP_SECONDS} s, then ${SECONDS} s × ${CONNECTIONS} connections`);
  await load(server, kind, causes, supporters, cursor, WARMUP_SECONDS);
  const before = await runner.snapshot(server, database);
  const { result, statuses } = await load(server, kind, causes, supporters, cursor, SECONDS);
  const supports = statuses.get(303) ?? 0;
  const cost = await runner.cost(server, database, before, supports);
  const requests = result.requests.total;
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
    transactionsPerSupport: cost.transactions,
    serverCpuMsPerSupport: cost.serverCpuMs,
    dbCpuMsPerSupport: cost.dbCpuMs,
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

async function main(): Promise<void> {
  const machine = { cpus: cpus().length, loadavg1m: loadavg()[0]!, node: process.version };
  log(`${SECONDS} s × ${CONNECTIONS} connections per run (warm-up ${WARMUP_SECONDS} s); ${machine.cpus} CPUs, load ${machine.loadavg1m.toFixed(2)}`);
  const runs: RunFigures[] = [];
  {
    const { url: databaseUrl, name: scratch } = await runner.scratchDatabase(`gab_bench_causes_${RUN}`);
    const dataDir = runner.tempDir('gab-bench-causes-');

    log(`GAB: migrating and starting on scratch database ${scratch}…`);
    const gab = await start('gab', '--serve-gab', {
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
    });

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

      runs.push(await measure('GAB ', 'hot', gab, 'gab', causes.gabHot, supporters, scratch));
      runs.push(await measure('GAB ', 'spread', gab, 'gab', causes.gabSpread, supporters, scratch));
      await runner.stop(gab);

      const bare = await start('bare', '--serve-bare', { DATABASE_URL: databaseUrl, NODE_ENV: 'production' });
      runs.push(await measure('bare', 'hot', bare, 'bare', causes.bareHot, supporters, scratch));
      runs.push(await measure('bare', 'spread', bare, 'bare', causes.bareSpread, supporters, scratch));
      await runner.stop(bare);

      const checked = {
        gab: await verify(db, [...causes.gabHot, ...causes.gabSpread], true),
        bare: await verify(db, [...causes.bareHot, ...causes.bareSpread], false),
      };
      log(`checked: GAB ${checked.gab.supports} supports = ${checked.gab.audits} audit entries; bare ${checked.bare.supports} supports; every counter equals its rows`);
    } finally {
      await db.end().catch(() => undefined);
    }
  }
  await runner.cleanup();

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
      ['target', 'scenario', 'supports/s', 'p50 ms', 'p99 ms', 'supports', 'refused', 'errors', 'db xacts/support', 'server CPU ms/support', 'db CPU ms/support'],
      runs.map((r) => [r.target, r.scenario, fmt(r.supportsPerSec), fmt(r.p50Ms, 1), fmt(r.p99Ms, 1), r.supports, r.refused, r.errors, fmt(r.transactionsPerSupport, 2), fmt(r.serverCpuMsPerSupport, 2), fmt(r.dbCpuMsPerSupport, 2)]),
    )}\n\n`,
  );
  process.stdout.write(`GAB / bare: hot ${ratio('hot').toFixed(2)}×, spread ${ratio('spread').toFixed(2)}×\n`);
  process.stdout.write(`${JSON.stringify({ bench: 'causes', machine, seconds: SECONDS, connections: CONNECTIONS, runs, ratio: { hot: ratio('hot'), spread: ratio('spread') } })}\n`);
}

const mode = process.argv[2];
if (mode === '--serve-gab' || mode === '--serve-bare') {
  (mode === '--serve-gab' ? serveGab : serveBare)().catch((error: unknown) => {
    process.stderr.write(`[bench:causes] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
} else {
  runner = new BenchRunner('causes');
  await runner.run(main);
}
