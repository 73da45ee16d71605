import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findLocalidadByCode } from '../../core/geo/localidad-names.ts';
import { forbidden } from '../../core/http/errors.ts';
import { enforceRateLimit } from '../../core/http/rate-limit.ts';
import { confirmContext, contextCheck, takeRateLimitHit } from '../../core/http/request-context.ts';
import { sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { hasRole, type Actor, type Decision, type DenialReason } from '../../core/permissions/permissions.ts';
import { ballotLimits } from './ballot-config.ts';
import { ballotKey } from './ballot-secrecy.ts';
import { marksFromChoices, marksFromForm, validateBallot, type BallotError, type BallotMarks } from './ballot-validation.ts';
import { createVotingLookups, findBallotChoices, findIdentityHash, findVoter, listAssistedCitizens, type VotingLookups } from './ballots.queries.ts';
import { ballotScriptSrc } from './ballot-script.ts';
import { castBallot } from './commands/cast-ballot.ts';
import type { Edition, Envelope } from './editions.queries.ts';
import { EnvelopeParams, loadEnvelope, voteDecision, voterOf } from './voting-request.ts';
import { paperBallotsRoutes } from './paper-ballots.routes.tsx';
import { BallotConfirmationPage } from './views/BallotConfirmationPage.tsx';
import type { Ineligibility } from './views/BallotNotice.tsx';
import { BallotPage, ballotPath, confirmationPath } from './views/BallotPage.tsx';

const BALLOT = '/presupuestos-participativos/:slug/:envelope/votar';

/**
 * The ballot pages (online and assisted): `GET/POST /presupuestos-participativos/:slug/:envelope/votar`
 * and the receipt-free confirmation at `…/votar/confirmacion`. A clerk adds `?persona=<user id>`.
 */
export async function votingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, config } = services;
  const lookups = createVotingLookups(db);
  const scriptSrc = ballotScriptSrc();

  /** The voter's identity hash: loaded with the actor (request context), else looked up. */
  const identityOf = (actor: Actor) => (actor.identityHash !== undefined ? actor.identityHash : findIdentityHash(db, actor.userId));

  /** What the page needs about the voter: why they cannot vote, or the ballot they cast before. */
  type VoterState = { why: Ineligibility } | { voted: boolean; previous: Awaited<ReturnType<typeof findBallotChoices>> };

  async function voterState(actor: Actor | null, edition: Edition, decision: Decision, path: string): Promise<VoterState> {
    // A closed window is the first thing to say, whoever asks.
    if (edition.phase !== 'voting') return { why: { reason: 'phase_closed' } };
    if (!decision.allowed) return { why: await explain(decision.reason, actor, edition, path) };
    const identity = await identityOf(actor!);
    if (!identity) return { why: { reason: 'not_verified' } };
    const voter = await findVoter(db, edition.id, identity);
    if (voter?.channel === 'paper') return { why: { reason: 'already_done', paper: { station: voter.pollingStation, votedOn: voter.votedOn } } };
    const previous = voter ? await findBallotChoices(db, ballotKey(config.secret, edition.id, identity)) : null;
    return { voted: Boolean(voter), previous };
  }

  async function explain(reason: DenialReason, actor: Actor | null, edition: Edition, path: string): Promise<Ineligibility> {
    if (reason === 'not_signed_in') return { reason, signInHref: `/ingresar?next=${encodeURIComponent(path)}` };
    if (reason === 'wrong_localidad' && actor?.residenceLocalidad) {
      const home = await lookups.envelope(edition.id, actor.residenceLocalidad);
      const name = findLocalidadByCode(actor.residenceLocalidad)?.name ?? actor.residenceLocalidad;
      return { reason, residence: { name, href: home ? ballotPath(edition, home, actor.assistedBy ? actor.userId : null) : null } };
    }
    return { reason };
  }

  async function clerkShortcuts(request: FastifyRequest, edition: Edition, envelope: Envelope, citizen: unknown) {
    if (citizen || !request.actor || !hasRole(request.actor, 'desk_clerk')) return [];
    const open = await listAssistedCitizens(db, request.actor.userId);
    return open.map((c) => ({ name: c.name, href: ballotPath(edition, envelope, c.id) }));
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    page: { edition: Edition; envelope: Envelope; citizen: { id: string; name: string } | null; state: Parameters<typeof BallotPage>[0]['state'] },
    status = 200,
  ) {
    const { edition, envelope, citizen } = page;
    const candidates = await lookups.candidates(envelope.id);
    return sendPage(
      request,
      reply,
      <BallotPage
        ctx={viewContext(request, reply)}
        edition={edition}
        envelope={envelope}
        candidates={candidates}
        limits={ballotLimits(edition.ballot_rule, edition.ballot_config)}
        action={ballotPath(edition, envelope, citizen?.id)}
        citizen={citizen}
        state={page.state}
        assistedCitizens={await clerkShortcuts(request, edition, envelope, citizen)}
        scriptSrc={scriptSrc}
      />,
      status,
    );
  }

  app.get(BALLOT, { schema: { params: EnvelopeParams } }, async (request, reply) => {
    const { edition, envelope } = await loadEnvelope(lookups, request);
    const { actor, citizen } = await voterOf(request);
    const decision = await voteDecision(request, actor, edition, envelope);
    const state = await voterState(actor, edition, decision, request.url);
    if ('why' in state) return render(request, reply, { edition, envelope, citizen, state: { kind: 'ineligible', why: state.why } });
    // A ballot cast in another envelope (the person moved) is not shown here: this one starts empty.
    const marks: BallotMarks = state.previous && state.previous.envelopeId === envelope.id ? marksFromChoices(edition.ballot_rule, state.previous.choices) : {};
    return render(request, reply, { edition, envelope, citizen, state: { kind: 'form', marks, errors: [], voted: state.voted } });
  });

  // The hot path (see bench/pb-vote.ts): cached edition, envelope and candidates; the session and
  // person remembered from this session's last request (else one read statement for session,
  // person and the rate-limit window); then one statement checking that remembered context,
  // counting the rate-limit hit and writing the voter roll, the ballot, its choices and the audit.
  app.post(BALLOT, { schema: { params: EnvelopeParams }, config: { deferRateLimit: true, rememberedContext: true } }, submitBallot);

  async function submitBallot(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    // With a remembered context, anything but a plain cast reads the context first and starts over.
    const orAfresh = async (otherwise: () => unknown) => ((await confirmContext(request)) ? submitBallot(request, reply) : otherwise());
    const { edition, envelope } = await loadEnvelope(lookups, request);
    const { actor, citizen } = await voterOf(request);
    const decision = await voteDecision(request, actor, edition, envelope);
    if (!decision.allowed) return orAfresh(() => forbidden(decision.reason));
    const voter = actor!;
    const identity = await identityOf(voter);
    if (!identity) return orAfresh(() => forbidden('not_verified'));
    const candidates = await lookups.candidates(envelope.id);
    const limits = ballotLimits(edition.ballot_rule, edition.ballot_config);
    const marks = marksFromForm(edition.ballot_rule, (request.body ?? {}) as Record<string, unknown>);
    const { choices, errors } = validateBallot(edition.ballot_rule, limits, Number(envelope.amount), candidates, marks);
    if (errors.length > 0) return orAfresh(() => invalidBallot(request, reply, { edition, envelope, citizen, identity, marks, errors }));

    const key = ballotKey(config.secret, edition.id, identity);
    // One statement (its own transaction); see castBallot for the rare race and its locked path.
    const rateLimit = takeRateLimitHit(request);
    const result = await castBallot(db, {
      editionId: edition.id,
      envelopeId: envelope.id,
      actor: voter,
      identityHash: identity,
      ballotKey: key,
      choices,
      requestId: request.id,
      rateLimit,
      context: contextCheck(request),
    });
    // Only a remembered context can have changed: read it, and start over on what it says now.
    if (!result.ok && result.reason === 'context_changed') {
      await confirmContext(request);
      return submitBallot(request, reply);
    }
    if (!result.ok && result.reason === 'rate_limited') return enforceRateLimit(rateLimit!, result.hits);
    if (!result.ok) {
      const paper = await findVoter(db, edition.id, identity);
      const why: Ineligibility = { reason: 'already_done', paper: paper ? { station: paper.pollingStation, votedOn: paper.votedOn } : undefined };
      return render(request, reply, { edition, envelope, citizen, state: { kind: 'ineligible', why } }, 403);
    }
    // No flash (and so no session write): the confirmation page reads the voter roll.
    return reply.redirect(confirmationPath(edition, envelope, citizen?.id), 303);
  }

  async function invalidBallot(
    request: FastifyRequest,
    reply: FastifyReply,
    input: { edition: Edition; envelope: Envelope; citizen: { id: string; name: string } | null; identity: string; marks: BallotMarks; errors: BallotError[] },
  ) {
    const voted = Boolean(await findVoter(db, input.edition.id, input.identity));
    return render(request, reply, { ...input, state: { kind: 'form', marks: input.marks, errors: input.errors, voted } }, 422);
  }

  app.get(`${BALLOT}/confirmacion`, { schema: { params: EnvelopeParams } }, async (request, reply) => {
    const { edition, envelope } = await loadEnvelope(lookups, request);
    const { actor, citizen } = await voterOf(request);
    const back = ballotPath(edition, envelope, citizen?.id);
    if (!actor) return reply.redirect(back, 303);
    const identity = await identityOf(actor);
    const voter = identity ? await findVoter(db, edition.id, identity) : null;
    if (!voter || voter.channel === 'paper' || voter.envelopeId !== envelope.id) return reply.redirect(back, 303);
    return sendPage(request, reply, <BallotConfirmationPage ctx={viewContext(request, reply)} edition={edition} envelope={envelope} citizen={citizen} ballotHref={back} />);
  });

  await paperBallotsRoutes(app, services, lookups);
}
