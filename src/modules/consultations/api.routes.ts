import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { withTransaction } from '../../core/db/database.ts';
import { ERROR_RESPONSES } from '../../core/http/api-schemas.ts';
import { forbidden, invalidInput, notFound } from '../../core/http/errors.ts';
import type { Services } from '../../core/modules/module.ts';
import { authorize } from '../../core/permissions/authorize.ts';
import { canAnswer, respondentState } from './answer-page.ts';
import { rawFromJson, validateSubmission } from './answers.ts';
import { categoriesOf, submitResponse } from './commands/submit-response.ts';
import { ensureSealed } from './commands/seal-consultation.ts';
import { consultationPath, countParticipants, findConsultation, listConsultations, loadQuestionnaire, type Consultation } from './consultations.queries.ts';
import type { QuestionDef } from './questionnaire.ts';
import { responseKey } from './response-key.ts';
import { computeResults } from './results.queries.ts';
import { resultsVisible } from './state.ts';

const TAGS = ['Consultas ciudadanas'];
const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });

function presentSummary(c: Consultation) {
  return {
    id: c.id,
    title: c.title,
    entity: c.entity_code,
    state: c.state,
    opens_at: c.opens_at.toISOString(),
    closes_at: c.closes_at.toISOString(),
    secret: c.secret,
    allow_edit: c.allow_edit,
    eligibility: { min_level: c.min_level, min_age: c.min_age, localidades: c.localidades },
    url: consultationPath(c),
  };
}

const presentQuestion = (q: QuestionDef) => ({
  id: q.id,
  position: q.position,
  kind: q.kind,
  title: q.title,
  description: q.description,
  required: q.required,
  settings: q.settings,
  options: q.options.map((o) => ({ id: o.id, label: o.label, description: o.description })),
  condition: q.condition ? { question_id: q.condition.questionId, option_ids: q.condition.optionIds } : null,
});

/**
 * JSON API: published consultations, one consultation with its questionnaire (and its results once
 * public), and answering. Answers are keyed by question id: an option id (single choice), option
 * ids (multiple choice), option ids from first to last (ranking), a number (scale, number) or text.
 * Refusals carry `error.reason` (`phase_closed`, `already_done`, `not_verified`…).
 */
export async function apiRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, config } = services;
  const published = async (id: string) => {
    const c = await findConsultation(db, id);
    return c && c.state !== 'draft' ? c : notFound();
  };

  app.get('/api/v1/consultations', { schema: { tags: TAGS, summary: 'Consultas ciudadanas publicadas (abiertas, próximas y cerradas)', response: { ...ERROR_RESPONSES } } }, async () => ({
    data: (await listConsultations(db)).map(presentSummary),
  }));

  app.get(
    '/api/v1/consultations/:id',
    { schema: { tags: TAGS, summary: 'Una consulta con su cuestionario y, si ya son públicos, sus resultados', params: IdParams, response: { ...ERROR_RESPONSES } } },
    async (request) => {
      const c = await published((request.params as { id: string }).id);
      const questions = await loadQuestionnaire(db, c.id);
      let results = null;
      if (resultsVisible(c)) {
        await ensureSealed(db, c);
        const computed = await computeResults(db, c, questions);
        results = {
          responses: computed.responses,
          participants: (await countParticipants(db, c.id)).total,
          questions: computed.questions.map((r) => ({
            question_id: r.question.id,
            respondents: r.respondents,
            options: r.options?.map((o) => ({ option_id: o.option.id, count: o.count })),
            ranking: r.ranking?.map((o) => ({ option_id: o.option.id, points: o.points, first_places: o.firstPlaces })),
            scale: r.scale,
            numbers: r.numbers,
            texts: r.texts ? { approved: r.texts.approved } : undefined,
          })),
        };
      }
      return { data: { ...presentSummary(c), description: c.description, questions: questions.map(presentQuestion), results } };
    },
  );

  app.post(
    '/api/v1/consultations/:id/responses',
    {
      schema: {
        tags: TAGS,
        summary: 'Responder una consulta (o cambiar la respuesta, si la consulta lo permite)',
        params: IdParams,
        body: Type.Object({ answers: Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 5000 }), Type.Number(), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 100 })])) }),
        response: { ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await authorize(request, 'consultations', 'view');
      const c = await published((request.params as { id: string }).id);
      const actor = request.actor ?? forbidden('not_signed_in');
      const { identityHash, participation } = await respondentState(db, c, actor);
      const decision = await canAnswer(request, actor, c, participation?.channel ?? null);
      if (!decision.allowed) forbidden(decision.reason);
      if (!identityHash) forbidden('not_verified');
      const questions = await loadQuestionnaire(db, c.id);
      const validated = validateSubmission(questions, rawFromJson(questions, (request.body as { answers: Record<string, unknown> }).answers));
      // Fields are named by question id in the API (the form's `q_` prefix is an HTML concern).
      if (Object.keys(validated.errors).length > 0) invalidInput(Object.fromEntries(Object.entries(validated.errors).map(([field, error]) => [field.replace(/^q_/, ''), error])));
      const categories = await categoriesOf(db, actor, new Date());
      const result = await withTransaction(db, (tx) =>
        submitResponse(tx, { consultation: c, questions, actor, identityHash: identityHash!, responseKey: responseKey(config.secret, c.id, identityHash!), rows: validated.rows, categories, requestId: request.id }),
      );
      if (!result.ok) forbidden(result.reason);
      return reply.code(result.ok && result.changed ? 200 : 201).send({ data: { changed: result.ok && result.changed } });
    },
  );
}
