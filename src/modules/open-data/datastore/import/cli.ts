import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import { formatCount, formatSeconds, progressBar, type Writable } from '../../../../core/cli/progress-bar.ts';
import type { Db } from '../../../../core/db/database.ts';
import { checkRegistryFile } from '../../../../core/verification/registry-import-cli.ts';
import { findDataset, findResource, isUuid } from '../../catalogue.queries.ts';
import { addResource } from '../../commands/add-resource.ts';
import { resourcePath } from '../../paths.ts';
import { optimizeImportedTable } from '../indexes.ts';
import { tableNameOf } from '../table-names.ts';
import { DatastoreImportError, importResource, type ImportReport } from './import.ts';
import { sourceOf, type SourceFormat } from './sources.ts';

const LISTED = 20;

/** The summary printed at the end, in Spanish with English alongside. */
export function formatImportSummary(report: ImportReport, resourceId: string, seconds: number): string {
  const lines = [
    `Datos importados al almacén / datastore import done (recurso / resource ${resourceId}, ${formatSeconds(seconds)} s)`,
    `  filas leídas / rows read: ${formatCount(report.rows)}`,
    `  importadas / imported: ${formatCount(report.imported)}`,
    `  rechazadas / rejected: ${formatCount(report.rejectedCount)}`,
    `  columnas / columns: ${report.fields.map((f) => `${f.id} (${f.type})`).join(', ')}`,
    ...(report.encoding ? [`  codificación / encoding: ${report.encoding}; separador / delimiter: ${JSON.stringify(report.delimiter)}`] : []),
    ...report.rejected.slice(0, LISTED).map((e) => `  línea / line ${e.row}: ${e.reason}${e.column ? ` «${e.column}» = ${JSON.stringify(e.value)}` : ''}`),
  ];
  if (report.rejectedCount > LISTED) lines.push(`  … y ${formatCount(report.rejectedCount - LISTED)} más / and ${formatCount(report.rejectedCount - LISTED)} more`);
  return `${lines.join('\n')}\n`;
}

/**
 * `gab open-data import <resource-id|dataset-name> FILE [--format csv|xlsx]`: streams the file into
 * the resource's datastore table (a dataset name gets a new resource named after the file), with a
 * progress bar on stderr and the summary on stdout. Returns the exit code (1: nothing imported).
 */
export async function runDatastoreImport(
  db: Db,
  dbKind: 'pglite' | 'postgres',
  target: string,
  file: string,
  options: { format?: string; stdout: Writable; stderr: Writable; now?: () => number },
): Promise<number> {
  const fail = (message: string) => (options.stderr.write(`${message}\n`), 1);
  const format = (options.format ?? extname(file).slice(1)).toLowerCase();
  if (format !== 'csv' && format !== 'xlsx') return fail('Formato desconocido: use --format csv o xlsx / unknown format: use --format csv or xlsx');
  const checked = await checkRegistryFile(file);
  if (typeof checked === 'string') return fail(checked);
  let resourceId: string;
  if (isUuid(target)) {
    const found = await findResource(db, target);
    if (!found) return fail(`No existe el recurso / no such resource: ${target}`);
    resourceId = found.resource.id;
  } else {
    const dataset = await findDataset(db, target);
    if (!dataset || dataset.state !== 'active') return fail(`No existe el conjunto de datos / no such dataset: ${target}`);
    resourceId = await db.transaction().execute(async (tx) => {
      const created = await addResource(tx, { datasetId: dataset.id, resource: { name: basename(file).slice(0, 300), description: '', format: format.toUpperCase(), url: '/', file: null }, actor: null, now: new Date() });
      await tx.updateTable('open_data_resources').set({ url: `${resourcePath(dataset.name, created.id)}/datos.csv` }).where('id', '=', created.id).execute();
      return created.id;
    });
  }
  const bar = progressBar(options.stderr, checked.size, options.now);
  try {
    const source = sourceOf(format as SourceFormat, createReadStream(file, { highWaterMark: 256 * 1024 }));
    const report = await importResource(db, resourceId, source, { dbKind, bytesTotal: checked.size, onProgress: (p) => bar.update(p) });
    bar.finish(true);
    await optimizeImportedTable(db, tableNameOf(resourceId), report.fields);
    options.stdout.write(formatImportSummary(report, resourceId, bar.elapsedSeconds()));
    return 0;
  } catch (error) {
    bar.finish(false);
    if (error instanceof DatastoreImportError) return fail(error.message);
    throw error;
  }
}
