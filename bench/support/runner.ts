/**
 * What every HTTP benchmark of GAB needs, in one place: a scratch PostgreSQL database next to
 * BENCH_DATABASE_URL, child servers (GAB and a bare baseline) on free ports, CPU accounting of the
 * server and of the database backends, database transactions per request, and the cleanup of all
 * of it on success, error and Ctrl-C. bench/pb-vote.ts uses it; the figures it prints are computed
 * the same way for GAB and for the bare route, in the same run.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A positive integer from the environment, or `fallback`; anything else stops the bench. */
export function positiveInt(key: string, fallback: number): number {
  const raw = process.env[key];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${key} must be a positive integer (got "${raw}")`);
  return value;
}

/** Clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
export const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU ticks of a process so far (0 once it is gone). */
export function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

export interface Server {
  label: string;
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  output: () => string;
}

/** CPU and transactions spent between two snapshots, per successful request. */
export interface CostPerRequest {
  serverCpuMs: number;
  dbCpuMs: number;
  clientCpuMs: number;
  /** Database transactions (statements outside BEGIN…COMMIT count one each) per request. */
  transactions: number;
  /** Requests per second the cores could sustain doing nothing else: cores × 1000 ÷ CPU ms. */
  cpuBoundPerSecond: number;
}

export class BenchRunner {
  readonly adminUrl = process.env.BENCH_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
  private readonly children = new Set<ChildProcess>();
  private readonly tempDirs = new Set<string>();
  private scratch: string | null = null;
  private cleaning: Promise<void> | null = null;
  private interrupted = false;
  admin!: pg.Client;

  constructor(readonly name: string) {
    process.on('exit', () => this.cleanupSync());
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        if (this.interrupted) return;
        this.interrupted = true;
        this.log(`${signal}: stopping everything…`);
        void this.cleanup().finally(() => process.exit(130));
      });
    }
  }

  log(line: string): void {
    process.stderr.write(`[bench:${this.name}] ${line}\n`);
  }

  /** Runs the benchmark, then stops everything it started (also when it fails). */
  async run(main: () => Promise<void>): Promise<void> {
    try {
      this.admin = new pg.Client({ connectionString: this.adminUrl, connectionTimeoutMillis: 5000 });
      await this.admin.connect();
      await main();
    } catch (error) {
      if (this.interrupted) await new Promise(() => undefined);
      this.log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    } finally {
      await this.cleanup();
      await this.admin?.end().catch(() => undefined);
    }
  }

  /** Creates the scratch database (dropped at the end) and returns its URL and name. */
  async scratchDatabase(prefix: string): Promise<{ url: string; name: string }> {
    const name = `${prefix}_${Math.random().toString(16).slice(2, 12)}`;
    await this.admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    this.scratch = name;
    const url = new URL(this.adminUrl);
    url.pathname = `/${name}`;
    return { url: url.toString(), name };
  }

  tempDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.tempDirs.add(dir);
    return dir;
  }

  /** Starts `node …args` from the repository root with `env`, on a free port of 127.0.0.1. */
  async start(label: string, args: string[], env: Record<string, string>): Promise<Server> {
    const port = await freePort();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    if (!child.pid) throw new Error(`${label}: spawn failed`);
    const server = { label, child, pid: child.pid, port, url: `http://127.0.0.1:${port}`, output: () => output };
    await waitForHealth(server);
    return server;
  }

  stop(server: Server): Promise<void> {
    return stopChild(server.child);
  }

  /** A snapshot of CPU and transactions; `cost(before, ok)` turns the difference into per-request figures. */
  async snapshot(server: Server, database: string) {
    // Backends report their transaction counts at most once a second once idle.
    await new Promise((r) => setTimeout(r, 1100));
    await this.admin.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await this.admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
    const backends = new Map(rows.filter((r) => existsSync(`/proc/${r.pid}/stat`)).map((r) => [r.pid, cpuTicks(r.pid)]));
    const xacts = await this.admin.query<{ n: string }>('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1', [database]);
    return { server: cpuTicks(server.pid), backends, transactions: Number(xacts.rows[0]?.n ?? 0), client: process.cpuUsage() };
  }

  async cost(server: Server, database: string, before: Awaited<ReturnType<BenchRunner['snapshot']>>, ok: number): Promise<CostPerRequest> {
    const client = process.cpuUsage(before.client);
    const serverTicks = cpuTicks(server.pid) - before.server;
    const after = await this.snapshot(server, database);
    let dbTicks = 0;
    for (const [pid, ticks] of after.backends) dbTicks += ticks - (before.backends.get(pid) ?? 0);
    const per = (ticks: number) => (ok > 0 ? ((ticks / CLK_TCK) * 1000) / ok : NaN);
    const serverCpuMs = per(serverTicks);
    const dbCpuMs = per(dbTicks);
    const clientCpuMs = ok > 0 ? (client.user + client.system) / 1000 / ok : NaN;
    return {
      serverCpuMs,
      dbCpuMs,
      clientCpuMs,
      transactions: ok > 0 ? (after.transactions - before.transactions) / ok : NaN,
      cpuBoundPerSecond: (cpus().length * 1000) / (serverCpuMs + dbCpuMs + clientCpuMs),
    };
  }

  cleanup(): Promise<void> {
    this.cleaning ??= (async () => {
      await Promise.all([...this.children].map((child) => stopChild(child)));
      for (const dir of this.tempDirs) rmSync(dir, { recursive: true, force: true });
      this.tempDirs.clear();
      if (this.scratch) {
        await this.admin
          .query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(this.scratch)} WITH (FORCE)`)
          .then(() => (this.scratch = null))
          .catch((error: unknown) => this.log(`could not drop ${this.scratch}: ${String(error)}`));
      }
    })();
    return this.cleaning;
  }

  private cleanupSync(): void {
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const dir of this.tempDirs) rmSync(dir, { recursive: true, force: true });
    if (!this.scratch) return;
    try {
      execFileSync('psql', [this.adminUrl, '-qc', `DROP DATABASE IF EXISTS "${this.scratch}" WITH (FORCE)`], { stdio: 'ignore', timeout: 5000 });
    } catch {
      process.stderr.write(`[bench:${this.name}] scratch database ${this.scratch} may remain; drop it by hand\n`);
    }
  }
}

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

function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
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
    const ok = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${server.label}: not healthy within 180 s:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const fmt = (value: number | null, digits = 0) => (value === null || !Number.isFinite(value) ? '—' : value.toFixed(digits));

/** A plain-text table: first column left-aligned, the rest right-aligned. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
