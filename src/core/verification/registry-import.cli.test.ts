import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { progressLine } from './registry-import-cli.ts';

const BIN = join(process.cwd(), 'bin', 'gab.mjs');
const dir = mkdtempSync(join(tmpdir(), 'gab-registry-cli-'));
const env = { ...process.env, NODE_ENV: 'development', GAB_DATA_DIR: join(dir, 'data'), GAB_LOG_LEVEL: 'warn', DATABASE_URL: '' };

const gab = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 180_000 });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gab verification import', () => {
  it('is listed in the usage', () => {
    const result = gab(['help']);
    expect(result.stdout).toContain('verification import ARCHIVO');
  }, 120_000);

  it('exits 1 with one clear line when the file cannot be read, before touching the database', () => {
    const result = gab(['verification', 'import', join(dir, 'no-existe.csv')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('No se puede leer el archivo');
    expect(result.stderr).toContain('ENOENT');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const directory = gab(['verification', 'import', dir]);
    expect(directory.status).toBe(1);
    expect(directory.stderr).toContain('no es un archivo');
    expect(gab(['verification', 'import']).status).toBe(1);
  }, 180_000);

  it('imports an extract with a progress bar on stderr and the report of bad rows on stdout', () => {
    const file = join(dir, 'extracto.csv');
    const rows = Array.from({ length: 3000 }, (_, i) => `CC;${20000000 + i};${String(1 + (i % 28)).padStart(2, '0')}/05/1980;Suba`);
    writeFileSync(file, `\ufefftipo_documento;numero_documento;fecha_nacimiento;localidad\n${rows.join('\n')}\nCC;123;1980-01-01;Suba\nCC;20999999;1980-01-01;Gotham\n`);
    const result = gab(['verification', 'import', file, '--batch', 'extracto-2026-05']);
    expect(result.stderr).toMatch(/\[#+\] 100 %/);
    expect(result.stderr).toMatch(/MB de \d+,\d MB · 3\.002 filas · [\d.]+ filas\/s/);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('lote / batch «extracto-2026-05»');
    expect(result.stdout).toContain('nuevas / new: 3.000');
    expect(result.stdout).toContain('rechazadas / rejected: 2');
    expect(result.stdout).toContain('línea / line 3002: número de documento inválido / invalid document number');
    expect(result.stdout).toContain('línea / line 3003: localidad desconocida / unknown localidad');

    const again = gab(['verification', 'import', file]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('actualizadas / updated: 3.000');

    const wrong = join(dir, 'otro.csv');
    writeFileSync(wrong, 'nombre,correo\nAna,ana@example.co\n');
    const refused = gab(['verification', 'import', wrong]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('La primera línea debe ser el encabezado tipo_documento,numero_documento,fecha_nacimiento,localidad');
  }, 240_000);

  it('draws the bar from bytes read of the total, with rows per second', () => {
    expect(progressLine({ rows: 50_000, bytesRead: 1048576, imported: 0, updated: 0, rejected: 0 }, 4 * 1048576, 2000, 8)).toBe('[##------]  25 %  1,0 MB de 4,0 MB · 50.000 filas · 25.000 filas/s');
  });
});
