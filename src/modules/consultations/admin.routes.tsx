import multipart, { type MultipartFile } from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { forbidden, HttpError, notFound, type FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import { enqueueJob } from '../../core/jobs/jobs.ts';
import { indexDocument } from '../../core/search/search.ts';
import { CLOSE_JOB } from './commands/close-consultation.ts';
import { deleteDraftConsultation } from './commands/delete-draft.ts';
import { addDocument, removeDocument } from './commands/documents.ts';
import { PaperConflictError, importPaperResponses } from './commands/import-paper.ts';
import { moderateAnswer } from './commands/moderate-answer.ts';
import { addOption, emptyOptionForm, moveOption, optionFormOf, parseOptionForm, removeOption, updateOption, type OptionFormValues } from './commands/options.ts';
import { publishConsultation, publishResultsEarly } from './commands/publish.ts';
import { addQuestion, moveQuestion, removeQuestion, updateQuestion } from './commands/questions.ts';
import { saveConsultation } from './commands/save-consultation.ts';
import { ensureSealed } from './commands/seal-consultation.ts';
import { consultationFormOf, emptyConsultationForm, parseConsultationForm, type ConsultationFormValues } from './consultation-form.ts';
import { ADMIN_PATH, adminPath, consultationPath, countParticipants, findConsultation, listConsultations, listDocuments, loadQuestionnaire, manageableEntities, resourceOf, UUID, type Consultation } from './consultations.queries.ts';
import { csvLine } from './csv.ts';
import { exportResponses, responsesCsv, responsesJson } from './exports.ts';
import { columnOf, PAPER_FIXED_COLUMNS, PaperFileError, reconcilePaperCsv } from './paper.ts';
import { emptyQuestionForm, parseQuestionForm, questionFormOf, type QuestionFormValues } from './question-form.ts';
import { questionnaireProblems, TEXT_KINDS, type QuestionDef } from './questionnaire.ts';
import { hasFile, MAX_CSV_BYTES, MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES, storeUpload, type Upload } from './uploads.ts';
import { AdminConsultationPage, type AdminConsultationPageProps } from './views/AdminConsultationPage.tsx';
import { AdminConsultationsPage } from './views/AdminConsultationsPage.tsx';
import { paragraphs } from './views/labels.ts';
import { ModerationPage, type ModerationItem } from './views/ModerationPage.tsx';
import { PaperPage } from './views/PaperPage.tsx';
import { OptionPage, QuestionPage, type QuestionPageProps } from './views/QuestionPage.tsx';

const FormBody = Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.String({ maxLength: 20_000 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 500 })]));
const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const QuestionParams = Type.Object({ id: Type.String({ maxLength: 40 }), question: Type.String({ maxLength: 40 }) });
const OptionParams = Type.Object({ id: Type.String({ maxLength: 40 }), question: Type.String({ maxLength: 40 }), option: Type.String({ maxLength: 40 }) });
const SubParams = Type.Object({ id: Type.String({ maxLength: 40 }), sub: Type.String({ maxLength: 40 }) });

const UPLOAD_PROBLEM_KEYS = { too_large: 'too_large', type_not_allowed: 'type', empty: 'empty' } as const;

/** Keeps the search index in step with a consultation's public text. */
async function indexConsultation(services: Services, consultation: Consultation) {
  if (consultation.state === 'draft') return;
  await indexDocument(services.db, {
    module: 'consultations',
    ref: consultation.id,
    title: consultation.title,
    body: [consultation.entity_name, ...paragraphs(consultation.description)].join('\n'),
    url: consultationPath(consultation),
    localidadCode: consultation.localidades.length === 1 ? consultation.localidades[0] : null,
  });
}

/**
 * Back office under `/admin/consultas` (see README.md for the full list): officials of the running
 * entity create a consultation, build its questionnaire and documents until it opens (`edit`),
 * publish it, publish a public consultation's results early, import paper responses while it is
 * open (`import-paper`) and export responses (`export-responses`); moderators approve or hide
 * free-text answers (`moderate`). Uploads (PDF documents, option images, paper CSV) come as
 * multipart forms, parsed only in this scope.
 */
