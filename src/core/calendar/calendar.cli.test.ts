import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(process.cwd(), 'bin', 'gab.mjs');
const dir = mkdtempSync(join(tmpdir(), 'gab-calendar-cli-'));
const env = { ...process.env, NODE_ENV: 'development', GAB_DATA_DIR: join(dir, 'data'), GAB_LOG_LEVEL: 'warn', DATABASE_URL: '' };

const gab = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gab calendar', () => {
  it('is listed in the usage', () => {
    const result = gab(['help']);
    expect(result.stdout).toContain('calendar holidays AÑO');
    expect(result.stdout).toContain('calendar due AAAA-MM-DD N');
  }, 120_000);

  it('prints the holidays of a year, one date per line in order', () => {
    const result = gab(['calendar', 'holidays', '2026']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(19);
    expect(lines[0]).toBe('2026-01-01');
    expect(lines).toContain('2026-07-13');
    expect(lines.at(-1)).toBe('2026-12-25');
    expect([...lines].sort()).toEqual(lines);
  }, 120_000);

  it('prints the due date of a term of N business days', () => {
    const result = gab(['calendar', 'due', '2026-12-18', '15']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('2027-01-13\n');
    expect(gab(['calendar', 'due', '2026-07-06', '10']).stdout).toBe('2026-07-22\n');
  }, 120_000);

  it('explains bad input in Spanish on stderr and exits 1', () => {
    const cases: [string[], RegExp][] = [
      [['calendar', 'holidays', 'dosmil'], /Año inválido «dosmil»/],
      [['calendar', 'holidays'], /Uso: gab calendar/],
      [['calendar', 'due', '2026-02-30', '3'], /Fecha inválida «2026-02-30»/],
      [['calendar', 'due', '2026-02-03', 'diez'], /Número de días hábiles inválido «diez»/],
      [['calendar', 'due', '2026-02-03', '-3'], /Número de días hábiles inválido «-3»/],
      [['calendar', 'holidays', '1983'], /Año inválido «1983»/],
      [['calendar', 'holidays', '2026', 'extra'], /Uso: gab calendar/],
      [['calendar', 'due', '2026-02-03'], /Uso: gab calendar/],
      [['calendar', 'nada'], /Uso: gab calendar/],
    ];
    for (const [args, message] of cases) {
      const result = gab(args);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  }, 240_000);
});
