import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export interface DirectoryLock {
  release(): void;
}

/** Thrown when another live process already owns the data directory. */
export class DirectoryLockedError extends Error {
  constructor(readonly path: string, readonly pid: number) {
    super(
      `El directorio de datos está en uso por el proceso ${pid} (${path}). Detenga ese proceso o use otro GAB_DATA_DIR. / ` +
        `The data directory is in use by process ${pid}.`,
    );
    this.name = 'DirectoryLockedError';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock file holding our pid (O_EXCL makes the creation atomic). A lock left
 * by a dead process is taken over, so a crash never blocks the next start.
 */
export function acquireDirectoryLock(path: string): DirectoryLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path, { force: true });
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processIsAlive(pid)) throw new DirectoryLockedError(path, pid);
      if (pid === process.pid) throw new DirectoryLockedError(path, pid);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`No se pudo bloquear ${path}`);
}
