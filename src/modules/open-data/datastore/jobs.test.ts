import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.ts';
import { testEngines } from '../../../../test/database.ts';
import { openDatabase } from '../../../core/db/database.ts';
import { jobHandlers } from '../../../core/jobs/handlers.ts';
import { runDueJobs } from '../../../core/jobs/jobs.ts';
import type { Services } from '../../../core/modules/module.ts';
import { servicesFor } from '../../../core/setup.ts';
import { MIME_TYPES } from '../catalogue.data.ts';
import { DATASTORE_IMPORT_JOB } from '../commands/add-resource.ts';
import { createDataset } from '../open-data.test-support.ts';
import { resourcePath } from '../paths.ts';
import { DATASTORE_INDEX_JOB } from './jobs.ts';
import { qualifiedTable, tableNameOf } from './table-names.ts';

/** A valid workbook of `rows` data rows, written by exceljs. */
async function workbook(rows: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Datos');
  sheet.addRow(['localidad', 'personas', 'fecha']);
  for (let i = 0; i < rows; i++) sheet.addRow([`Localidad ${i}`, i * 10, new Date(Date.UTC(2024, 0, 1 + (i % 28)))]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A well-formed zip (entries stored, not deflated) holding no workbook. */
function plainZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * The import job: a file that cannot be read fails at once, with the reason on the resource page,
 * and is not retried; a failure that may pass (the file store or the database out of reach) is.
 */
describe.each(testEngines())('the datastore import job (%s)', (engine) => {
  let t: TestApp;
  let services: Services;
  let n = 0;

  beforeAll(async () => {
    t = await buildTestApp(engine);
    services = servicesFor(t.config, t.database, () => undefined);
  });
  afterAll(async () => t?.close());

  /** Stores the bytes as an uploaded resource of a new dataset, which queues the import job. */
  async function upload(bytes: Buffer, format: 'CSV' | 'XLSX') {
    const stored = await services.files.save(t.database.db, Readable.from([bytes]), {
      originalName: `datos.${format.toLowerCase()}`,
      mediaType: MIME_TYPES[format]!,
      allowedTypes: [MIME_TYPES[format]!],
    });
    const name = `carga-${++n}`;
    const dataset = await createDataset(t.database.db, { name }, [{ format, url: null, file: { id: stored.id, sizeBytes: stored.sizeBytes } }]);
    const resourceId = (await t.database.db.selectFrom('open_data_resources').select('id').where('dataset_id', '=', dataset.id).executeTakeFirstOrThrow()).id;
    return { name, resourceId, sha256: stored.sha256 };
  }
  const jobOf = (resourceId: string) =>
    t.database.db
      .selectFrom('core_jobs')
      .select(['status', 'attempts', 'last_error', 'finished_at'])
      .where('name', '=', DATASTORE_IMPORT_JOB)
      .where(({ ref }) => ref('payload'), '@>', JSON.stringify({ resourceId }) as never)
      .executeTakeFirstOrThrow();
  const metaOf = (resourceId: string) =>
    t.database.db.selectFrom('open_data_datastore_tables').select(['import_status', 'import_message', 'import_rejected', 'import_errors', 'row_count']).where('resource_id', '=', resourceId).executeTakeFirstOrThrow();
  const run = (s: Services = services, limit?: number) => runDueJobs(t.database.db, jobHandlers(s, t.app.gab.registry), limit);

  it('imports a valid XLSX (the fixture the next tests cut short)', async () => {
    const { resourceId } = await upload(await workbook(300), 'XLSX');
    await run();
    expect(await jobOf(resourceId)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await metaOf(resourceId)).toMatchObject({ import_status: 'done', row_count: '300' });
  });

  it.each([
    [
      'a truncated XLSX (the first half of a valid one)',
      async () => {
        const whole = await workbook(300);
        return whole.subarray(0, Math.floor(whole.length / 2));
      },
      /libro de Excel \(XLSX\): está dañado, incompleto/,
    ],
    ['a text file named .xlsx', async () => Buffer.from('localidad;personas\nSuba;1200\n'), /libro de Excel \(XLSX\): está dañado, incompleto/],
    ['a zip that is not a workbook', async () => plainZip({ 'leame.txt': 'hola', 'datos/otro.txt': 'mundo' }), /es un ZIP pero no un libro de Excel/],
  ])('fails %s at once with a clear message on the resource page, and does not retry it', async (_label, bytes, message) => {
    const { name, resourceId } = await upload(await bytes(), 'XLSX');
    expect(await run()).toBe(1);
    const job = await jobOf(resourceId);
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    expect(job.finished_at).toBeInstanceOf(Date);
    expect(job.last_error).toMatch(/^unreadable: /);
    const meta = await metaOf(resourceId);
    expect(meta.import_status).toBe('failed');
    expect(meta.import_message).toMatch(message);
    expect(meta.import_message).toMatch(/ \/ The file /);
    // Nothing is left queued for later.
    await sql`UPDATE core_jobs SET run_at = now() - interval '1 hour' WHERE name = ${DATASTORE_IMPORT_JOB}`.execute(t.database.db);
    expect(await run()).toBe(0);
    const page = await t.app.inject({ url: resourcePath(name, resourceId) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('La última carga falló y no cambió los datos publicados');
    expect(page.body).toMatch(message);
  });

  it('fails a CSV with more columns than a table holds at once; a NUL byte only rejects its row', async () => {
    const wide = await upload(Buffer.from(`${Array.from({ length: 1700 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(1699)}1\n`), 'CSV');
    const nul = await upload(Buffer.from('nombre,valor\nSuba,1\nBo\u0000sa,2\nUsme,3\n'), 'CSV');
    // Both imports, then the index job the good one queued.
    expect(await run()).toBe(3);
    expect(await jobOf(wide.resourceId)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await metaOf(wide.resourceId)).import_message).toMatch(/^El archivo tiene 1700 columnas y una tabla del almacén de datos admite como máximo 1599/);
    expect(await jobOf(nul.resourceId)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await metaOf(nul.resourceId)).toMatchObject({
      import_status: 'done',
      row_count: '2',
      import_rejected: '1',
      import_errors: [{ row: 3, column: 'nombre', value: 'Bo\uFFFDsa', reason: 'encoding' }],
    });
  });

  it('indexes in a job of its own: a failure there is retried alone, without loading the file again', async () => {
    const { resourceId } = await upload(Buffer.from('localidad,personas\nSuba,1200\nBosa,800\n'), 'CSV');
    const table = tableNameOf(resourceId);
    const indexes = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'datastore' AND tablename = ${table}`.execute(t.database.db)).rows[0]!.n);
    // The import alone: the rows are live with their key, and the index job is queued.
    expect(await run(services, 1)).toBe(1);
    expect(await metaOf(resourceId)).toMatchObject({ import_status: 'done', row_count: '2' });
    expect(await indexes()).toBe(1);
    const indexJob = () =>
      t.database.db.selectFrom('core_jobs').select(['status', 'attempts', 'last_error']).where('name', '=', DATASTORE_INDEX_JOB).where(({ ref }) => ref('payload'), '@>', JSON.stringify({ resourceId }) as never).executeTakeFirstOrThrow();
    expect(await indexJob()).toMatchObject({ status: 'queued', attempts: 0 });
    // Indexing fails (the table is out of reach for a moment): only the index job waits for a retry.
    await sql.raw(`ALTER TABLE ${qualifiedTable(table)} RENAME TO ${table}_fuera`).execute(t.database.db);
    expect(await run()).toBe(1);
    expect(await indexJob()).toMatchObject({ status: 'queued', attempts: 1 });
    await sql.raw(`ALTER TABLE ${qualifiedTable(`${table}_fuera`)} RENAME TO ${table}`).execute(t.database.db);
    await sql`UPDATE core_jobs SET run_at = now() - interval '1 second' WHERE name = ${DATASTORE_INDEX_JOB} AND status = 'queued'`.execute(t.database.db);
    expect(await run()).toBe(1);
    expect(await indexJob()).toMatchObject({ status: 'done', attempts: 2 });
    expect(await jobOf(resourceId)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await indexes()).toBe(3);
  });

  it('retries when the file store fails partway (a failure that may pass), then imports', async () => {
    const whole = await workbook(300);
    const { resourceId, sha256 } = await upload(whole, 'XLSX');
    // The stored bytes are fine; the first read breaks off halfway, as a network share would.
    const flaky: Services = {
      ...services,
      files: {
        ...services.files,
        open: (hash: string) => {
          if (hash !== sha256) return services.files.open(hash);
          const stream = new PassThrough();
          stream.write(whole.subarray(0, Math.floor(whole.length / 2)));
          setTimeout(() => stream.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })), 10);
          return stream as unknown as ReturnType<Services['files']['open']>;
        },
      },
    };
    expect(await run(flaky)).toBe(1);
    expect(await jobOf(resourceId)).toMatchObject({ status: 'queued', attempts: 1, last_error: 'read ECONNRESET', finished_at: null });
    await sql`UPDATE core_jobs SET run_at = now() - interval '1 second' WHERE name = ${DATASTORE_IMPORT_JOB} AND status = 'queued'`.execute(t.database.db);
    // The import, then its index job.
    expect(await run()).toBe(2);
    expect(await jobOf(resourceId)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await metaOf(resourceId)).toMatchObject({ import_status: 'done', row_count: '300', import_message: null });
  });

  it('retries when the database is out of reach', async () => {
    const { resourceId } = await upload(Buffer.from('a,b\n1,2\n'), 'CSV');
    // The handler's queries go to a server that refuses connections; the queue's own bookkeeping
    // still reaches the test database.
    const unreachable = await openDatabase({ databaseUrl: 'postgres://gab@127.0.0.1:1/gab', dataDir: 'unused', poolSize: 1 });
    try {
      expect(await run({ ...services, db: unreachable.db })).toBe(1);
    } finally {
      await unreachable.close();
    }
    const job = await jobOf(resourceId);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, finished_at: null });
    expect(job.last_error).toMatch(/ECONNREFUSED/);
    await sql`UPDATE core_jobs SET run_at = now() - interval '1 second' WHERE name = ${DATASTORE_IMPORT_JOB} AND status = 'queued'`.execute(t.database.db);
    // The import, then its index job.
    expect(await run()).toBe(2);
    expect(await jobOf(resourceId)).toMatchObject({ status: 'done', attempts: 2 });
  });
});
