/**
 * `npm run bench:open-data` — the DataStore on PostgreSQL:
 *
 *  1. Creates a scratch database next to BENCH_DATABASE_URL (default: the local server), migrates
 *     it and loads the reference data; creates a dataset with one resource.
 *  2. Writes a CSV of BENCH_ROWS rows (default 1,000,000; six columns: int, date, two texts,
 *     numeric, a sentence) to a temporary file.
 *  3. Times `psql \copy` of that file into a plain table with the same column types (the floor:
 *     no parsing or typing in Node), then GAB's import of the same file into the resource's
 *     datastore table (encoding and delimiter detection, type inference, per-value parsing, COPY
 *     FROM STDIN, swap-in transaction), in BENCH_ROUNDS alternating rounds each after a CHECKPOINT.
 *     Prints the medians' rows/s and ratio (target ≥ 0.5), then times what the import job does
 *     next with the rows already live: indexes on every column and VACUUM (ANALYZE).
 *  4. Starts GAB (`bin/gab.mjs serve`) on the scratch database and runs autocannon for
 *     BENCH_SECONDS against `datastore_search` with a filter (`localidad` = one of 10 values,
 *     ≈100,000 matches, first page of 100 with the total) over HTTP: requests/s, p50 and p99.
 *  5. Prints one JSON line with every figure; drops the database and the file, also on errors.
 *
 * Env: BENCH_DATABASE_URL, BENCH_ROWS (1000000), BENCH_ROUNDS (3), BENCH_SECONDS (10), BENCH_CONNECTIONS (8),
 * BENCH_QUOTE_TEXT (set to 1: every text field in quotes, as some exports write them).
 */
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { loadConfig } from '../src/core/config/config.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { createRegistry } from '../src/core/modules/registry.ts';
import { prepareDatabase, servicesFor } from '../src/core/setup.ts';
import { MODULES } from '../src/modules/index.ts';
import { addResource } from '../src/modules/open-data/commands/add-resource.ts';
import { saveDataset } from '../src/modules/open-data/commands/save-dataset.ts';
import { importResource } from '../src/modules/open-data/datastore/import/import.ts';
import { optimizeImportedTable } from '../src/modules/open-data/datastore/indexes.ts';
import { tableNameOf } from '../src/modules/open-data/datastore/table-names.ts';
import { csvSource } from '../src/modules/open-data/datastore/import/sources.ts';
import { BenchRunner, positiveInt } from './support/runner.ts';

const ROWS = positiveInt('BENCH_ROWS', 1_000_000);
const SECONDS = positiveInt('BENCH_SECONDS', 10);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 8);
const ROUNDS = positiveInt('BENCH_ROUNDS', 3);
const QUOTE_TEXT = process.env.BENCH_QUOTE_TEXT === '1';
const runner = new BenchRunner('open-data');
const LOCALIDADES = ['Usaquén', 'Chapinero', 'Santa Fe', 'San Cristóbal', 'Usme', 'Tunjuelito', 'Bosa', 'Kennedy', 'Fontibón', 'Engativá'];

const log = (line: string) => runner.log(line);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Writes out dirty pages now (needs a superuser, as on a local bench server; skipped otherwise). */
async function checkpoint(admin: pg.Client): Promise<void> {
  await admin.query('CHECKPOINT').catch(() => undefined);
}
const fmt = (n: number) => new Intl.NumberFormat('es-CO', { maximumFractionDigits: 1 }).format(n);

const text = (value: string) => (QUOTE_TEXT ? `"${value}"` : value);

