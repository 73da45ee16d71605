/**
 * Editions ⇄ Pabulib elections (.pb, pabulib.org/format).
 *
 * Export (the public `votos.pb` and `gab pb export`):
 *  - Bogotá's editions: one file per counted scope (the envelope, or each sub-envelope and the
 *    rest), holding exactly what was counted: the projects of the stored result and every ballot
 *    reduced to them. Voter ids are 1…n in the order of the ballots' random ids, never the order
 *    of arrival; no demographic column is written (the ballots table has none).
 *  - Imported elections: written back as imported (META, project and voter ids, other columns).
 *
 * Import (`gab pb import`): a closed edition with its results published, one envelope without
 * localidad, proposals 'viable' and then counted. META `rule` is mapped to a counting rule:
 *    greedy, greedy-no-skip, greedy-threshold, greedy-exclusive, greedy-custom → greedy
 *      (only greedy with skipping is implemented; the variants are counted as it);
 *    equalshares, equalshares-comparison → mes-cost-u (MES with utilitarian completion; the
 *      comparison with greedy is not implemented);
 *    equalshares/add1, equalshares/add1-comparison → mes-cost-add1u-noexh (variant C, which
 *      reproduces the official 2023 Wieliczka result), or mes-cost-add1u (variant A) when
 *      variant C cannot finish on the election;
 *    anything else (unknown, missing) → greedy.
 *  `vote_type` approval/choose-1 → approval ballots, ordinal → ranking, cumulative/scoring →
 *  cumulative (the `points` column is kept as written).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { withTransaction, type Db, type Executor } from '../../core/db/database.ts';
import { bogotaDay } from '../../core/i18n/i18n.ts';
import type { Edition, Envelope } from './editions.queries.ts';
import { loadBallots, projectIdOf, type StoredBallot } from './envelope-election.ts';
import type { BallotConfig, BallotRule, CountingRule } from './participatory-budgets.schema.ts';
import type { ResultDetail } from './results-detail.ts';
import { countEdition, type ScopeCount } from './results-count.ts';
import type { PbElection, PbProject, PbVote } from './tally/pabulib.ts';
import { Rational } from './tally/rational.ts';

/** The name Pabulib's META `rule` gives each counting rule. */
export const PABULIB_RULE_NAMES: Record<CountingRule, string> = {
  greedy: 'greedy',
  'mes-cost': 'equalshares',
  'mes-card': 'equalshares',
  'mes-cost-u': 'equalshares',
  'mes-cost-add1u': 'equalshares/add1',
  'mes-cost-add1u-eqtool': 'equalshares/add1',
  'mes-cost-add1u-noexh': 'equalshares/add1',
  'mes-card-add1u': 'equalshares/add1',
};

/** META `rule` → counting rule (see the file comment). */
export function countingRuleFromPabulib(rule: string | undefined): CountingRule {
  const name = (rule ?? '').trim().toLowerCase();
  if (name === 'equalshares/add1' || name === 'equalshares/add1-comparison') return 'mes-cost-add1u-noexh';
  if (name === 'equalshares' || name === 'equalshares-comparison') return 'mes-cost-u';
  return 'greedy';
}

/** Used when variant C of Add1 loops on an imported election. */
export const IMPORT_FALLBACK_RULE: CountingRule = 'mes-cost-add1u';

export type PbVoteType = 'approval' | 'cumulative' | 'ordinal';

/** Knapsack and wallet ballots are approval sets (a wallet support has one fixed size). */
export function voteTypeOf(rule: BallotRule): PbVoteType {
  return rule === 'cumulative' ? 'cumulative' : rule === 'ranking' ? 'ordinal' : 'approval';
}

export function ballotRuleFromVoteType(voteType: string | undefined): BallotRule {
  const type = (voteType ?? 'approval').trim().toLowerCase();
  if (type === 'ordinal') return 'ranking';
  if (type === 'cumulative' || type === 'scoring') return 'cumulative';
  return 'approval';
}

// ----- Export -----