export async function adminRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, config } = services;

  await app.register(async (scope) => {
    // Files reach the handler as { filename, mimetype, buffer, truncated }: the limit cuts an
    // oversized file instead of failing the request, so the form can say what was wrong.
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 50, parts: 60 },
      async onFile(part: MultipartFile) {
        const buffer = await part.toBuffer();
        (part as unknown as { value: Upload }).value = { filename: part.filename, mimetype: part.mimetype, buffer, truncated: part.file.truncated };
      },
    });
    scope.addHook('onRequest', requireSignIn);

    const consultationOf = async (request: FastifyRequest) => (await findConsultation(db, (request.params as { id: string }).id)) ?? notFound();
    const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
    const entitiesFor = (request: FastifyRequest) => manageableEntities(db, request.actor!.roles);

    async function renderAdmin(request: FastifyRequest, reply: FastifyReply, c: Consultation | null, form: Partial<Pick<AdminConsultationPageProps, 'values' | 'errors' | 'questionErrors' | 'documentValues' | 'documentErrors'>> = {}, status = 200) {
      const entities = await entitiesFor(request);
      const questions = c ? await loadQuestionnaire(db, c.id) : [];
      const resource = c ? resourceOf(c) : undefined;
      const allowed = async (action: string) => (c ? (await canOnRequest(request, 'consultations', action, resource)).allowed : false);
      const values: ConsultationFormValues = form.values ?? (c ? consultationFormOf(c) : emptyConsultationForm(entities.length === 1 ? entities[0]!.code : ''));
      return sendPage(
        request,
        reply,
        <AdminConsultationPage
          ctx={viewContext(request, reply)}
          consultation={c}
          entities={entities}
          values={values}
          errors={form.errors}
          questions={questions}
          questionErrors={form.questionErrors}
          documents={c ? await listDocuments(db, c.id) : []}
          documentValues={form.documentValues}
          documentErrors={form.documentErrors}
          problems={c ? questionnaireProblems(questions) : []}
          participation={c && c.state !== 'draft' ? await countParticipants(db, c.id) : null}
          can={{
            edit: await allowed('edit'),
            importPaper: await allowed('import-paper'),
            export: await allowed('export-responses'),
            moderate: (await allowed('moderate')) && questions.some((q) => TEXT_KINDS.includes(q.kind)),
          }}
        />,
        status,
      );
    }

    // ----- list and settings -----

    scope.get(ADMIN_PATH, async (request, reply) => {
      await authorize(request, 'consultations', 'manage');
      const actor = request.actor!;
      const all = actor.roles.some((r) => r.role === 'platform_admin' || (r.role === 'entity_official' && r.entityCode === null));
      const entities = all ? null : actor.roles.filter((r) => r.role === 'entity_official' && r.entityCode).map((r) => r.entityCode!);
      return sendPage(request, reply, <AdminConsultationsPage ctx={viewContext(request, reply)} consultations={await listConsultations(db, { includeDrafts: true, entityCodes: entities })} canCreate />);
    });

    scope.get(`${ADMIN_PATH}/nueva`, async (request, reply) => {
      await authorize(request, 'consultations', 'manage');
      return renderAdmin(request, reply, null);
    });

    async function saveSettings(request: FastifyRequest, reply: FastifyReply, c: Consultation | null) {
      const entities = (await entitiesFor(request)).map((e) => e.code);
      const { values, input, errors } = parseConsultationForm(body(request), entities);
      if (!input) return renderAdmin(request, reply, c, { values, errors }, 422);
      const { id } = await withTransaction(db, async (tx) => {
        const saved = await saveConsultation(tx, request.actor!, input, c?.id ?? null, request.id);
        // A published consultation whose closing moved needs its closing job at the new time.
        if (c?.published_at && c.closes_at.getTime() !== input.closesAt.getTime()) await enqueueJob(tx, CLOSE_JOB, { consultationId: saved.id }, { runAt: input.closesAt });
        return saved;
      });
      const saved = (await findConsultation(db, id))!;
      await indexConsultation(services, saved);
      return redirectAfterPost(request, reply, adminPath(saved), c ? 'consultations.admin.saved' : 'consultations.admin.created');
    }

    scope.post(`${ADMIN_PATH}/nueva`, { schema: { body: FormBody } }, async (request, reply) => {
      await authorize(request, 'consultations', 'manage');
      return saveSettings(request, reply, null);
    });

    scope.get(`${ADMIN_PATH}/:id`, { schema: { params: IdParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'manage', resourceOf(c));
      return renderAdmin(request, reply, c);
    });

    scope.post(`${ADMIN_PATH}/:id`, { schema: { params: IdParams, body: FormBody } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'edit', resourceOf(c));
      return saveSettings(request, reply, c);
    });

    scope.post(`${ADMIN_PATH}/:id/publicar`, { schema: { params: IdParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'edit', resourceOf(c));
      const result = await withTransaction(db, (tx) => publishConsultation(tx, request.actor!, c.id, new Date(), request.id));
      if (!result.ok && 'reason' in result) return notFound();
      if (!result.ok) return renderAdmin(request, reply, c, {}, 422);
      await indexConsultation(services, (await findConsultation(db, c.id))!);
      return redirectAfterPost(request, reply, adminPath(c), 'consultations.admin.published');
    });

    // Only a draft can go: once published, people may have seen it, answered it or linked to it.
    const notDraft = (): never => {
      throw new HttpError(409, 'not_draft', 'consultations.admin.errors.not_draft', { reason: 'phase_closed' });
    };

    scope.post(`${ADMIN_PATH}/:id/eliminar`, { schema: { params: IdParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      // The same decision as editing, so whoever may edit the draft may delete it; its phase
      // refusal gets a message that says why a published consultation stays.
      const decision = await canOnRequest(request, 'consultations', 'edit', resourceOf(c));
      if (!decision.allowed && decision.reason !== 'phase_closed') forbidden(decision.reason);
      if (!decision.allowed || c.state !== 'draft') notDraft();
      const result = await withTransaction(db, (tx) => deleteDraftConsultation(tx, request.actor!, c.id, request.id));
      if (!result.ok) return result.reason === 'not_found' ? notFound() : notDraft();
      return redirectAfterPost(request, reply, ADMIN_PATH, 'consultations.admin.deleted', { title: result.title });
    });

    scope.post(`${ADMIN_PATH}/:id/resultados`, { schema: { params: IdParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'manage', resourceOf(c));
      if (c.secret || c.state !== 'open') throw new HttpError(409, 'results_not_publishable', 'consultations.admin.errors.early_results');
      await withTransaction(db, (tx) => publishResultsEarly(tx, request.actor!, c.id, new Date(), request.id));
      return redirectAfterPost(request, reply, `${consultationPath(c)}#resultados`, 'consultations.admin.results_published');
    });

    // ----- documents -----

    scope.post(`${ADMIN_PATH}/:id/documentos`, { schema: { params: IdParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'edit', resourceOf(c));
      const fields = body(request);
      const title = typeof fields.document_title === 'string' ? fields.document_title.trim() : '';
      const errors: FieldErrors = {};
      if (title.length < 1 || title.length > 200) errors.document_title = { key: 'consultations.documents.errors.title' };
      const file = fields.document_file;
      if (!hasFile(file)) errors.document_file = { key: 'consultations.documents.errors.missing' };
      if (Object.keys(errors).length) return renderAdmin(request, reply, c, { documentValues: { title }, documentErrors: errors }, 422);
      const stored = await withTransaction(db, async (tx) => {
        const saved = await storeUpload(tx, services.files, file as Upload, { allowed: ['application/pdf'], maxBytes: MAX_DOCUMENT_BYTES, createdBy: request.actor!.userId });
        if (saved.ok) await addDocument(tx, request.actor!, c.id, { title, fileId: saved.file.id }, request.id);
        return saved;
      });
      if (!stored.ok) return renderAdmin(request, reply, c, { documentValues: { title }, documentErrors: { document_file: { key: `consultations.documents.errors.${UPLOAD_PROBLEM_KEYS[stored.problem]}` } } }, 422);
      return redirectAfterPost(request, reply, `${adminPath(c)}#documentos`, 'consultations.documents.added');
    });

    scope.post(`${ADMIN_PATH}/:id/documentos/:sub/eliminar`, { schema: { params: SubParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'edit', resourceOf(c));
      const { sub } = request.params as { sub: string };
      if (!UUID.test(sub) || !(await withTransaction(db, (tx) => removeDocument(tx, request.actor!, c.id, sub, request.id)))) notFound();
      return redirectAfterPost(request, reply, `${adminPath(c)}#documentos`, 'consultations.documents.removed');
    });

    // ----- questions -----

    async function questionOf(request: FastifyRequest, c: Consultation): Promise<{ question: QuestionDef; questions: QuestionDef[] }> {
      const questions = await loadQuestionnaire(db, c.id);
      const question = questions.find((q) => q.id === (request.params as { question: string }).question) ?? notFound();
      return { question, questions };
    }

    async function renderQuestion(request: FastifyRequest, reply: FastifyReply, c: Consultation, question: QuestionDef | null, form: Partial<Pick<QuestionPageProps, 'values' | 'errors' | 'optionValues' | 'optionErrors' | 'optionProblem'>> = {}, status = 200) {
      const questions = await loadQuestionnaire(db, c.id);
      const current = question ? (questions.find((q) => q.id === question.id) ?? question) : null;
      const values: QuestionFormValues = form.values ?? (current ? questionFormOf(current) : emptyQuestionForm());
      return sendPage(request, reply, <QuestionPage ctx={viewContext(request, reply)} consultation={c} question={current} questions={questions} values={values} {...form} />, status);
    }

    scope.get(`${ADMIN_PATH}/:id/preguntas/nueva`, { schema: { params: IdParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'edit', resourceOf(c));
      return renderQuestion(request, reply, c, null);
    });

    scope.post(`${ADMIN_PATH}/:id/preguntas/nueva`, { schema: { params: IdParams, body: FormBody } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'edit', resourceOf(c));
      const questions = await loadQuestionnaire(db, c.id);
      const { values, input, errors } = parseQuestionForm(body(request), questions);
      if (!input) return renderQuestion(request, reply, c, null, { values, errors }, 422);
      const result = await withTransaction(db, (tx) => addQuestion(tx, request.actor!, c.id, input, request.id));
      if (!result.ok) return renderQuestion(request, reply, c, null, { values, errors: result.errors }, 422);
      return redirectAfterPost(request, reply, `${adminPath(c)}/preguntas/${result.id}`, 'consultations.builder.added');
    });

    scope.get(`${ADMIN_PATH}/:id/preguntas/:question`, { schema: { params: QuestionParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'edit', resourceOf(c));
      const { question } = await questionOf(request, c);
      return renderQuestion(request, reply, c, question);
    });

    scope.post(`${ADMIN_PATH}/:id/preguntas/:question`, { schema: { params: QuestionParams, body: FormBody } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'edit', resourceOf(c));
      const { question, questions } = await questionOf(request, c);
      const { values, input, errors } = parseQuestionForm(body(request), questions.filter((q) => q.position < question.position));
      if (!input) return renderQuestion(request, reply, c, question, { values, errors }, 422);
      const result = await withTransaction(db, (tx) => updateQuestion(tx, request.actor!, c.id, question, input, request.id));
      if (!result.ok) return renderQuestion(request, reply, c, question, { values, errors: result.errors }, 422);
      return redirectAfterPost(request, reply, `${adminPath(c)}#preguntas`, 'consultations.builder.saved');
    });

    const direction = (request: FastifyRequest) => (body(request).direction === 'up' ? 'up' : 'down');

    scope.post(`${ADMIN_PATH}/:id/preguntas/:question/mover`, { schema: { params: QuestionParams, body: FormBody } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'edit', resourceOf(c));
      const { question } = await questionOf(request, c);
      const result = await withTransaction(db, (tx) => moveQuestion(tx, request.actor!, c.id, question.id, direction(request), request.id));
      if (!result.ok) return renderAdmin(request, reply, c, { questionErrors: result.errors }, 422);
      return redirectAfterPost(request, reply, `${adminPath(c)}#preguntas`, 'consultations.builder.moved');
    });

    scope.post(`${ADMIN_PATH}/:id/preguntas/:question/eliminar`, { schema: { params: QuestionParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'edit', resourceOf(c));
      const { question } = await questionOf(request, c);
      const result = await withTransaction(db, (tx) => removeQuestion(tx, request.actor!, c.id, question.id, request.id));
      if (!result.ok) return renderAdmin(request, reply, c, { questionErrors: result.errors }, 422);
      return redirectAfterPost(request, reply, `${adminPath(c)}#preguntas`, 'consultations.builder.removed');
    });

    // ----- options -----

    /** Reads the option form and stores a new image if one came; errors per field otherwise. */
    async function readOption(request: FastifyRequest, hadImage: boolean) {
      const fields = body(request);
      const image = fields.option_image;
      const newImage = hasFile(image) ? image : null;
      const removing = fields.option_remove_image === 'yes';
      const { values, errors } = parseOptionForm(fields, Boolean(newImage) || (hadImage && !removing));
      return { values, errors, newImage, removing };
    }

    async function saveOption(request: FastifyRequest, reply: FastifyReply, c: Consultation, question: QuestionDef, option: QuestionDef['options'][number] | null) {
      const { values, errors, newImage, removing } = await readOption(request, option?.imageFileId != null);
      const fail = (errs: FieldErrors) =>
        option
          ? sendPage(request, reply, <OptionPage ctx={viewContext(request, reply)} consultation={c} question={question} option={option} values={values} errors={errs} />, 422)
          : renderQuestion(request, reply, c, question, { optionValues: values, optionErrors: errs }, 422);
      if (Object.keys(errors).length) return fail(errors);
      const outcome = await withTransaction(db, async (tx) => {
        let imageFileId: string | null | undefined = removing ? null : undefined;
        if (newImage) {
          const stored = await storeUpload(tx, services.files, newImage, { allowed: ['image/png', 'image/jpeg', 'image/webp'], maxBytes: MAX_IMAGE_BYTES, createdBy: request.actor!.userId });
          if (!stored.ok) return { problem: stored.problem };
          imageFileId = stored.file.id;
        }
        const input = { label: values.option_label, description: values.option_description, imageAlt: values.option_image_alt, imageFileId };
        return { result: option ? await updateOption(tx, request.actor!, c.id, option, input, request.id) : await addOption(tx, request.actor!, c.id, question, input, request.id) };
      });
      if ('problem' in outcome) return fail({ option_image: { key: `consultations.builder.errors.image_${UPLOAD_PROBLEM_KEYS[outcome.problem!]}` } });
      return redirectAfterPost(request, reply, `${adminPath(c)}/preguntas/${question.id}#opciones`, option ? 'consultations.builder.option_saved' : 'consultations.builder.option_added');
    }

    const optionOf = (request: FastifyRequest, question: QuestionDef) => question.options.find((o) => o.id === (request.params as { option: string }).option) ?? notFound();

    scope.post(`${ADMIN_PATH}/:id/preguntas/:question/opciones`, { schema: { params: QuestionParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'edit', resourceOf(c));
      const { question } = await questionOf(request, c);
      return saveOption(request, reply, c, question, null);
    });

    scope.get(`${ADMIN_PATH}/:id/preguntas/:question/opciones/:option`, { schema: { params: OptionParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'edit', resourceOf(c));
      const { question } = await questionOf(request, c);
      const option = optionOf(request, question);
      const values: OptionFormValues = optionFormOf(option);
      return sendPage(request, reply, <OptionPage ctx={viewContext(request, reply)} consultation={c} question={question} option={option} values={values} />);
    });

    scope.post(`${ADMIN_PATH}/:id/preguntas/:question/opciones/:option`, { schema: { params: OptionParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'edit', resourceOf(c));
      const { question } = await questionOf(request, c);
      return saveOption(request, reply, c, question, optionOf(request, question));
    });

    scope.post(`${ADMIN_PATH}/:id/preguntas/:question/opciones/:option/mover`, { schema: { params: OptionParams, body: FormBody } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'edit', resourceOf(c));
      const { question } = await questionOf(request, c);
      const option = optionOf(request, question);
      await withTransaction(db, (tx) => moveOption(tx, request.actor!, c.id, question, option.id, direction(request), request.id));
      return redirectAfterPost(request, reply, `${adminPath(c)}/preguntas/${question.id}#opciones`, 'consultations.builder.moved');
    });

    scope.post(`${ADMIN_PATH}/:id/preguntas/:question/opciones/:option/eliminar`, { schema: { params: OptionParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'edit', resourceOf(c));
      const { question, questions } = await questionOf(request, c);
      const option = optionOf(request, question);
      const result = await withTransaction(db, (tx) => removeOption(tx, request.actor!, c.id, questions, option, request.id));
      if (!result.ok) return renderQuestion(request, reply, c, question, { optionProblem: result.errors }, 422);
      return redirectAfterPost(request, reply, `${adminPath(c)}/preguntas/${question.id}#opciones`, 'consultations.builder.option_removed');
    });

    // ----- paper responses -----

    scope.get(`${ADMIN_PATH}/:id/papel`, { schema: { params: IdParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'import-paper', resourceOf(c));
      return sendPage(request, reply, <PaperPage ctx={viewContext(request, reply)} consultation={c} questions={await loadQuestionnaire(db, c.id)} />);
    });

    scope.get(`${ADMIN_PATH}/:id/papel/plantilla.csv`, { schema: { params: IdParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'import-paper', resourceOf(c));
      const questions = await loadQuestionnaire(db, c.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="respuestas-en-papel.csv"')
        .send(`\uFEFF${csvLine([...PAPER_FIXED_COLUMNS, ...questions.map(columnOf)])}\r\n`);
    });

    scope.post(`${ADMIN_PATH}/:id/papel`, { schema: { params: IdParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'import-paper', resourceOf(c));
      const questions = await loadQuestionnaire(db, c.id);
      const fields = body(request);
      const page = (extra: { errors?: FieldErrors; report?: Awaited<ReturnType<typeof reconcilePaperCsv>> }, status: number) =>
        sendPage(request, reply, <PaperPage ctx={viewContext(request, reply)} consultation={c} questions={questions} {...extra} />, status);
      const file = fields.file;
      if (!hasFile(file)) return page({ errors: { file: { key: 'consultations.paper.errors.missing' } } }, 422);
      if (file.truncated || file.buffer.length > MAX_CSV_BYTES) return page({ errors: { file: { key: 'consultations.paper.errors.too_large' } } }, 422);
      let report;
      try {
        report = await reconcilePaperCsv(db, { bytes: file.buffer, secret: config.secret, consultation: c, questions });
      } catch (error) {
        if (!(error instanceof PaperFileError)) throw error;
        return page({ errors: { file: { key: `consultations.paper.errors.${error.code}`, vars: error.vars } } }, 422);
      }
      if (fields.step !== 'confirm') return page({ report }, report.ready ? 200 : 422);
      if (fields.sha256 !== report.sha256) return page({ report, errors: { file: { key: 'consultations.paper.errors.different_file' } } }, 422);
      if (!report.ready) return page({ report }, 422);
      try {
        await withTransaction(db, (tx) =>
          importPaperResponses(tx, { actor: request.actor!, consultation: c, questions, responses: report.prepared, serverSecret: config.secret, fileSha256: report.sha256, requestId: request.id }),
        );
      } catch (error) {
        if (!(error instanceof PaperConflictError)) throw error;
        const again = await reconcilePaperCsv(db, { bytes: file.buffer, secret: config.secret, consultation: c, questions });
        return page({ report: again, errors: { file: { key: 'consultations.paper.errors.changed' } } }, 409);
      }
      return redirectAfterPost(request, reply, `${adminPath(c)}#respuestas`, 'consultations.paper.imported', { count: report.valid });
    });

    // ----- exports -----

    async function exported(request: FastifyRequest) {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'export-responses', resourceOf(c));
      await ensureSealed(db, c);
      const questions = await loadQuestionnaire(db, c.id);
      return { c, questions, responses: await exportResponses(db, c, questions) };
    }

    scope.get(`${ADMIN_PATH}/:id/respuestas.csv`, { schema: { params: IdParams } }, async (request, reply) => {
      const { c, questions, responses } = await exported(request);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="consulta-${c.id}.csv"`).header('cache-control', 'no-store').send(responsesCsv(c, questions, responses));
    });

    scope.get(`${ADMIN_PATH}/:id/respuestas.json`, { schema: { params: IdParams } }, async (request, reply) => {
      const { c, questions, responses } = await exported(request);
      return reply.header('content-disposition', `attachment; filename="consulta-${c.id}.json"`).header('cache-control', 'no-store').send(responsesJson(c, questions, responses));
    });

    // ----- moderation -----

    async function moderationItems(c: Consultation, filter: 'pending' | 'all'): Promise<ModerationItem[]> {
      let query = db
        .selectFrom('consultations_answers as a')
        .innerJoin('consultations_responses as r', 'r.id', 'a.response_id')
        .innerJoin('consultations_questions as q', 'q.id', 'a.question_id')
        .select(['a.response_id', 'a.question_id', 'q.position', 'q.title', 'a.value_text', 'a.moderation'])
        .where('r.consultation_id', '=', c.id)
        .where('a.value_text', 'is not', null);
      if (filter === 'pending') query = query.where('a.moderation', '=', 'pending');
      const rows = await query.orderBy('q.position').orderBy('a.value_text').limit(500).execute();
      return rows.map((r) => ({ responseId: r.response_id, questionId: r.question_id, questionNumber: r.position, questionTitle: r.title, text: r.value_text!, moderation: r.moderation! }));
    }

    scope.get(`${ADMIN_PATH}/:id/moderacion`, { schema: { params: IdParams } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'moderate', resourceOf(c));
      await ensureSealed(db, c);
      const filter = (request.query as { ver?: string }).ver === 'todas' ? 'all' : 'pending';
      return sendPage(request, reply, <ModerationPage ctx={viewContext(request, reply)} consultation={c} items={await moderationItems(c, filter)} filter={filter} />);
    });

    scope.post(`${ADMIN_PATH}/:id/moderacion`, { schema: { params: IdParams, body: FormBody } }, async (request, reply) => {
      const c = await consultationOf(request);
      await authorize(request, 'consultations', 'moderate', resourceOf(c));
      const fields = body(request);
      const decision = fields.decision === 'approved' ? 'approved' : fields.decision === 'hidden' ? 'hidden' : null;
      const responseId = typeof fields.response === 'string' && UUID.test(fields.response) ? fields.response : null;
      const questionId = typeof fields.question === 'string' && UUID.test(fields.question) ? fields.question : null;
      if (!decision || !responseId || !questionId) notFound();
      const done = await withTransaction(db, (tx) => moderateAnswer(tx, request.actor!, { consultationId: c.id, responseId: responseId!, questionId: questionId!, decision: decision! }, request.id));
      if (!done) notFound();
      return redirectAfterPost(request, reply, `${adminPath(c)}/moderacion`, decision === 'approved' ? 'consultations.moderation.approved' : 'consultations.moderation.hidden');
    });
  });
}

