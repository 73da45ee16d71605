import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPbTally } from './cli.ts';
import { HAS_SAMPLES, SAMPLES_DIR } from './tally.test-support.ts';

const BIN = join(process.cwd(), 'bin', 'gab.mjs');
const dir = mkdtempSync(join(tmpdir(), 'gab-pb-tally-cli-'));
const env = { ...process.env, NODE_ENV: 'development', GAB_DATA_DIR: join(dir, 'data'), GAB_LOG_LEVEL: 'warn', DATABASE_URL: '' };
const gab = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXAMPLE = `META
key;value
budget;2500
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;name
1;600;"Uno; con ""comillas"""
2;800;Dos
4;1400;Cuatro
5;1000;Cinco
7;1200;Siete
VOTES
voter_id;vote
1;1,2,4
2;1,2
3;2,4,5
4;5,7
5;1,4,7
6;1,7
7;5
8;4
9;2,4,5
10;4,5
`;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** runPbTally in this process, with stdout / stderr captured. */
async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runPbTally(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

describe('gab pb tally (spawned)', () => {
  it('prints {"selected": [...]} with --json and exits 0', () => {
    const result = gab(['pb', 'tally', file('example.pb', EXAMPLE), '--rule', 'greedy', '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('{"selected": ["4", "5"]}\n');
    expect(JSON.parse(result.stdout)).toEqual({ selected: ['4', '5'] });
  }, 120_000);

  it('exits 1 with one clear line when the file cannot be read or the rule is unknown', () => {
    const missing = gab(['pb', 'tally', join(dir, 'no-such.pb'), '--rule', 'greedy', '--json']);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('No se puede leer el archivo / cannot read the file');
    expect(missing.stderr).toContain('ENOENT');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const badRule = gab(['pb', 'tally', file('example.pb', EXAMPLE), '--rule', 'phragmen']);
    expect(badRule.status).toBe(1);
    expect(badRule.stderr).toContain('unknown rule «phragmen»');
    expect(gab(['pb', 'tally']).status).toBe(1);
    expect(gab(['pb', 'nope']).status).toBe(1);
  }, 120_000);

  it('is listed in the usage', () => {
    expect(gab(['help']).stdout).toContain('pb tally ARCHIVO.pb [--rule REGLA] [--json]');
  }, 120_000);

  it.skipIf(!HAS_SAMPLES)('uses the rule of the file when --rule is absent (Wieliczka 2023: variant C, the official result)', () => {
    const result = gab(['pb', 'tally', join(SAMPLES_DIR, 'poland_wieliczka_2023_green-budget.pb')]);
    expect(result.status).toBe(0);
    const official = ['24', '41', '40', '74', '19', '6', '32', '39', '58', '42', '25', '43', '20', '60', '29', '33', '17', '70', '34', '9', '26', '71', '88', '36', '62', '61', '7', '46', '56', '69'];
    expect(result.stdout).toBe(official.map((id) => `${id}\n`).join(''));
  }, 120_000);
});

describe('runPbTally', () => {
  it('prints one id per line in the order of the PROJECTS section', async () => {
    // Selection order is 4 then 5; the file lists 5 after 4 too. Reverse the file to see the order.
    const reversed = EXAMPLE.replace('4;1400;Cuatro\n5;1000;Cinco', '5;1000;Cinco\n4;1400;Cuatro');
    expect(await run([file('reversed.pb', reversed), '--rule', 'greedy'])).toEqual({ code: 0, stdout: '5\n4\n', stderr: '' });
    expect((await run([file('reversed.pb', reversed), '--rule', 'greedy', '--json'])).stdout).toBe('{"selected": ["5", "4"]}\n');
  });

  it('uses META rule greedy when --rule is absent, and asks for --rule for other rules', async () => {
    expect((await run([file('example.pb', EXAMPLE)])).stdout).toBe('4\n5\n');
    const unknown = await run([file('unknown.pb', EXAMPLE.replace('rule;greedy', 'rule;greedy-threshold'))]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('rule=greedy-threshold');
    expect(unknown.stderr).toContain('pass --rule');
  });

  it('reports an invalid file with its line number', async () => {
    const result = await run([file('bad.pb', EXAMPLE.replace('10;4,5', '10;4,8')), '--rule', 'greedy']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('línea / line 24: proyecto desconocido «8»');
    expect(result.stdout).toBe('');
  });

  it('warns on stderr when ballots are not approval ballots', async () => {
    const result = await run([file('ordinal.pb', EXAMPLE.replace('vote_type;approval', 'vote_type;ordinal')), '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('aviso / warning: votos de tipo «ordinal» contados como aprobación');
    expect(result.stderr).toContain('«ordinal» ballots counted as approval');
  });

  it('explains why Add1 cannot be used instead of looping for ever', async () => {
    const result = await run([file('example.pb', EXAMPLE.replace('budget;2500', 'budget;9000')), '--rule', 'mes-cost-add1u-noexh']);
    // Every project fits in 9000: the shortcut funds them all.
    expect(result.stdout).toBe('1\n2\n4\n5\n7\n');
    const zeroVotes = EXAMPLE.replace('budget;2500', 'budget;5200').replace('7;1200;Siete', '7;1200;Siete\n8;500;Ocho');
    const loop = await run([file('loop.pb', zeroVotes), '--rule', 'mes-cost-add1u-noexh']);
    expect(loop.code).toBe(1);
    expect(loop.stderr).toContain('does not terminate');
  });

  it('prints the usage with --help and rejects unknown options', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('mes-cost-add1u-noexh');
    expect((await run(['x.pb', '--bogus'])).code).toBe(1);
  });
});
