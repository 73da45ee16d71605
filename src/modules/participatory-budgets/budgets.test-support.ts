/**
 * Test fixtures: editions placed in any phase relative to now, envelopes, and proposals inserted
 * directly (tests of the proposal commands themselves go through the commands).
 */
import type { Executor } from '../../core/db/database.ts';
import type { BallotConfig, BallotRule, CountingRule, ProposalStatus } from './participatory-budgets.schema.ts';
import type { Phase } from './phases.ts';

const DAY = 86_400_000;

/** Window dates that put an edition in `phase` at `now`. */
export function windowsFor(phase: Phase, now = Date.now()) {
  // Offsets in days of each boundary from now, per phase.
  const offsets: Record<Phase, [number, number, number, number, number, number | null]> = {
    upcoming: [10, 20, 30, 40, 50, null],
    proposals: [-10, 10, 20, 30, 40, null],
    review: [-30, -10, 10, 20, 30, null],
    voting: [-40, -30, -20, -10, 10, null],
    counting: [-50, -40, -30, -20, -10, null],
    results: [-60, -50, -40, -30, -20, -10],
    execution: [-400, -390, -380, -370, -360, -350],
  };
  const [po, pc, rc, vo, vc, rp] = offsets[phase];
  const at = (d: number) => new Date(now + d * DAY).toISOString();
  return {
    proposals_open_at: at(po),
    proposals_close_at: at(pc),
    review_close_at: at(rc),
    voting_open_at: at(vo),
    voting_close_at: at(vc),
    results_published_at: rp === null ? null : at(rp),
    execution_starts_on: phase === 'execution' ? at(-300).slice(0, 10) : null,
  };
}

export interface EditionFixture {
  id: string;
  slug: string;
  envelopes: { id: string; localidad_code: string | null; amount: string }[];
}

let counter = 0;

export async function createEdition(
  db: Executor,
  options: {
    phase: Phase;
    slug?: string;
    year?: number;
    ballotRule?: BallotRule;
    ballotConfig?: BallotConfig;
    countingRule?: CountingRule;
    /** localidad code → amount (COP); default Suba ('11') with 1,000,000,000. */
    envelopes?: Record<string, number>;
  },
): Promise<EditionFixture> {
  counter += 1;
  const slug = options.slug ?? `prueba-${Date.now().toString(36)}-${counter}`;
  const edition = await db
    .insertInto('participatory_budgets_editions')
    .values({
      slug,
      year: options.year ?? 2026,
      title: `Edición de prueba ${slug}`,
      ballot_rule: options.ballotRule ?? 'approval',
      ballot_config: JSON.stringify(options.ballotConfig ?? {}),
      counting_rule: options.countingRule ?? 'mes-cost-add1u',
      ...windowsFor(options.phase),
    })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
  const envelopes = [];
  for (const [code, amount] of Object.entries(options.envelopes ?? { '11': 1_000_000_000 })) {
    const name = `Localidad ${code}`;
    envelopes.push(
      await db
        .insertInto('participatory_budgets_envelopes')
        .values({ edition_id: edition.id, localidad_code: code, name, amount })
        .returning(['id', 'localidad_code', 'amount'])
        .executeTakeFirstOrThrow(),
    );
  }
  return { ...edition, envelopes };
}

export async function createProposalRow(
  db: Executor,
  options: { editionId: string; envelopeId: string; title?: string; cost: number; status?: ProposalStatus; authorId?: string; number?: number },
): Promise<{ id: string; number: number }> {
  const number =
    options.number ??
    Number(
      (
        await db
          .selectFrom('participatory_budgets_proposals')
          .select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)).as('n'))
          .where('edition_id', '=', options.editionId)
          .executeTakeFirstOrThrow()
      ).n,
    ) + 1;
  const row = await db
    .insertInto('participatory_budgets_proposals')
    .values({
      edition_id: options.editionId,
      envelope_id: options.envelopeId,
      number,
      title: options.title ?? `Propuesta de prueba número ${number}`,
      description: 'Descripción de la propuesta de prueba.',
      estimated_cost: options.cost,
      assessed_cost: options.cost,
      status: options.status ?? 'viable',
      created_by: options.authorId ?? null,
      updated_at: new Date().toISOString(),
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  if (options.authorId) {
    await db.insertInto('participatory_budgets_proposal_authors').values({ proposal_id: row.id, user_id: options.authorId, role: 'author' }).execute();
  }
  return row;
}