/** Standard META keys first, in the order Pabulib files use; other keys follow. */
const META_ORDER = ['description', 'country', 'unit', 'subunit', 'instance', 'district', 'num_projects', 'num_votes', 'budget', 'vote_type', 'rule', 'date_begin', 'date_end'];

export function orderMeta(meta: Record<string, string>): Record<string, string> {
  const ordered: Record<string, string> = {};
  for (const key of META_ORDER) if (meta[key] !== undefined) ordered[key] = meta[key]!;
  for (const [key, value] of Object.entries(meta)) if (!(key in ordered)) ordered[key] = value;
  return ordered;
}

const PROJECT_COLUMN_ORDER = ['project_id', 'cost', 'votes', 'score', 'name', 'category', 'target', 'beneficiaries', 'selected'];

function orderColumns(preferred: string[], keys: Iterable<string>): string[] {
  const all = new Set(keys);
  return [...preferred.filter((c) => all.has(c) || c === 'project_id' || c === 'cost' || c === 'voter_id' || c === 'vote'), ...[...all].filter((c) => !preferred.includes(c))];
}

/** DD.MM.YYYY in Bogotá, as Pabulib files write dates. */
function pabulibDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/** A counted part of an envelope, as the .pb download addresses it (`?parte=`). */
export interface ResultScope {
  /** Sub-envelope id, or 'resto' for the rest of an envelope with sub-envelopes, or null for a whole envelope. */
  part: string | null;
  subEnvelopeId: string | null;
  subEnvelopeName: string | null;
  subEnvelopeCode: string | null;
  countingRule: CountingRule;
  budget: string;
  detail: ResultDetail;
}

/** The stored results of an envelope, one per scope, with the address of each. */
export async function resultScopes(db: Executor, envelopeId: string): Promise<ResultScope[]> {
  const rows = await db
    .selectFrom('participatory_budgets_results as r')
    .leftJoin('participatory_budgets_sub_envelopes as s', 's.id', 'r.sub_envelope_id')
    .select(['r.sub_envelope_id', 's.name as sub_name', 's.kind', 's.code', 'r.counting_rule', 'r.budget', 'r.detail'])
    .where('r.envelope_id', '=', envelopeId)
    .orderBy('s.kind')
    .orderBy('s.code')
    .execute();
  const many = rows.length > 1;
  const scopes = rows.map((r) => ({
    part: r.sub_envelope_id ?? (many ? 'resto' : null),
    subEnvelopeId: r.sub_envelope_id,
    subEnvelopeName: r.sub_name,
    subEnvelopeCode: r.code,
    countingRule: r.counting_rule,
    budget: String(r.budget),
    detail: r.detail as ResultDetail,
  }));
  // The rest (no sub-envelope) last.
  return [...scopes.filter((s) => s.subEnvelopeId), ...scopes.filter((s) => !s.subEnvelopeId)];
}

/** The file name of a scope's .pb download, also used in the recount command shown on the results page. */
export function pbFileName(edition: Pick<Edition, 'slug'>, envelope: Pick<Envelope, 'id' | 'localidad_code'>, scope: Pick<ResultScope, 'part' | 'subEnvelopeCode'>): string {
  const key = envelope.localidad_code ?? 'sobre';
  const part = scope.part === null ? '' : `-${slugFromFileName(scope.subEnvelopeCode ?? 'resto') || 'parte'}`;
  return `votos-${edition.slug}-${key}${part}.pb`;
}

/** Natural order of voter ids ("2" before "10"), for imported elections. */
const naturalOrder = new Intl.Collator('en', { numeric: true });

/**
 * The election of one counted scope of an envelope as a .pb, or null when that scope does not
 * exist (or results are not stored yet). `part`: see ResultScope (null for an envelope counted whole).
 */
