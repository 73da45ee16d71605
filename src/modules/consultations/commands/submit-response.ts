import { sql } from 'kysely';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Executor, Tx } from '../../../core/db/database.ts';
import { bogotaDay } from '../../../core/i18n/i18n.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { AnswerRow } from '../answers.ts';
import { ageBandOf, type ResponseCategories } from '../categories.ts';
import type { Channel } from '../consultations.schema.ts';
import { TEXT_KINDS, type QuestionDef } from '../questionnaire.ts';

export interface SubmitResponseInput {
  consultation: { id: string; secret: boolean; allow_edit: boolean };
  questions: readonly QuestionDef[];
  /** The respondent: the signed-in citizen, or the citizen a clerk acts for (`assistedBy` set). */
  actor: Actor;
  identityHash: string;
  /** responseKey(secret, consultation, identity): computed by the caller, which holds the secret. */
  responseKey: string;
  /** Already validated against the questionnaire (validateSubmission). */
  rows: readonly AnswerRow[];
  categories: ResponseCategories;
  requestId?: string | null;
  now?: Date;
}

export type SubmitResponseResult = { ok: true; changed: boolean } | { ok: false; reason: 'already_done' };

/** The coarse categories of a respondent at `now`: age band, localidad (verified, else declared), gender. */
export async function categoriesOf(db: Executor, actor: Actor, now: Date): Promise<ResponseCategories> {
  const profile = await db.selectFrom('core_profiles').select(['localidad_code', 'gender']).where('user_id', '=', actor.userId).executeTakeFirst();
  return { ageBand: ageBandOf(actor.birthDate, now), localidadCode: actor.residenceLocalidad ?? profile?.localidad_code ?? null, gender: profile?.gender ?? null };
}

/** Inserts the answer rows of one response (free text waits for moderation). */
export async function insertAnswers(tx: Tx, responseId: string, questions: readonly QuestionDef[], rows: readonly AnswerRow[]): Promise<void> {
  if (rows.length === 0) return;
  const textQuestions = new Set(questions.filter((q) => TEXT_KINDS.includes(q.kind)).map((q) => q.id));
  await tx
    .insertInto('consultations_answers')
    .values(
      rows.map((r) => ({
        response_id: responseId,
        question_id: r.questionId,
        position: r.position,
        option_id: r.optionId,
        value_number: r.number,
        value_text: r.text,
        moderation: textQuestions.has(r.questionId) && r.text !== null ? ('pending' as const) : null,
      })),
    )
    .execute();
}

/**
 * Records or replaces a person's response, in the caller's transaction:
 *
 * 1. Upserts the participant row. Its primary key (consultation + identity) is what allows one
 *    response per identity, whatever the number of app processes. Without `allow_edit` a second
 *    attempt inserts nothing and is refused (`already_done`); with it the row is updated and stays
 *    locked until commit, so submissions of the same person queue here. A paper participant is
 *    never replaced online.
 * 2. Replaces the response found by its key with a fresh id (old answers deleted): nothing stable
 *    identifies a response across edits. Secret consultations store no user and no time.
 * 3. Audits `consultations.answer` with the actor, the channel and the clerk, never the answers.
 */
export async function submitResponse(tx: Tx, input: SubmitResponseInput): Promise<SubmitResponseResult> {
  const now = input.now ?? new Date();
  const { consultation } = input;
  const channel: Channel = input.actor.assistedBy ? 'assisted' : 'online';
  // Day only: an exact time here would let someone line participants up with responses.
  const day = bogotaDay(now);
  const participant = consultation.allow_edit
    ? await sql<{ inserted: boolean }>`
        INSERT INTO consultations_participants (consultation_id, identity_hash, channel, participated_on)
        VALUES (${consultation.id}, ${input.identityHash}, ${channel}, ${day})
        ON CONFLICT (consultation_id, identity_hash) DO UPDATE
          SET channel = EXCLUDED.channel, participated_on = EXCLUDED.participated_on
          WHERE consultations_participants.channel <> 'paper'
        RETURNING (xmax = 0) AS inserted`.execute(tx)
    : await sql<{ inserted: boolean }>`
        INSERT INTO consultations_participants (consultation_id, identity_hash, channel, participated_on)
        VALUES (${consultation.id}, ${input.identityHash}, ${channel}, ${day})
        ON CONFLICT (consultation_id, identity_hash) DO NOTHING
        RETURNING true AS inserted`.execute(tx);
  const row = participant.rows[0];
  if (!row) return { ok: false, reason: 'already_done' };

  await tx
    .deleteFrom('consultations_answers')
    .where('response_id', 'in', (eb) => eb.selectFrom('consultations_responses').select('id').where('response_key', '=', input.responseKey))
    .execute();
  const values = {
    user_id: consultation.secret ? null : input.actor.userId,
    submitted_at: consultation.secret ? null : now.toISOString(),
    age_band: input.categories.ageBand,
    localidad_code: input.categories.localidadCode,
    gender: input.categories.gender,
  };
  const response = await tx
    .insertInto('consultations_responses')
    .values({ consultation_id: consultation.id, secret: consultation.secret, response_key: input.responseKey, ...values })
    .onConflict((oc) => oc.column('response_key').doUpdateSet({ id: sql`gen_random_uuid()`, ...values }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertAnswers(tx, response.id, input.questions, input.rows);

  const changed = !row.inserted;
  await recordAudit(tx, {
    actor: input.actor,
    action: 'consultations.answer',
    resourceType: 'consultations.consultation',
    resourceId: consultation.id,
    after: { channel, changed, ...(input.actor.assistedBy ? { assistedBy: input.actor.assistedBy } : {}) },
    requestId: input.requestId ?? null,
  });
  return { ok: true, changed };
}
