import type { Executor } from '../../core/db/database.ts';

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);

/**
 * What the consultations module keeps naming a person: in which consultations their identity took
 * part (the participation roll), and their answers to public consultations. A secret consultation's
 * answers are stored without anyone's name, so nobody — the person included — can be shown them.
 */
export async function consultationsPersonalData(db: Executor, userId: string): Promise<Record<string, unknown>> {
  const identity = await db.selectFrom('core_identities').select('identity_hash').where('user_id', '=', userId).executeTakeFirst();
  const participations = identity
    ? await db
        .selectFrom('consultations_participants as p')
        .innerJoin('consultations_consultations as c', 'c.id', 'p.consultation_id')
        .select(['c.id', 'c.title', 'c.secret', 'p.channel', 'p.participated_on'])
        .where('p.identity_hash', '=', identity.identity_hash)
        .orderBy('p.participated_on')
        .execute()
    : [];
  const answers = await db
    .selectFrom('consultations_responses as r')
    .innerJoin('consultations_answers as a', 'a.response_id', 'r.id')
    .innerJoin('consultations_questions as q', 'q.id', 'a.question_id')
    .leftJoin('consultations_options as o', 'o.id', 'a.option_id')
    .select(['r.consultation_id', 'r.submitted_at', 'q.title as question', 'a.position', 'o.label', 'a.value_number', 'a.value_text'])
    .where('r.user_id', '=', userId)
    .orderBy('r.consultation_id')
    .orderBy('q.position')
    .orderBy('a.position')
    .execute();
  return {
    participations: participations.map((p) => ({
      consultation: p.id,
      url: `/consultas/${p.id}`,
      title: p.title,
      channel: p.channel,
      on: p.participated_on,
      answers: p.secret ? 'secret: stored without any link to you' : 'public: listed under publicAnswers',
    })),
    publicAnswers: answers.map((a) => ({
      consultation: a.consultation_id,
      submittedAt: iso(a.submitted_at),
      question: a.question,
      answer: a.label ?? (a.value_number === null ? a.value_text : String(a.value_number)),
    })),
  };
}