export async function envelopeToPb(db: Executor, edition: Edition, envelope: Envelope, part: string | null): Promise<PbElection | null> {
  const ballots = await loadBallots(db, envelope.id);
  if (edition.pabulib_meta) return importedToPb(db, edition.pabulib_meta, envelope, ballots);
  const scope = (await resultScopes(db, envelope.id)).find((s) => s.part === part);
  if (!scope) return null;

  const proposals = await db
    .selectFrom('participatory_budgets_proposals')
    .select(['id', 'number', 'pabulib_id', 'title', 'topic_code'])
    .where(
      'id',
      'in',
      scope.detail.projects.map((p) => p.proposalId).concat(['00000000-0000-0000-0000-000000000000']),
    )
    .execute();
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const projectIds = new Map(scope.detail.projects.map((p) => [p.proposalId, p.projectId]));
  const voteType = voteTypeOf(edition.ballot_rule);
  const withPoints = voteType === 'cumulative';

  const projects: PbProject[] = scope.detail.projects.map((p) => {
    const proposal = byId.get(p.proposalId);
    const fields: Record<string, string> = { votes: String(p.votes), name: proposal?.title ?? `#${p.number}`, selected: p.selected ? '1' : '0' };
    if (proposal?.topic_code) fields.category = proposal.topic_code;
    return { id: p.projectId, cost: Rational.parse(p.cost), fields };
  });
  const votes: PbVote[] = ballots.map((b, i) => {
    const choices = b.choices.filter((c) => projectIds.has(c.proposalId));
    const vote: PbVote = { voterId: String(i + 1), vote: choices.map((c) => projectIds.get(c.proposalId)!), fields: {} };
    if (withPoints) vote.points = choices.map((c) => Rational.parse(c.value).toDecimalString());
    return vote;
  });

  const limits = edition.ballot_config;
  const localidad = envelope.localidad_name ?? envelope.name;
  const meta: Record<string, string> = {
    description: `${edition.title} — ${localidad}${scope.subEnvelopeName ? ` — ${scope.subEnvelopeName}` : ''}`,
    country: 'Colombia',
    unit: 'Bogotá',
    subunit: localidad,
    instance: String(edition.year),
    num_projects: String(projects.length),
    num_votes: String(votes.length),
    budget: Rational.parse(scope.budget).toDecimalString(),
    vote_type: voteType,
    rule: PABULIB_RULE_NAMES[scope.countingRule],
    date_begin: pabulibDate(bogotaDay(edition.voting_open_at)),
    date_end: pabulibDate(bogotaDay(new Date(edition.voting_close_at.getTime() - 1))),
    language: 'es',
    currency: 'COP',
  };
  if ((edition.ballot_rule === 'approval' || edition.ballot_rule === 'ranking') && limits.maxChoices) meta.max_length = String(limits.maxChoices);
  if (edition.ballot_rule === 'cumulative' && limits.points) meta.max_sum_points = String(limits.points);
  if (edition.ballot_rule === 'cumulative' && limits.maxPerProject) meta.max_points = String(limits.maxPerProject);
  if (edition.ballot_rule === 'knapsack') meta.max_sum_cost = meta.budget!;
  const notes = [`GAB counting rule: ${scope.countingRule}`];
  if (edition.ballot_rule !== 'approval' && edition.ballot_rule !== 'knapsack') notes.push(`${edition.ballot_rule} ballots, counted as approval of every listed project`);
  if (scope.subEnvelopeName) notes.push(`sub-envelope «${scope.subEnvelopeName}» of the localidad, counted on its own`);
  else if (part === 'resto') notes.push('projects without a sub-envelope, with what the sub-envelopes leave of the amount');
  meta.comment = notes.join('; ');

  return {
    meta,
    projectColumns: ['project_id', 'cost', 'votes', 'name', 'category', 'selected'],
    projects,
    voteColumns: withPoints ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote'],
    votes,
  };
}

