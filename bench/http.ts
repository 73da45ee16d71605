/**
 * `npm run bench:http` — HTTP figures for GAB, in one run:
 *
 *  1. Startup: `node bin/gab.mjs serve` on a fresh data directory, ms from spawn to the first 200
 *     of GET /healthz and of GET /; then SIGTERM and a warm restart on the same directory.
 *  2. Throughput: autocannon against GET / and GET /api/v1/localidades on GAB (PGlite, and
 *     PostgreSQL when BENCH_DATABASE_URL is set) and on a bare Fastify server (bench/bare-server.tsx)
 *     serving a page of the same size/shape and the same JSON. Reports req/s, p50/p99, non-2xx,
 *     bytes per response and server CPU time per request (utime+stime from /proc/<pid>/stat).
 *  3. A table on stdout and a final JSON line with every figure.
 *
 * Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (2),
 *      BENCH_DATABASE_URL (admin URL; a scratch database is created next to it and dropped),
 *      BENCH_CPU_PROF=<dir> (run the GAB/PGlite child with --cpu-prof, profiles written there).
 *
 * The PGlite throughput run reuses the warm-restarted server from step 1 (its data directory was
 * created fresh in this run and holds only the seeds), which keeps the default run near 70 s.
 * Everything started is stopped on exit, errors and Ctrl-C; temp dirs and scratch databases go too.
 */
import autocannon from 'autocannon';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { CLK_TCK, cpuTicks, fmt, positiveInt, ROOT, table } from './support/runner.ts';

const SECONDS = positiveInt('BENCH_SECONDS', 10);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 50);
const WARMUP_SECONDS = positiveInt('BENCH_WARMUP_SECONDS', 2);
const ADMIN_URL = process.env.BENCH_DATABASE_URL?.trim() || null;
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF?.trim() ? resolve(process.env.BENCH_CPU_PROF.trim()) : null;
const STARTUP_TIMEOUT_MS = 120_000;
const TARGET_HOME_RATIO = 0.5;


const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

// ---------------------------------------------------------------------------------------------
// Cleanup: every child, temp dir and scratch database is registered here as soon as it exists.

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
const scratchDbs = new Set<{ adminUrl: string; name: string }>();

