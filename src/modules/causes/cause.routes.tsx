import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actForAssistedCitizen } from '../../core/auth/assisted.ts';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { notFound, type FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { canOnRequest } from '../../core/permissions/authorize.ts';
import type { DenialReason } from '../../core/permissions/permissions.ts';
import { readText } from './cause-form.ts';
import { decide, decider, isUuid, pageDecisions, statusOf, visibleCause } from './cause-access.ts';
import { readCausesSettings } from './causes.settings.ts';
import { findAnswer, listAssistedCitizens, listComments, listEvidenceLinks, listFiles, listLinks, listTimeline, viewerStatus, type CauseDetail } from './causes.queries.ts';
import { postUpdate, publishCause, withdrawCause } from './commands/author-actions.ts';
import { addComment, report } from './commands/comments.ts';
import { setFollow } from './commands/follow-cause.ts';
import { hideCause, hideComment, restoreCause } from './commands/moderation.ts';
import { acknowledgeCause, addLink } from './commands/respond.ts';
import { supportCause, withdrawSupport } from './commands/support-cause.ts';
import type { LinkKind } from './causes.schema.ts';
import type { InlineFormState } from './views/CauseComments.tsx';
import { CausePage } from './views/CausePage.tsx';

const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const CommentParams = Type.Object({ id: Type.String({ maxLength: 40 }), commentId: Type.String({ maxLength: 40 }) });
const FormBody = Type.Record(Type.String({ maxLength: 60 }), Type.String({ maxLength: 20_000 }));
const LINK_KINDS: readonly LinkKind[] = ['consultation', 'pb-proposal', 'commitment', 'other'];

type Body = Record<string, string>;

/**
 * The cause page and every action taken from it (one small form each, no JavaScript needed):
 * support and withdraw support, assisted support, follow, comment, report, the author's publish /
 * withdraw / updates, the officials' acknowledgement and links, and moderation. Each write runs in
 * one transaction with its audit entry; a refusal re-renders the page with the reason and changes
 * nothing.
 */
export async function causeRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, config } = services;

  async function renderCause(
    request: FastifyRequest,
    reply: FastifyReply,
    cause: CauseDetail,
    extra: { status?: number; notice?: { action: string; reason: DenialReason | string }; form?: InlineFormState } = {},
  ) {
    const [decisions, evidenceLinks, files, answer, links, timeline, comments, viewer, assistedCitizens] = await Promise.all([
      pageDecisions(request, cause),
      listEvidenceLinks(db, cause.id),
      listFiles(db, cause.id),
      findAnswer(db, cause.id),
      listLinks(db, cause.id),
      listTimeline(db, cause.id),
      listComments(db, cause.id),
      request.actor ? viewerStatus(db, cause.id, request.actor.userId) : Promise.resolve({ supports: false, follows: false }),
      request.actor ? listAssistedCitizens(db, request.actor.userId) : Promise.resolve([]),
    ]);
    return sendPage(
      request,
      reply,
      <CausePage
        ctx={viewContext(request, reply)}
        cause={cause}
        shareUrl={`${config.baseUrl}/causas/${cause.id}`}
        evidenceLinks={evidenceLinks}
        files={files}
        answer={answer}
        links={links}
        timeline={timeline}
        comments={comments}
        viewer={{ ...viewer, isAuthor: request.actor?.userId === cause.author_id }}
        decisions={decisions}
        assistedCitizens={decisions.assist ? assistedCitizens : []}
        notice={extra.notice}
        form={extra.form}
      />,
      extra.status ?? 200,
    );
  }

  const causeOf = (request: FastifyRequest) => visibleCause(db, request, (request.params as { id: string }).id);
  /** Re-renders the page with the refusal (fresh data: nothing changed). */
  const refuse = async (request: FastifyRequest, reply: FastifyReply, id: string, action: string, reason: DenialReason | 'not_found' | string) => {
    if (reason === 'not_found') return notFound();
    return renderCause(request, reply, await visibleCause(db, request, id), { status: statusOf(reason as DenialReason), notice: { action, reason } });
  };
  const invalid = async (request: FastifyRequest, reply: FastifyReply, cause: CauseDetail, form: string, errors: FieldErrors, values: Body) =>
    renderCause(request, reply, cause, { status: 422, form: { form, errors, values } });

  app.get('/causas/:id', { schema: { params: Params } }, async (request, reply) => renderCause(request, reply, await causeOf(request)));

  app.get('/causas/:id/archivos/:fileId', { schema: { params: Type.Object({ id: Type.String({ maxLength: 40 }), fileId: Type.String({ maxLength: 40 }) }) } }, async (request, reply) => {
    const cause = await causeOf(request);
    const { fileId } = request.params as { fileId: string };
    if (!isUuid(fileId)) return notFound();
    if (cause.state === 'hidden' && !(await decide(request, 'moderate', cause)).allowed) return notFound();
    const file = await db
      .selectFrom('causes_files as cf')
      .innerJoin('core_files as f', 'f.id', 'cf.file_id')
      .select(['f.sha256', 'f.media_type', 'f.original_name', 'f.size_bytes'])
      .where('cf.cause_id', '=', cause.id)
      .where('cf.file_id', '=', fileId)
      .executeTakeFirst();
    if (!file) return notFound();
    return reply
      .type(file.media_type)
      .header('content-length', file.size_bytes)
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.original_name)}`)
      .header('cache-control', 'private, max-age=3600')
      .send(services.files.open(file.sha256));
  });

  await app.register(async (scope) => {
    scope.addHook('onRequest', requireSignIn);

    // The cause is read once, inside the support transaction, and the permission checked on it.
    scope.post('/causas/:id/apoyar', { schema: { params: Params, body: FormBody } }, async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!isUuid(id)) return notFound();
      const authorize = await decider(request, 'support');
      const result = await withTransaction(db, (tx) => supportCause(tx, { causeId: id, actor: request.actor!, authorize, requestId: request.id }));
      if (!result.ok) return refuse(request, reply, id, 'support', result.reason);
      return redirectAfterPost(request, reply, `/causas/${id}`, result.thresholdReached ? 'causes.flash.supported_threshold' : 'causes.flash.supported');
    });

    scope.post('/causas/:id/retirar-apoyo', { schema: { params: Params, body: FormBody } }, async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!isUuid(id)) return notFound();
      const authorize = await decider(request, 'support');
      const result = await withTransaction(db, (tx) => withdrawSupport(tx, { causeId: id, actor: request.actor!, authorize, requestId: request.id }));
      if (!result.ok) return refuse(request, reply, id, 'unsupport', result.reason);
      return redirectAfterPost(request, reply, `/causas/${id}`, 'causes.flash.unsupported');
    });

    // A desk clerk supports for a citizen present at the desk, within the assisted session opened
    // for them: the citizen's own eligibility applies, and the audit names both.
    scope.post('/causas/:id/apoyar-asistido', { schema: { params: Params, body: FormBody } }, async (request, reply) => {
      const cause = await causeOf(request);
      const assist = await decide(request, 'assist', cause);
      if (!assist.allowed) return refuse(request, reply, cause.id, 'assisted', assist.reason);
      const citizenId = (request.body as Body).citizen_id ?? '';
      const citizen = isUuid(citizenId) ? await actForAssistedCitizen(db, request.actor!, citizenId) : null;
      if (!citizen) return refuse(request, reply, cause.id, 'assisted', 'causes.errors.no_assisted_session');
      const authorize = await decider(request, 'support', citizen);
      const result = await withTransaction(db, (tx) => supportCause(tx, { causeId: cause.id, actor: citizen, authorize, requestId: request.id }));
      if (!result.ok) return refuse(request, reply, cause.id, 'assisted', result.reason);
      return redirectAfterPost(request, reply, `/causas/${cause.id}`, 'causes.flash.assisted_supported');
    });

    scope.post('/causas/:id/seguir', { schema: { params: Params, body: FormBody } }, async (request, reply) => {
      const cause = await causeOf(request);
      const follow = (request.body as Body).follow !== '0';
      const decision = await decide(request, 'follow', cause);
      if (!decision.allowed) return refuse(request, reply, cause.id, 'follow', decision.reason);
      const { changed } = await withTransaction(db, (tx) => setFollow(tx, { causeId: cause.id, actor: request.actor!, follow, requestId: request.id }));
      if (!changed) return refuse(request, reply, cause.id, follow ? 'follow' : 'unfollow', 'already_done');
      return redirectAfterPost(request, reply, `/causas/${cause.id}`, follow ? 'causes.flash.followed' : 'causes.flash.unfollowed');
    });

    scope.post('/causas/:id/comentarios', { schema: { params: Params, body: FormBody } }, async (request, reply) => {
      const cause = await causeOf(request);
      const body = request.body as Body;
      const decision = await decide(request, 'comment', cause);
      if (!decision.allowed) return refuse(request, reply, cause.id, 'comment', decision.reason);
      const parentId = body.parent_id && isUuid(body.parent_id) ? body.parent_id : null;
      const form = parentId ? `reply:${parentId}` : 'comment';
      const errors: FieldErrors = {};
      const text = readText(body, errors, 'body', 2, 4000);
      if (errors.body) return invalid(request, reply, cause, form, errors, { body: body.body ?? '' });
      const result = await withTransaction(db, (tx) => addComment(tx, { causeId: cause.id, actor: request.actor!, body: text, parentId, requestId: request.id }));
      if (!result.ok) {
        if (result.reason === 'parent_not_found') return notFound();
        return invalid(request, reply, cause, form, { body: { key: 'causes.form.errors.reply_to_hidden' } }, { body: body.body ?? '' });
      }
      return redirectAfterPost(request, reply, `/causas/${cause.id}#comentario-${result.id}`, 'causes.flash.commented');
    });

    async function reportRoute(request: FastifyRequest, reply: FastifyReply, commentId: string | null) {
      const cause = await causeOf(request);
      if (commentId !== null && !isUuid(commentId)) return notFound();
      const body = request.body as Body;
      const decision = await decide(request, 'report', cause);
      if (!decision.allowed) return refuse(request, reply, cause.id, 'report', decision.reason);
      const errors: FieldErrors = {};
      const reason = readText(body, errors, 'reason', 3, 500);
      if (errors.reason) return invalid(request, reply, cause, commentId ? `report:${commentId}` : 'report-cause', errors, { reason: body.reason ?? '' });
      const result = await withTransaction(db, (tx) => report(tx, { causeId: cause.id, commentId, actor: request.actor!, reason, requestId: request.id }));
      if (!result.ok) return refuse(request, reply, cause.id, 'report', result.reason);
      return redirectAfterPost(request, reply, `/causas/${cause.id}${commentId ? `#comentario-${commentId}` : ''}`, 'causes.flash.reported');
    }
    scope.post('/causas/:id/reportar', { schema: { params: Params, body: FormBody } }, async (request, reply) => reportRoute(request, reply, null));
    scope.post('/causas/:id/comentarios/:commentId/reportar', { schema: { params: CommentParams, body: FormBody } }, async (request, reply) =>
      reportRoute(request, reply, (request.params as { commentId: string }).commentId),
    );

    scope.post('/causas/:id/comentarios/:commentId/ocultar', { schema: { params: CommentParams, body: FormBody } }, async (request, reply) => {
      const cause = await causeOf(request);
      const { commentId } = request.params as { commentId: string };
      if (!isUuid(commentId)) return notFound();
      const decision = await decide(request, 'moderate', cause);
      if (!decision.allowed) return refuse(request, reply, cause.id, 'moderate', decision.reason);
      const body = request.body as Body;
      const errors: FieldErrors = {};
      const reason = readText(body, errors, 'reason', 3, 500);
      if (errors.reason) return invalid(request, reply, cause, `hide:${commentId}`, errors, { reason: body.reason ?? '' });
      const result = await withTransaction(db, (tx) => hideComment(tx, { causeId: cause.id, commentId, reason, actor: request.actor!, requestId: request.id }));
      if (!result.ok) return refuse(request, reply, cause.id, 'moderate', result.reason);
      return redirectAfterPost(request, reply, `/causas/${cause.id}#comentario-${commentId}`, 'causes.flash.comment_hidden');
    });

    /** A moderator's decision on a whole cause (hide, restore): always with a public reason, audited by the command. */
    const moderation = (path: string, form: string, command: typeof hideCause, flash: string) =>
      scope.post(`/causas/:id/${path}`, { schema: { params: Params, body: FormBody } }, async (request, reply) => {
        const cause = await causeOf(request);
        const decision = await decide(request, 'moderate', cause);
        if (!decision.allowed) return refuse(request, reply, cause.id, 'moderate', decision.reason);
        const body = request.body as Body;
        const errors: FieldErrors = {};
        const reason = readText(body, errors, 'reason', 3, 500);
        if (errors.reason) return invalid(request, reply, cause, form, errors, { reason: body.reason ?? '' });
        const result = await withTransaction(db, (tx) => command(tx, { causeId: cause.id, reason, actor: request.actor!, requestId: request.id }));
        if (!result.ok) return refuse(request, reply, cause.id, 'moderate', result.reason);
        return redirectAfterPost(request, reply, `/causas/${cause.id}`, flash);
      });
    moderation('ocultar', 'hide-cause', hideCause, 'causes.flash.cause_hidden');
    moderation('restaurar', 'restore-cause', restoreCause, 'causes.flash.cause_restored');

    scope.post('/causas/:id/publicar', { schema: { params: Params, body: FormBody } }, async (request, reply) => {
      const cause = await causeOf(request);
      // Publishing is creating for everyone else: the same requirement (verified identity) applies.
      const decision = await canOnRequest(request, 'causes', 'create');
      if (!decision.allowed) return refuse(request, reply, cause.id, 'publish', decision.reason);
      const settings = await readCausesSettings(db);
      const result = await withTransaction(db, (tx) => publishCause(tx, { causeId: cause.id, actor: request.actor!, settings, requestId: request.id }));
      if (!result.ok) return refuse(request, reply, cause.id, 'publish', result.reason);
      return redirectAfterPost(request, reply, `/causas/${cause.id}`, 'causes.flash.published');
    });

    scope.post('/causas/:id/retirar', { schema: { params: Params, body: FormBody } }, async (request, reply) => {
      const cause = await causeOf(request);
      const decision = await decide(request, 'withdraw', cause);
      if (!decision.allowed) return refuse(request, reply, cause.id, 'withdraw', decision.reason);
      const result = await withTransaction(db, (tx) => withdrawCause(tx, { causeId: cause.id, actor: request.actor!, requestId: request.id }));
      if (!result.ok) return refuse(request, reply, cause.id, 'withdraw', result.reason);
      return redirectAfterPost(request, reply, cause.published_at ? `/causas/${cause.id}` : '/causas/mis-causas', 'causes.flash.withdrawn');
    });

    scope.post('/causas/:id/novedades', { schema: { params: Params, body: FormBody } }, async (request, reply) => {
      const cause = await causeOf(request);
      const decision = await decide(request, 'post-update', cause);
      if (!decision.allowed) return refuse(request, reply, cause.id, 'post_update', decision.reason);
      const body = request.body as Body;
      const errors: FieldErrors = {};
      const text = readText(body, errors, 'body', 10, 5000);
      if (errors.body) return invalid(request, reply, cause, 'update', errors, { body: body.body ?? '' });
      const result = await withTransaction(db, (tx) => postUpdate(tx, { causeId: cause.id, actor: request.actor!, body: text, requestId: request.id }));
      if (!result.ok) return refuse(request, reply, cause.id, 'post_update', result.reason);
      return redirectAfterPost(request, reply, `/causas/${cause.id}#timeline-heading`, 'causes.flash.update_posted');
    });

    scope.post('/causas/:id/acusar-recibo', { schema: { params: Params, body: FormBody } }, async (request, reply) => {
      const cause = await causeOf(request);
      const decision = await decide(request, 'respond', cause);
      if (!decision.allowed) return refuse(request, reply, cause.id, 'acknowledge', decision.reason);
      const result = await withTransaction(db, (tx) => acknowledgeCause(tx, { causeId: cause.id, actor: request.actor!, requestId: request.id }));
      if (!result.ok) return refuse(request, reply, cause.id, 'acknowledge', result.reason);
      return redirectAfterPost(request, reply, `/causas/${cause.id}`, 'causes.flash.acknowledged');
    });

    scope.post('/causas/:id/enlaces', { schema: { params: Params, body: FormBody } }, async (request, reply) => {
      const cause = await causeOf(request);
      const decision = await decide(request, 'respond', cause);
      if (!decision.allowed) return refuse(request, reply, cause.id, 'link', decision.reason);
      const body = request.body as Body;
      const values = { kind: body.kind ?? '', url: body.url ?? '', title: body.title ?? '' };
      const errors: FieldErrors = {};
      const kind = values.kind.trim();
      if (!kind) errors.kind = { key: 'causes.form.errors.choose_link_kind' };
      else if (!LINK_KINDS.includes(kind as LinkKind)) errors.kind = { key: 'causes.form.errors.invalid_option' };
      const url = readText(body, errors, 'url', 1, 500);
      if (!errors.url && !(/^https:\/\/[^\s/]+\.[^\s]+$/.test(url) || /^\/[^/\s][^\s]*$/.test(url))) errors.url = { key: 'causes.form.errors.link_url' };
      const title = readText(body, errors, 'title', 3, 200);
      if (Object.keys(errors).length) return invalid(request, reply, cause, 'link', errors, values);
      const result = await withTransaction(db, (tx) => addLink(tx, { causeId: cause.id, actor: request.actor!, kind: kind as LinkKind, url, title, requestId: request.id }));
      if (!result.ok) return refuse(request, reply, cause.id, 'link', result.reason);
      return redirectAfterPost(request, reply, `/causas/${cause.id}#links-heading`, 'causes.flash.linked');
    });
  });
}
