import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, type Db, openDatabase, PGLITE_EXTENSIONS } from './database.ts';
import { DumpError, type DumpHeader, dumpDatabase, restoreDatabase, sortTablesByDependencies } from './dump.ts';
import { collectMigrations, migrateToLatest } from './migrator.ts';

const MIGRATIONS = collectMigrations([{ dir: new URL('./migrations/', import.meta.url), source: 'core' }]);
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
const TIMEOUT = 60_000;
// Creating a PGlite takes ~5 s on a quiet machine but far longer on a loaded CI runner.
const PGLITE_TIMEOUT = 240_000;

const CORE_TABLES = [
  'core_audit_log',
  'core_entities',
  'core_events',
  'core_files',
  'core_jobs',
  'core_localidades',
  'core_rate_limits',
  'core_search_documents',
  'core_sectors',
  'core_sessions',
  'core_user_roles',
  'core_users',
];

/** An in-memory PGlite; closing the handle also closes the instance. */
async function openPglite(): Promise<DatabaseHandle> {
  const pglite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  const handle = await openDatabase({ databaseUrl: null, dataDir: 'unused', pglite });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await pglite.close();
    },
  };
}

/**
 * Tables no migration creates, made in source and target alike, for what core tables lack:
 * an identity column, a self-reference, a `json` column keeping newlines, an unconstrained
 * numeric, arrays, bytea, a table without primary key (cursor path), and an insert trigger that
 * must not run again on restore.
 */
async function createEdgeTables(db: Db): Promise<void> {
  await sql`
    CREATE TABLE zz_edge (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      parent_id integer REFERENCES zz_edge (id),
      raw json,
      doc jsonb,
      amount numeric,
      tags text[],
      blob bytea,
      note text NOT NULL
    )
  `.execute(db);
  await sql`
    CREATE FUNCTION zz_edge_mark() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN NEW.note := NEW.note || ' (trigger)'; RETURN NEW; END $$
  `.execute(db);
  await sql`CREATE TRIGGER zz_edge_mark BEFORE INSERT ON zz_edge FOR EACH ROW EXECUTE FUNCTION zz_edge_mark()`.execute(db);
  await sql`CREATE TABLE zz_nopk (label text, n bigint, refers_to integer REFERENCES zz_edge (id))`.execute(db);
}

async function seedEdgeTables(db: Db): Promise<void> {
  await sql`
    INSERT INTO zz_edge (parent_id, raw, doc, amount, tags, blob, note) VALUES
      (NULL, ${'{\n  "spaced":   true,\n  "n": 1.50\n}'}::json, 'null'::jsonb, 123456789012345678901234567890.000100,
        ARRAY['a', 'b "c"', NULL, 'ñ'], '\\x00ff10'::bytea, 'root'),
      (1, NULL, NULL, 'NaN', '{}', NULL, 'child'),
      (2, '"just a string"', '{"deep": {"big": 98765432109876543210.5, "list": [null, "🚀"]}}', -0.5, NULL, NULL, 'grandchild')
  `.execute(db);
  await sql`
    INSERT INTO zz_nopk (label, n, refers_to)
    SELECT 'fila ' || g, g * 9007199254740 + 1, CASE WHEN g % 3 = 0 THEN 1 END FROM generate_series(1, 2500) AS g
  `.execute(db);
}

