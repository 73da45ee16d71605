/**
 * A polling station's paper tally, as an official types or pastes it: the poll book (who voted
 * there, by identity document) and the ballots (one line each). This file reads both and builds
 * the reconciliation report the official checks before confirming the import.
 */
import type { Executor } from '../../core/db/database.ts';
import { DOCUMENT_TYPES, identityHash, normalizeDocumentNumber, type DocumentType } from '../../core/verification/identity.ts';
import type { BallotLimits } from './ballot-config.ts';
import { marksFromPaperLine, validateBallot, type BallotChoice, type BallotError, type Candidate } from './ballot-validation.ts';
import type { BallotRule } from './participatory-budgets.schema.ts';

/** Largest poll book or ballot list accepted in one import (a big school station is ~3,000). */
export const MAX_TALLY_LINES = 20_000;
/** Fewer voters than this at one station make its ballots easy to attribute (BALLOT-SECRECY.md). */
export const SMALL_STATION_VOTERS = 5;

export interface PollBookEntry {
  line: number;
  identityHash: string;
}

export type PollBookIssue =
  | { line: number; kind: 'format' | 'document_type' | 'document_number' }
  | { line: number; kind: 'duplicate'; firstLine: number }
  | { line: number; kind: 'already_voted'; channel: 'online' | 'assisted' | 'paper'; pollingStation: string | null };

export interface PaperBallot {
  line: number;
  choices: BallotChoice[];
}

export type TallyProblem = 'station_exists' | 'poll_book_empty' | 'poll_book_invalid' | 'poll_book_duplicates' | 'already_voted' | 'too_many_ballots' | 'too_many_lines';
export type TallyWarning = 'small_station' | 'fewer_ballots';

export interface TallyReport {
  pollingStation: string;
  pollBook: { lines: number; eligible: number; issues: PollBookIssue[] };
  ballots: { lines: number; valid: number; blank: number; null: number; invalid: { line: number; errors: BallotError[] }[] };
  problems: TallyProblem[];
  warnings: TallyWarning[];
  /** True when confirming would import this tally. */
  acceptable: boolean;
}

export interface ParsedTally {
  report: TallyReport;
  /** Eligible poll-book entries (keyed hashes only: document numbers are never kept). */
  voters: PollBookEntry[];
  ballots: PaperBallot[];
}

const splitLines = (text: string) => text.replace(/\r\n?/g, '\n').split('\n');
const isHeader = (line: string) => /[a-z]/i.test(line) && /tipo|documento|propuesta|proyecto|papeleta|voto/i.test(line);

/** Reads the poll book: one "type, number" per line ("CC,1020304050"; ";" or spaces also do). */
export function parsePollBook(secret: string, text: string): { entries: PollBookEntry[]; issues: PollBookIssue[]; lines: number } {
  const entries: PollBookEntry[] = [];
  const issues: PollBookIssue[] = [];
  const firstLineOf = new Map<string, number>();
  let lines = 0;
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed || (lines === 0 && isHeader(trimmed))) return;
    lines++;
    const match = /^([A-Za-z]{2,3})\s*[,;\t ]\s*(.+)$/.exec(trimmed);
    if (!match) return void issues.push({ line, kind: 'format' });
    const type = match[1]!.toUpperCase();
    if (!(DOCUMENT_TYPES as readonly string[]).includes(type)) return void issues.push({ line, kind: 'document_type' });
    const number = normalizeDocumentNumber(type as DocumentType, match[2]!.replace(/[,;]+$/, ''));
    if (!number) return void issues.push({ line, kind: 'document_number' });
    const hash = identityHash(secret, type as DocumentType, number);
    const first = firstLineOf.get(hash);
    if (first !== undefined) return void issues.push({ line, kind: 'duplicate', firstLine: first });
    firstLineOf.set(hash, line);
    entries.push({ line, identityHash: hash });
  });
  return { entries, issues, lines };
}

/**
 * Reads the ballots, one per line, under the edition's rule (see marksFromPaperLine). "blanco"
 * and "nulo" are ballots cast blank or spoiled: they count as ballots in the box, not for any
 * project. A line that breaks the rule is an invalid ballot, reported with its line number.
 */
export function parsePaperBallots(
  rule: BallotRule,
  limits: BallotLimits,
  budget: number,
  candidates: readonly Candidate[],
  text: string,
): { ballots: PaperBallot[]; invalid: { line: number; errors: BallotError[] }[]; blank: number; null: number; lines: number } {
  const ballots: PaperBallot[] = [];
  const invalid: { line: number; errors: BallotError[] }[] = [];
  let blank = 0;
  let spoiled = 0;
  let lines = 0;
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed || (lines === 0 && isHeader(trimmed))) return;
    lines++;
    if (/^(en )?blanco$/i.test(trimmed)) return void blank++;
    if (/^nulo$/i.test(trimmed)) return void spoiled++;
    const parsed = marksFromPaperLine(rule, trimmed);
    if (parsed.errors.length > 0) return void invalid.push({ line, errors: parsed.errors });
    const checked = validateBallot(rule, limits, budget, candidates, parsed.marks);
    if (checked.errors.length > 0) return void invalid.push({ line, errors: checked.errors });
    ballots.push({ line, choices: checked.choices });
  });
  return { ballots, invalid, blank, null: spoiled, lines };
}