/** An imported election as it was read (META, ids and other columns kept at import). */
async function importedToPb(db: Executor, meta: Record<string, string>, envelope: Envelope, ballots: StoredBallot[]): Promise<PbElection> {
  const proposals = await db
    .selectFrom('participatory_budgets_proposals')
    .select((eb) => ['id', 'number', 'pabulib_id', 'title', 'pabulib_extra', eb.fn.coalesce('assessed_cost', 'estimated_cost').as('cost')])
    .where('envelope_id', '=', envelope.id)
    .orderBy('number')
    .execute();
  const ids = new Map(proposals.map((p) => [p.id, projectIdOf({ pabulibId: p.pabulib_id, number: p.number })]));
  const projects: PbProject[] = proposals.map((p) => ({ id: ids.get(p.id)!, cost: Rational.parse(String(p.cost)), fields: p.pabulib_extra ?? { name: p.title } }));
  const sorted = [...ballots].sort((a, b) => naturalOrder.compare(a.pabulibVoterId ?? '', b.pabulibVoterId ?? ''));
  let hasPoints = false;
  const votes: PbVote[] = sorted.map((b, i) => {
    const { points, ...fields } = b.pabulibExtra ?? {};
    const vote: PbVote = { voterId: b.pabulibVoterId ?? String(i + 1), vote: b.choices.flatMap((c) => ids.get(c.proposalId) ?? []), fields };
    if (points !== undefined) {
      hasPoints = true;
      vote.points = points === '' ? [] : points.split(',');
    }
    return vote;
  });
  const projectKeys = new Set<string>();
  for (const p of projects) for (const k of Object.keys(p.fields)) projectKeys.add(k);
  const voteKeys = new Set<string>();
  for (const v of votes) for (const k of Object.keys(v.fields)) voteKeys.add(k);
  return {
    meta: orderMeta(meta),
    projectColumns: orderColumns(PROJECT_COLUMN_ORDER, projectKeys),
    projects,
    voteColumns: [...(hasPoints ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote']), ...[...voteKeys].filter((k) => k !== 'points')],
    votes,
  };
}

// ----- Import -----

export class PabulibImportError extends Error {
  constructor(
    readonly es: string,
    readonly en: string,
  ) {
    super(`${es} / ${en}`);
    this.name = 'PabulibImportError';
  }
}

/** A file name → an edition slug ("poland_warszawa_2017_las.pb" → "poland-warszawa-2017-las"). */
export function slugFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.pb$/i, '');
  return base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** "16.09.2023", "3.10.2019", "2023-09-16" or "2023" → a Date at 00:00 in Bogotá (the first day of a bare year). */
export function parsePabulibDate(text: string | undefined): Date | null {
  if (!text) return null;
  const t = text.trim();
  let y: number, m: number, d: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})$/.exec(t))) [y, m, d] = [Number(match[1]), 1, 1];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d, 5));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 2000 || y > 2100) return null;
  return date;
}

const DAY = 86_400_000;

/** The dated windows of an imported (closed) edition: voting from date_begin to the end of date_end. */
function importWindows(meta: Record<string, string>, now: Date) {
  const begin = parsePabulibDate(meta.date_begin);
  const endDay = parsePabulibDate(meta.date_end);
  let close = endDay ? new Date(endDay.getTime() + (/^\d{4}$/.test(meta.date_end!.trim()) ? 365 : 1) * DAY) : begin ? new Date(begin.getTime() + DAY) : new Date(now.getTime() - DAY);
  if (close.getTime() > now.getTime()) close = new Date(now.getTime() - 1000);
  let open = begin && begin.getTime() < close.getTime() ? begin : new Date(close.getTime() - DAY);
  if (open.getTime() >= close.getTime()) open = new Date(close.getTime() - DAY);
  const at = open.toISOString();
  return { proposals_open_at: at, proposals_close_at: at, review_close_at: at, voting_open_at: at, voting_close_at: close.toISOString(), results_published_at: now.toISOString() };
}

