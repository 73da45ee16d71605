import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { forbidden, notFound } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import { formatCop } from '../../core/i18n/i18n.ts';
import type { Services } from '../../core/modules/module.ts';
import { authorize } from '../../core/permissions/authorize.ts';
import { assessProposal, ASSESSABLE_STATUSES } from './commands/assess-proposal.ts';
import { mergeProposals } from './commands/merge-proposals.ts';
import { field, type FormBody } from './commands/proposal-fields.ts';
import { envelopePath } from './editions.queries.ts';
import { decide, EnvelopeParams, loadEnvelope, loadProposal, MODULE, ProposalParams, sendConflict, type ProposalContext } from './proposals.http.tsx';
import { valuationQueue } from './proposals.queries.ts';
import { ValuationPage, type ValuationFormState } from './views/ValuationPage.tsx';
import { ValuationQueuePage } from './views/ValuationQueuePage.tsx';

/**
 * Valuation by the localidad's alcaldía (`assess`: valuators of that entity, while proposals come
 * in and during review): the queue, and per proposal the decision and merging of duplicates.
 */
export function valuationRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;
  const proposalPath = (suffix: string) => `/presupuestos-participativos/:slug/propuestas/:number${suffix}`;
  const options = { onRequest: requireSignIn, schema: { params: ProposalParams } };

  app.get('/presupuestos-participativos/:slug/:envelope/valoracion', { onRequest: requireSignIn, schema: { params: EnvelopeParams } }, async (request, reply) => {
    const { edition, envelope } = await loadEnvelope(db, request.params);
    const decision = await decide(request, 'assess', edition, envelope);
    if (!decision.allowed) forbidden(decision.reason);
    const { pending, decided } = await valuationQueue(db, envelope.id);
    return sendPage(request, reply, <ValuationQueuePage ctx={viewContext(request, reply)} edition={edition} envelope={envelope} pending={pending} decided={decided} />);
  });

  /** The proposal, when this person may assess it now (403 with the reason otherwise). */
  async function loadForValuation(request: FastifyRequest): Promise<ProposalContext> {
    await authorize(request, MODULE, 'view');
    const context = await loadProposal(db, request);
    if (context.proposal.status === 'draft') notFound();
    const decision = await decide(request, 'assess', context.edition, context.envelope);
    if (!decision.allowed) forbidden(decision.reason);
    return context;
  }

  const render = (request: FastifyRequest, reply: FastifyReply, context: ProposalContext, form?: ValuationFormState, status = 200) =>
    sendPage(
      request,
      reply,
      <ValuationPage
        ctx={viewContext(request, reply)}
        edition={context.edition}
        envelope={context.envelope}
        proposal={context.proposal}
        assessable={ASSESSABLE_STATUSES.includes(context.proposal.status)}
        form={form}
      />,
      status,
    );

  app.get(proposalPath('/valoracion'), options, async (request, reply) => render(request, reply, await loadForValuation(request)));

  app.post(proposalPath('/valoracion'), options, async (request, reply) => {
    const context = await loadForValuation(request);
    const body = (request.body ?? {}) as FormBody;
    const form = { decision: field(body, 'decision'), reason: typeof body.reason === 'string' ? body.reason : '', assessed_cost: field(body, 'assessed_cost') };
    const result = await withTransaction(db, (tx) =>
      assessProposal(tx, { proposalId: context.proposal.id, form, actor: request.actor!, formatAmount: (amount) => formatCop(request.locale, amount), requestId: request.id }),
    );
    if (!result.ok && 'errors' in result) return render(request, reply, context, { form: 'assess', errors: result.errors, values: form }, 422);
    if (!result.ok) return sendConflict(request, reply, context, 'participatory-budgets.proposals.errors.not_assessable');
    return redirectAfterPost(request, reply, `${envelopePath(context.edition, context.envelope)}/valoracion`, `participatory-budgets.proposals.flash.assessed_${result.status}`, {
      number: context.proposal.number,
    });
  });

  app.post(proposalPath('/fusionar'), options, async (request, reply) => {
    const context = await loadForValuation(request);
    const body = (request.body ?? {}) as FormBody;
    const values = { target_number: field(body, 'target_number'), note: typeof body.note === 'string' ? body.note : '' };
    const result = await withTransaction(db, (tx) =>
      mergeProposals(tx, { sourceId: context.proposal.id, targetNumber: values.target_number, note: values.note, actor: request.actor!, requestId: request.id }),
    );
    if (!result.ok && 'errors' in result) return render(request, reply, context, { form: 'merge', errors: result.errors, values }, 422);
    if (!result.ok) return sendConflict(request, reply, context, 'participatory-budgets.proposals.errors.not_assessable');
    return redirectAfterPost(request, reply, `${envelopePath(context.edition, context.envelope)}/valoracion`, 'participatory-budgets.proposals.flash.merged', {
      number: context.proposal.number,
      target: result.target.number,
      supports: result.carried.supports,
      authors: result.carried.authors,
    });
  });
}
