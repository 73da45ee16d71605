/**
 * The progress bar of the CLI importers (registry extracts, datastore resources), drawn on stderr:
 * redrawn in place on a terminal, one line every few seconds in a log.
 */

export interface Writable {
  write(text: string): unknown;
  isTTY?: boolean;
}

export const formatCount = (n: number) => new Intl.NumberFormat('es-CO').format(Math.round(n));
const megabytes = (bytes: number) => `${new Intl.NumberFormat('es-CO', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1048576)} MB`;
export const formatSeconds = (seconds: number) => new Intl.NumberFormat('es-CO', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(seconds);

/** `[########------------]  41 %  11,0 MB de 27,1 MB · 95.000 filas · 41.000 filas/s` */
export function progressLine(progress: { rows: number; bytesRead: number }, totalBytes: number, elapsedMs: number, width = 24): string {
  const ratio = totalBytes > 0 ? Math.min(1, progress.bytesRead / totalBytes) : 1;
  const filled = Math.round(ratio * width);
  const rate = elapsedMs > 0 ? (progress.rows * 1000) / elapsedMs : 0;
  return (
    `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)} %  ` +
    `${megabytes(progress.bytesRead)} de ${megabytes(totalBytes)} · ${formatCount(progress.rows)} filas · ${formatCount(rate)} filas/s`
  );
}

/** A throttled bar: `update` as often as you like, `finish` once at the end (or on failure). */
export function progressBar(stderr: Writable, totalBytes: number, now: () => number = () => performance.now()) {
  const started = now();
  const tty = Boolean(stderr.isTTY);
  let lastDrawn = -Infinity;
  let last = { rows: 0, bytesRead: 0 };
  const draw = (force: boolean) => {
    const at = now();
    if (!force && at - lastDrawn < (tty ? 100 : 5000)) return;
    lastDrawn = at;
    stderr.write(`${tty ? '\r' : ''}${progressLine(last, totalBytes, at - started)}${tty ? '' : '\n'}`);
  };
  return {
    started,
    update(progress: { rows: number; bytesRead: number }) {
      last = progress;
      draw(false);
    },
    /** Draws the final state (when `complete`) and ends the terminal line. */
    finish(complete: boolean) {
      if (complete) draw(true);
      if (tty) stderr.write('\n');
    },
    elapsedSeconds: () => (now() - started) / 1000,
  };
}
