import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { DataEnvelope, ErrorResponse } from '../../core/http/api-schemas.ts';
import { sendPage, viewContext } from '../../core/http/render.tsx';
import { notFound } from '../../core/http/errors.ts';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import { decider, isUuid, refusal, visibleCause } from './cause-access.ts';
import { findAnswer, LIST_STATES, listCauses, listOwnCauses, moderationQueue, referenceOptions, SORTS, type CauseDetail, type ListFilters, type ListState, type Sort } from './causes.queries.ts';
import { supportCause, withdrawSupport } from './commands/support-cause.ts';
import { effectiveState } from './states.ts';
import { isTopic } from './topics.ts';
import { CausesListPage } from './views/CausesListPage.tsx';
import { ModerationPage } from './views/ModerationPage.tsx';
import { MyCausesPage } from './views/MyCausesPage.tsx';

const TAGS = ['Causas ciudadanas'];
const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const ListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    localidad: Type.Optional(Type.String({ maxLength: 10 })),
    tema: Type.Optional(Type.String({ maxLength: 40 })),
    estado: Type.Optional(Type.String({ maxLength: 40 })),
    entidad: Type.Optional(Type.String({ maxLength: 60 })),
    vencidas: Type.Optional(Type.String({ maxLength: 5 })),
    orden: Type.Optional(Type.String({ maxLength: 20 })),
    pagina: Type.Optional(Type.String({ maxLength: 6 })),
  },
  { additionalProperties: true },
);

/** Filters from the query string; anything unknown is ignored rather than refused (links get mangled). */
export function parseFilters(query: Record<string, string | undefined>, known: { localidades: Set<string>; entities: Set<string> }): ListFilters {
  const filters: ListFilters = {};
  const q = query.q?.trim();
  if (q) filters.q = q.slice(0, 200);
  if (query.localidad === 'ciudad' || (query.localidad && known.localidades.has(query.localidad))) filters.localidad = query.localidad;
  if (isTopic(query.tema)) filters.topic = query.tema;
  if ((LIST_STATES as readonly string[]).includes(query.estado ?? '')) filters.state = query.estado as ListState;
  if (query.entidad && known.entities.has(query.entidad)) filters.entity = query.entidad;
  if (query.vencidas === '1') filters.overdue = true;
  if ((SORTS as readonly string[]).includes(query.orden ?? '') && (query.orden !== 'relevancia' || filters.q)) filters.sort = query.orden as Sort;
  const page = Number(query.pagina);
  if (Number.isInteger(page) && page > 1) filters.page = page;
  return filters;
}

/** The public record of a cause in the API (no personal data: no author). */
function presentCause(c: { id: string; title: string; localidad_code: string | null; topic_code: string; state: string; supports_count: number; threshold: number; deadline_at: Date | null; target_entity_code: string | null; answer_due_on: string | null; answered_at: Date | null; overdue: boolean; published_at: Date | null }) {
  return {
    id: c.id,
    title: c.title,
    url: `/causas/${c.id}`,
    localidad: c.localidad_code,
    topic: c.topic_code,
    state: c.state,
    supports: c.supports_count,
    threshold: c.threshold,
    publishedAt: c.published_at?.toISOString() ?? null,
    deadline: c.deadline_at?.toISOString() ?? null,
    targetEntity: c.target_entity_code,
    answerDueOn: c.answer_due_on,
    answeredAt: c.answered_at?.toISOString() ?? null,
    overdue: c.overdue,
  };
}

