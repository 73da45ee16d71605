/**
 * `gab pb tally FILE.pb [--rule RULE] [--json]`: counts the votes of a Pabulib file and prints
 * the selected project ids, in the order of the file's PROJECTS section (so the output can be
 * compared line by line with the file's `selected` column), one per line; with `--json`, exactly
 * `{"selected": ["id", …]}` (same order, ids exactly as written in the file).
 *
 * Without `--rule`, the file's META `rule` decides (`ruleForPabulibMeta`): greedy → greedy,
 * equalshares/add1 → mes-cost-add1u-noexh; any other value requires --rule.
 * Problems go to stderr as one clear line (Spanish / English) and the exit code is 1.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Add1NonTerminationError } from './add1.ts';
import { approvalElectionFromPb, TallyInputError } from './election.ts';
import { PabulibError, parsePabulib } from './pabulib.ts';
import { isRuleName, RULES, ruleForPabulibMeta, tally } from './rules.ts';

export interface Writable {
  write(text: string): unknown;
}

export const PB_TALLY_USAGE = `Uso / usage: gab pb tally ARCHIVO.pb [--rule REGLA] [--json]
  Reglas / rules:
${RULES.map((rule) => `    ${rule.name.padEnd(22)} ${rule.label.es}`).join('\n')}
  Sin --rule se usa la regla del archivo (META rule): greedy → greedy, equalshares/add1 →
  mes-cost-add1u-noexh; con otra regla en el archivo, --rule es obligatorio.
  Imprime los proyectos seleccionados en el orden de la sección PROJECTS; --json imprime
  {"selected": [...]}.`;

export async function runPbTally(argv: string[], io: { stdout: Writable; stderr: Writable } = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`${message}\n`);
    return 1;
  };
  let values: { rule?: string; json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { rule: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${PB_TALLY_USAGE}`);
  }
  if (values.help) {
    io.stdout.write(`${PB_TALLY_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) return fail(PB_TALLY_USAGE);
  const file = positionals[0]!;
  if (values.rule !== undefined && !isRuleName(values.rule)) {
    return fail(`Regla desconocida / unknown rule «${values.rule}». Reglas / rules: ${RULES.map((r) => r.name).join(', ')}`);
  }

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return fail(`No se puede leer el archivo / cannot read the file ${file} (${(error as { code?: string }).code ?? 'error'})`);
  }

  try {
    const pb = parsePabulib(text);
    const rule = values.rule ?? ruleForPabulibMeta(pb.meta.rule);
    if (!rule) {
      return fail(
        `El archivo no indica una regla que se pueda reproducir (rule=${pb.meta.rule ?? '—'}); indique --rule / ` +
          `the file does not name a rule we reproduce (rule=${pb.meta.rule ?? '—'}); pass --rule. ` +
          `Reglas / rules: ${RULES.map((r) => r.name).join(', ')}`,
      );
    }
    const { election, warnings } = approvalElectionFromPb(pb);
    for (const warning of warnings) io.stderr.write(`aviso / warning: ${warning}\n`);
    const result = tally(election, rule);
    const selected = new Set(result.selected);
    const ids = pb.projects.filter((p) => selected.has(p.id)).map((p) => p.id);
    io.stdout.write(values.json ? `{"selected": [${ids.map((id) => JSON.stringify(id)).join(', ')}]}\n` : ids.map((id) => `${id}\n`).join(''));
    return 0;
  } catch (error) {
    if (error instanceof PabulibError) return fail(`Archivo .pb inválido / invalid .pb file ${file}: ${error.message}`);
    if (error instanceof TallyInputError || error instanceof Add1NonTerminationError) return fail(error.message);
    throw error;
  }
}