async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('id,fecha,localidad,tipo,valor,descripcion\n');
  for (let start = 0; start < rows; start += 5000) {
    let block = '';
    for (let i = start; i < Math.min(rows, start + 5000); i++) {
      const [localidad, tipo, descripcion] = [LOCALIDADES[i % 10]!, i % 3 ? 'queja' : 'petición', `Solicitud ciudadana ${i} sobre alumbrado público`].map(text);
      block += `${i},2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${localidad},${tipo},${(i % 100_000) / 100},${descripcion}\n`;
    }
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function main() {
  const admin = runner.admin;
  const { url: databaseUrl, name: scratch } = await runner.scratchDatabase('gab_bench_datastore');
  const dir = runner.tempDir('gab-bench-datastore-');
  {
    const config = loadConfig({ NODE_ENV: 'test', GAB_DATA_DIR: join(dir, 'data'), DATABASE_URL: databaseUrl });
    const handle = await openDatabase({ databaseUrl, dataDir: config.dataDir });
    log(`scratch database ${scratch}: migrating, reference data…`);
    await prepareDatabase(servicesFor(config, handle, () => undefined), createRegistry(MODULES), { demo: false });
    const resourceId = await handle.db.transaction().execute(async (tx) => {
      const now = new Date();
      const saved = await saveDataset(tx, {
        value: { name: 'bench-pqrs', title: 'Bench PQRS', notes: 'Bench.', ownerOrg: 'sdp', groupName: 'territorio', licenseId: 'cc-by-4.0', frequency: 'MONTHLY', localidades: [], temporalStart: null, temporalEnd: null, contactName: 'Bench', contactEmail: 'b@example.org', tags: [], extras: {}, private: false },
        before: null,
        actor: null,
        now,
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
      return (await addResource(tx, { datasetId: saved.dataset.id, resource: { name: 'datos', description: '', format: 'CSV', url: 'https://example.org/x.csv', file: null }, actor: null, now })).id;
    });

    const file = join(dir, 'bench.csv');
    log(`writing ${fmt(ROWS)} rows…`);
    await writeCsv(file, ROWS);
    const megabytes = statSync(file).size / 1048576;

    // Rounds alternate psql and GAB, each after a CHECKPOINT, so neither pays for the other's
    // dirty pages and a drift of the machine falls on both; the medians are compared.
    const psqlTimes: number[] = [];
    const importTimes: number[] = [];
    let report: Awaited<ReturnType<typeof importResource>> | null = null;
    for (let round = 1; round <= ROUNDS; round++) {
      const plain = `bench_plain_${round}`;
      execFileSync('psql', [databaseUrl, '-q', '-c', `CREATE TABLE ${plain} (id integer, fecha date, localidad text, tipo text, valor numeric, descripcion text)`]);
      await checkpoint(admin);
      log(`round ${round}/${ROUNDS}: psql \\copy into a plain table…`);
      let started = performance.now();
      execFileSync('psql', [databaseUrl, '-q', '-c', `\\copy ${plain} FROM '${file}' WITH (FORMAT csv, HEADER true)`]);
      psqlTimes.push((performance.now() - started) / 1000);
      execFileSync('psql', [databaseUrl, '-q', '-c', `DROP TABLE ${plain}`]);
      await checkpoint(admin);
      log(`round ${round}/${ROUNDS}: GAB datastore import (COPY FROM STDIN)…`);
      started = performance.now();
      report = await importResource(handle.db, resourceId, csvSource(createReadStream(file, { highWaterMark: 256 * 1024 })), { dbKind: 'postgres', bytesTotal: statSync(file).size });
      importTimes.push((performance.now() - started) / 1000);
      if (report.imported !== ROWS) throw new Error(`imported ${report.imported} of ${ROWS} rows: ${JSON.stringify(report.rejected.slice(0, 3))}`);
      log(`  psql ${psqlTimes.at(-1)!.toFixed(2)} s, GAB ${importTimes.at(-1)!.toFixed(2)} s`);
    }
    const psqlSeconds = median(psqlTimes);
    const importSeconds = median(importTimes);
    // What the import job does next, with the rows already live: indexes, statistics, visibility map.
    log('indexes and VACUUM (ANALYZE) of the imported table…');
    const indexStarted = performance.now();
    await optimizeImportedTable(handle.db, tableNameOf(resourceId), report!.fields);
    const indexSeconds = (performance.now() - indexStarted) / 1000;
    await handle.close();

    log('GAB server for datastore_search…');
    const server = await runner.start('gab', ['bin/gab.mjs', 'serve'], {
      DATABASE_URL: databaseUrl,
      GAB_DATA_DIR: join(dir, 'data'),
      GAB_SECRET: randomBytes(32).toString('hex'),
      NODE_ENV: 'production',
      GAB_LOG_LEVEL: 'warn',
      GAB_SEED_DEMO: 'false',
      GAB_RUN_JOBS: 'false',
      GAB_TRUST_PROXY: 'true',
    });
    const path = `/api/3/action/datastore_search?resource_id=${resourceId}&filters=${encodeURIComponent(JSON.stringify({ localidad: 'Bosa' }))}`;
    const check = (await (await fetch(`${server.url}${path}`)).json()) as { result: { total: number } };
    let n = 0;
    // Clients come from many addresses (through the trusted proxy), as the API's per-address limit expects.
    const result = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [{ method: 'GET', path, setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-forwarded-for': `10.${(++n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` } }) }],
    });
    const non2xx = result.non2xx;

    const figures = {
      rows: ROWS,
      quoted_text: QUOTE_TEXT,
      file_mb: Number(megabytes.toFixed(1)),
      psql_copy_seconds: Number(psqlSeconds.toFixed(2)),
      psql_copy_rows_per_s: Math.round(ROWS / psqlSeconds),
      datastore_import_seconds: Number(importSeconds.toFixed(2)),
      datastore_import_rows_per_s: Math.round(ROWS / importSeconds),
      psql_copy_rounds_seconds: psqlTimes.map((t) => Number(t.toFixed(2))),
      datastore_import_rounds_seconds: importTimes.map((t) => Number(t.toFixed(2))),
      index_and_vacuum_seconds: Number(indexSeconds.toFixed(2)),
      import_vs_psql: Number((psqlSeconds / importSeconds).toFixed(2)),
      search_total: check.result.total,
      search_requests_per_s: Math.round(result.requests.average),
      search_p50_ms: result.latency.p50,
      search_p99_ms: result.latency.p99,
      search_non2xx: non2xx,
    };
    console.log(`CSV of ${fmt(ROWS)} rows (${fmt(megabytes)} MB${QUOTE_TEXT ? ', every text field in quotes' : ''})`);
    console.log(`  psql \\copy (plain table):   ${fmt(psqlSeconds)} s  ${fmt(figures.psql_copy_rows_per_s)} rows/s`);
    console.log(`  GAB datastore import:       ${fmt(importSeconds)} s  ${fmt(figures.datastore_import_rows_per_s)} rows/s  (${figures.import_vs_psql}× psql; target ≥ 0.5×)`);
    console.log(`  (medians of ${ROUNDS} alternating rounds: psql ${psqlTimes.map((t) => fmt(t)).join(' / ')} s, GAB ${importTimes.map((t) => fmt(t)).join(' / ')} s)`);
    console.log(`  then indexes + VACUUM (ANALYZE), rows already live: ${fmt(indexSeconds)} s`);
    console.log(`datastore_search, filter localidad=Bosa (${fmt(check.result.total)} matches, limit 100, total), ${CONNECTIONS} connections, ${SECONDS} s:`);
    console.log(`  ${fmt(figures.search_requests_per_s)} req/s  p50 ${figures.search_p50_ms} ms  p99 ${figures.search_p99_ms} ms  non-2xx ${non2xx}`);
    console.log(JSON.stringify(figures));
  }
}

await runner.run(main);
