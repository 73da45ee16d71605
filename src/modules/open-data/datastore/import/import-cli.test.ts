import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../../../test/database.ts';
import { openDatabase, PGLITE_EXTENSIONS, type DatabaseHandle } from '../../../../core/db/database.ts';
import { createDataset } from '../../open-data.test-support.ts';
import { qualifiedTable, tableNameOf } from '../table-names.ts';
import { runDatastoreImport } from './cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'gab-datastore-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Collects what a command writes (stdout / stderr). */
const sink = () => {
  const out = { text: '', isTTY: false, write: (s: string) => ((out.text += s), true) };
  return out;
};

/**
 * A test database whose PGlite keeps its files on disk, not in this process's memory, so the RSS
 * measured below is the importer's and not the table's.
 */
async function onDiskDatabase(engine: 'pglite' | 'postgres'): Promise<DatabaseHandle> {
  if (engine === 'postgres') return createTestDatabase('postgres');
  const pglite = await PGlite.create(join(dir, 'pglite'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]), extensions: PGLITE_EXTENSIONS });
  const handle = await openDatabase({ databaseUrl: null, dataDir: 'unused', pglite });
  return { ...handle, close: async () => (await handle.close(), await pglite.close()) };
}

/** Writes `bytes` of CSV (about 200 bytes a row) a block at a time: the file never exists in memory. */
async function writeBigCsv(file: string, bytes: number): Promise<number> {
  const out = createWriteStream(file);
  out.write('id;fecha;localidad;tipo;valor;descripcion\n');
  const localidades = ['Usaquén', 'Chapinero', 'Santa Fe', 'San Cristóbal', 'Usme', 'Tunjuelito', 'Bosa', 'Kennedy', 'Fontibón', 'Engativá'];
  let written = 0;
  let rows = 0;
  while (written < bytes) {
    let block = '';
    for (let k = 0; k < 2000; k++, rows++) {
      block += `${rows};${String(1 + (rows % 28)).padStart(2, '0')}/${String(1 + (rows % 12)).padStart(2, '0')}/2024;${localidades[rows % 10]};${rows % 3 ? 'queja' : 'petición'};${rows % 100_000},${String(rows % 100).padStart(2, '0')};Solicitud ciudadana número ${rows} sobre el servicio de alumbrado, recolección de residuos y mantenimiento de la malla vial del barrio\n`;
    }
    written += Buffer.byteLength(block);
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

describe('gab open-data import', () => {
  it('is listed in the usage', () => {
    const result = spawnSync(process.execPath, [join(process.cwd(), 'bin', 'gab.mjs'), 'help'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stdout).toContain('open-data import RECURSO|CONJUNTO ARCHIVO');
  }, 60_000);
});

describe.each(testEngines())('gab open-data import (%s)', (engine) => {
  let handle: DatabaseHandle;
  afterAll(async () => handle?.close());

  it('imports into a new resource of a dataset named on the command line, with a bar and a summary; refuses bad arguments', async () => {
    handle = await onDiskDatabase(engine);
    await createDataset(handle.db, { name: 'cli-datos' });
    const file = join(dir, 'pequeño.csv');
    const good = Array.from({ length: 60 }, (_, i) => `${i};Ñandú ${i}`);
    writeFileSync(file, Buffer.from(['a;b', ...good, 'tres;z'].join('\n'), 'latin1'));
    const [stdout, stderr] = [sink(), sink()];
    expect(await runDatastoreImport(handle.db, handle.kind, 'cli-datos', file, { stdout, stderr })).toBe(0);
    expect(stderr.text).toMatch(/\[#+\] 100 %/);
    expect(stdout.text).toContain('filas leídas / rows read: 61');
    expect(stdout.text).toContain('windows-1252');
    expect(stdout.text).toContain('rechazadas / rejected: 1');
    expect(stdout.text).toContain('línea / line 62: int «a» = "tres"');
    const resource = await handle.db.selectFrom('open_data_resources as r').innerJoin('open_data_datasets as d', 'd.id', 'r.dataset_id').select(['r.id', 'r.name', 'r.datastore_active']).where('d.name', '=', 'cli-datos').executeTakeFirstOrThrow();
    expect(resource).toMatchObject({ name: 'pequeño.csv', datastore_active: true });
    const errors = sink();
    expect(await runDatastoreImport(handle.db, handle.kind, 'no-existe', file, { stdout: sink(), stderr: errors })).toBe(1);
    expect(errors.text).toContain('no such dataset');
    expect(await runDatastoreImport(handle.db, handle.kind, resource.id, join(dir, 'nada.csv'), { stdout: sink(), stderr: errors })).toBe(1);
    expect(errors.text).toContain('ENOENT');
    expect(await runDatastoreImport(handle.db, handle.kind, resource.id, file, { format: 'pdf', stdout: sink(), stderr: errors })).toBe(1);
  });

  it('streams a 200 MB file into the datastore with flat memory (RSS growth < 200 MB)', async () => {
    const file = join(dir, 'grande.csv');
    const rows = await writeBigCsv(file, 200 * 1024 * 1024);
    expect(statSync(file).size).toBeGreaterThan(200 * 1024 * 1024);
    const resourceId = (await handle.db.selectFrom('open_data_resources').select('id').where('name', '=', 'pequeño.csv').executeTakeFirstOrThrow()).id;
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const stderr = sink();
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const code = await runDatastoreImport(handle.db, handle.kind, resourceId, file, { stdout: sink(), stderr: { write: (s: string) => ((peak = Math.max(peak, process.memoryUsage().rss)), stderr.write(s)) } });
    clearInterval(timer);
    expect(code).toBe(0);
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.raw(qualifiedTable(tableNameOf(resourceId)))}`.execute(handle.db);
    expect(count.rows[0]!.n).toBe(rows);
    const growth = (peak - baseline) / 1048576;
    process.stdout.write(`datastore 200 MB import (${engine}): ${rows} rows, RSS growth ${growth.toFixed(0)} MB\n`);
    expect(growth).toBeLessThan(200);
  }, 900_000);
});
