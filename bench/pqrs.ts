/**
 * `npm run bench:pqrs` — PQRS filings per second through GAB's full HTTP stack, beside a bare route.
 *
 *  1. Creates a scratch PostgreSQL database next to BENCH_DATABASE_URL (default: the local server)
 *     and starts GAB on it (`bin/gab.mjs serve`: migrations and reference data, no demo content).
 *  2. autocannon posts anonymous filings to `/pqrs/radicar` as a browser does: a multipart form
 *     (type, entity, localidad, subject, description, consent, an empty file part), the CSRF cookie
 *     and token, from rotating client addresses through a trusted proxy (X-Forwarded-For), as
 *     citizens filing from their own connections. Each request goes through CSRF, both rate
 *     limits (writes per minute, filings per hour: one counter row per address), the permission
 *     check, validation, the filing transaction (type and entity, the year's counter row — locked
 *     until commit, so every filing queues there —, the request, its timeline event and the audit
 *     entry), the session that keeps the receipt, and answers 303.
 *  3. The same load against a bare Fastify + pg server (this file run with `--bare`): multipart
 *     parsing and the equivalent insert — counter row and request row in one transaction — and
 *     nothing else, on its own year's counter.
 *  4. Checks that both runs numbered their filings 1…N without gaps or duplicates, prints filings/s,
 *     p50/p99 and CPU per filing (server + PostgreSQL backends) and the GAB/bare ratio, then a JSON
 *     line. Drops the database and stops everything, also on errors and Ctrl-C.
 *
 * Env: BENCH_DATABASE_URL, BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (32),
 *      BENCH_CPU_PROF=<dir> (profile the GAB server).
 */
import autocannon from 'autocannon';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import { BenchRunner, fmt, positiveInt, table, type Server } from './support/runner.ts';


if (process.argv.includes('--bare')) {
  await bareServer();
} else {
  await benchmark();
}

// =============================================================================================
// The baseline: Fastify + @fastify/multipart + pg, the equivalent insert, nothing else.

