import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../../core/db/database.ts';
import { forbidden, notFound } from '../../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../../core/http/render.tsx';
import type { Services } from '../../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../../core/permissions/authorize.ts';
import { answerRequest, createRequest, voteRequest, withdrawVote } from './commands/requests.ts';
import { readAnswerForm, readRequestForm, type FormBody as Body } from './forms.ts';
import { REQUESTS_PATH, requestPath } from './paths.ts';
import { findRequest, hasVoted, listRequests, parseRequestFilters, requestOptions, type RequestDetail } from './requests.queries.ts';
import { datasetChoices, decider, FormBody, IdParams, isUuid, ListQuery, redirectWithInfo } from './shared.ts';
import { RequestFormPage } from './views/RequestFormPage.tsx';
import { RequestPage, type AnswerFormState } from './views/RequestPage.tsx';
import { RequestsListPage } from './views/RequestsListPage.tsx';

/** Data requests: the list, the form, the page with votes and the official answer. */
export function requestRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  app.get(REQUESTS_PATH, { schema: { querystring: ListQuery } }, async (request, reply) => {
    await authorize(request, 'open-data', 'view');
    const { entities } = await requestOptions(db);
    const filters = parseRequestFilters(request.query as Record<string, unknown>, new Set(entities.map((e) => e.code)));
    const result = await listRequests(db, filters);
    return sendPage(request, reply, <RequestsListPage ctx={viewContext(request, reply)} filters={filters} entities={entities} result={result} />);
  });

  app.get(`${REQUESTS_PATH}/nueva`, { onRequest: requireSignIn }, async (request, reply) => {
    await authorize(request, 'open-data', 'request-dataset');
    const options = await requestOptions(db);
    return sendPage(request, reply, <RequestFormPage ctx={viewContext(request, reply)} values={{}} {...options} />);
  });

  app.post(`${REQUESTS_PATH}/nueva`, { onRequest: requireSignIn, schema: { body: FormBody } }, async (request, reply) => {
    await authorize(request, 'open-data', 'request-dataset');
    const options = await requestOptions(db);
    const known = { entities: new Set(options.entities.map((e) => e.code)), localidades: new Set(options.localidades.map((l) => l.code)) };
    const { values, fields, errors } = readRequestForm((request.body ?? {}) as Body, known);
    if (!fields) return sendPage(request, reply, <RequestFormPage ctx={viewContext(request, reply)} values={values} errors={errors} {...options} />, 400);
    const id = await withTransaction(db, (tx) => createRequest(tx, { fields, actor: request.actor!, requestId: request.id }));
    return redirectAfterPost(request, reply, requestPath(id), 'open-data.community.flash.requested');
  });

  async function visibleRequest(id: unknown): Promise<RequestDetail> {
    if (!isUuid(id)) return notFound();
    return (await findRequest(db, id)) ?? notFound();
  }

  async function showRequest(request: FastifyRequest, reply: FastifyReply, r: RequestDetail, answerForm?: AnswerFormState) {
    const [vote, answer] = await Promise.all([canOnRequest(request, 'open-data', 'vote-request'), canOnRequest(request, 'open-data', 'answer-request', { entityCode: r.entity_code })]);
    const answerable = answer.allowed && (r.status === 'open' || r.status === 'planned');
    const [voted, datasets] = await Promise.all([request.actor ? hasVoted(db, r.id, request.actor.userId) : false, answerable ? datasetChoices(app) : null]);
    return sendPage(
      request,
      reply,
      <RequestPage ctx={viewContext(request, reply)} request={r} vote={vote} voted={voted} answerable={answerable} datasets={datasets?.list ?? []} answerForm={answerForm} />,
      answerForm ? 400 : 200,
    );
  }

  app.get(`${REQUESTS_PATH}/:id`, { schema: { params: IdParams } }, async (request, reply) => {
    await authorize(request, 'open-data', 'view');
    return showRequest(request, reply, await visibleRequest((request.params as { id: string }).id));
  });

  async function vote(request: FastifyRequest, reply: FastifyReply, add: boolean) {
    const { id } = request.params as { id: string };
    if (!isUuid(id)) return notFound();
    await authorize(request, 'open-data', 'vote-request');
    const input = { requestId: id, actor: request.actor!, auditRequestId: request.id };
    const result = await withTransaction(db, (tx) => (add ? voteRequest(tx, input) : withdrawVote(tx, input)));
    if (!result.ok) {
      if (result.reason === 'not_found') return notFound();
      return redirectWithInfo(request, reply, requestPath(id), `open-data.community.flash.vote_${result.reason}`);
    }
    return redirectAfterPost(request, reply, requestPath(id), add ? 'open-data.community.flash.voted' : 'open-data.community.flash.vote_withdrawn');
  }
  app.post(`${REQUESTS_PATH}/:id/voto`, { onRequest: requireSignIn, schema: { params: IdParams, body: FormBody } }, async (request, reply) => vote(request, reply, true));
  app.post(`${REQUESTS_PATH}/:id/voto/retirar`, { onRequest: requireSignIn, schema: { params: IdParams, body: FormBody } }, async (request, reply) => vote(request, reply, false));

  app.post(`${REQUESTS_PATH}/:id/respuesta`, { onRequest: requireSignIn, schema: { params: IdParams, body: FormBody } }, async (request, reply) => {
    const r = await visibleRequest((request.params as { id: string }).id);
    await authorize(request, 'open-data', 'answer-request', { entityCode: r.entity_code });
    const { ids } = await datasetChoices(app);
    const { values, fields, errors } = readAnswerForm((request.body ?? {}) as Body, ids);
    if (!fields) return showRequest(request, reply, r, { values, errors });
    const can = await decider(request, 'answer-request');
    const result = await withTransaction(db, (tx) => answerRequest(tx, { id: r.id, ...fields, actor: request.actor!, authorize: (found) => can(found), requestId: request.id }));
    if (!result.ok) {
      if (result.reason === 'not_found') return notFound();
      if (result.reason === 'already_done') return redirectWithInfo(request, reply, requestPath(r.id), 'open-data.community.flash.already_answered');
      return forbidden(result.reason);
    }
    return redirectAfterPost(request, reply, requestPath(r.id), 'open-data.community.flash.answered');
  });
}