async function dropScratchDb(entry: { adminUrl: string; name: string }): Promise<void> {
  const client = new pg.Client({ connectionString: entry.adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(entry.name)} WITH (FORCE)`);
    scratchDbs.delete(entry);
  } finally {
    await client.end().catch(() => undefined);
  }
}

let cleaningUp: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaningUp ??= (async () => {
    await Promise.all([...children].map((child) => stopChild(child, 3000).catch(() => undefined)));
    for (const dir of tempDirs) {
      rmSync(dir, { recursive: true, force: true });
      tempDirs.delete(dir);
    }
    for (const entry of [...scratchDbs]) {
      await dropScratchDb(entry).catch((error: unknown) => log(`could not drop scratch database ${entry.name}: ${String(error)}`));
    }
  })();
  return cleaningUp;
}

// Last resort (synchronous): whatever is still around when the process exits.
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  for (const entry of scratchDbs) {
    try {
      execFileSync('psql', [entry.adminUrl, '-qc', `DROP DATABASE IF EXISTS "${entry.name}" WITH (FORCE)`], { stdio: 'ignore', timeout: 5000 });
    } catch {
      process.stderr.write(`[bench] scratch database ${entry.name} may remain; drop it by hand\n`);
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

function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
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
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

interface Server {
  label: string;
  child: ChildProcess;
  pid: number;
  port: number;
  spawnedAt: number;
  output: () => string;
}

function startChild(label: string, args: string[], env: Record<string, string>, port: number): Server {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  if (!child.pid) throw new Error(`${label}: spawn failed`);
  return { label, child, pid: child.pid, port, spawnedAt, output: () => output };
}

function gabEnv(dataDir: string, databaseUrl: string | null): Record<string, string> {
  const env: Record<string, string> = {
    GAB_DATA_DIR: dataDir,
    GAB_LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    GAB_SECRET: randomBytes(32).toString('base64url'),
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return env;
}

function startGab(label: string, dataDir: string, port: number, options: { databaseUrl?: string | null; profile?: boolean } = {}): Server {
  const nodeFlags = options.profile && CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : [];
  return startChild(label, [...nodeFlags, 'bin/gab.mjs', 'serve'], gabEnv(dataDir, options.databaseUrl ?? null), port);
}

function startBare(port: number): Server {
  return startChild('bare', ['--import', 'tsx', 'bench/bare-server.tsx'], { NODE_ENV: 'production' }, port);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves with the ms the process took to exit. */
function stopChild(child: ChildProcess, graceMs = 10_000): Promise<number> {
  const started = performance.now();
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(0);
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop(performance.now() - started);
    });
    child.kill('SIGTERM');
  });
}

async function probe(url: string): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** Polls `path` every 20 ms; resolves with ms since spawn at the first 200. */
async function waitFor200(server: Server, path: string): Promise<number> {
  const deadline = performance.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      const how = server.child.exitCode ?? server.child.signalCode;
      const hint = server.child.signalCode ? ' (killed by a signal this bench did not send: another process?)' : '';
      throw new Error(`${server.label} exited (${how})${hint} before ${path} answered 200:\n${server.output()}`);
    }
    if ((await probe(`http://127.0.0.1:${server.port}${path}`)) === 200) return performance.now() - server.spawnedAt;
    if (performance.now() > deadline) throw new Error(`${server.label}: no 200 from ${path} within ${STARTUP_TIMEOUT_MS} ms:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// ---------------------------------------------------------------------------------------------
// Measurements

interface StartupFigures {
  healthzMs: number;
  homeMs: number;
  /** What GAB itself logs ("listo en N ms": database open + migrations + seeds + buildApp + listen). */
  selfReportedReadyMs: number | null;
  shutdownMs: number | null;
}

async function measureStartup(server: Server): Promise<Omit<StartupFigures, 'shutdownMs'>> {
  const healthzMs = await waitFor200(server, '/healthz');
  const homeMs = await waitFor200(server, '/');
  const ready = /listo en (\d+) ms/.exec(server.output());
  return { healthzMs, homeMs, selfReportedReadyMs: ready ? Number(ready[1]) : null };
}


/** PostgreSQL backends serving one database (only meaningful when the server runs on this machine). */
interface DbCpuProbe {
  ticks(): Promise<Map<number, number>>;
}

function postgresCpuProbe(admin: pg.Client, database: string): DbCpuProbe {
  return {
    async ticks() {
      const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
      return new Map(rows.filter((r) => existsSync(`/proc/${r.pid}/stat`)).map((r) => [r.pid, cpuTicks(r.pid)]));
    },
  };
}

interface LoadFigures {
  target: string;
  url: string;
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bodyBytes: number;
  wireBytesPerResponse: number;
  serverCpuMsPerReq: number;
  /** PostgreSQL backend CPU per request (separate processes); null for PGlite (in-process) and bare. */
  dbCpuMsPerReq: number | null;
  totalCpuMsPerReq: number;
}

function runAutocannon(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, pipelining: 1, timeout: 10 });
}

async function measureLoad(target: string, server: Server, path: string, dbProbe: DbCpuProbe | null = null): Promise<LoadFigures> {
  const url = `http://127.0.0.1:${server.port}${path}`;
  const sample = await fetch(url);
  const bodyBytes = (await sample.arrayBuffer()).byteLength;
  if (sample.status !== 200) throw new Error(`${target}: GET ${path} answered ${sample.status}`);
  log(`${target}: warm-up ${WARMUP_SECONDS} s, then ${SECONDS} s × ${CONNECTIONS} connections`);
  await runAutocannon(url, WARMUP_SECONDS);

  const dbBefore = dbProbe ? await dbProbe.ticks() : null;
  const before = cpuTicks(server.pid);
  const result = await runAutocannon(url, SECONDS);
  const after = cpuTicks(server.pid);
  const dbAfter = dbProbe ? await dbProbe.ticks() : null;

  const requests = result.requests.total;
  const perReq = (ticks: number) => (requests > 0 ? ((ticks / CLK_TCK) * 1000) / requests : NaN);
  let dbTicks: number | null = null;
  if (dbBefore && dbAfter) {
    dbTicks = 0;
    for (const [pid, ticks] of dbAfter) dbTicks += ticks - (dbBefore.get(pid) ?? 0);
  }
  const serverCpuMsPerReq = perReq(after - before);
  const dbCpuMsPerReq = dbTicks === null ? null : perReq(dbTicks);
  return {
    target,
    url: path,
    requests,
    reqPerSec: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bodyBytes,
    wireBytesPerResponse: requests > 0 ? result.throughput.total / requests : NaN,
    serverCpuMsPerReq,
    dbCpuMsPerReq,
    totalCpuMsPerReq: serverCpuMsPerReq + (dbCpuMsPerReq ?? 0),
  };
}

// ---------------------------------------------------------------------------------------------
// Output

const round = (value: number | null, digits: number) => (value === null || !Number.isFinite(value) ? null : Number(value.toFixed(digits)));

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = performance.now();
  const machine = { cpus: (await import('node:os')).cpus().length, loadavg1m: (await import('node:os')).loadavg()[0]!, node: process.version, clkTck: CLK_TCK };
  log(`${SECONDS} s × ${CONNECTIONS} connections per target (warm-up ${WARMUP_SECONDS} s); ${machine.cpus} CPUs, load ${machine.loadavg1m.toFixed(2)}`);

  const startup: Record<string, StartupFigures> = {};
  const loads: LoadFigures[] = [];

  // 1. Startup on a fresh PGlite directory, then a warm restart on the same directory.
  const dataDir = makeTempDir('gab-bench-pglite-');
  let port = await freePort();
  log('GAB/PGlite: cold start on a fresh data directory…');
  const cold = startGab('gab-pglite-cold', dataDir, port);
  const coldFigures = await measureStartup(cold);
  startup['pglite-fresh'] = { ...coldFigures, shutdownMs: await stopChild(cold.child) };

  port = await freePort();
  log('GAB/PGlite: warm restart on the same directory…');
  const gab = startGab('gab-pglite', dataDir, port, { profile: true });
  const warmFigures = await measureStartup(gab);

  // 2a. Throughput, GAB on PGlite (the warm-restarted server).
  loads.push(await measureLoad('GAB pglite  GET /', gab, '/'));
  loads.push(await measureLoad('GAB pglite  GET /api/v1/localidades', gab, '/api/v1/localidades'));
  startup['pglite-warm'] = { ...warmFigures, shutdownMs: await stopChild(gab.child) };
  removeTempDir(dataDir);

  // 2b. Bare Fastify.
  port = await freePort();
  log('bare Fastify: starting…');
  const bare = startBare(port);
  const bareStartMs = await waitFor200(bare, '/');
  loads.push(await measureLoad('bare        GET /', bare, '/'));
  loads.push(await measureLoad('bare        GET /api/v1/localidades', bare, '/api/v1/localidades'));
  await stopChild(bare.child);

  // 2c. GAB on PostgreSQL, in a scratch database next to BENCH_DATABASE_URL.
  if (ADMIN_URL) {
    const scratch = { adminUrl: ADMIN_URL, name: `gab_bench_${randomBytes(6).toString('hex')}` };
    const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
    await admin.connect();
    try {
      scratchDbs.add(scratch);
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(scratch.name)}`);
      const url = new URL(ADMIN_URL);
      url.pathname = `/${scratch.name}`;
      const pgDataDir = makeTempDir('gab-bench-pg-');
      port = await freePort();
      log(`GAB/PostgreSQL: cold start on scratch database ${scratch.name}…`);
      const gabPg = startGab('gab-postgres', pgDataDir, port, { databaseUrl: url.toString() });
      const pgFigures = await measureStartup(gabPg);
      const pgHost = url.hostname;
      const local = ['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(pgHost);
      const probeDb = local ? postgresCpuProbe(admin, scratch.name) : null;
      loads.push(await measureLoad('GAB pg      GET /', gabPg, '/', probeDb));
      loads.push(await measureLoad('GAB pg      GET /api/v1/localidades', gabPg, '/api/v1/localidades', probeDb));
      startup['postgres-fresh'] = { ...pgFigures, shutdownMs: await stopChild(gabPg.child) };
      removeTempDir(pgDataDir);
    } finally {
      await admin.end().catch(() => undefined);
      await dropScratchDb(scratch).catch((error: unknown) => log(`could not drop ${scratch.name}: ${String(error)}`));
    }
  }

  // 3. Report.
  const by = (target: string) => loads.find((l) => l.target === target);
  const bareHome = by('bare        GET /')!;
  const bareApi = by('bare        GET /api/v1/localidades')!;
  const ratios: Record<string, { reqPerSec: number; cpuEfficiency: number }> = {};
  for (const [kind, prefix] of [['pglite', 'GAB pglite  '], ['postgres', 'GAB pg      ']] as const) {
    for (const [route, baseline, path] of [['home', bareHome, 'GET /'], ['api', bareApi, 'GET /api/v1/localidades']] as const) {
      const gabLoad = by(`${prefix}${path}`);
      if (!gabLoad) continue;
      ratios[`${kind}.${route}`] = {
        reqPerSec: gabLoad.reqPerSec / baseline.reqPerSec,
        cpuEfficiency: baseline.serverCpuMsPerReq / gabLoad.totalCpuMsPerReq,
      };
    }
  }

  const out: string[] = [];
  out.push('');
  out.push(`GAB HTTP benchmark — ${new Date().toISOString()} — ${machine.cpus} CPUs (shared with autocannon), node ${machine.node}, load before run ${machine.loadavg1m.toFixed(2)}`);
  out.push(`autocannon: ${CONNECTIONS} connections, warm-up ${WARMUP_SECONDS} s, measured ${SECONDS} s; CPU from /proc/<pid>/stat at CLK_TCK=${CLK_TCK}`);
  out.push('');
  out.push('Startup (ms from spawn; GAB_LOG_LEVEL=warn, NODE_ENV=production)');
  out.push(
    table(
      ['run', 'first 200 /healthz', 'first 200 /', 'self-reported ready', 'shutdown (SIGTERM→exit)'],
      [
        ...Object.entries(startup).map(([run, s]) => [run, fmt(s.healthzMs), fmt(s.homeMs), fmt(s.selfReportedReadyMs), fmt(s.shutdownMs)]),
        ['bare Fastify', '—', fmt(bareStartMs), '—', '—'],
      ],
    ),
  );
  out.push('');
  out.push('Throughput');
  out.push(
    table(
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'body B', 'wire B/resp', 'server CPU ms/req', 'db CPU ms/req', 'total CPU ms/req'],
      loads.map((l) => [
        l.target,
        fmt(l.reqPerSec),
        fmt(l.p50Ms),
        fmt(l.p99Ms),
        l.non2xx,
        l.errors,
        l.bodyBytes,
        fmt(l.wireBytesPerResponse),
        fmt(l.serverCpuMsPerReq, 3),
        fmt(l.dbCpuMsPerReq, 3),
        fmt(l.totalCpuMsPerReq, 3),
      ]),
    ),
  );
  out.push('');
  out.push('GAB / bare  (req/s ratio; CPU efficiency = bare CPU/req ÷ GAB total CPU/req — the stable figure on a shared 2-core box)');
  out.push(table(['comparison', 'req/s ratio', 'CPU efficiency'], Object.entries(ratios).map(([k, r]) => [k, fmt(r.reqPerSec, 2), fmt(r.cpuEfficiency, 2)])));
  out.push('');
  const verdicts: Record<string, { cpuEfficiency: string; reqPerSec: string }> = {};
  for (const kind of ['pglite', 'postgres']) {
    const r = ratios[`${kind}.home`];
    if (!r) continue;
    verdicts[kind] = {
      cpuEfficiency: r.cpuEfficiency >= TARGET_HOME_RATIO ? 'PASS' : 'FAIL',
      reqPerSec: r.reqPerSec >= TARGET_HOME_RATIO ? 'PASS' : 'FAIL',
    };
    out.push(
      `Target "home ≥ ${TARGET_HOME_RATIO}× bare" (${kind}): ${verdicts[kind]!.cpuEfficiency} on CPU/request (${fmt(r.cpuEfficiency, 2)}×); ` +
        `${verdicts[kind]!.reqPerSec} on req/s (${fmt(r.reqPerSec, 2)}×)`,
    );
  }
  out.push(`Total bench time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (CPU_PROF_DIR) out.push(`CPU profile of the GAB/PGlite server written to ${CPU_PROF_DIR}`);
  process.stdout.write(`${out.join('\n')}\n\n`);

  const json = {
    bench: 'gab-http',
    at: new Date().toISOString(),
    machine,
    settings: { seconds: SECONDS, connections: CONNECTIONS, warmupSeconds: WARMUP_SECONDS, postgres: Boolean(ADMIN_URL) },
    startup: Object.fromEntries(
      Object.entries(startup).map(([k, s]) => [
        k,
        { healthzMs: round(s.healthzMs, 0), homeMs: round(s.homeMs, 0), selfReportedReadyMs: s.selfReportedReadyMs, shutdownMs: round(s.shutdownMs, 0) },
      ]),
    ),
    bareStartupHomeMs: round(bareStartMs, 0),
    throughput: loads.map((l) => ({
      ...l,
      target: l.target.replace(/\s+/g, ' '),
      reqPerSec: round(l.reqPerSec, 1),
      wireBytesPerResponse: round(l.wireBytesPerResponse, 0),
      serverCpuMsPerReq: round(l.serverCpuMsPerReq, 4),
      dbCpuMsPerReq: round(l.dbCpuMsPerReq, 4),
      totalCpuMsPerReq: round(l.totalCpuMsPerReq, 4),
    })),
    ratios: Object.fromEntries(Object.entries(ratios).map(([k, r]) => [k, { reqPerSec: round(r.reqPerSec, 3), cpuEfficiency: round(r.cpuEfficiency, 3) }])),
    target: { homeMinRatio: TARGET_HOME_RATIO, verdicts },
  };
  process.stdout.write(`${JSON.stringify(json)}\n`);
}

try {
  await main();
} catch (error) {
  if (interrupted) await new Promise(() => undefined); // the signal handler cleans up and exits
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
