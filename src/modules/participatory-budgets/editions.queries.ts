import type { Selectable } from 'kysely';
import type { Executor } from '../../core/db/database.ts';
import type { Database } from '../../core/db/schema.ts';
import type { BudgetResource } from './participatory-budgets.permissions.ts';
import { phaseOf, type Phase } from './phases.ts';
import type { BallotConfig } from './participatory-budgets.schema.ts';

export type EditionRow = Selectable<Database['participatory_budgets_editions']>;
export type EnvelopeRow = Selectable<Database['participatory_budgets_envelopes']>;
export type Edition = EditionRow & { phase: Phase; ballot_config: BallotConfig };
export type Envelope = EnvelopeRow & { localidad_name: string | null; entity_code: string | null };

/** The entity that runs a localidad's process (and values its proposals): its alcaldía local. */
export const alcaldiaOf = (localidadCode: string | null): string | null => (localidadCode ? `alcaldia-local-${localidadCode}` : null);

const withPhase = (row: EditionRow, now: Date): Edition => ({ ...row, ballot_config: row.ballot_config ?? {}, phase: phaseOf(row, now) });

/** Editions, newest first. */
export async function listEditions(db: Executor, now = new Date()): Promise<Edition[]> {
  const rows = await db.selectFrom('participatory_budgets_editions').selectAll().orderBy('voting_close_at', 'desc').orderBy('slug').execute();
  return rows.map((row) => withPhase(row, now));
}

export async function findEditionBySlug(db: Executor, slug: string, now = new Date()): Promise<Edition | null> {
  const row = await db.selectFrom('participatory_budgets_editions').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? withPhase(row, now) : null;
}

export async function findEditionById(db: Executor, id: string, now = new Date()): Promise<Edition | null> {
  const row = await db.selectFrom('participatory_budgets_editions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? withPhase(row, now) : null;
}

const envelopeColumns = ['e.id', 'e.edition_id', 'e.localidad_code', 'e.name', 'e.amount', 'l.name as localidad_name'] as const;

/** The envelopes of an edition in localidad order (imported elections without a localidad last). */
export async function listEnvelopes(db: Executor, editionId: string): Promise<Envelope[]> {
  const rows = await db
    .selectFrom('participatory_budgets_envelopes as e')
    .leftJoin('core_localidades as l', 'l.code', 'e.localidad_code')
    .select(envelopeColumns)
    .where('e.edition_id', '=', editionId)
    .orderBy('e.localidad_code')
    .orderBy('e.name')
    .execute();
  return rows.map((r) => ({ ...r, entity_code: alcaldiaOf(r.localidad_code) }));
}

/**
 * An envelope by the address segment used in pages: the localidad code ("08") for Bogotá's
 * envelopes, else the envelope id (imported elections).
 */
export async function findEnvelope(db: Executor, editionId: string, key: string): Promise<Envelope | null> {
  const byLocalidad = /^\d{2}$/.test(key);
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key);
  if (!byLocalidad && !isUuid) return null;
  const row = await db
    .selectFrom('participatory_budgets_envelopes as e')
    .leftJoin('core_localidades as l', 'l.code', 'e.localidad_code')
    .select(envelopeColumns)
    .where('e.edition_id', '=', editionId)
    .where(byLocalidad ? 'e.localidad_code' : 'e.id', '=', key)
    .executeTakeFirst();
  return row ? { ...row, entity_code: alcaldiaOf(row.localidad_code) } : null;
}

/** The address segment of an envelope (see findEnvelope). */
export const envelopeKey = (envelope: Pick<EnvelopeRow, 'id' | 'localidad_code'>) => envelope.localidad_code ?? envelope.id;

export const editionPath = (edition: Pick<EditionRow, 'slug'>) => `/presupuestos-participativos/${edition.slug}`;
export const envelopePath = (edition: Pick<EditionRow, 'slug'>, envelope: Pick<EnvelopeRow, 'id' | 'localidad_code'>) => `${editionPath(edition)}/${envelopeKey(envelope)}`;

/** What permission rules see for an action on this edition and envelope. */
export const budgetResource = (edition: Edition, envelope?: Pick<Envelope, 'entity_code'> | null, authorIds?: readonly string[]): BudgetResource => ({
  phase: edition.phase,
  entityCode: envelope?.entity_code ?? null,
  authorIds,
});

export interface EnvelopeSummary extends Envelope {
  proposals: number;
  viable: number;
  selected: number;
  voters: number;
}

/** Envelopes with their proposal and voter counts (counts only: nothing about who voted what). */
export async function summarizeEnvelopes(db: Executor, editionId: string): Promise<EnvelopeSummary[]> {
  const envelopes = await listEnvelopes(db, editionId);
  const proposals = await db
    .selectFrom('participatory_budgets_proposals')
    .select((eb) => [
      'envelope_id',
      eb.fn.countAll<string>().filterWhere('status', 'not in', ['draft', 'withdrawn', 'merged']).as('proposals'),
      eb.fn.countAll<string>().filterWhere('status', 'in', ['viable', 'selected', 'not_selected']).as('viable'),
      eb.fn.countAll<string>().filterWhere('status', '=', 'selected').as('selected'),
    ])
    .where('edition_id', '=', editionId)
    .groupBy('envelope_id')
    .execute();
  const voters = await db
    .selectFrom('participatory_budgets_voters')
    .select((eb) => ['envelope_id', eb.fn.countAll<string>().as('voters')])
    .where('edition_id', '=', editionId)
    .groupBy('envelope_id')
    .execute();
  const byEnvelope = new Map(proposals.map((p) => [p.envelope_id, p]));
  const votersBy = new Map(voters.map((v) => [v.envelope_id, Number(v.voters)]));
  return envelopes.map((e) => {
    const p = byEnvelope.get(e.id);
    return { ...e, proposals: Number(p?.proposals ?? 0), viable: Number(p?.viable ?? 0), selected: Number(p?.selected ?? 0), voters: votersBy.get(e.id) ?? 0 };
  });
}

export async function countEditionsAndProposals(db: Executor): Promise<{ editions: number; proposals: number }> {
  const editions = await db.selectFrom('participatory_budgets_editions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const proposals = await db
    .selectFrom('participatory_budgets_proposals')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', 'not in', ['draft', 'withdrawn', 'merged'])
    .executeTakeFirstOrThrow();
  return { editions: Number(editions.n), proposals: Number(proposals.n) };
}
