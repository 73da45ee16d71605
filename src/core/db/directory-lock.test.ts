import { PGlite } from '@electric-sql/pglite';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from './database.ts';
import { acquireDirectoryLock, DirectoryLockedError } from './directory-lock.ts';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'gab-lock-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The error `work` throws; fails the test if it throws nothing. */
async function errorOf(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** Starts another Node process that takes the lock at `path` with the real code and keeps it. */
async function holdLockInChild(path: string): Promise<ChildProcess> {
  const moduleUrl = new URL('./directory-lock.ts', import.meta.url).href;
  const script = `const m = await import(${JSON.stringify(moduleUrl)}); m.acquireDirectoryLock(${JSON.stringify(path)}); process.stdout.write('held\\n'); setInterval(() => {}, 60000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('held')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited early with code ${code}`)));
  });
  return child;
}

describe('acquireDirectoryLock', () => {
  describe('while another live process holds the lock', () => {
    let child: ChildProcess;
    let dataDir: string;
    let lockPath: string;
    beforeAll(async () => {
      dataDir = join(scratch, 'held');
      mkdirSync(dataDir);
      lockPath = join(dataDir, 'pglite.lock');
      child = await holdLockInChild(lockPath);
    }, 120_000);
    afterAll(() => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });

    it('refuses a second lock with a clear message naming the process and what to do', async () => {
      expect(readFileSync(lockPath, 'utf8')).toBe(String(child.pid));
      const error = await errorOf(() => acquireDirectoryLock(lockPath));
      expect(error).toBeInstanceOf(DirectoryLockedError);
      const locked = error as DirectoryLockedError;
      expect(locked.pid).toBe(child.pid);
      expect(locked.path).toBe(lockPath);
      expect(locked.message).toContain(`El directorio de datos está en uso por el proceso ${child.pid} (${lockPath})`);
      expect(locked.message).toContain('GAB_DATA_DIR');
      expect(readFileSync(lockPath, 'utf8')).toBe(String(child.pid));
    });

    it('makes openDatabase fail on that data directory before PGlite opens it', async () => {
      const error = await errorOf(() => openDatabase({ databaseUrl: null, dataDir }));
      expect(error).toBeInstanceOf(DirectoryLockedError);
      expect((error as DirectoryLockedError).pid).toBe(child.pid);
      expect(existsSync(join(dataDir, 'pglite'))).toBe(false);
    });

    it('takes the lock over once that process has died without cleaning up', async () => {
      const pid = child.pid!;
      child.kill('SIGKILL');
      await once(child, 'exit');
      expect(isAlive(pid)).toBe(false);
      expect(readFileSync(lockPath, 'utf8')).toBe(String(pid));
      const lock = acquireDirectoryLock(lockPath);
      expect(readFileSync(lockPath, 'utf8')).toBe(String(process.pid));
      lock.release();
      expect(existsSync(lockPath)).toBe(false);
    });
  });

  it('writes its own pid and removes the file on release', () => {
    const path = join(scratch, 'plain.lock');
    const lock = acquireDirectoryLock(path);
    expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(existsSync(path)).toBe(false);
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a second lock from the same process', async () => {
    const path = join(scratch, 'twice.lock');
    const lock = acquireDirectoryLock(path);
    try {
      const error = await errorOf(() => acquireDirectoryLock(path));
      expect(error).toBeInstanceOf(DirectoryLockedError);
      expect((error as DirectoryLockedError).pid).toBe(process.pid);
      expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
    } finally {
      lock.release();
    }
  });

  it.each([
    ['a dead pid', '999999'],
    ['garbage', 'not-a-pid'],
    ['nothing', ''],
  ])('takes over a stale lock file holding %s', (_label, content) => {
    if (content === '999999') expect(isAlive(999999)).toBe(false);
    const path = join(scratch, `stale-${_label.replace(/\W/g, '-')}.lock`);
    writeFileSync(path, content);
    const lock = acquireDirectoryLock(path);
    expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('leaves a lock file alone on release once it belongs to someone else', () => {
    const path = join(scratch, 'replaced.lock');
    const lock = acquireDirectoryLock(path);
    writeFileSync(path, '424242');
    lock.release();
    expect(readFileSync(path, 'utf8')).toBe('424242');
  });
});

describe('openDatabase on an embedded data directory', () => {
  it('refuses to open the same data directory twice, without starting a second PGlite, and frees it on close', async () => {
    const dataDir = join(scratch, 'twice-db');
    const create = vi.spyOn(PGlite, 'create');
    const first = await openDatabase({ databaseUrl: null, dataDir });
    try {
      expect(create.mock.calls[0]?.[0]).toBe(join(dataDir, 'pglite'));
      const calls = create.mock.calls.length;
      expect(readFileSync(join(dataDir, 'pglite.lock'), 'utf8')).toBe(String(process.pid));
      const error = await errorOf(() => openDatabase({ databaseUrl: null, dataDir }));
      expect(error).toBeInstanceOf(DirectoryLockedError);
      expect((error as Error).message).toContain(join(dataDir, 'pglite.lock'));
      expect(create).toHaveBeenCalledTimes(calls);
    } finally {
      create.mockRestore();
      await first.close();
    }
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
  }, 120_000);
});
