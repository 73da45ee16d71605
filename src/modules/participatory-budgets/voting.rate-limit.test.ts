import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { rateLimitHit } from '../../core/http/rate-limit.ts';
import { loadActor } from '../../core/auth/load-actor.ts';
import type { EditionFixture } from './budgets.test-support.ts';
import { ballotKey } from './ballot-secrecy.ts';
import { castBallot } from './commands/cast-ballot.ts';
import { ballotUrl, castVote, createTwoProjectEdition, createVoter, tick, votersOf } from './voting.test-support.ts';

const LIMIT = 4;

/** Waits out the last seconds of a minute, so a test's requests fall in one rate-limit window. */
async function startOfWindow() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 15_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

// The ballot route counts its rate-limit hit inside the ballot statement (deferRateLimit): this
// checks that the limit still holds exactly as on every other write.
describe.each(testEngines())('the write rate limit on ballots (%s)', (engine) => {
  let t: TestApp;
  let edition: EditionFixture;
  let envelopeId: string;
  let projects: number[];
  let proposalIds: string[];

  beforeAll(async () => {
    t = await buildTestApp(engine, { GAB_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    ({ edition, envelopeId, projects, proposalIds } = await createTwoProjectEdition(t.database.db));
  }, 120_000);
  afterAll(async () => t?.close());

  const hitsCounted = async () =>
    (await t.database.db.selectFrom('core_rate_limits').select(['hits']).where('bucket', 'like', 'writes:%').execute()).reduce((sum, r) => sum + r.hits, 0);

  it('counts ballots, changed ballots and refused ballots alike, and past the limit answers 429 and writes nothing', async () => {
    const db = t.database.db;
    const [first, second, third] = [await createVoter(db), await createVoter(db), await createVoter(db)];
    await startOfWindow();
    const before = await hitsCounted();
    expect((await castVote(t.app, ballotUrl(edition.slug), first.cookie, tick(projects[0]!))).statusCode).toBe(303);
    // Refused by validation: nothing written, but the hit counts (onSend).
    expect((await castVote(t.app, ballotUrl(edition.slug), first.cookie, {})).statusCode).toBe(422);
    expect((await castVote(t.app, ballotUrl(edition.slug), second.cookie, tick(projects[1]!))).statusCode).toBe(303);
    expect((await castVote(t.app, ballotUrl(edition.slug), second.cookie, tick(projects[0]!))).statusCode).toBe(303);
    expect(await hitsCounted()).toBe(before + LIMIT);

    const refused = await castVote(t.app, ballotUrl(edition.slug), third.cookie, tick(projects[0]!));
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect((await votersOf(db, edition.id)).map((v) => v.identity_hash).sort()).toEqual([first.identityHash, second.identityHash].sort());
  });

  it('refuses inside the ballot statement when the window filled up after the request was let in', async () => {
    const db = t.database.db;
    const voter = await createVoter(db);
    const actor = (await loadActor(db, voter.id))!;
    const hit = rateLimitHit(`writes:test-${voter.id}`, { max: 2, windowSeconds: 60 });
    const vote = () =>
      castBallot(db, {
        editionId: edition.id,
        envelopeId,
        actor,
        identityHash: voter.identityHash,
        ballotKey: ballotKey('clave-de-prueba', edition.id, voter.identityHash),
        choices: [{ proposalId: proposalIds[0]!, number: projects[0]!, position: 0, value: 1 }],
        rateLimit: hit,
      });
    // Two hits fill the window.
    expect(await vote()).toMatchObject({ ok: true });
    expect(await vote()).toMatchObject({ ok: true, changed: true });
    const third = await vote();
    expect(third).toEqual({ ok: false, reason: 'rate_limited', hits: 3 });
    const audits = await db.selectFrom('core_audit_log').select('id').where('action', '=', 'participatory-budgets.vote').where('actor_id', '=', voter.id).execute();
    expect(audits).toHaveLength(2);
  });
});
