/**
 * `npm run bench:pb-vote` — ballots per second through GAB's full HTTP stack, beside a bare route.
 *
 *  1. Creates a scratch PostgreSQL database next to BENCH_DATABASE_URL (default: the local server),
 *     starts GAB on it (`bin/gab.mjs serve`: migrations and reference data), and inserts an edition
 *     in its voting window with BENCH_PROPOSALS viable proposals in Fontibón (approval, up to 3),
 *     a twin edition for the baseline, and BENCH_VOTERS verified residents of Fontibón, each with a
 *     session row (as signing in leaves one).
 *  2. autocannon posts ballots to `/presupuestos-participativos/<slug>/09/votar` as browsers do:
 *     session and CSRF cookies, the CSRF token in the form, 1–3 projects ticked; voters rotate, so
 *     after the first pass every ballot replaces an earlier one. Each request goes through session
 *     and actor loading, CSRF, the write rate limit, eligibility (requirements, phase, residence),
 *     validation, the voter-roll/ballot statement and the audit entry, and answers 303. Each voter
 *     comes from their own address through a trusted proxy (X-Forwarded-For), as in production:
 *     from one address every ballot would queue on that address's rate-limit counter row.
 *  3. The same load against bench/pb-vote-bare.ts: Fastify + pg doing the same upsert (voter row,
 *     ballot and choices in one transaction), nothing else. Both servers stay up and the measured
 *     rounds alternate between them (BENCH_ROUNDS of BENCH_SECONDS each), so drift hits both.
 *  4. Checks one ballot per voter in each edition, prints ballots/s, p50/p99, CPU per ballot
 *     (server + PostgreSQL backends) and the GAB/bare ratio against the targets (≥ 0.5× bare and
 *     ≥ 1,000 ballots/s), then a JSON line. Drops the database and stops everything, also on Ctrl-C.
 *
 * Env: BENCH_DATABASE_URL, BENCH_SECONDS (6, per round), BENCH_ROUNDS (3), BENCH_WARMUP_SECONDS (8), BENCH_CONNECTIONS (32),
 *      BENCH_VOTERS (3000), BENCH_PROPOSALS (12), BENCH_CPU_PROF=<dir> (profile the GAB server).
 */
import autocannon from 'autocannon';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import { BenchRunner, fmt, positiveInt, table, type CostPerRequest, type Server } from './support/runner.ts';

const SECONDS = positiveInt('BENCH_SECONDS', 6);
const ROUNDS = positiveInt('BENCH_ROUNDS', 3);
const WARMUP_SECONDS = positiveInt('BENCH_WARMUP_SECONDS', 8);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 32);
const VOTERS = positiveInt('BENCH_VOTERS', 3000);
const PROPOSALS = positiveInt('BENCH_PROPOSALS', 12);
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF?.trim() ? resolve(process.env.BENCH_CPU_PROF.trim()) : null;
const TARGET_RATIO = 0.5;
const TARGET_BALLOTS_PER_SECOND = 1000;
const SECRET = randomBytes(32).toString('base64url');
const CSRF_SEED = randomBytes(24).toString('base64url');
const runner = new BenchRunner('pb-vote');
const log = (line: string) => runner.log(line);

// ---------------------------------------------------------------------------------------------
// Fixtures

interface Fixture {
  gab: { slug: string; id: string; envelopeId: string };
  bare: { id: string; envelopeId: string };
  numbers: number[];
  voters: { cookie: string; identityHash: string }[];
}

