import type { Executor } from '../../core/db/database.ts';
import { csvLine } from './csv.ts';
import { listConsultations, loadQuestionnaire, type Consultation } from './consultations.queries.ts';
import { columnOf } from './paper.ts';
import type { QuestionDef } from './questionnaire.ts';
import { computeResults } from './results.queries.ts';
import { resultsVisible } from './state.ts';

type AnswerValue = string | number | string[] | null;

interface ExportedResponse {
  userId: string | null;
  submittedAt: Date | null;
  ageBand: string | null;
  localidad: string | null;
  gender: string | null;
  answers: Record<string, AnswerValue>;
}

/**
 * Every response of a consultation for its officials, one per row, answers by column (`p1`…). A
 * secret consultation's export has no user, no time and no order but the random one of its ids
 * (see SECRECY.md); a public one adds the user id and the submission time.
 */
export async function exportResponses(db: Executor, consultation: Consultation, questions: readonly QuestionDef[]): Promise<ExportedResponse[]> {
  const rows = await db
    .selectFrom('consultations_responses as r')
    .leftJoin('consultations_answers as a', 'a.response_id', 'r.id')
    .select(['r.id', 'r.user_id', 'r.submitted_at', 'r.age_band', 'r.localidad_code', 'r.gender', 'a.question_id', 'a.position', 'a.option_id', 'a.value_number', 'a.value_text'])
    .where('r.consultation_id', '=', consultation.id)
    .orderBy('r.id')
    .orderBy('a.question_id')
    .orderBy('a.position')
    .execute();
  const byId = new Map<string, ExportedResponse>();
  const labelOf = new Map(questions.flatMap((q) => q.options.map((o) => [o.id, o.label] as const)));
  const questionOf = new Map(questions.map((q) => [q.id, q]));
  for (const row of rows) {
    let response = byId.get(row.id);
    if (!response) {
      response = {
        userId: consultation.secret ? null : row.user_id,
        submittedAt: consultation.secret ? null : row.submitted_at,
        ageBand: row.age_band,
        localidad: row.localidad_code,
        gender: row.gender,
        answers: {},
      };
      byId.set(row.id, response);
    }
    const q = row.question_id ? questionOf.get(row.question_id) : undefined;
    if (!q) continue;
    const column = columnOf(q);
    if (q.kind === 'multiple_choice' || q.kind === 'ranking') {
      const list = (response.answers[column] as string[] | undefined) ?? [];
      list.push(labelOf.get(row.option_id!) ?? '');
      response.answers[column] = list;
    } else if (q.kind === 'single_choice') response.answers[column] = labelOf.get(row.option_id!) ?? '';
    else if (row.value_number !== null) response.answers[column] = Number(row.value_number);
    else response.answers[column] = row.value_text;
  }
  return [...byId.values()];
}

export function responsesCsv(consultation: Consultation, questions: readonly QuestionDef[], responses: readonly ExportedResponse[]): string {
  const ordered = [...questions].sort((a, b) => a.position - b.position);
  const header = ['respuesta', ...(consultation.secret ? [] : ['usuario', 'enviada']), 'grupo_edad', 'localidad', 'genero', ...ordered.map(columnOf)];
  const lines = [csvLine(header)];
  responses.forEach((r, index) => {
    const cells = ordered.map((q) => {
      const value = r.answers[columnOf(q)];
      if (Array.isArray(value)) return value.join(q.kind === 'ranking' ? ' > ' : ' | ');
      return value ?? null;
    });
    lines.push(csvLine([index + 1, ...(consultation.secret ? [] : [r.userId, r.submittedAt?.toISOString() ?? null]), r.ageBand, r.localidad, r.gender, ...cells]));
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function responsesJson(consultation: Consultation, questions: readonly QuestionDef[], responses: readonly ExportedResponse[]) {
  return {
    consultation: {
      id: consultation.id,
      title: consultation.title,
      entity: consultation.entity_code,
      opens_at: consultation.opens_at.toISOString(),
      closes_at: consultation.closes_at.toISOString(),
      secret: consultation.secret,
    },
    questions: [...questions]
      .sort((a, b) => a.position - b.position)
      .map((q) => ({ column: columnOf(q), id: q.id, kind: q.kind, title: q.title, options: q.options.map((o) => o.label) })),
    responses: responses.map((r) => ({
      ...(consultation.secret ? {} : { user_id: r.userId, submitted_at: r.submittedAt?.toISOString() ?? null }),
      age_band: r.ageBand,
      localidad: r.localidad,
      gender: r.gender,
      answers: r.answers,
    })),
  };
}

export interface AggregatedRow {
  consultation_id: string;
  consultation: string;
  entity: string;
  closes_at: string;
  question: number;
  question_text: string;
  kind: string;
  answer: string;
  count: number;
  question_respondents: number;
}

/**
 * Open data: aggregated results of every consultation whose results are public, one row per
 * option (or scale value, or statistic). Counts only — no response, no person.
 */
export async function aggregatedResults(db: Executor, now = new Date()): Promise<AggregatedRow[]> {
  const visible = (await listConsultations(db, {}, now)).filter((c) => resultsVisible(c, now)).sort((a, b) => (a.closes_at < b.closes_at ? -1 : 1));
  const rows: AggregatedRow[] = [];
  for (const c of visible) {
    const questions = await loadQuestionnaire(db, c.id);
    const results = await computeResults(db, c, questions);
    for (const r of results.questions) {
      const base = { consultation_id: c.id, consultation: c.title, entity: c.entity_code, closes_at: c.closes_at.toISOString(), question: r.question.position, question_text: r.question.title, kind: r.question.kind, question_respondents: r.respondents };
      for (const o of r.options ?? []) rows.push({ ...base, answer: o.option.label, count: o.count });
      for (const o of r.ranking ?? []) rows.push({ ...base, answer: `${o.option.label} (puntos Borda)`, count: o.points });
      for (const s of r.scale ?? []) rows.push({ ...base, answer: String(s.value), count: s.count });
      if (r.question.kind === 'number' && r.numbers) rows.push({ ...base, answer: 'media', count: r.numbers.mean ?? 0 });
      if (r.texts) rows.push({ ...base, answer: 'respuestas publicadas', count: r.texts.approved.length });
    }
  }
  return rows;
}
