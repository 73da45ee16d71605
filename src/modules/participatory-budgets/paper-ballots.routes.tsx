import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withTransaction } from '../../core/db/database.ts';
import type { FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize } from '../../core/permissions/authorize.ts';
import type { Actor } from '../../core/permissions/permissions.ts';
import { ballotLimits } from './ballot-config.ts';
import { countVotersByChannel, listPaperTallies, type VotingLookups } from './ballots.queries.ts';
import { importPaperTally, PaperTallyConflict } from './commands/import-paper-tally.ts';
import { budgetResource, type Edition, type Envelope } from './editions.queries.ts';
import { MAX_TALLY_LINES, normalizeStation, reconcileTally, type TallyInput, type TallyReport } from './paper-tally.ts';
import { EnvelopeParams, loadEnvelope } from './voting-request.ts';
import { PaperTallyPage, paperTallyPath } from './views/PaperTallyPage.tsx';

const PAPER = '/presupuestos-participativos/:slug/:envelope/votos-en-papel';

type TallyForm = { mesa: string; registro: string; papeletas: string };

const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
const lineCount = (value: string) => value.split('\n').length;

function readForm(body: Record<string, unknown>): { values: TallyForm; errors: FieldErrors } {
  const values = { mesa: normalizeStation(text(body, 'mesa')), registro: text(body, 'registro'), papeletas: text(body, 'papeletas') };
  const errors: FieldErrors = {};
  if (values.mesa.length < 2 || values.mesa.length > 200) errors.mesa = { key: 'participatory-budgets.voting.paper.errors.station_required' };
  for (const [name, key] of [
    ['registro', 'poll_book_required'],
    ['papeletas', 'ballots_required'],
  ] as const) {
    if (!values[name].trim()) errors[name] = { key: `participatory-budgets.voting.paper.errors.${key}` };
    else if (lineCount(values[name]) > MAX_TALLY_LINES + 1) errors[name] = { key: 'participatory-budgets.voting.paper.errors.too_long', vars: { max: MAX_TALLY_LINES } };
  }
  return { values, errors };
}

/**
 * Paper ballots (`enter-paper-ballots`: officials of the localidad's alcaldía local, during
 * voting and counting): `GET …/votos-en-papel` lists the imported stations and shows the form;
 * `POST` with `paso=revisar` shows the reconciliation report, with `paso=confirmar` imports the
 * station in one transaction (or nothing) if the text is the one just checked.
 */
export async function paperBallotsRoutes(app: FastifyInstance, services: Services, lookups: VotingLookups): Promise<void> {
  const { db, config } = services;

  /** Ties a confirmation to the exact text the official checked (keyed: it is only a fingerprint). */
  const fingerprintOf = (envelope: Envelope, values: TallyForm) =>
    createHmac('sha256', config.secret).update(`pb-paper-tally\u0000${envelope.id}\u0000${values.mesa}\u0000${values.registro}\u0000${values.papeletas}`).digest('hex');

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    edition: Edition,
    envelope: Envelope,
    form: { values: Partial<TallyForm>; errors?: FieldErrors; report?: TallyReport; fingerprint?: string; notice?: 'conflict' },
    status = 200,
  ) {
    const [tallies, voters] = await Promise.all([listPaperTallies(db, envelope.id), countVotersByChannel(db, envelope.id)]);
    return sendPage(
      request,
      reply,
      <PaperTallyPage
        ctx={viewContext(request, reply)}
        edition={edition}
        envelope={envelope}
        limits={ballotLimits(edition.ballot_rule, edition.ballot_config)}
        tallies={tallies}
        voters={voters}
        {...form}
      />,
      status,
    );
  }

  app.get(PAPER, { schema: { params: EnvelopeParams } }, async (request, reply) => {
    const { edition, envelope } = await loadEnvelope(lookups, request);
    await authorize(request, 'participatory-budgets', 'enter-paper-ballots', budgetResource(edition, envelope));
    return page(request, reply, edition, envelope, { values: {} });
  });

  app.post(PAPER, { schema: { params: EnvelopeParams } }, async (request, reply) => {
    const { edition, envelope } = await loadEnvelope(lookups, request);
    await authorize(request, 'participatory-budgets', 'enter-paper-ballots', budgetResource(edition, envelope));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { values, errors } = readForm(body);
    if (Object.keys(errors).length > 0) return page(request, reply, edition, envelope, { values, errors }, 422);

    const input: TallyInput = {
      editionId: edition.id,
      envelopeId: envelope.id,
      rule: edition.ballot_rule,
      limits: ballotLimits(edition.ballot_rule, edition.ballot_config),
      budget: Number(envelope.amount),
      candidates: await lookups.candidates(envelope.id),
      pollingStation: values.mesa,
      pollBook: values.registro,
      ballots: values.papeletas,
      secret: config.secret,
    };
    const fingerprint = fingerprintOf(envelope, values);
    const checked = text(body, 'paso') === 'confirmar' && text(body, 'huella') === fingerprint;
    if (!checked) {
      const { report } = await reconcileTally(db, input);
      return page(request, reply, edition, envelope, { values, report, fingerprint }, report.acceptable ? 200 : 422);
    }
    try {
      const result = await withTransaction(db, (tx) => importPaperTally(tx, { ...input, actor: request.actor as Actor, requestId: request.id }));
      if (!result.ok) return page(request, reply, edition, envelope, { values, report: result.report, fingerprint }, 422);
      return redirectAfterPost(request, reply, paperTallyPath(edition, envelope), 'participatory-budgets.voting.paper.imported', {
        station: result.report.pollingStation,
        ballots: result.report.ballots.valid,
        voters: result.report.pollBook.eligible,
      });
    } catch (error) {
      if (!(error instanceof PaperTallyConflict)) throw error;
      const { report } = await reconcileTally(db, input);
      return page(request, reply, edition, envelope, { values, report, fingerprint, notice: 'conflict' }, 409);
    }
  });
}
