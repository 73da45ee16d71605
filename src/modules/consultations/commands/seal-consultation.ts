import { sql } from 'kysely';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { withTransaction, type Db, type Tx } from '../../../core/db/database.ts';
import { MIN_GROUP_SIZE } from '../protect.ts';

const STORED = ['age_band', 'localidad_code', 'gender'] as const;

/**
 * Seals a closed secret consultation, once (see SECRECY.md):
 *
 * 1. Erases each stored category held by fewer than MIN_GROUP_SIZE responses (a small group could
 *    otherwise be matched with the participants' own profiles).
 * 2. Replaces every response key with random bytes: no edit can come after closing, so nothing —
 *    not even the server secret — needs to find a person's response any more.
 * 3. Rewrites the responses and answers with new ids, in random order, in this one transaction,
 *    so neither their physical order nor their transaction ids follow the order people answered in.
 *
 * Returns false when there was nothing to do (not secret, not closed, or already sealed).
 */
export async function sealConsultation(tx: Tx, consultationId: string, now = new Date()): Promise<boolean> {
  // Claiming the row first makes concurrent sealers queue here; the second finds it sealed.
  const claimed = await tx
    .updateTable('consultations_consultations')
    .set({ sealed_at: now.toISOString() })
    .where('id', '=', consultationId)
    .where('secret', '=', true)
    .where('sealed_at', 'is', null)
    .where('closes_at', '<=', now.toISOString() as never)
    .returning('id')
    .executeTakeFirst();
  if (!claimed) return false;
  for (const column of STORED) {
    await sql`
      UPDATE consultations_responses SET ${sql.ref(column)} = NULL
      WHERE consultation_id = ${consultationId} AND ${sql.ref(column)} IN (
        SELECT ${sql.ref(column)} FROM consultations_responses
        WHERE consultation_id = ${consultationId} AND ${sql.ref(column)} IS NOT NULL
        GROUP BY 1 HAVING count(*) < ${MIN_GROUP_SIZE})`.execute(tx);
  }
  await sql`DROP TABLE IF EXISTS consultations_seal_responses, consultations_seal_answers`.execute(tx);
  await sql`
    CREATE TEMPORARY TABLE consultations_seal_responses ON COMMIT DROP AS
    SELECT id AS old_id, gen_random_uuid() AS new_id, consultation_id, secret,
      replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '') AS response_key,
      age_band, localidad_code, gender
    FROM consultations_responses WHERE consultation_id = ${consultationId}`.execute(tx);
  await sql`
    CREATE TEMPORARY TABLE consultations_seal_answers ON COMMIT DROP AS
    SELECT s.new_id, a.question_id, a.position, a.option_id, a.value_number, a.value_text, a.moderation
    FROM consultations_answers a JOIN consultations_seal_responses s ON s.old_id = a.response_id`.execute(tx);
  await sql`DELETE FROM consultations_responses WHERE consultation_id = ${consultationId}`.execute(tx);
  await sql`
    INSERT INTO consultations_responses (id, consultation_id, secret, response_key, age_band, localidad_code, gender)
    SELECT new_id, consultation_id, secret, response_key, age_band, localidad_code, gender
    FROM consultations_seal_responses ORDER BY random()`.execute(tx);
  await sql`
    INSERT INTO consultations_answers (response_id, question_id, position, option_id, value_number, value_text, moderation)
    SELECT new_id, question_id, position, option_id, value_number, value_text, moderation
    FROM consultations_seal_answers ORDER BY random()`.execute(tx);
  await sql`DROP TABLE consultations_seal_responses, consultations_seal_answers`.execute(tx);
  await recordAudit(tx, { actor: null, action: 'consultations.seal', resourceType: 'consultations.consultation', resourceId: consultationId });
  return true;
}

/** Seals a closed secret consultation if nobody has yet (results pages and exports call it first). */
export async function ensureSealed(db: Db, consultation: { id: string; secret: boolean; closes_at: Date; sealed_at: Date | null }, now = new Date()): Promise<void> {
  if (!consultation.secret || consultation.sealed_at || consultation.closes_at > now) return;
  await withTransaction(db, (tx) => sealConsultation(tx, consultation.id, now));
}
