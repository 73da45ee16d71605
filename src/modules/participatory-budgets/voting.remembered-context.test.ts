import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { loadActor, loadSessionActor } from '../../core/auth/load-actor.ts';
import { rateLimitHit } from '../../core/http/rate-limit.ts';
import { sha256Hex } from '../../core/security/tokens.ts';
import { ballotKey } from './ballot-secrecy.ts';
import type { EditionFixture } from './budgets.test-support.ts';
import { castBallot } from './commands/cast-ballot.ts';
import { ballotsOf, ballotUrl, castVote, createTwoProjectEdition, createVoter, tick, votersOf, votingTestApp, type TestVoter } from './voting.test-support.ts';

// A second ballot of the same session starts from the session and person this process remembers
// (no read statement); the ballot statement checks them and writes nothing if they changed. Here:
// every change that matters is seen, and nothing is written on a stale context.
describe.each(testEngines())('ballots cast from a remembered request context (%s)', (engine) => {
  let t: TestApp;
  let edition: EditionFixture;
  let envelopeId: string;
  let projects: number[];
  let proposalIds: string[];

  beforeAll(async () => {
    t = await votingTestApp(engine);
    ({ edition, envelopeId, projects, proposalIds } = await createTwoProjectEdition(t.database.db));
  }, 120_000);
  afterAll(async () => t?.close());

  const sessionHashOf = (voter: TestVoter) => sha256Hex(voter.cookie.split('=')[1]!);
  const vote = (voter: TestVoter, project: number) => castVote(t.app, ballotUrl(edition.slug), voter.cookie, tick(project));
  const ballotOf = async (voter: TestVoter) => (await ballotsOf(t.database.db, envelopeId)).find((b) => b.ballot_key === ballotKey(t.config.secret, edition.id, voter.identityHash));
  const auditsOf = (voter: TestVoter) =>
    t.database.db.selectFrom('core_audit_log').select(['actor_label']).where('action', '=', 'participatory-budgets.vote').where('actor_id', '=', voter.id).orderBy('id').execute();

  /** A voter who voted for the first project, and whose session is now remembered. */
  async function votedOnce(): Promise<TestVoter> {
    const voter = await createVoter(t.database.db);
    expect((await vote(voter, projects[0]!)).statusCode).toBe(303);
    return voter;
  }

  it('changes a ballot from memory like any other', async () => {
    const voter = await votedOnce();
    expect((await vote(voter, projects[1]!)).statusCode).toBe(303);
    expect((await ballotOf(voter))?.choices.map((c) => c.number)).toEqual([projects[1]]);
    expect(await auditsOf(voter)).toHaveLength(2);
  });

  const refusals: [string, number, (voter: TestVoter) => Promise<unknown>][] = [
    ['the residence moved to another localidad', 403, (v) => t.database.db.updateTable('core_residences').set({ localidad_code: '01' }).where('user_id', '=', v.id).execute()],
    ['the identity verification was withdrawn', 403, (v) => t.database.db.deleteFrom('core_identities').where('user_id', '=', v.id).execute()],
    ['the account was disabled', 401, (v) => t.database.db.updateTable('core_users').set({ disabled_at: new Date().toISOString() }).where('id', '=', v.id).execute()],
    ['the person signed out on another device', 401, (v) => t.database.db.deleteFrom('core_sessions').where('id', '=', sessionHashOf(v)).execute()],
  ];

  it.each(refusals)('refuses, and keeps the earlier ballot, when %s', async (_what, status, change) => {
    const voter = await votedOnce();
    const before = await ballotOf(voter);
    const [roll] = (await votersOf(t.database.db, edition.id)).filter((v) => v.identity_hash === voter.identityHash);
    await change(voter);
    expect((await vote(voter, projects[1]!)).statusCode).toBe(status);
    expect(await ballotOf(voter)).toEqual(before);
    expect((await votersOf(t.database.db, edition.id)).filter((v) => v.identity_hash === voter.identityHash)).toEqual([roll]);
    expect(await auditsOf(voter)).toHaveLength(1);
  });

  it('casts on the context read afresh when it changed without taking the vote away, and counts one hit', async () => {
    const voter = await votedOnce();
    await t.database.db.updateTable('core_users').set({ display_name: 'Votante Renombrada' }).where('id', '=', voter.id).execute();
    const hits = async () => (await t.database.db.selectFrom('core_rate_limits').select('hits').where('bucket', 'like', 'writes:%').execute()).reduce((n, r) => n + r.hits, 0);
    const before = await hits();
    expect((await vote(voter, projects[1]!)).statusCode).toBe(303);
    expect(await hits()).toBe(before + 1);
    expect((await ballotOf(voter))?.choices.map((c) => c.number)).toEqual([projects[1]]);
    expect((await auditsOf(voter)).map((a) => a.actor_label)).toEqual(['Votante de Prueba', 'Votante Renombrada']);
  });

  it('castBallot on a stale context writes nothing: no voter-roll row, ballot, audit entry or rate-limit hit', async () => {
    const db = t.database.db;
    const voter = await createVoter(db);
    const sessionHash = sessionHashOf(voter);
    const { fingerprint } = await loadSessionActor(db, sessionHash, new Date(), null);
    const actor = (await loadActor(db, voter.id))!;
    const hit = rateLimitHit(`writes:stale-${voter.id}`, { max: 10, windowSeconds: 60 });
    const input = {
      editionId: edition.id,
      envelopeId,
      actor,
      identityHash: voter.identityHash,
      ballotKey: ballotKey(t.config.secret, edition.id, voter.identityHash),
      choices: [{ proposalId: proposalIds[0]!, number: projects[0]!, position: 0, value: 1 }],
      rateLimit: hit,
      context: { sessionHash, fingerprint },
    };
    await db.updateTable('core_residences').set({ localidad_code: '01' }).where('user_id', '=', voter.id).execute();
    expect(await castBallot(db, input)).toEqual({ ok: false, reason: 'context_changed' });
    expect((await votersOf(db, edition.id)).filter((v) => v.identity_hash === voter.identityHash)).toEqual([]);
    expect(await ballotOf(voter)).toBeUndefined();
    expect(await auditsOf(voter)).toEqual([]);
    expect(await db.selectFrom('core_rate_limits').selectAll().where('bucket', '=', hit.bucket).execute()).toEqual([]);
    // The same context, unchanged, is written.
    await db.updateTable('core_residences').set({ localidad_code: '09' }).where('user_id', '=', voter.id).execute();
    expect(await castBallot(db, input)).toEqual({ ok: true, changed: false });
    expect((await db.selectFrom('core_rate_limits').select('hits').where('bucket', '=', hit.bucket).executeTakeFirst())?.hits).toBe(1);
  });
});
