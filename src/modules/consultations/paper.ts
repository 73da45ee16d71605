import { createHash } from 'node:crypto';
import { ageOn } from '../../core/permissions/permissions.ts';
import type { Executor } from '../../core/db/database.ts';
import { DOCUMENT_TYPES, identityHash, normalizeDocumentNumber, type DocumentType } from '../../core/verification/identity.ts';
import { emptyRaw, fieldName, validateSubmission, type AnswerRow, type RawAnswer } from './answers.ts';
import { ageBandOf, type ResponseCategories } from './categories.ts';
import type { Channel } from './consultations.schema.ts';
import { CsvError, decodeUtf8, parseCsv } from './csv.ts';
import type { QuestionDef } from './questionnaire.ts';

/**
 * Paper responses: one CSV row per paper form — `tipo_documento,numero_documento,p1,…,pN` — and the
 * reconciliation report an official reviews before confirming. Document numbers are normalised and
 * replaced by their keyed hash as soon as a row is read; they are never stored, logged or echoed.
 *
 * Cells: single choice = the option's number (or its exact text); multiple choice = numbers
 * separated by `|` ("1|3"); ranking = numbers from first to last separated by `|` ("2|1|3");
 * scale and number = the number; text = the text. An empty cell is no answer.
 */

export const PAPER_FIXED_COLUMNS = ['tipo_documento', 'numero_documento'] as const;
export const MAX_PAPER_ROWS = 20_000;
/** Problems listed in a report; the count is always complete. */
export const MAX_LISTED_PROBLEMS = 500;

export const columnOf = (q: Pick<QuestionDef, 'position'>) => `p${q.position}`;

export class PaperFileError extends Error {
  constructor(
    readonly code: 'empty' | 'encoding' | 'unterminated_quote' | 'header' | 'too_many_rows',
    readonly vars: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'PaperFileError';
  }
}

export interface PaperProblem {
  line: number;
  /** The CSV column (`numero_documento`, `p3`…), when the problem is in one cell. */
  column: string | null;
  /** i18n key and variables. */
  key: string;
  vars?: Record<string, string | number>;
}

/** A paper response ready to store (held in memory only, between validation and import). */
export interface PreparedPaperResponse {
  line: number;
  identityHash: string;
  rows: AnswerRow[];
  categories: ResponseCategories;
  userId: string | null;
}

export interface PaperReport {
  sha256: string;
  rows: number;
  valid: number;
  problems: PaperProblem[];
  problemCount: number;
  /** Documents not found in the registry extract or among verified identities: accepted on the official's in-person check. */
  unverified: number;
  /** Every row valid and at least one: the import may be confirmed. */
  ready: boolean;
  prepared: PreparedPaperResponse[];
}

const normalize = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

/** A cell's option: its number in the question's order, or its exact text (ignoring accents and case). */
function optionOf(q: QuestionDef, cell: string): string {
  const trimmed = cell.trim();
  if (/^\d+$/.test(trimmed)) return q.options[Number(trimmed) - 1]?.id ?? `invalid:${trimmed}`;
  return q.options.find((o) => normalize(o.label) === normalize(trimmed))?.id ?? `invalid:${trimmed}`;
}

/** A cell into the raw answer the form would have produced. */
function rawFromCell(q: QuestionDef, cell: string): { raw: RawAnswer; duplicate: boolean } {
  const raw = emptyRaw();
  const parts = cell.split('|').map((p) => p.trim()).filter((p) => p !== '');
  if (q.kind === 'single_choice') raw.choices = parts.length ? [optionOf(q, cell)] : [];
  else if (q.kind === 'multiple_choice') raw.choices = parts.map((p) => optionOf(q, p));
  else if (q.kind === 'ranking') {
    const ids = parts.map((p) => optionOf(q, p));
    ids.forEach((id, index) => (raw.ranks[id] = String(index + 1)));
    return { raw, duplicate: new Set(ids).size !== ids.length };
  } else raw.text = cell;
  return { raw, duplicate: false };
}

interface KnownIdentity {
  birthDate: string | null;
  localidad: string | null;
  userId: string | null;
  gender: string | null;
}

/** What the registry extract and verified identities say about these documents. */
async function knownIdentities(db: Executor, hashes: string[]): Promise<Map<string, KnownIdentity>> {
  const known = new Map<string, KnownIdentity>();
  for (let i = 0; i < hashes.length; i += 1000) {
    const chunk = hashes.slice(i, i + 1000);
    const [registry, identities] = await Promise.all([
      db.selectFrom('core_registry_records').select(['identity_hash', 'birth_date', 'localidad_code']).where('identity_hash', 'in', chunk).execute(),
      db
        .selectFrom('core_identities as i')
        .leftJoin('core_residences as r', 'r.user_id', 'i.user_id')
        .leftJoin('core_profiles as p', 'p.user_id', 'i.user_id')
        .select(['i.identity_hash', 'i.birth_date', 'i.user_id', 'r.localidad_code', 'p.gender'])
        .where('i.identity_hash', 'in', chunk)
        .execute(),
    ]);
    for (const r of registry) known.set(r.identity_hash, { birthDate: r.birth_date, localidad: r.localidad_code, userId: null, gender: null });
    for (const r of identities) {
      const before = known.get(r.identity_hash);
      known.set(r.identity_hash, { birthDate: r.birth_date, localidad: r.localidad_code ?? before?.localidad ?? null, userId: r.user_id, gender: r.gender });
    }
  }
  return known;
}

