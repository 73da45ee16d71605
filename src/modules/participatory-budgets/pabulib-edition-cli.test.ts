import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { runPbExport, runPbImport } from './pabulib-cli.ts';
import type { ResultDetail } from './results-detail.ts';
import { parsePabulib } from './tally/pabulib.ts';

/** The Pabulib samples live outside the repository (../shared/pb-samples); these tests skip without them. */
const SAMPLES_DIR = fileURLToPath(new URL('../../../../shared/pb-samples/', import.meta.url));
const HAS_SAMPLES = existsSync(SAMPLES_DIR);
const WIELICZKA = `${SAMPLES_DIR}poland_wieliczka_2023_green-budget.pb`;

const capture = () => {
  let out = '';
  return { stream: { write: (s: string) => (out += s) }, text: () => out };
};

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe.each(testEngines())('gab pb import and export (%s)', (engine) => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await buildTestApp(engine);
    dir = mkdtempSync(join(tmpdir(), 'gab-pb-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  const run = async (command: typeof runPbImport, args: string[]) => {
    const out = capture();
    const err = capture();
    const code = await command(t.database.db, args, { stdout: out.stream, stderr: err.stream });
    return { code, stdout: out.text(), stderr: err.text() };
  };

  it.skipIf(!HAS_SAMPLES)('imports the Wieliczka Green Budget and reproduces its official Equal Shares result', async () => {
    const imported = await run(runPbImport, [WIELICZKA, '--slug', 'wieliczka-2023']);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('wieliczka-2023 — 64 proyectos / projects, 6586 votos / ballots');
    expect(imported.stdout).toContain('regla / rule mes-cost-add1u-noexh');
    const official = parsePabulib(readFileSync(WIELICZKA, 'utf8'))
      .projects.filter((p) => p.fields.selected === '1')
      .map((p) => p.id);
    const result = await t.database.db
      .selectFrom('participatory_budgets_results as r')
      .innerJoin('participatory_budgets_envelopes as e', 'e.id', 'r.envelope_id')
      .innerJoin('participatory_budgets_editions as ed', 'ed.id', 'e.edition_id')
      .select(['r.detail', 'r.counting_rule', 'e.id as envelope_id'])
      .where('ed.slug', '=', 'wieliczka-2023')
      .executeTakeFirstOrThrow();
    const detail = result.detail as ResultDetail;
    expect(detail.projects.filter((p) => p.selected).map((p) => p.projectId).sort()).toEqual(official.sort());

    // The results page and the public file of an imported election (envelope addressed by id).
    const page = await t.app.inject({ method: 'GET', url: `/presupuestos-participativos/wieliczka-2023/${result.envelope_id}/resultados` });
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('Resultados de Wieliczka — Green Budget');
    const file = await t.app.inject({ method: 'GET', url: `/presupuestos-participativos/wieliczka-2023/${result.envelope_id}/votos.pb` });
    expect(parsePabulib(file.body).votes).toHaveLength(6586);
  });

  it.skipIf(!HAS_SAMPLES)('exports an imported election to a file, or to standard output', async () => {
    const sample = `${SAMPLES_DIR}poland_gdansk_2020_rudniki.pb`;
    expect((await run(runPbImport, [sample])).code).toBe(0);
    const output = join(dir, 'rudniki.pb');
    const exported = await run(runPbExport, ['poland-gdansk-2020-rudniki', '--output', output]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('2 proyectos / projects, 163 votos / ballots');
    const original = parsePabulib(readFileSync(sample, 'utf8'));
    const back = parsePabulib(readFileSync(output, 'utf8'));
    expect(back.meta).toEqual(original.meta);
    expect(back.votes.find((v) => v.voterId === '1513')).toEqual(original.votes.find((v) => v.voterId === '1513'));
    const stdout = await run(runPbExport, ['poland-gdansk-2020-rudniki']);
    expect(stdout.stdout).toBe(readFileSync(output, 'utf8'));
  });

  it('explains what is wrong with the file, the slug, the edition or the envelope, and exits 1', async () => {
    const broken = join(dir, 'roto.pb');
    writeFileSync(broken, 'META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost\n1;10\nVOTES\nvoter_id;vote\n1;7\n');
    const bad = await run(runPbImport, [broken]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('proyecto desconocido «7»');
    const good = join(dir, 'Bueno.pb');
    writeFileSync(good, 'META\nkey;value\nbudget;100\nunit;Pruebas\nPROJECTS\nproject_id;cost;name\n1;10;Parque pequeño\nVOTES\nvoter_id;vote\n1;1\n');
    expect((await run(runPbImport, [good, '--slug', 'Con Mayúsculas'])).stderr).toContain('identificador de edición inválido');
    expect((await run(runPbImport, [good])).code).toBe(0);
    expect((await run(runPbImport, [good])).stderr).toContain('ya existe una edición «bueno»');
    expect((await run(runPbImport, [join(dir, 'no-existe.pb')])).stderr).toContain('No se puede leer el archivo');
    expect((await run(runPbImport, [])).code).toBe(1);
    expect((await run(runPbExport, ['no-existe'])).stderr).toContain('No existe la edición «no-existe»');
    expect((await run(runPbExport, ['bueno', '11'])).stderr).toContain('La edición no tiene el sobre «11»');
  });
});

describe('the gab pb import and export commands', () => {
  it.skipIf(!HAS_SAMPLES)('import a file into the data directory and write it back to standard output unchanged', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gab-pb-cli-'));
    const gab = (args: string[]) =>
      spawnSync(process.execPath, [join(process.cwd(), 'bin', 'gab.mjs'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, NODE_ENV: 'development', GAB_DATA_DIR: dataDir, GAB_LOG_LEVEL: 'warn', DATABASE_URL: '' },
        timeout: 200_000,
      });
    try {
      const sample = `${SAMPLES_DIR}pabulib-format-example.pb`;
      const imported = gab(['pb', 'import', sample, '--slug', 'ejemplo-pabulib']);
      expect(imported.stderr).toBe('');
      expect(imported.status).toBe(0);
      expect(imported.stdout).toContain('ejemplo-pabulib — 5 proyectos / projects, 10 votos / ballots');
      const exported = gab(['pb', 'export', 'ejemplo-pabulib']);
      expect(exported.status).toBe(0);
      const original = parsePabulib(readFileSync(sample, 'utf8'));
      const back = parsePabulib(exported.stdout);
      expect(back.meta).toEqual(original.meta);
      expect(back.projects.map((p) => [p.id, p.cost.toString(), p.fields])).toEqual(original.projects.map((p) => [p.id, p.cost.toString(), p.fields]));
      expect(back.votes.map((v) => [v.voterId, v.vote])).toEqual(original.votes.map((v) => [v.voterId, v.vote]));
      expect(gab(['help']).stdout).toContain('pb import ARCHIVO.pb');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    // Two processes that each open (the first also migrates and seeds) a fresh PGlite data directory.
  }, 240_000);
});