async function bareServer(): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const { default: multipart } = await import('@fastify/multipart');
  const { addBusinessDays } = await import('../src/core/calendar/business-days.ts');
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  const year = Number(process.env.BENCH_BARE_YEAR);
  const app = Fastify({ logger: false });
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: 5 * 1024 * 1024, files: 6 } });
  const day = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(new Date());

  app.post('/radicar', async (request, reply) => {
    const body = request.body as Record<string, string>;
    if (!body.type || !body.subject || !body.description || body.consent !== 'yes') return reply.code(422).send('invalid');
    const filedOn = day();
    const due = addBusinessDays(filedOn, 15);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const counter = await client.query<{ last_value: number }>(
        'INSERT INTO service_requests_counters (year, last_value) VALUES ($1, 1) ON CONFLICT (year) DO UPDATE SET last_value = service_requests_counters.last_value + 1 RETURNING last_value',
        [year],
      );
      const sequence = counter.rows[0]!.last_value;
      await client.query(
        `INSERT INTO service_requests_requests (radicado, year, sequence, type_code, channel, entity_code, localidad_code, subject, description, requester_kind,
           consent_policy_version, consent_at, follow_code_hash, filed_on, term_days, max_extension_days, term_start_on, original_due_on, due_on)
         VALUES ($1, $2, $3, $4, 'web', $5, $6, $7, $8, 'anonymous', 'bench', now(), $9, $10, 15, 15, $10, $11, $11)`,
        [`${year}-${String(sequence).padStart(6, '0')}`, year, sequence, body.type, body.entity, body.localidad || null, body.subject, body.description, randomUUID(), filedOn, due],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return reply.redirect('/radicada', 303);
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
  const stopBare = () => void app.close().then(() => pool.end()).then(() => process.exit(0));
  process.on('SIGTERM', stopBare);
  process.on('SIGINT', stopBare);
}

// =============================================================================================
// The benchmark.

async function benchmark(): Promise<void> {
  const SECONDS = positiveInt('BENCH_SECONDS', 10);
  const WARMUP_SECONDS = positiveInt('BENCH_WARMUP_SECONDS', 3);
  const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 32);
  const CPU_PROF_DIR = process.env.BENCH_CPU_PROF?.trim() ? resolve(process.env.BENCH_CPU_PROF.trim()) : null;
  const SECRET = randomBytes(32).toString('base64url');
  const CSRF_SEED = randomBytes(24).toString('base64url');
  // Scratch database, children, CPU and transaction accounting, cleanup: bench/support/runner.ts.
  const runner = new BenchRunner('pqrs');
  const log = (line: string) => runner.log(line);
  const TYPES = ['queja', 'reclamo', 'peticion_general', 'sugerencia', 'acceso_informacion', 'consulta'];
  const ENTITIES = ['sdm', 'idu', 'uaesp', 'sds', 'sed', 'sdp'];
  const boundary = `----gabbench${randomBytes(6).toString('hex')}`;
  /** A browser's multipart body for filing number i (no file chosen: an empty file part). */
  function multipartBody(i: number, extra: [string, string][] = []): string {
    const fields: [string, string][] = [
      ...extra,
      ['type', TYPES[i % TYPES.length]!],
      ['entity', ENTITIES[i % ENTITIES.length]!],
      ['localidad', String(1 + (i % 20)).padStart(2, '0')],
      ['subject', `Andén roto frente al número ${i}`],
      ['description', `El andén de la calle ${i % 200} está roto desde hace semanas y las personas con movilidad reducida no pueden pasar. Solicito su reparación.`],
      ['identification', 'anonymous'],
      ['consent', 'yes'],
    ];
    const parts = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n`);
    return `${parts.join('')}--${boundary}--\r\n`;
  }
  type RequestFor = (i: number) => { headers: Record<string, string>; body: string };

  function run(url: string, seconds: number, requestFor: RequestFor): Promise<autocannon.Result> {
    let counter = 0;
    return autocannon({
      url,
      connections: CONNECTIONS,
      duration: seconds,
      timeout: 10,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const { headers, body } = requestFor(counter++);
            return { ...request, method: 'POST', headers: { ...request.headers, ...headers }, body };
          },
        },
      ],
    });
  }

  interface LoadFigures {
    target: string;
    requests: number;
    filingsPerSecond: number;
    p50Ms: number;
    p99Ms: number;
    unexpected: Record<string, number>;
    errors: number;
    timeouts: number;
    transactionsPerFiling: number;
    serverCpuMsPerFiling: number;
    dbCpuMsPerFiling: number;
  }

  async function measure(target: string, server: Server, path: string, requestFor: RequestFor, database: string): Promise<LoadFigures> {
    const url = `${server.url}${path}`;
    log(`${target}: warm-up ${WARMUP_SECONDS} s, then ${SECONDS} s × ${CONNECTIONS} connections`);
    await run(url, WARMUP_SECONDS, requestFor);
    const before = await runner.snapshot(server, database);
    const result = await run(url, SECONDS, requestFor);
    const codes = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
    const ok = codes['303']?.count ?? 0;
    const unexpected = Object.fromEntries(Object.entries(codes).filter(([code]) => code !== '303').map(([code, s]) => [code, s.count]));
    const cost = await runner.cost(server, database, before, ok);
    return {
      target,
      requests: result.requests.total,
      filingsPerSecond: ok / result.duration,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      unexpected,
      errors: result.errors,
      timeouts: result.timeouts,
      transactionsPerFiling: cost.transactions,
      serverCpuMsPerFiling: cost.serverCpuMs,
      dbCpuMsPerFiling: cost.dbCpuMs,
    };
  }

  // ----- main -----
  async function main() {
    const started = performance.now();
    const machine = { cpus: cpus().length, loadavg1m: loadavg()[0]!, node: process.version };
    {
      const { url: databaseUrl, name: scratch } = await runner.scratchDatabase('gab_bench_pqrs');
      const dataDir = runner.tempDir('gab-bench-pqrs-');

      log(`GAB: starting on scratch database ${scratch} (migrations, reference data)…`);
      const nodeFlags = CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : [];
      const gab = await runner.start(
        'gab',
        [...nodeFlags, 'bin/gab.mjs', 'serve'],
        {
          DATABASE_URL: databaseUrl,
          GAB_DATA_DIR: dataDir,
          GAB_SECRET: SECRET,
          NODE_ENV: 'production',
          GAB_LOG_LEVEL: 'warn',
          GAB_SEED_DEMO: 'false',
          GAB_RUN_JOBS: 'false',
          // Citizens file through a proxy, each from their own address (X-Forwarded-For below);
          // the per-address limits (writes per minute, filings per hour) still count every filing.
          GAB_TRUST_PROXY: 'true',
        },
      );

      const csrfToken = createHmac('sha256', SECRET).update(`csrf\u0000${CSRF_SEED}`).digest('base64url');
      // 2^16 addresses: at ~1,000 filings/s for 13 s no address reaches the 20 filings/hour limit.
      const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      const gabRequest: RequestFor = (i) => ({
        headers: { cookie: `gab_csrf=${CSRF_SEED}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-forwarded-for': address(i % 65_536) },
        body: multipartBody(i, [['_csrf', csrfToken]]),
      });
      const bareRequest: RequestFor = (i) => ({ headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: multipartBody(i) });

      // A request that is not 303 means the stack refused it: show why before measuring.
      const probe = gabRequest(70_000);
      const check = await fetch(`${gab.url}/pqrs/radicar`, { method: 'POST', headers: probe.headers, body: probe.body, redirect: 'manual' });
      if (check.status !== 303) throw new Error(`GAB answered ${check.status} to a filing:\n${(await check.text()).slice(0, 3000)}`);

      const loads: LoadFigures[] = [];
      loads.push(await measure('GAB  POST /pqrs/radicar (full stack)', gab, '/pqrs/radicar', gabRequest, scratch));
      await runner.stop(gab);

      const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota', year: 'numeric' }).format(new Date()));
      const bareYear = year + 100;
      log('bare Fastify + pg: starting…');
      const bare = await runner.start('bare', ['--import', 'tsx', 'bench/pqrs.ts', '--bare'], { DATABASE_URL: databaseUrl, BENCH_BARE_YEAR: String(bareYear), NODE_ENV: 'production' });
      loads.push(await measure('bare POST /radicar (insert only)', bare, '/radicar', bareRequest, scratch));
      await runner.stop(bare);

      // Numbers 1…N without gaps or duplicates, in both runs; one audit entry per GAB filing.
      const db = new pg.Client({ connectionString: databaseUrl });
      await db.connect();
      const integrity: Record<string, { filings: number; maxSequence: number; distinct: number; counter: number }> = {};
      for (const [name, y] of [
        ['gab', year],
        ['bare', bareYear],
      ] as const) {
        const { rows } = await db.query<{ n: number; max: number; distinct: number; counter: number }>(
          `SELECT count(*)::int AS n, coalesce(max(sequence), 0)::int AS max, count(DISTINCT radicado)::int AS distinct,
                  (SELECT coalesce(max(last_value), 0)::int FROM service_requests_counters WHERE year = $1) AS counter
             FROM service_requests_requests WHERE year = $1`,
          [y],
        );
        integrity[name] = { filings: rows[0]!.n, maxSequence: rows[0]!.max, distinct: rows[0]!.distinct, counter: rows[0]!.counter };
      }
      const audits = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM core_audit_log WHERE action = 'service-requests.file'`)).rows[0]!.n;
      await db.end();
      const gapless = (i: { filings: number; maxSequence: number; distinct: number; counter: number }) => i.filings === i.maxSequence && i.filings === i.distinct && i.filings === i.counter;

      const [gabLoad, bareLoad] = loads as [LoadFigures, LoadFigures];
      const ratio = gabLoad.filingsPerSecond / bareLoad.filingsPerSecond;
      const cpuRatio = (bareLoad.serverCpuMsPerFiling + bareLoad.dbCpuMsPerFiling) / (gabLoad.serverCpuMsPerFiling + gabLoad.dbCpuMsPerFiling);
      const out: string[] = [''];
      out.push(`GAB PQRS filing benchmark — ${new Date().toISOString()} — ${machine.cpus} CPUs (shared by GAB, PostgreSQL and autocannon), node ${machine.node}, load before ${machine.loadavg1m.toFixed(2)}`);
      out.push(`PostgreSQL scratch database; anonymous multipart filings, ${TYPES.length} types × ${ENTITIES.length} entities; ${CONNECTIONS} connections, warm-up ${WARMUP_SECONDS} s, measured ${SECONDS} s`);
      out.push('');
      out.push(
        table(
          ['target', 'filings/s', 'p50 ms', 'p99 ms', 'other statuses', 'errors', 'db xacts/filing', 'server CPU ms/filing', 'db CPU ms/filing'],
          loads.map((l) => [
            l.target,
            fmt(l.filingsPerSecond),
            fmt(l.p50Ms, 1),
            fmt(l.p99Ms, 1),
            Object.entries(l.unexpected).map(([c, n]) => `${c}×${n}`).join(' ') || '0',
            l.errors + l.timeouts,
            fmt(l.transactionsPerFiling, 2),
            fmt(l.serverCpuMsPerFiling, 3),
            fmt(l.dbCpuMsPerFiling, 3),
          ]),
        ),
      );
      out.push('');
      out.push(`GAB / bare: ${fmt(ratio, 2)}× filings/s; CPU efficiency (bare CPU per filing ÷ GAB CPU per filing) ${fmt(cpuRatio, 2)}×`);
      out.push(
        `Integrity: GAB ${integrity.gab!.filings} filings numbered 1…${integrity.gab!.maxSequence} (${gapless(integrity.gab!) ? 'no gaps, no duplicates' : 'GAPS OR DUPLICATES'}), ${audits} audit entries; ` +
          `bare ${integrity.bare!.filings} numbered 1…${integrity.bare!.maxSequence} (${gapless(integrity.bare!) ? 'no gaps' : 'GAPS'}).`,
      );
      out.push(`Total bench time ${((performance.now() - started) / 1000).toFixed(1)} s${CPU_PROF_DIR ? `; GAB CPU profile in ${CPU_PROF_DIR}` : ''}`);
      process.stdout.write(`${out.join('\n')}\n\n`);
      if (!gapless(integrity.gab!) || !gapless(integrity.bare!) || audits !== integrity.gab!.filings) {
        process.exitCode = 1;
        log('integrity check failed');
      }
      process.stdout.write(
        `${JSON.stringify({
          bench: 'gab-pqrs',
          at: new Date().toISOString(),
          machine,
          settings: { seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, connections: CONNECTIONS },
          loads: loads.map((l) => ({ ...l, filingsPerSecond: Number(l.filingsPerSecond.toFixed(1)) })),
          ratio: Number(ratio.toFixed(3)),
          cpuEfficiency: Number(cpuRatio.toFixed(3)),
          integrity: { ...integrity, gabAuditEntries: audits },
        })}\n`,
      );
    }
  }

  await runner.run(main);
}