/** Varied rows in every core table: accents, emoji, quotes, jsonb, bigint, numeric, timestamps. */
async function seedCore(db: Db): Promise<void> {
  await sql`
    INSERT INTO core_localidades (code, number, name, search_name, administrative_act, area_m2, has_rural_area) VALUES
      ('01', 1, 'Usaquén', 'usaquen', 'Acuerdo 8 de 1977', 65311000.25, true),
      ('02', 2, 'Chapinero', 'chapinero', 'Acuerdo 8 de 1977', 38156000.00, true),
      ('20', 20, 'Sumapaz', 'sumapaz', 'Acuerdo 9 de 1986', 123456789012.34, true)
  `.execute(db);
  await sql`
    INSERT INTO core_sectors (code, number, name, name_en) VALUES
      ('gobierno', 1, 'Gobierno', 'Government'),
      ('hacienda', 2, 'Hacienda', 'Finance')
  `.execute(db);
  await sql`
    INSERT INTO core_entities (code, acronym, name, sector_code, kind, localidad_code, website) VALUES
      ('sdg', 'SDG', 'Secretaría Distrital de Gobierno', 'gobierno', 'head', NULL, 'https://www.gobiernobogota.gov.co'),
      ('alcaldia-usaquen', 'AL01', 'Alcaldía Local de Usaquén', 'gobierno', 'local_mayoralty', '01', NULL),
      ('veeduria', 'VD', 'Veeduría Distrital', NULL, 'control_body', NULL, NULL)
  `.execute(db);
  await sql`
    INSERT INTO core_users (id, email, display_name, password_hash, locale, created_at, disabled_at) VALUES
      ('00000000-0000-4000-8000-000000000001', 'jose@example.co', ${`José Ñúñez 'el "Pepe"'`}, 'scrypt$abc', 'es',
        '2026-03-01T12:34:56.123456-05:00', NULL),
      ('00000000-0000-4000-8000-000000000002', 'zoe@example.com', 'Zoë 🚀 O''Brien — 東京', NULL, 'en',
        '2026-01-01T00:00:00Z', '2026-02-02T02:02:02.000001Z'),
      ('00000000-0000-4000-8000-000000000003', 'back@example.co', ${'Barra \\ invertida\ny salto'}, NULL, 'es', now(), NULL)
  `.execute(db);
  await sql`
    INSERT INTO core_user_roles (user_id, role, entity_code) VALUES
      ('00000000-0000-4000-8000-000000000001', 'platform_admin', ''),
      ('00000000-0000-4000-8000-000000000001', 'entity_official', 'sdg'),
      ('00000000-0000-4000-8000-000000000002', 'moderator', '')
  `.execute(db);
  await sql`
    INSERT INTO core_sessions (id, user_id, data, expires_at, user_agent, ip_hash) VALUES
      (${'s'.repeat(43)}, '00000000-0000-4000-8000-000000000001',
        ${JSON.stringify({ csrf: 'tok', flash: '¡Guardado! ✅', nested: { quote: 'a "b" \\ c' } })}::jsonb,
        '2026-12-31T23:59:59.999999Z', 'Mozilla/5.0 "quoted"', 'abc'),
      (${'t'.repeat(43)}, NULL, '{"precise": 12345678901234567890.123456789}', '2026-06-01T00:00:00Z', NULL, NULL)
  `.execute(db);
  await sql`INSERT INTO core_rate_limits (bucket, window_start, hits) VALUES ('login:1.2.3.4', '2026-03-01T10:00:00Z', 7)`.execute(db);
  await sql`
    INSERT INTO core_audit_log (actor_id, actor_label, action, resource_type, resource_id, before, after, request_id) VALUES
      ('00000000-0000-4000-8000-000000000001', 'José Ñúñez', 'reference.create-localidad', 'localidad', '01', 'null',
        ${JSON.stringify({ name: 'Usaquén', area: 65311000.25, tags: ['norte', 'rural'] })}, 'req-1'),
      (NULL, 'sistema', 'core.seed', 'sector', NULL, NULL, NULL, NULL),
      (NULL, 'sistema', 'reference.update-localidad', 'localidad', '02', '{"name": "Chapinero"}', '{"name": "Chapinero ☕"}', 'req-2')
  `.execute(db);
  // Enough events for several dump batches (1000) and restore batches (500).
  await sql`
    INSERT INTO core_events (occurred_at, type, payload)
    SELECT timestamptz '2026-01-01T00:00:00Z' + g * interval '1 minute', 'core.tick', jsonb_build_object('n', g, 'label', 'evento ' || g)
    FROM generate_series(1, 2345) AS g
  `.execute(db);
  await sql`
    INSERT INTO core_jobs (name, payload, status, attempts, last_error, finished_at) VALUES
      ('mail.send', '{"to": "jose@example.co"}', 'done', 1, NULL, now()),
      ('search.reindex', '{}', 'failed', 5, ${'Error: "boom"\n  at línea 1'}, now()),
      ('mail.send', '{"to": "zoe@example.com"}', 'queued', 0, NULL, NULL)
  `.execute(db);
  // The sequence runs ahead of max(id), as after rolled-back inserts; the restore must keep that.
  await sql`SELECT nextval('core_jobs_id_seq') FROM generate_series(1, 4)`.execute(db);
  await sql`
    INSERT INTO core_files (id, sha256, size_bytes, media_type, original_name, created_by) VALUES
      ('00000000-0000-4000-8000-0000000000f1', ${'a'.repeat(64)}, 9007199254740993, 'application/pdf', 'Acta nº 3 «final».pdf',
        '00000000-0000-4000-8000-000000000001'),
      ('00000000-0000-4000-8000-0000000000f2', ${'b'.repeat(64)}, 0, 'text/plain', 'vacío.txt', NULL)
  `.execute(db);
  await sql`
    INSERT INTO core_search_documents (module, ref, locale, title, body, url, localidad_code) VALUES
      ('participacion', '1', 'es', 'Participación ciudadana en Usaquén', 'Los vecinos votarán los presupuestos', '/participacion/1', '01'),
      ('participacion', '1', 'en', 'Citizen participation', 'Neighbours vote on budgets', '/en/participacion/1', '01'),
      ('reference', 'sumapaz', 'es', 'Sumapaz: la localidad rural', '', '/localidades/20', '20')
  `.execute(db);
  const settings = await sql<{ present: boolean }>`SELECT to_regclass('public.core_settings') IS NOT NULL AS present`.execute(db);
  if (settings.rows[0]?.present) {
    await sql`
      INSERT INTO core_settings (key, value) VALUES
        ('seed.reference', 'true'), ('site.name', '"Gobierno Abierto Bogotá"'), ('site.empty', 'null'), ('limits', '{"max": 1e3}')
    `.execute(db);
  }
}

