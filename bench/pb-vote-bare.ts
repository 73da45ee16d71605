/**
 * The baseline of `npm run bench:pb-vote`: a bare Fastify + pg server doing the same ballot upsert
 * as GAB's `castBallot` (one statement: voter-roll row, ballot and choices; the locked transaction
 * if it loses a race), with no session, CSRF, eligibility check, audit or page. Started by
 * bench/pb-vote.ts with DATABASE_URL, PORT, GAB_SECRET, BENCH_EDITION_ID and BENCH_ENVELOPE_ID.
 */
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { createHmac } from 'node:crypto';
import pg from 'pg';

const env = (key: string) => {
  const value = process.env[key];
  if (!value) throw new Error(`${key} is required`);
  return value;
};
const editionId = env('BENCH_EDITION_ID');
const envelopeId = env('BENCH_ENVELOPE_ID');
const secret = env('GAB_SECRET');
const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });

const candidates = new Map<string, string>();
for (const row of (await pool.query<{ id: string; number: number }>(`SELECT id, number FROM participatory_budgets_proposals WHERE envelope_id = $1 AND status = 'viable'`, [envelopeId])).rows) {
  candidates.set(String(row.number), row.id);
}

// The same statements as castBallot (src/modules/participatory-budgets/commands/cast-ballot.ts),
// without the audit entry: the one-statement path, and the locked path for a lost race.
const VOTER = `
  INSERT INTO participatory_budgets_voters (edition_id, identity_hash, envelope_id, user_id, channel, voted_on)
  VALUES ($1, $2, $3, NULL, 'online', ($4::timestamptz AT TIME ZONE 'America/Bogota')::date)
  ON CONFLICT (edition_id, identity_hash) DO UPDATE
    SET envelope_id = EXCLUDED.envelope_id, user_id = EXCLUDED.user_id, channel = EXCLUDED.channel, voted_on = EXCLUDED.voted_on
    WHERE participatory_budgets_voters.channel <> 'paper'
  RETURNING (xmax = 0) AS inserted`;
const FAST = `
  WITH voter AS (${VOTER}),
  previous AS (SELECT id FROM participatory_budgets_ballots WHERE ballot_key = $5),
  cleared AS (DELETE FROM participatory_budgets_ballot_choices WHERE ballot_id IN (SELECT id FROM previous) AND EXISTS (SELECT 1 FROM voter)),
  ballot AS (
    INSERT INTO participatory_budgets_ballots (envelope_id, ballot_key, source) SELECT $3, $5, 'digital' FROM voter
    ON CONFLICT (ballot_key) DO UPDATE SET id = gen_random_uuid(), envelope_id = EXCLUDED.envelope_id
    RETURNING id),
  chosen AS (
    INSERT INTO participatory_budgets_ballot_choices (ballot_id, proposal_id, position, value)
    SELECT ballot.id, c.proposal_id, c.position, c.value FROM ballot, unnest($6::uuid[], $7::integer[], $8::numeric[]) AS c(proposal_id, position, value))
  SELECT inserted FROM voter`;
const BALLOT = `
  WITH previous AS (SELECT id FROM participatory_budgets_ballots WHERE ballot_key = $2),
  cleared AS (DELETE FROM participatory_budgets_ballot_choices WHERE ballot_id IN (SELECT id FROM previous)),
  ballot AS (
    INSERT INTO participatory_budgets_ballots (envelope_id, ballot_key, source) VALUES ($1, $2, 'digital')
    ON CONFLICT (ballot_key) DO UPDATE SET id = gen_random_uuid(), envelope_id = EXCLUDED.envelope_id
    RETURNING id)
  INSERT INTO participatory_budgets_ballot_choices (ballot_id, proposal_id, position, value)
  SELECT ballot.id, c.proposal_id, c.position, c.value FROM ballot, unnest($3::uuid[], $4::integer[], $5::numeric[]) AS c(proposal_id, position, value)`;

async function locked(params: unknown[]): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const voter = await client.query(VOTER, params.slice(0, 4));
    if (voter.rowCount === 0) {
      await client.query('ROLLBACK');
      return false;
    }
    await client.query(BALLOT, [params[2], params[4], params[5], params[6], params[7]]);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const app = Fastify({ logger: false });
await app.register(formbody);

app.post('/votar', async (request, reply) => {
  const body = request.body as { voter?: string; proyecto?: string | string[] };
  const identity = body.voter ?? '';
  const numbers = [body.proyecto ?? []].flat();
  const ids = numbers.map((n) => candidates.get(n));
  if (identity.length < 40 || ids.length === 0 || ids.some((id) => !id)) return reply.code(422).send('invalid');
  const key = Buffer.from(createHmac('sha256', secret).update(`pb-ballot\u0000${editionId}:${identity}`).digest('base64url'), 'base64url').toString('hex');
  const params = [editionId, identity, envelopeId, new Date().toISOString(), key, ids, ids.map((_, i) => i), ids.map(() => '1')];
  try {
    // A named prepared statement, as GAB's castBallot runs (planned once per connection).
    const result = await pool.query({ name: 'bare_ballot', text: FAST, values: params });
    if (result.rowCount === 0) return reply.code(403).send('already voted');
  } catch (error) {
    if (!['23503', '23505', '40P01', '40001'].includes(String((error as { code?: unknown }).code))) throw error;
    if (!(await locked(params))) return reply.code(403).send('already voted');
  }
  return reply.redirect('/votar/confirmacion', 303);
});

app.get('/healthz', async () => ({ status: 'ok' }));

const port = Number(process.env.PORT ?? 0);
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`bare ballot server listening on ${port}\n`);
const stop = () => void app.close().then(() => pool.end()).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
