import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { notFound, type FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import { formatCop } from '../../core/i18n/i18n.ts';
import type { Services } from '../../core/modules/module.ts';
import { authorize } from '../../core/permissions/authorize.ts';
import { createProposal } from './commands/create-proposal.ts';
import { field, IMAGE_MAX_BYTES, missingForSubmission, readCost, readDescription, readIdea, type FormBody, type UploadedImage } from './commands/proposal-fields.ts';
import { submitProposal } from './commands/submit-proposal.ts';
import { updateProposal, type StepFields } from './commands/update-proposal.ts';
import type { Edition, Envelope } from './editions.queries.ts';
import { authorIds, backToLocalidad, decide, EnvelopeParams, loadEnvelope, loadProposal, MODULE, ProposalParams, sendConflict, sendDenied, type ProposalContext } from './proposals.http.tsx';
import { EDITABLE_STATUSES, listSubEnvelopes, proposalPath, referenceOptions, type ProposalDetail } from './proposals.queries.ts';
import { proposalFormValues, ProposalWizardPage, type WizardStep } from './views/ProposalWizardPage.tsx';

const STEP_FIELDS: Record<1 | 2 | 3, string[]> = {
  1: ['title', 'description', 'topic_code', 'goal_code', 'concept_code', 'guiding_question', 'keywords', 'image_alt', 'remove_image'],
  2: ['activities', 'latitude', 'longitude', 'location_label'],
  3: ['sub_envelope_id', 'organisation', 'estimated_cost'],
};

/** What the person typed, to show again with the errors (never stored). */
const echo = (body: FormBody, step: 1 | 2 | 3) => Object.fromEntries(STEP_FIELDS[step].map((name) => [name, field(body, name)]));

/**
 * Reads the uploaded image into memory as the multipart body is parsed: at most 2 MB (busboy
 * stops there and marks the file truncated), which the step-1 check then refuses with a message
 * instead of an error page.
 */
async function readUpload(this: FastifyRequest, part: MultipartFile): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  const image: UploadedImage = { filename: part.filename, mimetype: part.mimetype, data: Buffer.concat(chunks), truncated: part.file.truncated };
  (part as unknown as { value: UploadedImage }).value = image;
}

/**
 * "Registra tu propuesta": `/:slug/:envelope/proponer` (step 1 of a new proposal) and
 * `/:slug/propuestas/:number/paso/1..4` (the draft's steps, also used by authors to correct a
 * submitted proposal while the proposal window is open).
 */