/** Polling-station names compare trimmed and with single spaces ("Mesa  3" = "Mesa 3"). */
export const normalizeStation = (name: string) => name.replace(/\s+/g, ' ').trim();

export interface TallyInput {
  editionId: string;
  envelopeId: string;
  rule: BallotRule;
  limits: BallotLimits;
  budget: number;
  candidates: readonly Candidate[];
  pollingStation: string;
  pollBook: string;
  ballots: string;
  secret: string;
}

/**
 * Reads both parts and reconciles them with the database: poll-book entries that already voted
 * (online, assisted or at another station) and a station imported before are refused, and so is
 * a box with more ballots than eligible poll-book entries. Nothing is written.
 */
export async function reconcileTally(db: Executor, input: TallyInput): Promise<ParsedTally> {
  const pollingStation = normalizeStation(input.pollingStation);
  const book = parsePollBook(input.secret, input.pollBook);
  const box = parsePaperBallots(input.rule, input.limits, input.budget, input.candidates, input.ballots);
  const problems: TallyProblem[] = [];
  if (book.lines > MAX_TALLY_LINES || box.lines > MAX_TALLY_LINES) problems.push('too_many_lines');

  const issues = [...book.issues];
  const voted = new Map<string, { channel: 'online' | 'assisted' | 'paper'; pollingStation: string | null }>();
  const hashes = book.entries.map((e) => e.identityHash);
  for (let i = 0; i < hashes.length; i += 1000) {
    const rows = await db
      .selectFrom('participatory_budgets_voters as v')
      .leftJoin('participatory_budgets_paper_tallies as p', 'p.id', 'v.paper_tally_id')
      .select(['v.identity_hash', 'v.channel', 'p.polling_station'])
      .where('v.edition_id', '=', input.editionId)
      .where('v.identity_hash', 'in', hashes.slice(i, i + 1000))
      .execute();
    for (const r of rows) voted.set(r.identity_hash, { channel: r.channel, pollingStation: r.polling_station });
  }
  const voters: PollBookEntry[] = [];
  for (const entry of book.entries) {
    const previous = voted.get(entry.identityHash);
    if (previous) issues.push({ line: entry.line, kind: 'already_voted', ...previous });
    else voters.push(entry);
  }
  issues.sort((a, b) => a.line - b.line);

  const station = await db
    .selectFrom('participatory_budgets_paper_tallies')
    .select('id')
    .where('envelope_id', '=', input.envelopeId)
    .where('polling_station', '=', pollingStation)
    .executeTakeFirst();
  if (station) problems.push('station_exists');
  if (book.entries.length === 0 && book.issues.length === 0) problems.push('poll_book_empty');
  if (issues.some((i) => i.kind === 'format' || i.kind === 'document_type' || i.kind === 'document_number')) problems.push('poll_book_invalid');
  if (issues.some((i) => i.kind === 'duplicate')) problems.push('poll_book_duplicates');
  if (issues.some((i) => i.kind === 'already_voted')) problems.push('already_voted');
  if (box.lines > voters.length) problems.push('too_many_ballots');

  const warnings: TallyWarning[] = [];
  if (voters.length > 0 && voters.length < SMALL_STATION_VOTERS) warnings.push('small_station');
  if (box.lines < voters.length) warnings.push('fewer_ballots');

  const report: TallyReport = {
    pollingStation,
    pollBook: { lines: book.lines, eligible: voters.length, issues },
    ballots: { lines: box.lines, valid: box.ballots.length, blank: box.blank, null: box.null, invalid: box.invalid },
    problems,
    warnings,
    acceptable: problems.length === 0,
  };
  return { report, voters, ballots: box.ballots };
}

/**
 * What is kept with an imported tally: counts, problem codes and the line numbers of invalid
 * ballots and poll-book issues. No document, no hash, no ballot content.
 */
export function storedReport(report: TallyReport): Record<string, unknown> {
  return {
    pollBook: { lines: report.pollBook.lines, eligible: report.pollBook.eligible },
    ballots: {
      lines: report.ballots.lines,
      valid: report.ballots.valid,
      blank: report.ballots.blank,
      null: report.ballots.null,
      invalid: report.ballots.invalid.map((i) => ({ line: i.line, codes: i.errors.map((e) => e.code) })),
    },
    warnings: report.warnings,
  };
}