interface Snapshot {
  tables: Record<string, string[]>;
  sequences: Record<string, { value: string; called: boolean }>;
}

/**
 * Every table's rows (row_to_json, generated columns included) and every sequence, read with a
 * catalog query of its own rather than the code under test. Sorted by the row text in "C"
 * collation so PostgreSQL and PGlite order alike; UTC so timestamps print alike.
 */
async function snapshot(db: Db): Promise<Snapshot> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
    const tables = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'core\_migrations%'
      ORDER BY table_name
    `.execute(trx);
    const result: Snapshot = { tables: {}, sequences: {} };
    for (const { name } of tables.rows) {
      const rows = await sql<{ r: string }>`
        SELECT row_to_json(x)::text AS r FROM ${sql.id('public', name)} AS x ORDER BY row_to_json(x)::text COLLATE "C"
      `.execute(trx);
      result.tables[name] = rows.rows.map((row) => row.r);
    }
    const sequences = await sql<{ name: string }>`
      SELECT sequence_name AS name FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY sequence_name
    `.execute(trx);
    for (const { name } of sequences.rows) {
      const state = await sql<{ value: string; called: boolean }>`
        SELECT last_value::text AS value, is_called AS called FROM ${sql.id('public', name)}
      `.execute(trx);
      result.sequences[name] = state.rows[0] as { value: string; called: boolean };
    }
    return result;
  });
}

function rowCounts(s: Snapshot): Record<string, number> {
  return Object.fromEntries(Object.entries(s.tables).map(([name, rows]) => [name, rows.length]));
}

async function searchHits(db: Db, words: string): Promise<string[]> {
  const result = await sql<{ ref: string }>`
    SELECT module || ':' || ref || ':' || locale AS ref FROM core_search_documents
    WHERE document @@ plainto_tsquery('spanish', core_unaccent(${words})) ORDER BY 1
  `.execute(db);
  return result.rows.map((r) => r.ref);
}

function readDump(path: Promise<Buffer> | Buffer): Promise<string[]> {
  return Promise.resolve(path).then((buffer) => gunzipSync(buffer).toString('utf8').split('\n'));
}

let workDir: string;
let sharedSource: Promise<DatabaseHandle> | null = null;

/** One migrated, seeded PGlite for every suite: nothing writes to it after seeding. */
function seededSource(): Promise<DatabaseHandle> {
  sharedSource ??= (async () => {
    const source = await openPglite();
    await migrateToLatest(source.db, MIGRATIONS);
    await createEdgeTables(source.db);
    await seedCore(source.db);
    await seedEdgeTables(source.db);
    return source;
  })();
  return sharedSource;
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'gab-dump-test-'));
});
afterAll(async () => {
  if (sharedSource) await (await sharedSource).close();
  await rm(workDir, { recursive: true, force: true });
}, PGLITE_TIMEOUT);

describe('sortTablesByDependencies', () => {
  it('puts referenced tables first, ignores self-references and names cycles', () => {
    expect(
      sortTablesByDependencies([
        { name: 'c', references: ['b', 'c'] },
        { name: 'b', references: ['a'] },
        { name: 'a', references: [] },
        { name: 'z', references: [] },
      ]),
    ).toEqual(['a', 'b', 'c', 'z']);
    const cycle = () =>
      sortTablesByDependencies([
        { name: 'x', references: ['y'] },
        { name: 'y', references: ['x'] },
        { name: 'ok', references: [] },
      ]);
    expect(cycle).toThrow(DumpError);
    expect(cycle).toThrow(/ciclo.*x, y.*cycle.*x, y/s);
  });
});

describe('dump and restore on PGlite', { timeout: TIMEOUT }, () => {
  let source: DatabaseHandle;
  let target: DatabaseHandle;
  let dumpPath: string;
  let header: DumpHeader;

  beforeAll(async () => {
    [source, target] = await Promise.all([seededSource(), openPglite()]);
    // The target gets the non-migration tables only; the restore runs the migrations itself.
    await createEdgeTables(target.db);
    dumpPath = join(workDir, 'pglite.gabdump');
    header = await dumpDatabase(source.db, dumpPath);
    await restoreDatabase(target.db, dumpPath, { migrations: MIGRATIONS });
  }, PGLITE_TIMEOUT);
  afterAll(async () => {
    await target?.close();
  });

  it('writes a header, rows in dependency order and sequences', async () => {
    const lines = await readDump(readFile(dumpPath));
    expect(JSON.parse(lines[0] as string)).toEqual(header);
    expect(header).toMatchObject({ format: 'gab-dump', version: 1, migrations: MIGRATIONS.map((m) => m.name) });
    const names = header.tables.map((t) => t.name);
    expect([...names].sort()).toEqual(Object.keys((await snapshot(source.db)).tables).sort());
    expect(names).toEqual(expect.arrayContaining([...CORE_TABLES, 'zz_edge', 'zz_nopk']));
    expect(names.indexOf('core_localidades')).toBeLessThan(names.indexOf('core_entities'));
    expect(names.indexOf('core_sectors')).toBeLessThan(names.indexOf('core_entities'));
    expect(names.indexOf('core_users')).toBeLessThan(names.indexOf('core_files'));
    expect(names.indexOf('zz_edge')).toBeLessThan(names.indexOf('zz_nopk'));
    const search = header.tables.find((t) => t.name === 'core_search_documents');
    expect(search?.columns).not.toContain('document');
    expect(search?.rowCount).toBe(3);
    expect(header.tables.find((t) => t.name === 'core_events')?.rowCount).toBe(2345);
    // Bigint and numeric digits are written as PostgreSQL printed them.
    expect(lines.some((l) => l.includes('"size_bytes":9007199254740993'))).toBe(true);
    expect(lines.some((l) => l.includes('123456789012345678901234567890.000100'))).toBe(true);
    expect(lines.filter((l) => l.startsWith('{"s":')).map((l) => JSON.parse(l).s)).toEqual(header.sequences);
    expect(lines.find((l) => l.startsWith('{"s":"core_jobs_id_seq"'))).toBe('{"s":"core_jobs_id_seq","v":"7","called":true}');
  });

  it('a PGlite dump restored into a fresh PGlite is identical', async () => {
    const [expected, actual] = [await snapshot(source.db), await snapshot(target.db)];
    expect(rowCounts(actual)).toEqual(rowCounts(expected));
    expect(actual).toEqual(expected);
    expect(expected.tables.core_events).toHaveLength(2345);
    expect(expected.sequences.core_jobs_id_seq).toEqual({ value: '7', called: true });
    // JSON null and SQL NULL stay apart; the insert trigger did not run twice.
    const audit = await sql<{ json_null: boolean }>`SELECT before = 'null'::jsonb AS json_null FROM core_audit_log WHERE id = 1`.execute(target.db);
    expect(audit.rows[0]?.json_null).toBe(true);
    const notes = await sql<{ note: string }>`SELECT note FROM zz_edge ORDER BY id`.execute(target.db);
    expect(notes.rows.map((r) => r.note)).toEqual(['root (trigger)', 'child (trigger)', 'grandchild (trigger)']);
    // The generated tsvector was recomputed and the trigger is enabled again.
    expect(await searchHits(target.db, 'participacion usaquen')).toEqual(['participacion:1:es']);
    await sql`INSERT INTO zz_edge (note) VALUES ('new')`.execute(target.db);
    const added = await sql<{ id: number; note: string }>`SELECT id, note FROM zz_edge WHERE note LIKE 'new%'`.execute(target.db);
    expect(added.rows).toEqual([{ id: 4, note: 'new (trigger)' }]);
    await sql`DELETE FROM zz_edge WHERE id = 4`.execute(target.db);
  });

  it('restore refuses a non-empty target without replace', async () => {
    const before = await snapshot(target.db);
    const attempt = restoreDatabase(target.db, dumpPath, { migrations: MIGRATIONS });
    await expect(attempt).rejects.toMatchObject({ name: 'DumpError', code: 'target-not-empty' });
    await expect(attempt).rejects.toThrow(/ya tiene datos.*already holds data/s);
    expect(await snapshot(target.db)).toEqual(before);

    // With replace the old rows go, and identity/sequence positions come from the dump.
    await sql`INSERT INTO core_jobs (name) VALUES ('extra')`.execute(target.db);
    const result = await restoreDatabase(target.db, dumpPath, { migrations: MIGRATIONS, replace: true });
    expect(result.rows).toBe(header.tables.reduce((sum, t) => sum + t.rowCount, 0));
    expect(await snapshot(target.db)).toEqual(await snapshot(source.db));
  });

  it('a corrupt or foreign file gives a clear error and leaves the target unchanged', async () => {
    const before = await snapshot(target.db);
    const good = await readFile(dumpPath);
    const lines = await readDump(good);
    const file = async (name: string, content: Buffer | string) => {
      const path = join(workDir, name);
      await writeFile(path, content);
      return path;
    };
    const gz = (text: string) => gzipSync(Buffer.from(text));
    const headerWith = (changes: Partial<DumpHeader> | Record<string, unknown>) =>
      `${JSON.stringify({ ...JSON.parse(lines[0] as string), ...changes })}\n`;
    const eventLine = lines.findIndex((l) => l.startsWith('{"t":"core_events"'));

    const cases: { name: string; content: Buffer | string; code?: string; message?: RegExp }[] = [
      { name: 'plain.txt', content: 'name,email\nJosé,jose@example.co\n', code: 'not-a-dump', message: /no es un volcado de GAB.*not a GAB dump/s },
      { name: 'empty.gz', content: gz(''), code: 'not-a-dump' },
      { name: 'foreign.gz', content: gz('{"hello": "world"}\n'), code: 'not-a-dump', message: /gab-dump/ },
      { name: 'binary.gz', content: gzipSync(randomBytes(4096)), code: 'not-a-dump' },
      { name: 'v2.gz', content: gz(headerWith({ version: 2 })), code: 'unsupported-version', message: /versión 2.*version 2/s },
      {
        name: 'future.gz',
        content: gz(headerWith({ migrations: [...(header.migrations ?? []), '29991231000000_from_the_future'] })),
        code: 'unknown-migrations',
        message: /no conoce.*29991231000000_from_the_future.*does not know/s,
      },
      { name: 'truncated.gz', content: good.subarray(0, Math.floor(good.length * 0.6)), code: 'corrupt', message: /truncado.*truncated/s },
      {
        name: 'missing-line.gz',
        content: gz(lines.filter((_, i) => i !== eventLine).join('\n')),
        code: 'corrupt',
        message: /core_events: 2344 .*2345/,
      },
      { name: 'garbage-line.gz', content: gz(lines.map((l, i) => (i === eventLine ? '{"t":"core_events",' : l)).join('\n')), code: 'corrupt' },
      {
        name: 'bad-value.gz',
        content: gz(lines.map((l, i) => (i === eventLine ? l.replace(/"occurred_at":"[^"]+"/, '"occurred_at":"not a date"') : l)).join('\n')),
        message: /not a date/,
      },
    ];
    for (const c of cases) {
      const attempt = restoreDatabase(target.db, await file(c.name, c.content), { migrations: MIGRATIONS, replace: true });
      if (c.code) await expect(attempt, c.name).rejects.toMatchObject({ name: 'DumpError', code: c.code });
      else await expect(attempt, c.name).rejects.toThrow();
      if (c.message) await expect(attempt, c.name).rejects.toThrow(c.message);
      expect(await snapshot(target.db), c.name).toEqual(before);
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)('dump and restore between PGlite and PostgreSQL', { timeout: TIMEOUT }, () => {
  const scratchName = `gab_dump_test_${randomBytes(6).toString('hex')}`;
  let admin: pg.Client;
  let postgres: DatabaseHandle | null = null;
  const pglites: DatabaseHandle[] = [];

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${scratchName}`);
    const url = new URL(TEST_DATABASE_URL as string);
    url.pathname = `/${scratchName}`;
    postgres = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused', poolSize: 3 });
  }, TIMEOUT);
  afterAll(async () => {
    await postgres?.close();
    for (const handle of pglites) await handle.close();
    await admin?.query(`DROP DATABASE IF EXISTS ${scratchName} WITH (FORCE)`);
    await admin?.end();
  }, TIMEOUT);

  it('a dump from PGlite restored into PostgreSQL has identical row counts and content', async () => {
    const pgdb = (postgres as DatabaseHandle).db;
    const source = await seededSource();
    await createEdgeTables(pgdb);

    const toPostgres = join(workDir, 'to-postgres.gabdump');
    const progress: string[] = [];
    const header = await dumpDatabase(source.db, toPostgres, { onProgress: (p) => progress.push(p.phase) });
    expect(progress.at(-1)).toBe('done');
    const result = await restoreDatabase(pgdb, toPostgres, { migrations: MIGRATIONS });
    expect(result.header).toEqual(header);

    const expected = await snapshot(source.db);
    const actual = await snapshot(pgdb);
    expect(rowCounts(actual)).toEqual(rowCounts(expected));
    for (const table of header.tables) expect(rowCounts(actual)[table.name], table.name).toBe(table.rowCount);
    for (const name of Object.keys(expected.tables)) expect(actual.tables[name], name).toEqual(expected.tables[name]);
    expect(actual.sequences).toEqual(expected.sequences);
    expect(await searchHits(pgdb, 'participacion usaquen')).toEqual(['participacion:1:es']);
    const applied = await sql<{ name: string }>`SELECT name FROM core_migrations ORDER BY name`.execute(pgdb);
    expect(applied.rows.map((r) => r.name)).toEqual(header.migrations);

    // Without replace a populated server is left alone.
    await expect(restoreDatabase(pgdb, toPostgres, { migrations: MIGRATIONS })).rejects.toMatchObject({ code: 'target-not-empty' });
    expect(await snapshot(pgdb)).toEqual(actual);

    // And back: PostgreSQL (with rows written there) → a fresh PGlite.
    await sql`INSERT INTO core_jobs (name, payload) VALUES ('desde postgres', '{"ñ": "🐘"}')`.execute(pgdb);
    await sql`INSERT INTO zz_edge (parent_id, note) VALUES (3, 'on postgres')`.execute(pgdb);
    const back = await openPglite();
    pglites.push(back);
    await createEdgeTables(back.db);
    const toPglite = join(workDir, 'to-pglite.gabdump');
    await dumpDatabase(pgdb, toPglite);
    await restoreDatabase(back.db, toPglite, { migrations: MIGRATIONS });
    const fromPostgres = await snapshot(pgdb);
    expect(fromPostgres.sequences.core_jobs_id_seq).toEqual({ value: '8', called: true });
    const restored = await snapshot(back.db);
    expect(rowCounts(restored)).toEqual(rowCounts(fromPostgres));
    for (const name of Object.keys(fromPostgres.tables)) expect(restored.tables[name], name).toEqual(fromPostgres.tables[name]);
    expect(restored.sequences).toEqual(fromPostgres.sequences);
    expect(await searchHits(back.db, 'participacion usaquen')).toEqual(['participacion:1:es']);
  }, PGLITE_TIMEOUT);
});
