/**
 * `gab pb import FILE.pb [--slug S]` and `gab pb export SLUG [ENVELOPE] [--part P] [--output FILE]`:
 * load a Pabulib election as a closed edition with its results published, and write an envelope's
 * election back as .pb (what `/…/votos.pb` serves). Problems go to stderr as one clear line
 * (Spanish / English) and the exit code is 1.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Db } from '../../core/db/database.ts';
import { findEditionBySlug, findEnvelope, listEnvelopes, envelopeKey } from './editions.queries.ts';
import { envelopeToPb, importPabulib, PabulibImportError, resultScopes, slugFromFileName } from './pabulib-edition.ts';
import { CountFailedError } from './results-count.ts';
import { PabulibError, parsePabulib, writePabulib } from './tally/pabulib.ts';
import { Rational } from './tally/rational.ts';

export interface Writable {
  write(text: string): unknown;
}

interface Io {
  stdout: Writable;
  stderr: Writable;
}

export const PB_IMPORT_USAGE = `Uso / usage: gab pb import ARCHIVO.pb [--slug IDENTIFICADOR]
  Carga una elección de Pabulib como edición cerrada con resultados publicados (el identificador
  de la edición sale del nombre del archivo si no se da --slug).`;

export const PB_EXPORT_USAGE = `Uso / usage: gab pb export EDICION [SOBRE] [--part PARTE] [--output ARCHIVO]
  Escribe los votos anonimizados de un sobre (código de localidad, p. ej. 11, o id del sobre) en
  formato Pabulib; sin --output, en la salida estándar. --part elige la subbolsa (id) o «resto»
  cuando la localidad tiene subbolsas.`;

function parse(
  argv: string[],
  options: Record<string, { type: 'string' | 'boolean'; short?: string }>,
  io: Io,
  usage: string,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } | null {
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return null;
  }
}

export async function runPbImport(db: Db, argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const args = parse(argv, { slug: { type: 'string' } }, io, PB_IMPORT_USAGE);
  if (!args) return 1;
  if (args.values.help) {
    io.stdout.write(`${PB_IMPORT_USAGE}\n`);
    return 0;
  }
  if (args.positionals.length !== 1) {
    io.stderr.write(`${PB_IMPORT_USAGE}\n`);
    return 1;
  }
  const file = args.positionals[0]!;
  const started = performance.now();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.stderr.write(`No se puede leer el archivo / cannot read the file ${file} (${(error as { code?: string }).code ?? 'error'})\n`);
    return 1;
  }
  try {
    const pb = parsePabulib(text);
    const slug = typeof args.values.slug === 'string' ? args.values.slug : slugFromFileName(file);
    const summary = await importPabulib(db, pb, { slug, fileName: file });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const winners = summary.counts.reduce((n, c) => n + c.winners, 0);
    const spent = summary.counts.reduce((sum, c) => sum.add(Rational.parse(c.spent)), Rational.ZERO).toDecimalString();
    io.stdout.write(
      `Edición importada / edition imported: ${summary.slug} — ${summary.projects} proyectos / projects, ${summary.ballots} votos / ballots, ` +
        `${summary.choices} elecciones / choices; regla / rule ${summary.countingRule}: ${winners} ganadores / winners, ${spent} asignado / assigned ` +
        `(${seconds} s)\n/presupuestos-participativos/${summary.slug}/resultados\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof PabulibError || error instanceof PabulibImportError || error instanceof CountFailedError) {
      io.stderr.write(`${file}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

export async function runPbExport(db: Db, argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const args = parse(argv, { output: { type: 'string', short: 'o' }, part: { type: 'string' } }, io, PB_EXPORT_USAGE);
  if (!args) return 1;
  if (args.values.help) {
    io.stdout.write(`${PB_EXPORT_USAGE}\n`);
    return 0;
  }
  const [slug, key, ...rest] = args.positionals;
  if (!slug || rest.length > 0) {
    io.stderr.write(`${PB_EXPORT_USAGE}\n`);
    return 1;
  }
  const fail = (es: string, en: string) => {
    io.stderr.write(`${es} / ${en}\n`);
    return 1;
  };
  const edition = await findEditionBySlug(db, slug);
  if (!edition) return fail(`No existe la edición «${slug}»`, `no edition «${slug}»`);
  const envelopes = await listEnvelopes(db, edition.id);
  const keys = envelopes.map(envelopeKey).join(', ');
  const envelope = key ? await findEnvelope(db, edition.id, key) : envelopes.length === 1 ? envelopes[0]! : null;
  if (!envelope) {
    return key
      ? fail(`La edición no tiene el sobre «${key}» (sobres: ${keys})`, `the edition has no envelope «${key}» (envelopes: ${keys})`)
      : fail(`Indique el sobre (sobres: ${keys})`, `name the envelope (envelopes: ${keys})`);
  }
  const part = typeof args.values.part === 'string' ? args.values.part : null;
  const pb = await envelopeToPb(db, edition, envelope, part);
  if (!pb) {
    const parts = (await resultScopes(db, envelope.id)).map((s) => s.part ?? '(ninguna / none)').join(', ');
    return parts
      ? fail(`No hay resultado para esa parte (partes: ${parts})`, `no result for that part (parts: ${parts})`)
      : fail('El sobre no tiene resultados publicados', 'the envelope has no published results');
  }
  const text = writePabulib(pb);
  if (typeof args.values.output === 'string') {
    await writeFile(args.values.output, text, 'utf8');
    io.stderr.write(`Escrito / written: ${args.values.output} (${pb.projects.length} proyectos / projects, ${pb.votes.length} votos / ballots)\n`);
  } else {
    io.stdout.write(text);
  }
  return 0;
}
