import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../../core/db/database.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { notFound } from '../../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../../core/http/render.tsx';
import type { Services } from '../../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../../core/permissions/authorize.ts';
import type { InlineFormState } from '../../../core/views/components/comment-thread.tsx';
import { canSee, localidadNames } from '../catalogue.routes.tsx';
import { findDataset, type Dataset } from '../catalogue.queries.ts';
import { datasetPath } from '../paths.ts';
import { DatasetPage, type CommunitySlot } from '../views/DatasetPage.tsx';
import { listDatasetComments } from './comments.queries.ts';
import { addComment, hideComment, reportComment } from './commands/comments.ts';
import { field, readReason, readText, type FormBody as Body } from './forms.ts';
import { requestsAnsweredBy } from './requests.queries.ts';
import { reusesOf } from './reuses.queries.ts';
import { FormBody, isUuid, redirectWithInfo } from './shared.ts';
import { DatasetCommunity } from './views/DatasetCommunity.tsx';

const NameParams = Type.Object({ name: Type.String({ maxLength: 100 }) });
const CommentParams = Type.Object({ name: Type.String({ maxLength: 100 }), commentId: Type.String({ maxLength: 40 }) });

/**
 * The community part of the dataset page (the `community` prop of DatasetPage), with a form's
 * errors if one came back. Returns a render function: the page's own view context (built once,
 * since building it takes the flash messages) is handed to it when the page renders.
 */
export function datasetCommunity(services: Services) {
  return async (request: FastifyRequest, dataset: Dataset, form?: InlineFormState): Promise<CommunitySlot> => {
    const [requests, reuses, comments, comment, moderate] = await Promise.all([
      requestsAnsweredBy(services.db, dataset.id),
      reusesOf(services.db, dataset.id),
      listDatasetComments(services.db, dataset.id),
      canOnRequest(request, 'open-data', 'comment'),
      canOnRequest(request, 'open-data', 'moderate'),
    ]);
    return (ctx) => <DatasetCommunity ctx={ctx} datasetName={dataset.name} requests={requests} reuses={reuses} comments={comments} comment={comment} moderate={moderate.allowed} form={form} />;
  };
}

/** Comments on a dataset: post or reply, report, and hide with a public reason. All plain forms. */
export function commentRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;
  const community = datasetCommunity(services);

  async function visibleDataset(request: FastifyRequest): Promise<Dataset> {
    const dataset = await findDataset(db, (request.params as { name: string }).name);
    if (!dataset || !(await canSee(request, dataset))) return notFound();
    return dataset;
  }

  /** The dataset page again, with the form that failed open and its errors (status 400). */
  async function invalid(request: FastifyRequest, reply: FastifyReply, dataset: Dataset, form: string, errors: FieldErrors, values: Record<string, string>) {
    const canManage = (await canOnRequest(request, 'open-data', 'manage-datasets', { entityCode: dataset.organization.code })).allowed;
    const part = await community(request, dataset, { form, errors, values });
    return sendPage(request, reply, <DatasetPage ctx={viewContext(request, reply)} dataset={dataset} localidadNames={await localidadNames(services)} canManage={canManage} community={part} />, 400);
  }

  const anchor = (dataset: Dataset, commentId: string) => `${datasetPath(dataset.name)}#comentario-${commentId}`;

  app.post('/datos/conjuntos/:name/comentarios', { onRequest: requireSignIn, schema: { params: NameParams, body: FormBody } }, async (request, reply) => {
    const dataset = await visibleDataset(request);
    await authorize(request, 'open-data', 'comment');
    const body = (request.body ?? {}) as Body;
    const parentId = field(body, 'parent_id') || null;
    if (parentId !== null && !isUuid(parentId)) return notFound();
    const errors: FieldErrors = {};
    const text = readText(body, errors, 'body', 2, 2000);
    const form = parentId ? `reply:${parentId}` : 'comment';
    if (errors.body) return invalid(request, reply, dataset, form, errors, { body: field(body, 'body') });
    const result = await withTransaction(db, (tx) => addComment(tx, { datasetId: dataset.id, actor: request.actor!, body: text, parentId, requestId: request.id }));
    if (!result.ok) return result.reason === 'parent_not_found' ? notFound() : redirectWithInfo(request, reply, datasetPath(dataset.name), 'open-data.community.flash.reply_to_hidden');
    return redirectAfterPost(request, reply, anchor(dataset, result.id), 'open-data.community.flash.commented');
  });

  app.post('/datos/conjuntos/:name/comentarios/:commentId/reportar', { onRequest: requireSignIn, schema: { params: CommentParams, body: FormBody } }, async (request, reply) => {
    const dataset = await visibleDataset(request);
    const { commentId } = request.params as { commentId: string };
    if (!isUuid(commentId)) return notFound();
    await authorize(request, 'open-data', 'comment');
    const body = (request.body ?? {}) as Body;
    const { reason, errors } = readReason(body);
    if (errors.reason) return invalid(request, reply, dataset, `report:${commentId}`, errors, { reason: field(body, 'reason') });
    const result = await withTransaction(db, (tx) => reportComment(tx, { datasetId: dataset.id, commentId, actor: request.actor!, reason, requestId: request.id }));
    if (!result.ok) return result.reason === 'not_found' ? notFound() : redirectWithInfo(request, reply, anchor(dataset, commentId), 'open-data.community.flash.already_reported');
    return redirectAfterPost(request, reply, anchor(dataset, commentId), 'open-data.community.flash.reported');
  });

  app.post('/datos/conjuntos/:name/comentarios/:commentId/ocultar', { onRequest: requireSignIn, schema: { params: CommentParams, body: FormBody } }, async (request, reply) => {
    const dataset = await visibleDataset(request);
    const { commentId } = request.params as { commentId: string };
    if (!isUuid(commentId)) return notFound();
    await authorize(request, 'open-data', 'moderate');
    const body = (request.body ?? {}) as Body;
    const { reason, errors } = readReason(body);
    if (errors.reason) return invalid(request, reply, dataset, `hide:${commentId}`, errors, { reason: field(body, 'reason') });
    const result = await withTransaction(db, (tx) => hideComment(tx, { datasetId: dataset.id, commentId, reason, actor: request.actor!, requestId: request.id }));
    if (!result.ok) return result.reason === 'not_found' ? notFound() : redirectWithInfo(request, reply, anchor(dataset, commentId), 'open-data.community.flash.already_hidden');
    return redirectAfterPost(request, reply, anchor(dataset, commentId), 'open-data.community.flash.comment_hidden');
  });
}