/**
 * Reads a paper CSV and reconciles it with the consultation: invalid documents and answers, the
 * same document twice in the file, documents that already took part (online, assisted or on
 * paper) and people the registry shows as not eligible — each with its line number. Nothing is
 * written. All rows must be valid for the import to be confirmed (all or nothing).
 */
export async function reconcilePaperCsv(
  db: Executor,
  input: {
    bytes: Buffer;
    secret: string;
    consultation: { id: string; secret: boolean; min_age: number; localidades: readonly string[] };
    questions: readonly QuestionDef[];
    now?: Date;
  },
): Promise<PaperReport> {
  const now = input.now ?? new Date();
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  let table;
  try {
    table = parseCsv(decodeUtf8(input.bytes));
  } catch (error) {
    if (error instanceof CsvError) throw new PaperFileError(error.code);
    throw error;
  }
  const questions = [...input.questions].sort((a, b) => a.position - b.position);
  const expected = [...PAPER_FIXED_COLUMNS, ...questions.map(columnOf)];
  const [header, ...rows] = table.rows;
  const got = header!.cells.map((c) => c.trim().toLowerCase());
  if (got.length !== expected.length || got.some((c, i) => c !== expected[i])) throw new PaperFileError('header', { expected: expected.join(table.delimiter) });
  if (rows.length > MAX_PAPER_ROWS) throw new PaperFileError('too_many_rows', { max: MAX_PAPER_ROWS });

  const problems: PaperProblem[] = [];
  const problem = (line: number, column: string | null, key: string, vars?: Record<string, string | number>) => problems.push({ line, column, key: `consultations.paper.problems.${key}`, vars });
  const candidates: { line: number; hash: string; rows: AnswerRow[] }[] = [];
  const firstLineOf = new Map<string, number>();

  for (const row of rows) {
    const cells = row.cells;
    if (cells.length !== expected.length) {
      problem(row.line, null, 'columns', { expected: expected.length, got: cells.length });
      continue;
    }
    let ok = true;
    const type = cells[0]!.trim().toUpperCase();
    const number = DOCUMENT_TYPES.includes(type as DocumentType) ? normalizeDocumentNumber(type as DocumentType, cells[1]!) : null;
    if (!DOCUMENT_TYPES.includes(type as DocumentType)) {
      problem(row.line, 'tipo_documento', 'document_type');
      ok = false;
    } else if (!number) {
      problem(row.line, 'numero_documento', 'document_number');
      ok = false;
    }
    const raw = new Map<string, RawAnswer>();
    questions.forEach((q, i) => {
      const { raw: answer, duplicate } = rawFromCell(q, cells[i + 2]!);
      if (duplicate) {
        problem(row.line, columnOf(q), 'rank_repeated');
        ok = false;
      }
      raw.set(q.id, answer);
    });
    const validated = validateSubmission(questions, raw);
    for (const q of questions) {
      const error = validated.errors[fieldName(q.id)];
      if (error) {
        problems.push({ line: row.line, column: columnOf(q), key: error.key, vars: error.vars });
        ok = false;
      }
    }
    if (!number || !ok) continue;
    const hash = identityHash(input.secret, type as DocumentType, number);
    const first = firstLineOf.get(hash);
    if (first !== undefined) {
      problem(row.line, 'numero_documento', 'duplicate_in_file', { line: first });
      continue;
    }
    firstLineOf.set(hash, row.line);
    candidates.push({ line: row.line, hash, rows: validated.rows });
  }

  const hashes = candidates.map((c) => c.hash);
  const existing = new Map<string, Channel>();
  for (let i = 0; i < hashes.length; i += 1000) {
    const chunk = hashes.slice(i, i + 1000);
    const found = await db.selectFrom('consultations_participants').select(['identity_hash', 'channel']).where('consultation_id', '=', input.consultation.id).where('identity_hash', 'in', chunk).execute();
    for (const f of found) existing.set(f.identity_hash, f.channel);
  }
  const known = await knownIdentities(db, hashes);
  const prepared: PreparedPaperResponse[] = [];
  let unverified = 0;
  for (const c of candidates) {
    const channel = existing.get(c.hash);
    if (channel) {
      problem(c.line, 'numero_documento', `already_${channel}`);
      continue;
    }
    const person = known.get(c.hash);
    if (person?.birthDate && ageOn(person.birthDate, now) < input.consultation.min_age) {
      problem(c.line, 'numero_documento', 'under_age', { age: input.consultation.min_age });
      continue;
    }
    if (input.consultation.localidades.length && person?.localidad && !input.consultation.localidades.includes(person.localidad)) {
      problem(c.line, 'numero_documento', 'wrong_localidad');
      continue;
    }
    if (!person?.birthDate) unverified++;
    prepared.push({
      line: c.line,
      identityHash: c.hash,
      rows: c.rows,
      categories: { ageBand: ageBandOf(person?.birthDate, now), localidadCode: person?.localidad ?? null, gender: person?.gender ?? null },
      userId: input.consultation.secret ? null : (person?.userId ?? null),
    });
  }
  problems.sort((a, b) => a.line - b.line);
  return {
    sha256,
    rows: rows.length,
    valid: prepared.length,
    problems: problems.slice(0, MAX_LISTED_PROBLEMS),
    problemCount: problems.length,
    unverified,
    ready: problems.length === 0 && prepared.length > 0,
    prepared,
  };
}
