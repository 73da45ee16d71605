import { createReadStream } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Db } from '../db/database.ts';
import { formatRejections, importRegistryCsv, RegistryImportError, type RegistryImportProgress, type RegistryImportReport } from './registry-import.ts';

export interface Writable {
  write(text: string): unknown;
  isTTY?: boolean;
}

const number = (n: number) => new Intl.NumberFormat('es-CO').format(Math.round(n));
const megabytes = (bytes: number) => `${new Intl.NumberFormat('es-CO', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1048576)} MB`;

/** `[########------------]  41 %  11,0 MB de 27,1 MB · 95.000 filas · 41.000 filas/s` */
export function progressLine(progress: RegistryImportProgress, totalBytes: number, elapsedMs: number, width = 24): string {
  const ratio = totalBytes > 0 ? Math.min(1, progress.bytesRead / totalBytes) : 1;
  const filled = Math.round(ratio * width);
  const rate = elapsedMs > 0 ? (progress.rows * 1000) / elapsedMs : 0;
  return (
    `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)} %  ` +
    `${megabytes(progress.bytesRead)} de ${megabytes(totalBytes)} · ${number(progress.rows)} filas · ${number(rate)} filas/s`
  );
}

/** The report printed at the end, in Spanish with English alongside. */
export function formatReport(report: RegistryImportReport, batchId: string, seconds: number): string {
  return [
    `Extracto de la Registraduría importado / registry extract imported (lote / batch «${batchId}», ${new Intl.NumberFormat('es-CO', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(seconds)} s)`,
    `  filas leídas / rows read: ${number(report.rows)}`,
    `  nuevas / new: ${number(report.imported)}`,
    `  actualizadas / updated: ${number(report.updated)}`,
    `  rechazadas / rejected: ${number(report.rejectedCount)}`,
    ...formatRejections(report),
    '',
  ].join('\n');
}

/** The file's size, or a one-line message (Spanish / English) saying why it cannot be read. */
export async function checkRegistryFile(file: string): Promise<{ size: number } | string> {
  try {
    await access(file, constants.R_OK);
    const info = await stat(file);
    if (!info.isFile()) return `No se puede leer el archivo / cannot read the file ${file} (no es un archivo / not a file)`;
    return { size: info.size };
  } catch (error) {
    return `No se puede leer el archivo / cannot read the file ${file} (${(error as { code?: string }).code ?? 'error'})`;
  }
}

/**
 * `gab verification import FILE`: checks the file can be read, streams it into the registry
 * records with a progress bar on stderr, and prints the report on stdout. Returns the exit code:
 * 1 when the file cannot be read or is not a registry extract, else 0 (bad rows are in the report).
 */
export async function runRegistryImport(
  db: Db,
  file: string,
  options: { secret: string; batchId?: string; stdout: Writable; stderr: Writable; now?: () => number },
): Promise<number> {
  const now = options.now ?? (() => performance.now());
  const checked = await checkRegistryFile(file);
  if (typeof checked === 'string') {
    options.stderr.write(`${checked}\n`);
    return 1;
  }
  const totalBytes = checked.size;
  const batchId = options.batchId ?? `${basename(file)} ${new Date().toISOString()}`;
  const started = now();
  const tty = Boolean(options.stderr.isTTY);
  let lastDrawn = -Infinity;
  let last: RegistryImportProgress = { rows: 0, bytesRead: 0, imported: 0, updated: 0, rejected: 0 };
  // On a terminal the bar redraws in place; in a log it prints a line every few seconds.
  const draw = (force = false) => {
    const at = now();
    if (!force && at - lastDrawn < (tty ? 100 : 5000)) return;
    lastDrawn = at;
    options.stderr.write(`${tty ? '\r' : ''}${progressLine(last, totalBytes, at - started)}${tty ? '' : '\n'}`);
  };
  try {
    const report = await importRegistryCsv(db, createReadStream(file, { highWaterMark: 256 * 1024 }), {
      secret: options.secret,
      batchId,
      onProgress: (progress) => {
        last = progress;
        draw();
      },
    });
    draw(true);
    if (tty) options.stderr.write('\n');
    options.stdout.write(formatReport(report, batchId, (now() - started) / 1000));
    return 0;
  } catch (error) {
    if (tty) options.stderr.write('\n');
    if (error instanceof RegistryImportError) {
      options.stderr.write(`${error.message}\n`);
      return 1;
    }
    const code = (error as { code?: string }).code;
    if (code && /^E[A-Z]+$/.test(code)) {
      options.stderr.write(`No se puede leer el archivo / cannot read the file ${file} (${code})\n`);
      return 1;
    }
    throw error;
  }
}