async function createEdition(db: pg.Client, slug: string): Promise<{ id: string; envelopeId: string; numbers: number[] }> {
  const day = 86_400_000;
  const at = (days: number) => new Date(Date.now() + days * day).toISOString();
  const edition = await db.query<{ id: string }>(
    `INSERT INTO participatory_budgets_editions (slug, year, title, ballot_rule, ballot_config, proposals_open_at, proposals_close_at, review_close_at, voting_open_at, voting_close_at)
     VALUES ($1, 2026, $2, 'approval', '{"maxChoices":3}', $3, $4, $5, $6, $7) RETURNING id`,
    [slug, `Edición de carga ${slug}`, at(-40), at(-30), at(-20), at(-10), at(10)],
  );
  const id = edition.rows[0]!.id;
  const envelope = await db.query<{ id: string }>(`INSERT INTO participatory_budgets_envelopes (edition_id, localidad_code, name, amount) VALUES ($1, '09', 'Fontibón', 10000000000) RETURNING id`, [id]);
  const envelopeId = envelope.rows[0]!.id;
  const numbers: number[] = [];
  for (let n = 1; n <= PROPOSALS; n++) {
    await db.query(
      `INSERT INTO participatory_budgets_proposals (edition_id, envelope_id, number, title, estimated_cost, assessed_cost, status)
       VALUES ($1, $2, $3, $4, $5, $5, 'viable')`,
      [id, envelopeId, n, `Proyecto de carga número ${n}`, 100_000_000 + n * 1_000_000],
    );
    numbers.push(n);
  }
  return { id, envelopeId, numbers };
}

async function createFixture(url: string): Promise<Fixture> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const gab = await createEdition(db, 'carga-gab');
    const bare = await createEdition(db, 'carga-bare');
    // Verified adult residents of Fontibón with a session each (only the cookie's SHA-256 is stored).
    const cookies = Array.from({ length: VOTERS }, () => randomBytes(32).toString('base64url'));
    await db.query('BEGIN');
    const users = await db.query<{ id: string }>(
      `INSERT INTO core_users (email, display_name) SELECT 'votante-' || g || '@carga.example', 'Votante ' || g FROM generate_series(1, $1::int) g ORDER BY g RETURNING id`,
      [VOTERS],
    );
    const ids = users.rows.map((r) => r.id);
    const hashes = ids.map((id) => createHash('sha256').update(`carga:${id}`).digest('hex'));
    await db.query(
      `INSERT INTO core_identities (identity_hash, user_id, provider, birth_date, expires_at)
       SELECT h, u, 'registry', '1985-03-03', now() + interval '1 year' FROM unnest($1::text[], $2::uuid[]) AS t(h, u)`,
      [hashes, ids],
    );
    await db.query(`INSERT INTO core_residences (user_id, localidad_code, provider, expires_at) SELECT u, '09', 'registry', now() + interval '1 year' FROM unnest($1::uuid[]) AS t(u)`, [ids]);
    await db.query(
      `INSERT INTO core_sessions (id, user_id, data, expires_at, user_agent, ip_hash)
       SELECT s, u, '{}', now() + interval '1 day', 'bench', NULL FROM unnest($1::text[], $2::uuid[]) AS t(s, u)`,
      [cookies.map((c) => createHash('sha256').update(c).digest('hex')), ids],
    );
    await db.query('COMMIT');
    return {
      gab: { slug: 'carga-gab', id: gab.id, envelopeId: gab.envelopeId },
      bare: { id: bare.id, envelopeId: bare.envelopeId },
      numbers: gab.numbers,
      voters: cookies.map((cookie, i) => ({ cookie, identityHash: hashes[i]! })),
    };
  } finally {
    await db.end();
  }
}

/** 1–3 distinct projects, varied per request (what a ballot under approval-of-3 may hold). */
function ballot(numbers: number[], i: number): string[] {
  const count = 1 + (i % 3);
  const chosen = new Set<number>();
  for (let k = 0; chosen.size < count; k++) chosen.add(numbers[(i * 7 + k * 5) % numbers.length]!);
  return [...chosen].map(String);
}

// ---------------------------------------------------------------------------------------------
// Load

interface LoadFigures extends CostPerRequest {
  target: string;
  requests: number;
  ballotsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  unexpected: Record<string, number>;
  errors: number;
  timeouts: number;
}

type RequestFor = (i: number) => { headers: Record<string, string>; body: string };

