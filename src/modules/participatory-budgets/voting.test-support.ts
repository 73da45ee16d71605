/**
 * Test fixtures of the voting area: residents with sessions, ballot addresses and what the
 * database holds about ballots (not used by the app).
 */
import type { FastifyInstance } from 'fastify';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import type { Engine } from '../../../test/database.ts';
import { postForm } from '../../../test/post-form.ts';
import { signInAs } from '../../../test/sign-in.ts';
import type { Db } from '../../core/db/database.ts';
import { createPerson, type PersonSpec } from '../admin/test-people.ts';
import { createEdition, createProposalRow, type EditionFixture } from './budgets.test-support.ts';

/** The app with a write rate limit no test reaches (every injected request comes from one address). */
export const votingTestApp = (engine: Engine): Promise<TestApp> => buildTestApp(engine, { GAB_RATE_LIMIT_PER_MINUTE: '100000' });

/** An edition in its voting window, approval of up to 2, with two viable proposals in Fontibón ('09'). */
export async function createTwoProjectEdition(db: Db): Promise<{ edition: EditionFixture; envelopeId: string; projects: number[]; proposalIds: string[] }> {
  const edition = await createEdition(db, { phase: 'voting', ballotRule: 'approval', ballotConfig: { maxChoices: 2 }, envelopes: { '09': 2_000_000_000 } });
  const envelopeId = edition.envelopes[0]!.id;
  const rows = [];
  for (const cost of [300_000_000, 500_000_000]) rows.push(await createProposalRow(db, { editionId: edition.id, envelopeId, cost, title: `Proyecto de ${cost} pesos` }));
  return { edition, envelopeId, projects: rows.map((p) => p.number), proposalIds: rows.map((p) => p.id) };
}

export interface TestVoter {
  id: string;
  cookie: string;
  identityHash: string;
}

/** A person (by default a verified adult resident of Fontibón, '09') signed in. */
export async function createVoter(db: Db, spec: Partial<PersonSpec> = {}): Promise<TestVoter> {
  const { id } = await createPerson(db, { name: 'Votante de Prueba', level: 'residence', ...spec });
  const identity = await db.selectFrom('core_identities').select('identity_hash').where('user_id', '=', id).executeTakeFirst();
  return { id, cookie: await signInAs(db, id), identityHash: identity?.identity_hash ?? '' };
}

export const ballotUrl = (slug: string, envelope = '09', persona?: string) => `/presupuestos-participativos/${slug}/${envelope}/votar${persona ? `?persona=${persona}` : ''}`;
export const paperUrl = (slug: string, envelope = '09') => `/presupuestos-participativos/${slug}/${envelope}/votos-en-papel`;

/** Ticks projects (approval, knapsack, wallet) by number. */
export const tick = (...numbers: number[]) => ({ proyecto: numbers.map(String) });

export function castVote(app: FastifyInstance, url: string, cookie: string | undefined, fields: Record<string, string | string[]>) {
  return postForm(app, url, cookie, fields);
}

/** Every stored ballot of an envelope with its choices as proposal numbers and values. */
export async function ballotsOf(db: Db, envelopeId: string) {
  const ballots = await db.selectFrom('participatory_budgets_ballots').selectAll().where('envelope_id', '=', envelopeId).orderBy('id').execute();
  const result = [];
  for (const ballot of ballots) {
    const choices = await db
      .selectFrom('participatory_budgets_ballot_choices as c')
      .innerJoin('participatory_budgets_proposals as p', 'p.id', 'c.proposal_id')
      .select(['p.number', 'c.position', 'c.value'])
      .where('c.ballot_id', '=', ballot.id)
      .orderBy('c.position')
      .execute();
    result.push({ ...ballot, choices: choices.map((c) => ({ number: c.number, position: c.position, value: Number(c.value) })) });
  }
  return result;
}

export const votersOf = (db: Db, editionId: string) => db.selectFrom('participatory_budgets_voters').selectAll().where('edition_id', '=', editionId).execute();

/** The text of `<main>` without tags, for readable assertions on messages. */
export const mainText = (html: string) =>
  html
    .slice(html.indexOf('<main'), html.indexOf('</main>'))
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
