/**
 * Reader and writer for the Pabulib `.pb` format (pabulib.org/format; spec in
 * shared/docs/research/pb-rules.md §1): three `;`-separated CSV sections META, PROJECTS, VOTES.
 *
 * The reader is lenient where real files vary (BOM, CRLF, `key; value` with spaces, a missing
 * `key;value` header line, `None` for absent values, blank lines) and strict where a silent
 * guess would change a tally (unknown or repeated project in a ballot, bad cost, duplicate ids):
 * those throw a `PabulibError` naming the line.
 */
import { Rational, RationalFormatError } from './rational.ts';

export interface PbProject {
  /** `project_id`, exactly as written (trimmed); not necessarily numeric (`P0028`, `124-A`). */
  id: string;
  cost: Rational;
  /** Every other column that has a value, by column name (`None` in the file = key absent). */
  fields: Record<string, string>;
}

export interface PbVote {
  voterId: string;
  /** Project ids in ballot order (order matters for ordinal, cumulative and scoring ballots). */
  vote: string[];
  /** The `points` column split like `vote`, when the file has one (cumulative / scoring). */
  points?: string[];
  /** Every other column that has a value (`age`, `sex`, `voting_method`, …). */
  fields: Record<string, string>;
}

export interface PbElection {
  /** META section in file order (`None` values left out). */
  meta: Record<string, string>;
  /** PROJECTS header in file order, including `project_id` and `cost`. */
  projectColumns: string[];
  projects: PbProject[];
  /** VOTES header in file order, including `voter_id`, `vote` (and `points`). */
  voteColumns: string[];
  votes: PbVote[];
}

/** A file that cannot be read as a .pb election; `line` is 1-based (null: the whole file). */
export class PabulibError extends Error {
  constructor(
    readonly line: number | null,
    readonly es: string,
    readonly en: string,
  ) {
    super(`${line === null ? '' : `línea / line ${line}: `}${es} / ${en}`);
    this.name = 'PabulibError';
  }
}

type Section = 'meta' | 'projects' | 'votes';

const isAbsent = (value: string) => value.length === 4 && value.toLowerCase() === 'none';

/**
 * Splits the text into CSV rows of trimmed fields, calling `onRow(fields, line)` for each
 * non-blank row. Lines without a `"` (nearly all) are split directly; a line with quotes is
 * parsed character by character and may continue over following lines (a quoted newline).
 */
export function forEachCsvRow(text: string, onRow: (fields: string[], line: number) => void): void {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const length = text.length;
  while (pos < length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = length;
    let lineEnd = end;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const raw = text.slice(pos, lineEnd);
    if (raw.indexOf('"') < 0) {
      if (raw.trim() !== '') {
        const fields = raw.split(';');
        for (let i = 0; i < fields.length; i++) fields[i] = fields[i]!.trim();
        onRow(fields, line);
      }
      pos = end + 1;
      line++;
      continue;
    }
    const parsed = parseQuotedRow(text, pos, line);
    onRow(parsed.fields, line);
    pos = parsed.next;
    line = parsed.nextLine;
  }
}

