import { sql } from 'kysely';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { loadQuestionnaire } from '../consultations.queries.ts';
import type { QuestionInput } from '../question-form.ts';
import { hasOptions, TRIGGER_KINDS, type QuestionDef } from '../questionnaire.ts';

export type BuilderResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

const fail = (field: string, key: string, vars?: Record<string, string | number>): BuilderResult => ({ ok: false, errors: { [field]: { key: `consultations.builder.errors.${key}`, vars } } });

/** Questions whose condition uses an option of `question`. */
const dependentsOf = (questions: readonly QuestionDef[], question: QuestionDef) => questions.filter((q) => q.condition?.questionId === question.id);

async function setCondition(tx: Tx, questionId: string, optionIds: readonly string[]) {
  await tx.deleteFrom('consultations_conditions').where('question_id', '=', questionId).execute();
  if (optionIds.length) await tx.insertInto('consultations_conditions').values(optionIds.map((option_id) => ({ question_id: questionId, option_id }))).execute();
}

/** Adds a question at the end of the questionnaire. */
export async function addQuestion(tx: Tx, actor: Actor, consultationId: string, input: QuestionInput, requestId?: string): Promise<BuilderResult> {
  const last = await tx
    .selectFrom('consultations_questions')
    .select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(0)).as('n'))
    .where('consultation_id', '=', consultationId)
    .executeTakeFirstOrThrow();
  const row = await tx
    .insertInto('consultations_questions')
    .values({ consultation_id: consultationId, position: Number(last.n) + 1, kind: input.kind, title: input.title, description: input.description, required: input.required, settings: JSON.stringify(input.settings) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setCondition(tx, row.id, input.showIf);
  await recordAudit(tx, { actor, action: 'consultations.add-question', resourceType: 'consultations.consultation', resourceId: consultationId, after: { question: row.id, ...input }, requestId });
  return { ok: true, id: row.id };
}

/**
 * Updates a question. A question with options keeps a kind that has options, and a question other
 * questions depend on keeps a kind that can trigger them.
 */
export async function updateQuestion(tx: Tx, actor: Actor, consultationId: string, question: QuestionDef, input: QuestionInput, requestId?: string): Promise<BuilderResult> {
  const questions = await loadQuestionnaire(tx, consultationId);
  if (question.options.length > 0 && !hasOptions(input.kind)) return fail('kind', 'kind_has_options');
  if (dependentsOf(questions, question).length > 0 && !TRIGGER_KINDS.includes(input.kind)) return fail('kind', 'kind_has_dependents');
  await tx
    .updateTable('consultations_questions')
    .set({ kind: input.kind, title: input.title, description: input.description, required: input.required, settings: JSON.stringify(input.settings) })
    .where('id', '=', question.id)
    .execute();
  await setCondition(tx, question.id, input.showIf);
  await recordAudit(tx, { actor, action: 'consultations.update-question', resourceType: 'consultations.consultation', resourceId: consultationId, before: question, after: input, requestId });
  return { ok: true, id: question.id };
}

/** Swaps a question with its neighbour, never above the question it depends on nor below one that depends on it. */
export async function moveQuestion(tx: Tx, actor: Actor, consultationId: string, questionId: string, direction: 'up' | 'down', requestId?: string): Promise<BuilderResult> {
  const questions = await loadQuestionnaire(tx, consultationId);
  const index = questions.findIndex((q) => q.id === questionId);
  const other = questions[direction === 'up' ? index - 1 : index + 1];
  const question = questions[index];
  if (!question || !other) return { ok: true, id: questionId };
  const [upper, lower] = direction === 'up' ? [other, question] : [question, other];
  if (lower.condition?.questionId === upper.id) return fail('questions', 'move_condition', { number: lower.position });
  await sql`UPDATE consultations_questions SET position = CASE WHEN id = ${upper.id} THEN ${lower.position}::int ELSE ${upper.position}::int END WHERE id IN (${upper.id}, ${lower.id})`.execute(tx);
  await recordAudit(tx, { actor, action: 'consultations.move-question', resourceType: 'consultations.consultation', resourceId: consultationId, after: { question: questionId, direction }, requestId });
  return { ok: true, id: questionId };
}

/** Removes a question (with its options) unless a later question depends on it; renumbers the rest. */
export async function removeQuestion(tx: Tx, actor: Actor, consultationId: string, questionId: string, requestId?: string): Promise<BuilderResult> {
  const questions = await loadQuestionnaire(tx, consultationId);
  const question = questions.find((q) => q.id === questionId);
  if (!question) return { ok: true, id: questionId };
  const dependents = dependentsOf(questions, question);
  if (dependents.length) return fail('questions', 'remove_has_dependents', { number: question.position, dependent: dependents[0]!.position });
  await tx.deleteFrom('consultations_questions').where('id', '=', questionId).execute();
  await renumber(tx, consultationId);
  await recordAudit(tx, { actor, action: 'consultations.remove-question', resourceType: 'consultations.consultation', resourceId: consultationId, before: question, requestId });
  return { ok: true, id: questionId };
}

async function renumber(tx: Tx, consultationId: string) {
  await sql`
    UPDATE consultations_questions q SET position = n.position
    FROM (SELECT id, row_number() OVER (ORDER BY position, id)::int AS position FROM consultations_questions WHERE consultation_id = ${consultationId}) n
    WHERE q.id = n.id AND q.position <> n.position`.execute(tx);
}