function load(url: string, seconds: number, requestFor: RequestFor): Promise<autocannon.Result> {
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

/** One measured round against one target (after the targets' warm-up). */
async function round(target: string, server: Server, path: string, okStatus: number, requestFor: RequestFor, database: string): Promise<LoadFigures> {
  const before = await runner.snapshot(server, database);
  const result = await load(`${server.url}${path}`, SECONDS, requestFor);
  const codes = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const ok = codes[String(okStatus)]?.count ?? 0;
  const cost = await runner.cost(server, database, before, ok);
  const unexpected = Object.fromEntries(Object.entries(codes).filter(([code]) => code !== String(okStatus)).map(([code, s]) => [code, s.count]));
  return {
    target,
    requests: result.requests.total,
    ballotsPerSecond: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    unexpected,
    errors: result.errors,
    timeouts: result.timeouts,
    ...cost,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The rounds of one target as one figure: rates and costs over all rounds, latencies the median round's. */
function combine(rounds: LoadFigures[]): LoadFigures {
  const ballots = rounds.map((r) => r.ballotsPerSecond * SECONDS);
  const total = ballots.reduce((a, b) => a + b, 0);
  const weighted = (key: keyof CostPerRequest) => rounds.reduce((sum, r, i) => sum + r[key] * ballots[i]!, 0) / total;
  const unexpected: Record<string, number> = {};
  for (const r of rounds) for (const [code, n] of Object.entries(r.unexpected)) unexpected[code] = (unexpected[code] ?? 0) + n;
  const serverCpuMs = weighted('serverCpuMs');
  const dbCpuMs = weighted('dbCpuMs');
  const clientCpuMs = weighted('clientCpuMs');
  return {
    target: rounds[0]!.target,
    requests: rounds.reduce((sum, r) => sum + r.requests, 0),
    ballotsPerSecond: total / (SECONDS * rounds.length),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    unexpected,
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    timeouts: rounds.reduce((sum, r) => sum + r.timeouts, 0),
    serverCpuMs,
    dbCpuMs,
    clientCpuMs,
    transactions: weighted('transactions'),
    cpuBoundPerSecond: (cpus().length * 1000) / (serverCpuMs + dbCpuMs + clientCpuMs),
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = performance.now();
  const machine = { cpus: cpus().length, loadavg1m: loadavg()[0]!, node: process.version };
  {
    const { url: databaseUrl, name: scratch } = await runner.scratchDatabase('gab_bench_vote');
    const dataDir = runner.tempDir('gab-bench-vote-');
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
        // Voters come through a proxy (X-Forwarded-For below), each from their own address, as in
        // production; the per-address write limit still counts every ballot in the database.
        GAB_TRUST_PROXY: 'true',
      },
    );
    log(`fixtures: ${VOTERS} verified residents with sessions, ${PROPOSALS} viable proposals per edition…`);
    const fixture = await createFixture(databaseUrl);

    const csrfToken = createHmac('sha256', SECRET).update(`csrf\u0000${CSRF_SEED}`).digest('base64url');
    const gabPath = `/presupuestos-participativos/${fixture.gab.slug}/09/votar`;
    const form = (fields: [string, string][]) => fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    const gabRequest: RequestFor = (i) => {
      const voter = fixture.voters[i % VOTERS]!;
      return {
        headers: {
          cookie: `gab_sid=${voter.cookie}; gab_csrf=${CSRF_SEED}`,
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': `10.${(i % VOTERS) >> 16}.${((i % VOTERS) >> 8) & 255}.${(i % VOTERS) & 255}`,
        },
        body: form([['_csrf', csrfToken], ...ballot(fixture.numbers, i).map((n): [string, string] => ['proyecto', n])]),
      };
    };
    const bareRequest: RequestFor = (i) => {
      const voter = fixture.voters[i % VOTERS]!;
      return {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form([['voter', voter.identityHash], ...ballot(fixture.numbers, i).map((n): [string, string] => ['proyecto', n])]),
      };
    };

    // A request that is not 303 means the stack refused it: show why before measuring.
    const probe = gabRequest(0);
    const check = await fetch(`${gab.url}${gabPath}`, { method: 'POST', headers: probe.headers, body: probe.body, redirect: 'manual' });
    if (check.status !== 303) throw new Error(`GAB answered ${check.status} to a ballot:\n${(await check.text()).slice(0, 2000)}`);

    log('bare Fastify + pg: starting…');
    const bare = await runner.start(
      'bare',
      ['--import', 'tsx', 'bench/pb-vote-bare.ts'],
      { DATABASE_URL: databaseUrl, GAB_SECRET: SECRET, BENCH_EDITION_ID: fixture.bare.id, BENCH_ENVELOPE_ID: fixture.bare.envelopeId, NODE_ENV: 'production' },
    );

    // Rounds alternate between the two servers (both stay up; the idle one costs nothing), so a
    // drift of the machine (autovacuum, a checkpoint, a neighbour) falls on both alike.
    const targets = [
      { name: 'GAB  POST …/votar (full stack)', server: gab, path: gabPath, requestFor: gabRequest },
      { name: 'bare POST /votar (upsert only)', server: bare, path: '/votar', requestFor: bareRequest },
    ];
    for (const t of targets) {
      log(`${t.name}: warm-up ${WARMUP_SECONDS} s`);
      await load(`${t.server.url}${t.path}`, WARMUP_SECONDS, t.requestFor);
    }
    const rounds: LoadFigures[][] = targets.map(() => []);
    for (let r = 1; r <= ROUNDS; r++) {
      for (const [i, t] of targets.entries()) {
        log(`round ${r}/${ROUNDS}: ${t.name}, ${SECONDS} s × ${CONNECTIONS} connections`);
        const figures = await round(t.name, t.server, t.path, 303, t.requestFor, scratch);
        rounds[i]!.push(figures);
        log(`  ${fmt(figures.ballotsPerSecond)} ballots/s, p50 ${figures.p50Ms} ms, CPU ms/ballot server ${fmt(figures.serverCpuMs, 3)} db ${fmt(figures.dbCpuMs, 3)}, load ${loadavg()[0]!.toFixed(2)}`);
      }
    }
    const loads = rounds.map(combine);
    const roundRatios = rounds[0]!.map((g, r) => g.ballotsPerSecond / rounds[1]![r]!.ballotsPerSecond);
    await runner.stop(gab);
    await runner.stop(bare);

    // One ballot per voter, in both editions.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const integrity: Record<string, { voters: number; ballots: number; ballotsWithoutChoices: number }> = {};
    for (const [name, edition] of [
      ['gab', fixture.gab],
      ['bare', fixture.bare],
    ] as const) {
      const { rows } = await db.query<{ voters: number; ballots: number; empty: number }>(
        `SELECT (SELECT count(*)::int FROM participatory_budgets_voters WHERE edition_id = $1) AS voters,
                (SELECT count(*)::int FROM participatory_budgets_ballots WHERE envelope_id = $2) AS ballots,
                (SELECT count(*)::int FROM participatory_budgets_ballots b WHERE envelope_id = $2
                   AND NOT EXISTS (SELECT 1 FROM participatory_budgets_ballot_choices c WHERE c.ballot_id = b.id)) AS empty`,
        [edition.id, edition.envelopeId],
      );
      integrity[name] = { voters: rows[0]!.voters, ballots: rows[0]!.ballots, ballotsWithoutChoices: rows[0]!.empty };
    }
    const audits = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM core_audit_log WHERE action = 'participatory-budgets.vote'`);
    await db.end();

    const [gabLoad, bareLoad] = loads as [LoadFigures, LoadFigures];
    const ratio = gabLoad.ballotsPerSecond / bareLoad.ballotsPerSecond;
    const cpuRatio = (bareLoad.serverCpuMs + bareLoad.dbCpuMs) / (gabLoad.serverCpuMs + gabLoad.dbCpuMs);
    const boundRatio = gabLoad.cpuBoundPerSecond / bareLoad.cpuBoundPerSecond;
    const out: string[] = [''];
    out.push(
      `GAB ballot benchmark — ${new Date().toISOString()} — ${machine.cpus} CPUs (shared by GAB, PostgreSQL and autocannon), node ${machine.node}, load before ${machine.loadavg1m.toFixed(2)}, after ${loadavg()[0]!.toFixed(2)}`,
    );
    out.push(`PostgreSQL scratch database; ${VOTERS} voters rotating (first pass casts, later passes change), ${PROPOSALS} proposals, 1–3 ticked; ${CONNECTIONS} connections, warm-up ${WARMUP_SECONDS} s, then ${ROUNDS} alternating rounds of ${SECONDS} s per target`);
    out.push('');
    out.push(
      table(
        ['target', 'ballots/s', 'p50 ms', 'p99 ms', 'other statuses', 'errors', 'db xacts/ballot', 'server CPU ms/ballot', 'db CPU ms/ballot', 'client CPU ms/ballot', 'CPU-bound ballots/s'],
        loads.map((l) => [
          l.target,
          fmt(l.ballotsPerSecond),
          fmt(l.p50Ms, 1),
          fmt(l.p99Ms, 1),
          Object.entries(l.unexpected).map(([c, n]) => `${c}×${n}`).join(' ') || '0',
          l.errors + l.timeouts,
          fmt(l.transactions, 2),
          fmt(l.serverCpuMs, 3),
          fmt(l.dbCpuMs, 3),
          fmt(l.clientCpuMs, 3),
          fmt(l.cpuBoundPerSecond),
        ]),
      ),
    );
    out.push('');
    out.push(`Rounds (GAB then bare, alternating): GAB/bare ${roundRatios.map((r) => `${fmt(r, 2)}×`).join(', ')}`);
    out.push(`GAB / bare over all rounds: ${fmt(ratio, 2)}× ballots/s measured; ${fmt(boundRatio, 2)}× CPU-bound ballots/s; CPU efficiency (bare server+db CPU per ballot ÷ GAB's) ${fmt(cpuRatio, 2)}×`);
    const verdicts = { ratio: ratio >= TARGET_RATIO ? 'PASS' : 'FAIL', throughput: gabLoad.ballotsPerSecond >= TARGET_BALLOTS_PER_SECOND ? 'PASS' : 'FAIL' };
    out.push(`Target ≥ ${TARGET_RATIO}× bare: ${verdicts.ratio} (${fmt(ratio, 2)}×). Target ≥ ${TARGET_BALLOTS_PER_SECOND} ballots/s: ${verdicts.throughput} (${fmt(gabLoad.ballotsPerSecond)}).`);
    out.push(
      `Integrity: GAB ${integrity.gab!.voters} voter rows / ${integrity.gab!.ballots} ballots (${integrity.gab!.ballotsWithoutChoices} without choices), ${audits.rows[0]!.n} vote audit entries; ` +
        `bare ${integrity.bare!.voters} / ${integrity.bare!.ballots} (${integrity.bare!.ballotsWithoutChoices}).`,
    );
    out.push(`Total bench time ${((performance.now() - started) / 1000).toFixed(1)} s${CPU_PROF_DIR ? `; GAB CPU profile in ${CPU_PROF_DIR}` : ''}`);
    process.stdout.write(`${out.join('\n')}\n\n`);
    if (integrity.gab!.voters !== integrity.gab!.ballots || integrity.bare!.voters !== integrity.bare!.ballots) {
      process.exitCode = 1;
      log('integrity check failed: voters and ballots differ');
    }
    process.stdout.write(
      `${JSON.stringify({
        bench: 'gab-pb-vote',
        at: new Date().toISOString(),
        machine,
        settings: { seconds: SECONDS, rounds: ROUNDS, warmupSeconds: WARMUP_SECONDS, connections: CONNECTIONS, voters: VOTERS, proposals: PROPOSALS },
        loads: loads.map((l) => ({ ...l, ballotsPerSecond: Number(l.ballotsPerSecond.toFixed(1)) })),
        ratio: Number(ratio.toFixed(3)),
        roundRatios: roundRatios.map((r) => Number(r.toFixed(3))),
        cpuBoundRatio: Number(boundRatio.toFixed(3)),
        cpuEfficiency: Number(cpuRatio.toFixed(3)),
        targets: { ratio: TARGET_RATIO, ballotsPerSecond: TARGET_BALLOTS_PER_SECOND, verdicts },
        integrity,
      })}\n`,
    );
  }
}

await runner.run(main);