/** Full CSV state machine for one row starting at `start`; returns where the next row begins. */
function parseQuotedRow(text: string, start: number, line: number): { fields: string[]; next: number; nextLine: number } {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let pos = start;
  let currentLine = line;
  const finish = () => {
    fields.push(quoted ? field : field.trim());
    field = '';
    quoted = false;
  };
  while (pos < text.length) {
    const ch = text[pos]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[pos + 1] === '"') {
          field += '"';
          pos += 2;
          continue;
        }
        inQuotes = false;
      } else {
        if (ch === '\n') currentLine++;
        field += ch;
      }
      pos++;
      continue;
    }
    if (ch === ';') {
      finish();
    } else if (ch === '\n' || (ch === '\r' && text[pos + 1] === '\n')) {
      pos += ch === '\r' ? 2 : 1;
      finish();
      return { fields: fields.map((f) => f.trim()), next: pos, nextLine: currentLine + 1 };
    } else if (ch === '"' && !quoted && field.trim() === '') {
      // Opening quote (whitespace before it is dropped, like the trimming of unquoted fields).
      field = '';
      quoted = true;
      inQuotes = true;
    } else if (quoted && (ch === ' ' || ch === '\t')) {
      // Whitespace between a closing quote and the separator is not part of the value.
    } else {
      field += ch;
    }
    pos++;
  }
  if (inQuotes) throw new PabulibError(line, 'comillas sin cerrar', 'unterminated quoted field');
  finish();
  // Values are trimmed after unquoting too, as pabutools does (`"""Piękni wytrenowani"" "`).
  return { fields: fields.map((f) => f.trim()), next: pos, nextLine: currentLine + 1 };
}

function sectionTitle(fields: string[]): Section | null {
  if (fields.length !== 1) return null;
  const title = fields[0]!.toLowerCase();
  return title === 'meta' || title === 'projects' || title === 'votes' ? title : null;
}

function splitList(value: string): string[] {
  if (value === '') return [];
  const items = value.split(',');
  for (let i = 0; i < items.length; i++) items[i] = items[i]!.trim();
  return items;
}