export async function proposalWizardRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, files } = services;

  async function renderStep(
    request: FastifyRequest,
    reply: FastifyReply,
    args: { edition: Edition; envelope: Envelope; step: WizardStep; proposal?: ProposalDetail; values?: Record<string, string>; errors?: FieldErrors; missing?: { step: 1 | 2 | 3; field: string }[] },
    status = 200,
  ) {
    const [options, subEnvelopes] = await Promise.all([referenceOptions(db), listSubEnvelopes(db, args.envelope.id)]);
    const values = args.values ?? (args.proposal ? proposalFormValues(args.proposal) : {});
    return sendPage(
      request,
      reply,
      <ProposalWizardPage ctx={viewContext(request, reply)} {...args} options={options} subEnvelopes={subEnvelopes} values={values} />,
      status,
    );
  }

  const wizardTitle = (request: FastifyRequest) => request.t('participatory-budgets.proposals.wizard.title');

  /** The proposal, when this person may edit it now; otherwise the reply explaining why (and null). */
  async function loadEditable(request: FastifyRequest, reply: FastifyReply): Promise<ProposalContext | null> {
    await authorize(request, MODULE, 'view');
    const context = await loadProposal(db, request);
    const decision = await decide(request, 'edit-proposal', context.edition, context.envelope, authorIds(context.authors));
    if (!decision.allowed) {
      await sendDenied(request, reply, {
        action: 'edit-proposal',
        reason: decision.reason,
        title: `#${context.proposal.number} ${context.proposal.title}`,
        back: { href: context.base, label: request.t('participatory-budgets.proposals.back_to_proposal') },
      });
      return null;
    }
    if (!EDITABLE_STATUSES.includes(context.proposal.status)) {
      await sendConflict(request, reply, context, 'participatory-budgets.proposals.errors.not_editable');
      return null;
    }
    return context;
  }

  /** May this person propose in this envelope? Otherwise the reply explains why (and null). */
  async function mayPropose(request: FastifyRequest, reply: FastifyReply, edition: Edition, envelope: Envelope): Promise<boolean> {
    const decision = await decide(request, 'propose', edition, envelope);
    if (decision.allowed) return true;
    await sendDenied(request, reply, { action: 'propose', reason: decision.reason, title: wizardTitle(request), back: backToLocalidad(request, edition, envelope) });
    return false;
  }

  const newPath = '/presupuestos-participativos/:slug/:envelope/proponer';
  const stepPath = (step: number) => `/presupuestos-participativos/:slug/propuestas/:number/paso/${step}`;
  const formatAmount = (request: FastifyRequest) => (amount: string) => formatCop(request.locale, amount);

  app.get(newPath, { onRequest: requireSignIn, schema: { params: EnvelopeParams } }, async (request, reply) => {
    await authorize(request, MODULE, 'view');
    const { edition, envelope } = await loadEnvelope(db, request.params);
    if (!(await mayPropose(request, reply, edition, envelope))) return reply;
    return renderStep(request, reply, { edition, envelope, step: 1 });
  });

  app.get('/presupuestos-participativos/:slug/propuestas/:number/paso/:step', { onRequest: requireSignIn }, async (request, reply) => {
    const { step } = request.params as { step: string };
    if (!/^[1-4]$/.test(step)) notFound();
    const context = await loadEditable(request, reply);
    if (!context) return reply;
    const n = Number(step) as WizardStep;
    if (n === 4) {
      const subEnvelopes = await listSubEnvelopes(db, context.envelope.id);
      const missing = context.proposal.status === 'draft' ? missingForSubmission(context.proposal, subEnvelopes.length > 0) : [];
      return renderStep(request, reply, { ...context, step: 4, missing });
    }
    return renderStep(request, reply, { ...context, step: n });
  });

  /** Saves step 2 or 3 of an existing proposal and moves on. */
  async function saveStep(request: FastifyRequest, reply: FastifyReply, step: 1 | 2 | 3) {
    const context = await loadEditable(request, reply);
    if (!context) return reply;
    const { edition, envelope, proposal } = context;
    const body = (request.body ?? {}) as FormBody;
    const errors: FieldErrors = {};
    let input: StepFields | null = null;
    if (step === 1) {
      const fields = readDescription(body, errors, await referenceOptions(db), Boolean(proposal.image_file_id));
      if (fields) input = { step, fields };
    } else if (step === 2) {
      const localidad = envelope.localidad_code ? { code: envelope.localidad_code, name: envelope.localidad_name ?? envelope.name } : null;
      const fields = readIdea(body, errors, localidad);
      if (fields) input = { step, fields };
    } else {
      const fields = readCost(body, errors, envelope.amount, await listSubEnvelopes(db, envelope.id), formatAmount(request));
      if (fields) input = { step, fields };
    }
    if (!input) return renderStep(request, reply, { ...context, step, values: echo(body, step), errors }, 422);
    const result = await withTransaction(db, (tx) => updateProposal(tx, files, { ...input, proposalId: proposal.id, actor: request.actor!, requestId: request.id }));
    if (!result.ok) return sendConflict(request, reply, context, 'participatory-budgets.proposals.errors.not_editable');
    return redirectAfterPost(
      request,
      reply,
      `${proposalPath(edition, proposal.number)}/paso/${step + 1}`,
      result.status === 'draft' ? undefined : 'participatory-budgets.proposals.flash.changes_saved',
    );
  }

  app.post(stepPath(2), { onRequest: requireSignIn, schema: { params: ProposalParams } }, (request, reply) => saveStep(request, reply, 2));
  app.post(stepPath(3), { onRequest: requireSignIn, schema: { params: ProposalParams } }, (request, reply) => saveStep(request, reply, 3));

  app.post(stepPath(4), { onRequest: requireSignIn, schema: { params: ProposalParams } }, async (request, reply) => {
    const context = await loadEditable(request, reply);
    if (!context) return reply;
    const { edition, envelope, proposal } = context;
    if (proposal.status !== 'draft') return redirectAfterPost(request, reply, context.base);
    // Submitting is proposing: the person must still meet its requirements (verified, of age).
    if (!(await mayPropose(request, reply, edition, envelope))) return reply;
    const result = await withTransaction(db, (tx) => submitProposal(tx, { proposalId: proposal.id, actor: request.actor!, requestId: request.id }));
    if (!result.ok && result.reason === 'incomplete') return renderStep(request, reply, { ...context, step: 4, missing: result.missing }, 422);
    if (!result.ok) return sendConflict(request, reply, context, 'participatory-budgets.proposals.errors.not_editable');
    return redirectAfterPost(request, reply, context.base, 'participatory-budgets.proposals.flash.submitted', { number: proposal.number });
  });

  // Step 1 carries the image: its two routes parse multipart bodies, and only they do.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      onFile: readUpload,
      throwFileSizeLimit: false,
      limits: { fileSize: IMAGE_MAX_BYTES, files: 1, fields: 30, fieldSize: 64 * 1024, parts: 32 },
    });

    scope.post(newPath, { onRequest: requireSignIn, schema: { params: EnvelopeParams } }, async (request, reply) => {
      await authorize(request, MODULE, 'view');
      const { edition, envelope } = await loadEnvelope(db, request.params);
      if (!(await mayPropose(request, reply, edition, envelope))) return reply;
      const body = (request.body ?? {}) as FormBody;
      const errors: FieldErrors = {};
      const fields = readDescription(body, errors, await referenceOptions(db), false);
      if (!fields) return renderStep(request, reply, { edition, envelope, step: 1, values: echo(body, 1), errors }, 422);
      const created = await withTransaction(db, (tx) =>
        createProposal(tx, files, { editionId: edition.id, envelopeId: envelope.id, actor: request.actor!, fields, requestId: request.id }),
      );
      return redirectAfterPost(request, reply, `${proposalPath(edition, created.number)}/paso/2`, 'participatory-budgets.proposals.flash.draft_created', {
        number: created.number,
      });
    });

    scope.post(stepPath(1), { onRequest: requireSignIn, schema: { params: ProposalParams } }, (request, reply) => saveStep(request, reply, 1));
  });
}
