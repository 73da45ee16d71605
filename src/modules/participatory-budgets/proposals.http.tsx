/**
 * What the proposal routes share: finding the edition, envelope and proposal named in the
 * address, asking the permission rules with the right resource, and the page that explains a
 * denial with its next step.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../../core/db/database.ts';
import { notFound } from '../../core/http/errors.ts';
import { sendPage, viewContext } from '../../core/http/render.tsx';
import { canOnRequest } from '../../core/permissions/authorize.ts';
import type { Decision, DenialReason } from '../../core/permissions/permissions.ts';
import { budgetResource, envelopePath, findEditionBySlug, findEnvelope, type Edition, type Envelope } from './editions.queries.ts';
import { findProposalByNumber, listAuthors, proposalPath, type ProposalAuthor, type ProposalDetail } from './proposals.queries.ts';
import type { ExplainedAction } from './views/ProposalDenial.tsx';
import { ProposalMessagePage } from './views/ProposalMessagePage.tsx';

export const MODULE = 'participatory-budgets';

export const EnvelopeParams = Type.Object({ slug: Type.String({ maxLength: 80 }), envelope: Type.String({ maxLength: 40 }) });
export const ProposalParams = Type.Object({ slug: Type.String({ maxLength: 80 }), number: Type.String({ maxLength: 12 }) });

/** The edition and envelope of `/:slug/:envelope`, or 404. */
export async function loadEnvelope(db: Executor, params: unknown): Promise<{ edition: Edition; envelope: Envelope }> {
  const { slug, envelope: key } = params as { slug: string; envelope: string };
  const edition = (await findEditionBySlug(db, slug)) ?? notFound();
  const envelope = (await findEnvelope(db, edition.id, key)) ?? notFound();
  return { edition, envelope };
}

export interface ProposalContext {
  edition: Edition;
  envelope: Envelope;
  proposal: ProposalDetail;
  authors: ProposalAuthor[];
  base: string;
}

/**
 * The proposal of `/:slug/propuestas/:number`, or 404. Drafts exist only for their authors:
 * anyone else gets the same 404 as for a number never used.
 */
export async function loadProposal(db: Executor, request: FastifyRequest): Promise<ProposalContext> {
  const { slug, number } = request.params as { slug: string; number: string };
  if (!/^[1-9]\d{0,8}$/.test(number)) notFound();
  const edition = (await findEditionBySlug(db, slug)) ?? notFound();
  const proposal = (await findProposalByNumber(db, edition.id, Number(number))) ?? notFound();
  const envelope = (await findEnvelope(db, edition.id, proposal.envelope_id)) ?? notFound();
  const authors = await listAuthors(db, proposal.id);
  if (proposal.status === 'draft' && !authors.some((a) => a.user_id === request.actor?.userId)) notFound();
  return { edition, envelope, proposal, authors, base: proposalPath(edition, proposal.number) };
}

export const authorIds = (authors: ProposalAuthor[]) => authors.map((a) => a.user_id);
export const mainAuthorIds = (authors: ProposalAuthor[]) => authors.filter((a) => a.role === 'author').map((a) => a.user_id);

/** Asks the rules about `action` on this envelope (with the proposal's authors when given). */
export function decide(request: FastifyRequest, action: string, edition: Edition, envelope: Envelope, authors?: string[]): Promise<Decision> {
  // Only actions with a residence requirement look at the localidad; passing it always lets an
  // admin require residence for proposing or supporting without a code change.
  return canOnRequest(request, MODULE, action, budgetResource(edition, envelope, authors), envelope.localidad_code);
}

/** The 403 page for a denied action, with the reason and the next step, and a link back. */
export function sendDenied(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { action: ExplainedAction; reason: DenialReason; title: string; back: { href: string; label: string } },
): Promise<FastifyReply> {
  const ctx = viewContext(request, reply);
  return sendPage(
    request,
    reply,
    <ProposalMessagePage ctx={ctx} title={options.title} denial={{ action: options.action, reason: options.reason }} back={options.back} />,
    options.reason === 'not_signed_in' ? 401 : 403,
  );
}

/** A page saying the proposal cannot take this change in its current state (409). */
export function sendConflict(request: FastifyRequest, reply: FastifyReply, context: ProposalContext, messageKey: string): Promise<FastifyReply> {
  const ctx = viewContext(request, reply);
  const { t } = ctx;
  return sendPage(
    request,
    reply,
    <ProposalMessagePage
      ctx={ctx}
      title={`#${context.proposal.number} ${context.proposal.title}`}
      message={t(messageKey, { status: t(`participatory-budgets.proposals.status.${context.proposal.status}`) })}
      back={{ href: context.base, label: t('participatory-budgets.proposals.back_to_proposal') }}
    />,
    409,
  );
}

export const backToLocalidad = (request: FastifyRequest, edition: Edition, envelope: Envelope) => ({
  href: envelopePath(edition, envelope),
  label: request.t('participatory-budgets.proposals.back_to_localidad', { localidad: envelope.localidad_name ?? envelope.name }),
});