/** Parses a whole .pb text. Throws `PabulibError` (with the line) on anything a tally cannot trust. */
export function parsePabulib(text: string): PbElection {
  const meta: Record<string, string> = {};
  const projects: PbProject[] = [];
  const votes: PbVote[] = [];
  let projectColumns: string[] = [];
  let voteColumns: string[] = [];
  let section: Section | null = null;
  let expectHeader = false;
  const seenSections = new Set<Section>();
  // Project id → index: checks ballots and lets them share the project's id string (a 1M-ballot
  // file then holds 200 id strings, not 5M copies, and later lookups reuse cached hashes).
  const projectIndex = new Map<string, number>();
  const voterIds = new Set<string>();
  let idColumn = -1;
  let costColumn = -1;
  let voterColumn = -1;
  let voteColumn = -1;
  let pointsColumn = -1;
  // Ballot number that last named each project: finds a project named twice without a Set per voter.
  let seenInBallot = new Int32Array(0);
  let ballotNumber = 0;

  const header = (fields: string[], line: number, required: string[]): string[] => {
    const seen = new Set<string>();
    for (const name of fields) {
      if (name === '') throw new PabulibError(line, 'nombre de columna vacío', 'empty column name');
      if (seen.has(name)) throw new PabulibError(line, `columna repetida «${name}»`, `repeated column «${name}»`);
      seen.add(name);
    }
    for (const name of required) {
      if (!seen.has(name)) throw new PabulibError(line, `falta la columna «${name}»`, `missing column «${name}»`);
    }
    return fields;
  };

  const checkWidth = (fields: string[], columns: string[], line: number) => {
    for (let i = columns.length; i < fields.length; i++) {
      if (fields[i] !== '') {
        throw new PabulibError(line, `más campos (${fields.length}) que columnas (${columns.length})`, `more fields (${fields.length}) than columns (${columns.length})`);
      }
    }
  };

  forEachCsvRow(text, (fields, line) => {
    const title = sectionTitle(fields);
    if (title) {
      if (seenSections.has(title)) throw new PabulibError(line, `sección ${title.toUpperCase()} repetida`, `repeated ${title.toUpperCase()} section`);
      seenSections.add(title);
      section = title;
      expectHeader = true;
      return;
    }
    if (section === null) {
      throw new PabulibError(line, 'datos antes de la sección META', 'data before the META section');
    }
    if (section === 'meta') {
      if (expectHeader) {
        expectHeader = false;
        // Some real files (Warsaw, Praga-Południe) have no `key;value` line: the row is data.
        if (fields.length === 2 && fields[0]!.toLowerCase() === 'key' && fields[1]!.toLowerCase() === 'value') return;
      }
      const key = fields[0]!;
      if (key === '') throw new PabulibError(line, 'clave vacía en META', 'empty key in META');
      // A `;` left unquoted inside a value would split it: keep the rest of the row as the value
      // (without trailing empty fields, which some writers leave: `budget;10;`).
      let end = fields.length;
      while (end > 2 && fields[end - 1] === '') end--;
      const value = fields.slice(1, end).join(';');
      if (isAbsent(value)) delete meta[key];
      else meta[key] = value;
      return;
    }
    if (section === 'projects') {
      if (expectHeader) {
        expectHeader = false;
        projectColumns = header(fields, line, ['project_id', 'cost']);
        idColumn = projectColumns.indexOf('project_id');
        costColumn = projectColumns.indexOf('cost');
        return;
      }
      checkWidth(fields, projectColumns, line);
      const id = fields[idColumn] ?? '';
      if (id === '' || isAbsent(id)) throw new PabulibError(line, 'proyecto sin project_id', 'project without project_id');
      if (projectIndex.has(id)) throw new PabulibError(line, `project_id repetido «${id}»`, `repeated project_id «${id}»`);
      const costText = fields[costColumn] ?? '';
      let cost: Rational;
      try {
        cost = Rational.parse(costText);
      } catch (error) {
        if (!(error instanceof RationalFormatError)) throw error;
        throw new PabulibError(line, `coste inválido «${costText}» del proyecto «${id}»`, `invalid cost «${costText}» of project «${id}»`);
      }
      if (cost.sign() < 0) throw new PabulibError(line, `coste negativo del proyecto «${id}»`, `negative cost of project «${id}»`);
      projectIndex.set(id, projects.length);
      const projectFields: Record<string, string> = {};
      for (let i = 0; i < projectColumns.length; i++) {
        if (i === idColumn || i === costColumn) continue;
        const value = fields[i];
        if (value !== undefined && !isAbsent(value)) projectFields[projectColumns[i]!] = value;
      }
      projects.push({ id, cost, fields: projectFields });
      return;
    }
    // VOTES
    if (expectHeader) {
      expectHeader = false;
      voteColumns = header(fields, line, ['voter_id', 'vote']);
      voterColumn = voteColumns.indexOf('voter_id');
      voteColumn = voteColumns.indexOf('vote');
      pointsColumn = voteColumns.indexOf('points');
      return;
    }
    checkWidth(fields, voteColumns, line);
    const voterId = fields[voterColumn] ?? '';
    if (voterId === '' || isAbsent(voterId)) throw new PabulibError(line, 'voto sin voter_id', 'vote without voter_id');
    if (voterIds.has(voterId)) throw new PabulibError(line, `voter_id repetido «${voterId}»`, `repeated voter_id «${voterId}»`);
    voterIds.add(voterId);
    const voteText = fields[voteColumn] ?? '';
    const vote = isAbsent(voteText) ? [] : splitList(voteText);
    ballotNumber++;
    if (seenInBallot.length !== projects.length) seenInBallot = new Int32Array(projects.length);
    for (let i = 0; i < vote.length; i++) {
      const projectId = vote[i]!;
      const index = projectIndex.get(projectId);
      if (index === undefined) {
        throw new PabulibError(line, `proyecto desconocido «${projectId}» en el voto de «${voterId}»`, `unknown project «${projectId}» in the vote of «${voterId}»`);
      }
      if (seenInBallot[index] === ballotNumber) {
        throw new PabulibError(line, `el proyecto «${projectId}» aparece dos veces en el voto de «${voterId}»`, `project «${projectId}» appears twice in the vote of «${voterId}»`);
      }
      seenInBallot[index] = ballotNumber;
      vote[i] = projects[index]!.id;
    }
    const entry: PbVote = { voterId, vote, fields: {} };
    if (pointsColumn >= 0) {
      const pointsText = fields[pointsColumn] ?? '';
      const points = isAbsent(pointsText) ? [] : splitList(pointsText);
      if (points.length !== vote.length) {
        throw new PabulibError(line, `${points.length} puntajes para ${vote.length} proyectos en el voto de «${voterId}»`, `${points.length} points for ${vote.length} projects in the vote of «${voterId}»`);
      }
      entry.points = points;
    }
    for (let i = 0; i < voteColumns.length; i++) {
      if (i === voterColumn || i === voteColumn || i === pointsColumn) continue;
      const value = fields[i];
      if (value !== undefined && !isAbsent(value)) entry.fields[voteColumns[i]!] = value;
    }
    votes.push(entry);
  });

  if (!seenSections.has('projects')) throw new PabulibError(null, 'falta la sección PROJECTS', 'missing PROJECTS section');
  if (projectColumns.length === 0) throw new PabulibError(null, 'la sección PROJECTS no tiene encabezado', 'the PROJECTS section has no header');
  if (seenSections.has('votes') && voteColumns.length === 0) throw new PabulibError(null, 'la sección VOTES no tiene encabezado', 'the VOTES section has no header');
  return { meta, projectColumns, projects, voteColumns, votes };
}

