import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { notFound, type FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { canOnRequest } from '../../core/permissions/authorize.ts';
import { checkUploads, fieldList, readCauseForm, readText, TEXT_FIELDS, uploadsOf, WHOLE_CITY, type CauseFormValues, type FormBody } from './cause-form.ts';
import { decide, statusOf, visibleCause } from './cause-access.ts';
import { readCausesSettings } from './causes.settings.ts';
import { listEvidenceLinks, listFiles, referenceOptions, type CauseDetail } from './causes.queries.ts';
import { publishCause } from './commands/author-actions.ts';
import { answerCause } from './commands/respond.ts';
import { createCause, updateCause } from './commands/save-cause.ts';
import { keptFiles, registerUploads, storeFiles } from './uploads.ts';
import { AnswerFormPage } from './views/AnswerFormPage.tsx';
import { CauseDeniedPage } from './views/CauseDeniedPage.tsx';
import { CauseFormPage, type AttachedFile } from './views/CauseFormPage.tsx';

const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const EMPTY_VALUES = Object.fromEntries(TEXT_FIELDS.map((f) => [f, ''])) as CauseFormValues;

/**
 * Forms with files (multipart, in their own route scope): creating and editing a cause (save as a
 * draft or publish), and the official answer. Valid files of a submission that comes back with
 * errors are stored at once and kept with the form, so nobody has to choose them again.
 */
export async function authoringRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, files } = services;

  await app.register(async (scope) => {
    await registerUploads(scope);
    scope.addHook('onRequest', requireSignIn);

    async function renderForm(
      request: FastifyRequest,
      reply: FastifyReply,
      cause: CauseDetail | null,
      form: { values: CauseFormValues; errors?: FieldErrors; kept?: AttachedFile[]; remove?: string[]; denied?: Parameters<typeof CauseFormPage>[0]['denied'] },
      status = 200,
    ) {
      const [options, settings, existing] = await Promise.all([referenceOptions(db), readCausesSettings(db), cause ? listFiles(db, cause.id) : Promise.resolve([])]);
      return sendPage(
        request,
        reply,
        <CauseFormPage
          ctx={viewContext(request, reply)}
          cause={cause}
          values={form.values}
          errors={form.errors}
          options={options}
          existingFiles={existing}
          removeFileIds={form.remove ?? []}
          keptFiles={form.kept ?? []}
          settings={{ threshold: cause?.threshold ?? settings.support_threshold, days: cause?.support_days ?? settings.support_days }}
          denied={form.denied}
        />,
        status,
      );
    }

    /** Reads the form and its files; stores valid new files so they survive a round trip with errors. */
    async function readSubmission(request: FastifyRequest, attachedCount: number) {
      const body = (request.body ?? {}) as FormBody;
      const options = await referenceOptions(db);
      const { values, fields, errors } = readCauseForm(body, { localidades: new Set(options.localidades.map((l) => l.code)), entities: new Set(options.entities.map((e) => e.code)) });
      const kept = await keptFiles(db, request.actor!.userId, fieldList(body, 'kept_file'));
      const checked = checkUploads(uploadsOf(body), errors, attachedCount + kept.length);
      const storedIds = await storeFiles(db, files, checked, request.actor!.userId);
      const all = [...kept, ...(await keptFiles(db, request.actor!.userId, storedIds))];
      const intent = typeof body.intent === 'string' ? body.intent : 'draft';
      return { body, values, fields: Object.keys(errors).length ? null : fields, errors, kept: all, intent };
    }

    scope.get('/causas/nueva', async (request, reply) => {
      const decision = await canOnRequest(request, 'causes', 'create');
      if (!decision.allowed) return renderForm(request, reply, null, { values: EMPTY_VALUES, denied: decision.reason }, statusOf(decision.reason));
      return renderForm(request, reply, null, { values: EMPTY_VALUES });
    });

    scope.post('/causas/nueva', async (request, reply) => {
      const decision = await canOnRequest(request, 'causes', 'create');
      if (!decision.allowed) return renderForm(request, reply, null, { values: EMPTY_VALUES, denied: decision.reason }, statusOf(decision.reason));
      const submission = await readSubmission(request, 0);
      if (!submission.fields) return renderForm(request, reply, null, { values: submission.values, errors: submission.errors, kept: submission.kept }, 422);
      const settings = await readCausesSettings(db);
      const publish = submission.intent === 'publish';
      const { id } = await withTransaction(db, async (tx) => {
        const created = await createCause(tx, { actor: request.actor!, fields: submission.fields!, fileIds: submission.kept.map((f) => f.id), settings, requestId: request.id });
        if (publish) await publishCause(tx, { causeId: created.id, actor: request.actor!, settings, requestId: request.id });
        return created;
      });
      return redirectAfterPost(request, reply, `/causas/${id}`, publish ? 'causes.flash.published' : 'causes.flash.draft_saved');
    });

    async function editable(request: FastifyRequest) {
      const cause = await visibleCause(db, request, (request.params as { id: string }).id);
      return { cause, decision: await decide(request, 'edit', cause) };
    }

    scope.get('/causas/:id/editar', { schema: { params: Params } }, async (request, reply) => {
      const { cause, decision } = await editable(request);
      const values: CauseFormValues = {
        title: cause.title,
        problem: cause.problem,
        evidence: cause.evidence,
        links: (await listEvidenceLinks(db, cause.id)).join('\n'),
        localidad: cause.localidad_code ?? WHOLE_CITY,
        topic_code: cause.topic_code,
        target_entity_code: cause.target_entity_code ?? '',
      };
      if (!decision.allowed) return renderForm(request, reply, cause, { values, denied: decision.reason }, statusOf(decision.reason));
      return renderForm(request, reply, cause, { values });
    });

    scope.post('/causas/:id/editar', { schema: { params: Params } }, async (request, reply) => {
      const { cause, decision } = await editable(request);
      if (!decision.allowed) return renderForm(request, reply, cause, { values: EMPTY_VALUES, denied: decision.reason }, statusOf(decision.reason));
      const current = (await listFiles(db, cause.id)).filter((f) => f.purpose === 'evidence');
      const body = (request.body ?? {}) as FormBody;
      const remove = fieldList(body, 'remove_file').filter((id) => current.some((f) => f.file_id === id));
      const submission = await readSubmission(request, current.length - remove.length);
      if (!submission.fields) return renderForm(request, reply, cause, { values: submission.values, errors: submission.errors, kept: submission.kept, remove }, 422);
      const publish = cause.state === 'draft' && submission.intent === 'publish';
      const settings = await readCausesSettings(db);
      const result = await withTransaction(db, async (tx) => {
        const updated = await updateCause(tx, { causeId: cause.id, actor: request.actor!, fields: submission.fields!, addFileIds: submission.kept.map((f) => f.id), removeFileIds: remove, requestId: request.id });
        if (updated.ok && publish) await publishCause(tx, { causeId: cause.id, actor: request.actor!, settings, requestId: request.id });
        return updated;
      });
      if (!result.ok) {
        if (result.reason === 'not_found') return notFound();
        if (result.reason === 'too_many_files') {
          return renderForm(request, reply, cause, { values: submission.values, errors: { files: { key: 'causes.form.errors.too_many_files', vars: { max: 5 } } }, kept: submission.kept, remove }, 422);
        }
        return renderForm(request, reply, cause, { values: submission.values, denied: result.reason }, statusOf(result.reason));
      }
      return redirectAfterPost(request, reply, `/causas/${cause.id}`, publish ? 'causes.flash.published' : 'causes.flash.saved');
    });

    async function answerable(request: FastifyRequest) {
      const cause = await visibleCause(db, request, (request.params as { id: string }).id);
      const decision = await decide(request, 'respond', cause);
      return { cause, decision };
    }

    const renderAnswer = (request: FastifyRequest, reply: FastifyReply, cause: CauseDetail, form: { body: string; errors?: FieldErrors; kept?: AttachedFile[] }, status = 200) =>
      sendPage(request, reply, <AnswerFormPage ctx={viewContext(request, reply)} cause={cause} values={{ body: form.body }} errors={form.errors} keptFiles={form.kept ?? []} />, status);

    scope.get('/causas/:id/respuesta', { schema: { params: Params } }, async (request, reply) => {
      const { cause, decision } = await answerable(request);
      if (!decision.allowed) return denyAnswer(request, reply, cause, decision.reason);
      if (cause.state === 'answered') return denyAnswer(request, reply, cause, 'already_done');
      return renderAnswer(request, reply, cause, { body: '' });
    });

    scope.post('/causas/:id/respuesta', { schema: { params: Params } }, async (request, reply) => {
      const { cause, decision } = await answerable(request);
      if (!decision.allowed) return denyAnswer(request, reply, cause, decision.reason);
      const body = (request.body ?? {}) as FormBody;
      const errors: FieldErrors = {};
      const text = readText(body, errors, 'body', 20, 20_000);
      const kept = await keptFiles(db, request.actor!.userId, fieldList(body, 'kept_file'));
      const checked = checkUploads(uploadsOf(body), errors, kept.length);
      const stored = await storeFiles(db, files, checked, request.actor!.userId);
      const all = [...kept, ...(await keptFiles(db, request.actor!.userId, stored))];
      if (Object.keys(errors).length) return renderAnswer(request, reply, cause, { body: typeof body.body === 'string' ? body.body : '', errors, kept: all }, 422);
      const result = await withTransaction(db, (tx) => answerCause(tx, { causeId: cause.id, actor: request.actor!, body: text, fileIds: all.map((f) => f.id), requestId: request.id }));
      if (!result.ok) return denyAnswer(request, reply, cause, result.reason);
      return redirectAfterPost(request, reply, `/causas/${cause.id}#answer-heading`, 'causes.flash.answered');
    });

  });

  /** A refused answer: the page says why, with the status of the reason. */
  async function denyAnswer(request: FastifyRequest, reply: FastifyReply, cause: CauseDetail, reason: string) {
    if (reason === 'not_found') return notFound();
    return sendPage(request, reply, <CauseDeniedPage ctx={viewContext(request, reply)} cause={cause} action="answer" reason={reason} />, statusOf(reason as never));
  }
}
