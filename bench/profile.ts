/**
 * `node --import tsx bench/profile.ts [path…]` — where GAB spends CPU under load.
 *
 * Seeds a fresh PGlite directory (one unprofiled start), restarts GAB with `--cpu-prof`, loads each
 * path with autocannon (BENCH_SECONDS, default 8 s, BENCH_CONNECTIONS, default 20), stops it and
 * summarises the samples taken during each load window: top functions by self time, and GAB source
 * lines by inclusive time. Paths default to `/` and `/api/v1/localidades`. Keeps the .cpuprofile when
 * BENCH_CPU_PROF=<dir> is set. Everything it starts is stopped and its temp dirs removed.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { findSourceMap } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PATHS = process.argv.slice(2).length ? process.argv.slice(2) : ['/', '/api/v1/localidades'];
const KEEP_DIR = process.env.BENCH_CPU_PROF?.trim() ? resolve(process.env.BENCH_CPU_PROF.trim()) : null;

const children = new Set<ChildProcess>();
const work = mkdtempSync(join(tmpdir(), 'gab-profile-'));
const cleanupSync = () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
};
process.on('exit', cleanupSync);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
  });

const secret = randomBytes(32).toString('base64url');

async function startGab(flags: string[]) {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...flags, 'bin/gab.mjs', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, GAB_DATA_DIR: join(work, 'data'), PORT: String(port), HOST: '127.0.0.1', GAB_LOG_LEVEL: 'warn', NODE_ENV: 'production', GAB_SECRET: secret },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  for (;;) {
    if (child.exitCode !== null) throw new Error('GAB exited during startup');
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, port, spawnedAt };
}

const stop = (child: ChildProcess) =>
  new Promise<void>((res) => {
    if (child.exitCode !== null) return res();
    child.once('exit', () => res());
    child.kill('SIGTERM');
  });

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

// tsx emits minified (one-line) code, so profile positions are mapped back through the source maps
// tsx attaches: the GAB module is imported here (side-effect free, except main.ts which is skipped).
process.setSourceMapsEnabled(true);
const isGabSource = (url: string) => url.startsWith(`file://${ROOT}/src/`) && !url.endsWith('/src/main.ts');
async function loadSourceMaps(urls: Iterable<string>) {
  for (const url of new Set(urls)) if (isGabSource(url)) await import(url).catch(() => undefined);
}

function label(frame: CpuProfileNode['callFrame']): string {
  let line = frame.lineNumber + 1;
  if (isGabSource(frame.url)) {
    const entry = findSourceMap(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber) as { originalLine?: number } | undefined;
    if (entry?.originalLine !== undefined) line = entry.originalLine + 1;
  }
  const url = frame.url.startsWith('file://') ? relative(ROOT, fileURLToPath(frame.url)) : frame.url;
  return `${frame.functionName || '(anonymous)'} ${url ? `${url}:${line}` : ''}`.trim();
}

function summarise(profile: CpuProfile, fromMs: number, toMs: number, title: string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusiveGab = new Map<string, number>();
  let t = 0;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    const ms = t / 1000;
    if (ms < fromMs || ms > toMs) continue;
    const node = byId.get(profile.samples[i]!)!;
    if (node.callFrame.functionName === '(idle)') continue;
    total++;
    const key = label(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + 1);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (!frame.url.includes('/src/') || frame.url.includes('node_modules')) continue;
      const k = label(frame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusiveGab.set(k, (inclusiveGab.get(k) ?? 0) + 1);
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${((100 * v) / Math.max(total, 1)).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  process.stdout.write(`\n== ${title}: ${total} busy samples ==\nTop self time:\n${top(self, 25)}\nGAB code, inclusive time:\n${top(inclusiveGab, 25)}\n`);
}

try {
  // 1. Seed the directory without the profiler (migrations + seeds are not what we are after).
  const seed = await startGab([]);
  await stop(seed.child);
  // 2. Profiled run.
  const profDir = join(work, 'prof');
  const gab = await startGab(['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
  const windows: { path: string; from: number; to: number }[] = [];
  for (const path of PATHS) {
    const url = `http://127.0.0.1:${gab.port}${path}`;
    await autocannon({ url, connections: CONNECTIONS, duration: 2 });
    const from = performance.now() - gab.spawnedAt;
    await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
    windows.push({ path, from, to: performance.now() - gab.spawnedAt });
  }
  await stop(gab.child);
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  if (KEEP_DIR) cpSync(join(profDir, file), join(KEEP_DIR, file));
  const profile = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as CpuProfile;
  await loadSourceMaps(profile.nodes.map((n) => n.callFrame.url));
  // Profiler time starts a little after spawn (node boot); a 300 ms margin on each side absorbs it.
  for (const w of windows) summarise(profile, w.from + 300, w.to - 300, `GET ${w.path}`);
  if (KEEP_DIR) process.stdout.write(`\nprofile kept at ${join(KEEP_DIR, file)}\n`);
} finally {
  for (const child of children) await stop(child);
  rmSync(work, { recursive: true, force: true });
}