const CauseRecord = Type.Object({
  id: Type.String(),
  title: Type.String(),
  url: Type.String(),
  localidad: Type.Union([Type.String(), Type.Null()]),
  topic: Type.String(),
  state: Type.String(),
  supports: Type.Integer(),
  threshold: Type.Integer(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  deadline: Type.Union([Type.String(), Type.Null()]),
  targetEntity: Type.Union([Type.String(), Type.Null()]),
  answerDueOn: Type.Union([Type.String(), Type.Null()]),
  answeredAt: Type.Union([Type.String(), Type.Null()]),
  overdue: Type.Boolean(),
});

/** The list, the person's own causes, the moderation queue, and the JSON API. */
export async function listRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;

  async function known() {
    const options = await referenceOptions(db);
    return { options, sets: { localidades: new Set(options.localidades.map((l) => l.code)), entities: new Set(options.entities.map((e) => e.code)) } };
  }

  app.get('/causas', { schema: { querystring: ListQuery } }, async (request, reply) => {
    await authorize(request, 'causes', 'view');
    const { options, sets } = await known();
    const filters = parseFilters(request.query as Record<string, string>, sets);
    const [result, create] = await Promise.all([listCauses(db, filters), canOnRequest(request, 'causes', 'create')]);
    return sendPage(request, reply, <CausesListPage ctx={viewContext(request, reply)} filters={filters} options={options} result={result} create={create} />);
  });

  app.get('/causas/mis-causas', { onRequest: requireSignIn }, async (request, reply) => {
    const causes = (await listOwnCauses(db, request.actor!.userId)).map((c) => ({ ...c, state: effectiveState(c) }));
    return sendPage(request, reply, <MyCausesPage ctx={viewContext(request, reply)} causes={causes} />);
  });

  app.get('/causas/moderacion', { onRequest: requireSignIn }, async (request, reply) => {
    await authorize(request, 'causes', 'moderate');
    return sendPage(request, reply, <ModerationPage ctx={viewContext(request, reply)} queue={await moderationQueue(db)} />);
  });

  app.get(
    '/api/v1/causas',
    {
      schema: {
        tags: TAGS,
        summary: 'Causas ciudadanas públicas, con filtros (localidad, tema, estado, entidad, vencidas), orden, búsqueda y páginas de 20',
        querystring: ListQuery,
        response: { 200: DataEnvelope(Type.Object({ total: Type.Integer(), page: Type.Integer(), pageCount: Type.Integer(), causes: Type.Array(CauseRecord) })) },
      },
    },
    async (request) => {
      const { sets } = await known();
      const result = await listCauses(db, parseFilters(request.query as Record<string, string>, sets));
      return { data: { total: result.total, page: result.page, pageCount: result.pageCount, causes: result.rows.map(presentCause) } };
    },
  );

  const withAnswer = async (cause: CauseDetail) => {
    const answer = await findAnswer(db, cause.id);
    return { ...presentCause(cause), answer: answer ? { entity: answer.entity_code, body: answer.body, answeredAt: answer.answered_at.toISOString() } : null };
  };

  app.get(
    '/api/v1/causas/:id',
    { schema: { tags: TAGS, summary: 'Una causa ciudadana, con la respuesta oficial si la tiene', params: Params, response: { 404: ErrorResponse } } },
    async (request) => {
      const cause = await visibleCause(db, request, (request.params as { id: string }).id);
      if (cause.state === 'hidden') refusal('hidden');
      return { data: { ...(await withAnswer(cause)), problem: cause.problem, evidence: cause.evidence } };
    },
  );

  /**
   * Support through the API (a token with the `write` scope, or the session with the
   * `x-csrf-token` header). Refusals carry `error.reason`: not_signed_in, not_verified, under_age,
   * guardian_consent_missing, consent_missing, phase_closed, already_done, hidden.
   */
  async function apiSupport(request: FastifyRequest, support: boolean) {
    const { id } = request.params as { id: string };
    if (!isUuid(id)) return notFound();
    if (!request.actor) return refusal('not_signed_in');
    const authorize = await decider(request, 'support');
    const result = await withTransaction(db, (tx) =>
      support ? supportCause(tx, { causeId: id, actor: request.actor!, authorize, requestId: request.id }) : withdrawSupport(tx, { causeId: id, actor: request.actor!, authorize, requestId: request.id }),
    );
    if (!result.ok) return refusal(result.reason);
    return { data: { supported: support, supports: result.supports, thresholdReached: result.thresholdReached } };
  }
  const SupportResponse = DataEnvelope(Type.Object({ supported: Type.Boolean(), supports: Type.Integer(), thresholdReached: Type.Boolean() }));
  const supportSchema = (summary: string) => ({ tags: TAGS, summary, params: Params, response: { 200: SupportResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse } });
  app.post('/api/v1/causas/:id/apoyo', { schema: supportSchema('Apoyar una causa (una vez por identidad verificada)') }, async (request) => apiSupport(request, true));
  app.delete('/api/v1/causas/:id/apoyo', { schema: supportSchema('Retirar el apoyo a una causa, antes del cierre') }, async (request) => apiSupport(request, false));
}