function yearOf(meta: Record<string, string>, windows: { voting_close_at: string }): number {
  const instance = /^\s*(\d{4})\s*$/.exec(meta.instance ?? '');
  const year = instance ? Number(instance[1]) : new Date(windows.voting_close_at).getUTCFullYear();
  return year >= 2000 && year <= 2100 ? year : new Date().getUTCFullYear();
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** A proposal title (5–200 characters) from a project's name. */
function titleOf(project: PbProject): string {
  const name = (project.fields.name ?? '').replace(/\s+/g, ' ').trim();
  if (name.length >= 5) return clip(name, 200);
  return name ? `Proyecto ${project.id}: ${name}` : `Proyecto ${project.id}`;
}

function ballotConfigOf(rule: BallotRule, meta: Record<string, string>): BallotConfig {
  const int = (key: string, min: number, max: number) => {
    const value = Number(meta[key]);
    return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
  };
  if (rule === 'approval' || rule === 'ranking') {
    const maxChoices = int('max_length', 1, 100);
    return maxChoices ? { maxChoices } : {};
  }
  const points = int('max_sum_points', 1, 1000);
  const maxPerProject = int('max_points', 1, 1000);
  return { ...(points ? { points } : {}), ...(maxPerProject ? { maxPerProject } : {}) };
}

/** A choice value for a listed project: its points when they are a plain positive decimal, its rank (ordinal), else 1. */
function choiceValue(rule: BallotRule, vote: PbVote, index: number): string {
  const points = vote.points?.[index];
  if (points !== undefined && /^(0|[1-9]\d*)(\.\d*[1-9])?$/.test(points) && Number(points) > 0) return points;
  return rule === 'ranking' ? String(index + 1) : '1';
}

export interface ImportSummary {
  editionId: string;
  slug: string;
  envelopeId: string;
  countingRule: CountingRule;
  projects: number;
  ballots: number;
  choices: number;
  counts: ScopeCount[];
}

const BALLOT_BATCH = 5000;
const PROPOSAL_BATCH = 500;

/**
 * Loads a parsed election as a closed edition with its results published, in one transaction:
 * edition, envelope, proposals, ballots and choices are inserted with multi-row inserts, then
 * counted like any edition. Throws PabulibImportError on what cannot be stored (slug taken, no
 * budget, …).
 */
export async function importPabulib(db: Db, pb: PbElection, options: { slug: string; fileName: string; now?: Date }): Promise<ImportSummary> {
  const now = options.now ?? new Date();
  const slug = options.slug;
  if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(slug)) throw new PabulibImportError(`identificador de edición inválido «${slug}» (use --slug)`, `invalid edition slug «${slug}» (use --slug)`);
  const budget = Rational.tryParse(pb.meta.budget ?? '');
  if (!budget || budget.sign() <= 0) throw new PabulibImportError('META no tiene un «budget» positivo', 'META has no positive «budget»');
  const budgetText = budget.toDecimalString();
  if (budgetText.startsWith('≈')) throw new PabulibImportError('presupuesto inexacto', 'inexact budget');
  const ballotRule = ballotRuleFromVoteType(pb.meta.vote_type);
  const countingRule = countingRuleFromPabulib(pb.meta.rule);
  const windows = importWindows(pb.meta, now);
  const year = yearOf(pb.meta, windows);
  const baseName = options.fileName.replace(/^.*[\\/]/, '');
  const title = clip((pb.meta.description ?? '').trim().length >= 3 ? pb.meta.description!.trim() : `${pb.meta.unit ?? baseName} ${pb.meta.instance ?? ''}`.trim(), 200);
  const placeParts = [pb.meta.unit, pb.meta.subunit, pb.meta.district].map((p) => p?.trim()).filter((p): p is string => Boolean(p));
  const envelopeName = clip([...new Set(placeParts)].join(' — ') || baseName, 200);

  return withTransaction(db, async (tx) => {
    const taken = await tx.selectFrom('participatory_budgets_editions').select('id').where('slug', '=', slug).executeTakeFirst();
    if (taken) throw new PabulibImportError(`ya existe una edición «${slug}» (use --slug)`, `an edition «${slug}» already exists (use --slug)`);
    const edition = await tx
      .insertInto('participatory_budgets_editions')
      .values({
        slug,
        year,
        title: title.length >= 3 ? title : `Pabulib ${slug}`.slice(0, 200),
        description: clip(`Elección importada de Pabulib (${baseName}).${pb.meta.comment ? ` ${pb.meta.comment}` : ''}`, 20000),
        ballot_rule: ballotRule,
        ballot_config: JSON.stringify(ballotConfigOf(ballotRule, pb.meta)),
        counting_rule: countingRule,
        min_age: 0,
        ...windows,
        results_published_at: null,
        pabulib_meta: JSON.stringify(pb.meta),
      })
      .returning(['id', 'counting_rule'])
      .executeTakeFirstOrThrow();
    const envelope = await tx
      .insertInto('participatory_budgets_envelopes')
      .values({ edition_id: edition.id, localidad_code: null, name: envelopeName, amount: budgetText })
      .returning('id')
      .executeTakeFirstOrThrow();

    const proposalIds = new Map<string, string>();
    const proposalRows = pb.projects.map((project, index) => {
      const id = randomUUID();
      proposalIds.set(project.id, id);
      const cost = project.cost.toDecimalString();
      if (cost.startsWith('≈')) throw new PabulibImportError(`coste inexacto del proyecto «${project.id}»`, `inexact cost of project «${project.id}»`);
      return {
        id,
        edition_id: edition.id,
        envelope_id: envelope.id,
        number: index + 1,
        pabulib_id: project.id,
        title: titleOf(project),
        description: clip(project.fields.description ?? '', 10000),
        estimated_cost: cost,
        assessed_cost: cost,
        status: 'viable' as const,
        pabulib_extra: JSON.stringify(project.fields),
        updated_at: now.toISOString(),
      };
    });
    for (let i = 0; i < proposalRows.length; i += PROPOSAL_BATCH) {
      await tx.insertInto('participatory_budgets_proposals').values(proposalRows.slice(i, i + PROPOSAL_BATCH)).execute();
    }

    // One statement per batch with a column of values per array (unnest): a few round trips for
    // thousands of ballots, and few parameters however many rows.
    let choiceCount = 0;
    for (let i = 0; i < pb.votes.length; i += BALLOT_BATCH) {
      const slice = pb.votes.slice(i, i + BALLOT_BATCH);
      const ids = slice.map(() => randomUUID());
      const extras = slice.map((vote) => {
        const extra: Record<string, string> = { ...vote.fields };
        if (vote.points !== undefined) extra.points = vote.points.join(',');
        return Object.keys(extra).length > 0 ? JSON.stringify(extra) : null;
      });
      await sql`
        INSERT INTO participatory_budgets_ballots (id, envelope_id, source, pabulib_voter_id, pabulib_extra)
        SELECT b.id, ${envelope.id}::uuid, 'imported', b.voter_id, b.extra::jsonb
        FROM unnest(${ids}::uuid[], ${slice.map((v) => v.voterId)}::text[], ${extras}::text[]) AS b(id, voter_id, extra)`.execute(tx);
      const choices = { ballot: [] as string[], proposal: [] as string[], position: [] as number[], value: [] as string[] };
      slice.forEach((vote, j) =>
        vote.vote.forEach((projectId, position) => {
          choices.ballot.push(ids[j]!);
          choices.proposal.push(proposalIds.get(projectId)!);
          choices.position.push(position);
          choices.value.push(choiceValue(ballotRule, vote, position));
        }),
      );
      choiceCount += choices.ballot.length;
      if (choices.ballot.length > 0) {
        await sql`
          INSERT INTO participatory_budgets_ballot_choices (ballot_id, proposal_id, position, value)
          SELECT * FROM unnest(${choices.ballot}::uuid[], ${choices.proposal}::uuid[], ${choices.position}::integer[], ${choices.value}::numeric[])`.execute(tx);
      }
    }

    const counts = await countEdition(tx, edition, { createExecution: false, fallbackRule: IMPORT_FALLBACK_RULE });
    const usedRule = counts[0]?.rule ?? countingRule;
    await tx
      .updateTable('participatory_budgets_editions')
      .set({ counting_rule: usedRule, results_published_at: windows.results_published_at })
      .where('id', '=', edition.id)
      .execute();
    const summary: ImportSummary = { editionId: edition.id, slug, envelopeId: envelope.id, countingRule: usedRule, projects: pb.projects.length, ballots: pb.votes.length, choices: choiceCount, counts };
    await recordAudit(tx, {
      actor: null,
      action: 'participatory-budgets.import-pabulib',
      resourceType: 'participatory-budgets-edition',
      resourceId: edition.id,
      after: { slug, file: baseName, counting_rule: usedRule, projects: summary.projects, ballots: summary.ballots },
    });
    return summary;
  });
}