const NEEDS_QUOTES = /[;"\r\n]/;

/** One CSV field: quoted when it holds `;`, `"` or a line break; `None` when absent. */
function csvField(value: string | undefined): string {
  if (value === undefined) return 'None';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Writes an election as .pb text (`\n` line ends, no BOM): META with a `key;value` header, then
 * PROJECTS and VOTES with their columns in the given order; absent values are written `None`.
 * `parsePabulib(writePabulib(e))` gives back the same meta, projects and ballots.
 * Missing `project_id`/`cost` (or `voter_id`/`vote`) columns are put first.
 */
export function writePabulib(election: PbElection): string {
  const out: string[] = ['META', 'key;value'];
  for (const [key, value] of Object.entries(election.meta)) out.push(`${csvField(key)};${csvField(value)}`);

  const projectColumns = withRequired(election.projectColumns, ['project_id', 'cost'], election.projects.map((p) => p.fields));
  out.push('PROJECTS', projectColumns.map(csvField).join(';'));
  for (const project of election.projects) {
    out.push(
      projectColumns
        .map((column) => csvField(column === 'project_id' ? project.id : column === 'cost' ? costText(project) : project.fields[column]))
        .join(';'),
    );
  }

  const hasPoints = election.votes.some((v) => v.points !== undefined);
  const voteColumns = withRequired(election.voteColumns, hasPoints ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote'], election.votes.map((v) => v.fields));
  out.push('VOTES', voteColumns.map(csvField).join(';'));
  for (const vote of election.votes) {
    out.push(
      voteColumns
        .map((column) =>
          column === 'voter_id'
            ? csvField(vote.voterId)
            : column === 'vote'
              ? csvField(vote.vote.join(','))
              : column === 'points'
                ? csvField(vote.points?.join(','))
                : csvField(vote.fields[column]),
        )
        .join(';'),
    );
  }
  return `${out.join('\n')}\n`;
}

function costText(project: PbProject): string {
  const text = project.cost.toDecimalString();
  if (text.startsWith('≈')) {
    throw new PabulibError(null, `el coste de «${project.id}» no es un decimal exacto (${project.cost})`, `the cost of «${project.id}» is not an exact decimal (${project.cost})`);
  }
  return text;
}

/** The declared columns, with required ones and any field name not declared added (in first-seen order). */
function withRequired(columns: readonly string[], required: readonly string[], rows: readonly Record<string, string>[]): string[] {
  const result = [...required.filter((name) => !columns.includes(name)), ...columns];
  const known = new Set(result);
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!known.has(key)) {
        known.add(key);
        result.push(key);
      }
    }
  }
  return result;
}
