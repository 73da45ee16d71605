import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { forbidden, notFound, type FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import { addCoauthor } from './commands/add-coauthor.ts';
import { ASSESSABLE_STATUSES } from './commands/assess-proposal.ts';
import { commentOnProposal } from './commands/comment-on-proposal.ts';
import { setFollow } from './commands/follow-proposal.ts';
import { hideComment } from './commands/hide-comment.ts';
import { field, type FormBody } from './commands/proposal-fields.ts';
import { removeCoauthor } from './commands/remove-coauthor.ts';
import { setSupport } from './commands/support-proposal.ts';
import { withdrawProposal } from './commands/withdraw-proposal.ts';
import { executionPath } from './proposals.queries.ts';
import { listExecutionProjects } from './results.queries.ts';
import { authorIds, decide, loadProposal, mainAuthorIds, MODULE, ProposalParams, sendConflict, type ProposalContext } from './proposals.http.tsx';
import { EDITABLE_STATUSES, isFollower, isSupporter, listComments, OPEN_STATUSES } from './proposals.queries.ts';
import type { CommentFormState } from './views/ProposalComments.tsx';
import { ProposalPage, type ProposalPageProps } from './views/ProposalPage.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The proposal page (`/:slug/propuestas/:number`) and what people do on it: support, follow,
 * comment and reply, moderators hide comments, authors manage co-authors and withdraw.
 */
export function proposalPageRoutes(app: FastifyInstance, services: Services): void {
  const { db, files } = services;
  const path = (suffix = '') => `/presupuestos-participativos/:slug/propuestas/:number${suffix}`;
  const writeOptions = { onRequest: requireSignIn, schema: { params: ProposalParams } };

  async function renderProposal(request: FastifyRequest, reply: FastifyReply, context: ProposalContext, form?: ProposalPageProps['form'], status = 200) {
    const { edition, envelope, proposal, authors } = context;
    const userId = request.actor?.userId;
    const isAuthor = Boolean(userId && authors.some((a) => a.user_id === userId));
    const [execution, comments, supporting, following, support, follow, comment, edit, moderate, assess] = await Promise.all([
      proposal.status === 'selected' ? listExecutionProjects(db, { proposalId: proposal.id }).then((rows) => rows[0] ?? null) : null,
      listComments(db, proposal.id),
      userId ? isSupporter(db, proposal.id, userId) : false,
      userId ? isFollower(db, proposal.id, userId) : false,
      decide(request, 'support', edition, envelope),
      decide(request, 'follow', edition, envelope),
      decide(request, 'comment', edition, envelope),
      isAuthor ? decide(request, 'edit-proposal', edition, envelope, authorIds(authors)) : null,
      userId ? canOnRequest(request, MODULE, 'moderate') : null,
      userId ? decide(request, 'assess', edition, envelope) : null,
    ]);
    return sendPage(
      request,
      reply,
      <ProposalPage
        ctx={viewContext(request, reply)}
        edition={edition}
        envelope={envelope}
        proposal={proposal}
        authors={authors}
        comments={comments}
        viewer={{ supporting, following, isAuthor, isMainAuthor: Boolean(userId && mainAuthorIds(authors).includes(userId)) }}
        decisions={{
          support,
          follow,
          comment,
          edit,
          moderate: Boolean(moderate?.allowed),
          assess: Boolean(assess?.allowed) && ASSESSABLE_STATUSES.includes(proposal.status),
        }}
        execution={execution && { status: execution.status, progress: execution.progress, href: executionPath(edition, envelope, execution.number) }}
        form={form}
      />,
      status,
    );
  }

  app.get(path(), { schema: { params: ProposalParams } }, async (request, reply) => {
    await authorize(request, MODULE, 'view');
    return renderProposal(request, reply, await loadProposal(db, request));
  });

  app.get(path('/imagen'), { schema: { params: ProposalParams } }, async (request, reply) => {
    await authorize(request, MODULE, 'view');
    const { proposal } = await loadProposal(db, request);
    const { image_sha256: sha256, image_media_type: mediaType } = proposal;
    if (!sha256 || !mediaType) return notFound();
    // Content-addressed: the same address always serves the same bytes until the image changes.
    const etag = `"${sha256}"`;
    reply.header('etag', etag).header('cache-control', proposal.status === 'draft' ? 'private, no-cache' : 'public, max-age=300');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(mediaType).send(files.open(sha256));
  });

  /** Loads the proposal for a write that needs `action`; throws 403 with the reason when denied. */
  async function loadFor(request: FastifyRequest, action: 'support' | 'follow' | 'comment') {
    await authorize(request, MODULE, 'view');
    const context = await loadProposal(db, request);
    const decision = await decide(request, action, context.edition, context.envelope);
    if (!decision.allowed) forbidden(decision.reason);
    return context;
  }

  for (const [suffix, support] of [
    ['/apoyar', true],
    ['/retirar-apoyo', false],
  ] as const) {
    app.post(path(suffix), writeOptions, async (request, reply) => {
      const context = await loadFor(request, 'support');
      if (!OPEN_STATUSES.includes(context.proposal.status)) return sendConflict(request, reply, context, 'participatory-budgets.proposals.errors.not_open');
      const result = await withTransaction(db, (tx) => setSupport(tx, { proposalId: context.proposal.id, actor: request.actor!, support, requestId: request.id }));
      const flash = result.changed ? `participatory-budgets.proposals.flash.${support ? 'supported' : 'unsupported'}` : undefined;
      return redirectAfterPost(request, reply, context.base, flash);
    });
  }

  for (const [suffix, follow] of [
    ['/seguir', true],
    ['/dejar-de-seguir', false],
  ] as const) {
    app.post(path(suffix), writeOptions, async (request, reply) => {
      const context = await loadFor(request, 'follow');
      if (follow && !OPEN_STATUSES.includes(context.proposal.status)) return sendConflict(request, reply, context, 'participatory-budgets.proposals.errors.not_open');
      const result = await withTransaction(db, (tx) => setFollow(tx, { proposalId: context.proposal.id, actor: request.actor!, follow, requestId: request.id }));
      const flash = result.changed ? `participatory-budgets.proposals.flash.${follow ? 'followed' : 'unfollowed'}` : undefined;
      return redirectAfterPost(request, reply, context.base, flash);
    });
  }

  app.post(path('/comentarios'), writeOptions, async (request, reply) => {
    const context = await loadFor(request, 'comment');
    if (context.proposal.status === 'draft') notFound();
    const body = (request.body ?? {}) as FormBody;
    const parentId = field(body, 'parent_id');
    if (parentId && !UUID.test(parentId)) notFound();
    const text = typeof body.body === 'string' ? body.body : '';
    const result = await withTransaction(db, (tx) => commentOnProposal(tx, { proposalId: context.proposal.id, actor: request.actor!, body: text, parentId: parentId || null, requestId: request.id }));
    if (!result.ok && 'reason' in result) return notFound();
    if (!result.ok) {
      const form: CommentFormState = { form: parentId ? `reply:${parentId}` : 'comment', errors: result.errors, values: { body: text } };
      return renderProposal(request, reply, context, form, 422);
    }
    return redirectAfterPost(request, reply, `${context.base}#comentario-${result.id}`, 'participatory-budgets.proposals.flash.commented');
  });

  app.post(path('/comentarios/:comment/ocultar'), { onRequest: requireSignIn }, async (request, reply) => {
    await authorize(request, MODULE, 'moderate');
    const context = await loadProposal(db, request);
    const { comment } = request.params as { comment: string };
    if (!UUID.test(comment)) notFound();
    const reason = field((request.body ?? {}) as FormBody, 'reason');
    const result = await withTransaction(db, (tx) => hideComment(tx, { proposalId: context.proposal.id, commentId: comment, reason, actor: request.actor!, requestId: request.id }));
    if (!result.ok && 'errors' in result) return renderProposal(request, reply, context, { form: `hide:${comment}`, errors: result.errors, values: { reason } }, 422);
    if (!result.ok && result.reason === 'not_found') notFound();
    return redirectAfterPost(request, reply, `${context.base}#comentario-${comment}`, result.ok ? 'participatory-budgets.proposals.flash.comment_hidden' : undefined);
  });

  /** The proposal, when the signed-in person is its author and may still change it; else 403/409. */
  async function loadForAuthor(request: FastifyRequest, reply: FastifyReply): Promise<ProposalContext | null> {
    await authorize(request, MODULE, 'view');
    const context = await loadProposal(db, request);
    const decision = await decide(request, 'edit-proposal', context.edition, context.envelope, mainAuthorIds(context.authors));
    if (!decision.allowed) forbidden(decision.reason);
    if (!EDITABLE_STATUSES.includes(context.proposal.status)) {
      await sendConflict(request, reply, context, 'participatory-budgets.proposals.errors.not_editable');
      return null;
    }
    return context;
  }

  app.post(path('/coautores'), writeOptions, async (request, reply) => {
    const context = await loadForAuthor(request, reply);
    if (!context) return reply;
    const email = field((request.body ?? {}) as FormBody, 'coauthor-email');
    const result = await withTransaction(db, (tx) => addCoauthor(tx, { proposalId: context.proposal.id, email, actor: request.actor!, requestId: request.id }));
    if (!result.ok) {
      const errors: FieldErrors = { 'coauthor-email': result.errors.email! };
      return renderProposal(request, reply, context, { form: 'coauthor', errors, values: { email } }, 422);
    }
    return redirectAfterPost(request, reply, `${context.base}#coauthors`, 'participatory-budgets.proposals.flash.coauthor_added', { name: result.name });
  });

  app.post(path('/coautores/:user/quitar'), { onRequest: requireSignIn }, async (request, reply) => {
    const context = await loadForAuthor(request, reply);
    if (!context) return reply;
    const { user } = request.params as { user: string };
    if (!UUID.test(user)) notFound();
    const removed = await withTransaction(db, (tx) => removeCoauthor(tx, { proposalId: context.proposal.id, userId: user, actor: request.actor!, requestId: request.id }));
    if (!removed) notFound();
    return redirectAfterPost(request, reply, `${context.base}#coauthors`, 'participatory-budgets.proposals.flash.coauthor_removed');
  });

  app.post(path('/retirar'), writeOptions, async (request, reply) => {
    const context = await loadForAuthor(request, reply);
    if (!context) return reply;
    const result = await withTransaction(db, (tx) => withdrawProposal(tx, { proposalId: context.proposal.id, actor: request.actor!, requestId: request.id }));
    if (!result.ok) return sendConflict(request, reply, context, 'participatory-budgets.proposals.errors.not_editable');
    return redirectAfterPost(request, reply, context.base, 'participatory-budgets.proposals.flash.withdrawn');
  });
}
