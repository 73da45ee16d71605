import { createReadStream } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatCount, progressBar, progressLine as sharedProgressLine, type Writable } from '../cli/progress-bar.ts';
import type { Db } from '../db/database.ts';
import { formatRejections, importRegistryCsv, RegistryImportError, type RegistryImportProgress, type RegistryImportReport } from './registry-import.ts';

/** `progressLine` of the shared bar, for a registry import's progress. */
export function progressLine(progress: RegistryImportProgress, totalBytes: number, elapsedMs: number, width = 24): string {
  return sharedProgressLine(progress, totalBytes, elapsedMs, width);
}

const number = formatCount;

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

export type { Writable };

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
  const bar = progressBar(options.stderr, totalBytes, now);
  try {
    const report = await importRegistryCsv(db, createReadStream(file, { highWaterMark: 256 * 1024 }), {
      secret: options.secret,
      batchId,
      onProgress: (progress) => bar.update(progress),
    });
    bar.finish(true);
    options.stdout.write(formatReport(report, batchId, bar.elapsedSeconds()));
    return 0;
  } catch (error) {
    bar.finish(false);
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
