import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actForAssistedCitizen } from '../../core/auth/assisted.ts';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { HttpError, notFound } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import type { Actor } from '../../core/permissions/permissions.ts';
import { consultationPageProps, canAnswer, respondentState } from './answer-page.ts';
import { formValuesOf, rawFromForm, validateSubmission } from './answers.ts';
import { categoriesOf, submitResponse } from './commands/submit-response.ts';
import { consultationPath, findConsultation, listConsultations, loadQuestionnaire, resourceOf, UUID, type Consultation } from './consultations.queries.ts';
import { responseKey } from './response-key.ts';
import { ConsultationPage } from './views/ConsultationPage.tsx';
import { ConsultationsPage } from './views/ConsultationsPage.tsx';

export const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const SubParams = Type.Object({ id: Type.String({ maxLength: 40 }), sub: Type.String({ maxLength: 40 }) });
const AnswerBody = Type.Record(Type.String({ maxLength: 120 }), Type.Union([Type.String({ maxLength: 20_000 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })]));

/**
 * Citizen pages: `/consultas` (open, upcoming, closed), `/consultas/<id>` (the consultation, the
 * answer form or why one cannot answer with the next step, results once public), the documents and
 * option images, and `/consultas/<id>/acompanamiento/<citizen>` where a desk clerk enters the
 * response of a citizen present at the desk, within an open assisted session.
 */
export async function publicRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, config } = services;

  /** A consultation people may see: published, or a draft its managers are preparing. */
  async function visibleConsultation(request: FastifyRequest): Promise<Consultation> {
    const consultation = (await findConsultation(db, (request.params as { id: string }).id)) ?? notFound();
    if (consultation.state === 'draft' && !(await canOnRequest(request, 'consultations', 'manage', resourceOf(consultation))).allowed) notFound();
    return consultation;
  }

  async function render(request: FastifyRequest, reply: FastifyReply, consultation: Consultation, options: Parameters<typeof consultationPageProps>[4], status = 200) {
    const props = await consultationPageProps(request, db, config.secret, consultation, options);
    return sendPage(request, reply, <ConsultationPage ctx={viewContext(request, reply)} {...props} />, status);
  }

  /**
   * The answer flow shared by citizens and desk clerks: permission (window, eligibility, one
   * response), validation, then one transaction. Every refusal re-renders the page with the
   * reason and changes nothing.
   */
  async function submit(request: FastifyRequest, reply: FastifyReply, consultation: Consultation, respondent: Actor, assistedCitizen: { id: string; name: string } | null) {
    const { identityHash, participation } = await respondentState(db, consultation, respondent);
    const decision = await canAnswer(request, respondent, consultation, participation?.channel ?? null);
    const options = { respondent, assistedCitizen };
    if (!decision.allowed) return render(request, reply, consultation, { ...options, submitted: { reason: decision.reason } }, decision.reason === 'not_signed_in' ? 401 : 403);
    if (!identityHash) return render(request, reply, consultation, { ...options, submitted: { reason: 'not_verified' } }, 403);
    const questions = await loadQuestionnaire(db, consultation.id);
    const raw = rawFromForm(questions, request.body as Record<string, unknown>);
    const validated = validateSubmission(questions, raw);
    if (Object.keys(validated.errors).length > 0) {
      return render(request, reply, consultation, { ...options, submitted: { values: formValuesOf(questions, raw), errors: validated.errors } }, 422);
    }
    const categories = await categoriesOf(db, respondent, new Date());
    const result = await withTransaction(db, (tx) =>
      submitResponse(tx, {
        consultation,
        questions,
        actor: respondent,
        identityHash,
        responseKey: responseKey(config.secret, consultation.id, identityHash),
        rows: validated.rows,
        categories,
        requestId: request.id,
      }),
    );
    if (!result.ok) return render(request, reply, consultation, { ...options, submitted: { reason: result.reason } }, 403);
    if (assistedCitizen) return redirectAfterPost(request, reply, consultationPath(consultation), 'consultations.assisted.saved', { name: assistedCitizen.name });
    return redirectAfterPost(request, reply, `${consultationPath(consultation)}#responder`, result.changed ? 'consultations.answer.updated' : 'consultations.answer.saved');
  }

  app.get('/consultas', async (request, reply) => {
    await authorize(request, 'consultations', 'view');
    const consultations = await listConsultations(db);
    const canManage = (await canOnRequest(request, 'consultations', 'manage')).allowed;
    return sendPage(request, reply, <ConsultationsPage ctx={viewContext(request, reply)} consultations={consultations} canManage={canManage} />);
  });

  app.get('/consultas/:id', { schema: { params: IdParams } }, async (request, reply) => {
    await authorize(request, 'consultations', 'view');
    return render(request, reply, await visibleConsultation(request), { respondent: request.actor });
  });

  app.post('/consultas/:id', { onRequest: requireSignIn, schema: { params: IdParams, body: AnswerBody } }, async (request, reply) => {
    const consultation = await visibleConsultation(request);
    return submit(request, reply, consultation, request.actor!, null);
  });

  /** The citizen a clerk may answer for, or a clear refusal. */
  async function assistedCitizenOf(request: FastifyRequest): Promise<Actor> {
    await authorize(request, 'consultations', 'answer-for-citizen');
    const { sub } = request.params as { sub: string };
    const citizen = UUID.test(sub) ? await actForAssistedCitizen(db, request.actor!, sub) : null;
    if (!citizen) throw new HttpError(403, 'no_assisted_session', 'consultations.assisted.no_session');
    return citizen;
  }

  const citizenName = async (id: string) => (await db.selectFrom('core_users').select('display_name').where('id', '=', id).executeTakeFirstOrThrow()).display_name;

  app.get('/consultas/:id/acompanamiento/:sub', { onRequest: requireSignIn, schema: { params: SubParams } }, async (request, reply) => {
    const consultation = await visibleConsultation(request);
    const citizen = await assistedCitizenOf(request);
    return render(request, reply, consultation, { respondent: citizen, assistedCitizen: { id: citizen.userId, name: await citizenName(citizen.userId) } });
  });

  app.post('/consultas/:id/acompanamiento/:sub', { onRequest: requireSignIn, schema: { params: SubParams, body: AnswerBody } }, async (request, reply) => {
    const consultation = await visibleConsultation(request);
    const citizen = await assistedCitizenOf(request);
    return submit(request, reply, consultation, citizen, { id: citizen.userId, name: await citizenName(citizen.userId) });
  });

  app.get('/consultas/:id/documentos/:sub', { schema: { params: SubParams } }, async (request, reply) => {
    const consultation = await visibleConsultation(request);
    const { sub } = request.params as { sub: string };
    if (!UUID.test(sub)) notFound();
    const file =
      (await db
        .selectFrom('consultations_documents as d')
        .innerJoin('core_files as f', 'f.id', 'd.file_id')
        .select(['f.sha256', 'f.media_type', 'f.original_name'])
        .where('d.id', '=', sub)
        .where('d.consultation_id', '=', consultation.id)
        .executeTakeFirst()) ?? notFound();
    const name = file.original_name.replace(/[^\w.\- ]/g, '_');
    return reply
      .type(file.media_type)
      .header('content-disposition', `inline; filename="${name}"; filename*=UTF-8''${encodeURIComponent(file.original_name)}`)
      .header('cache-control', 'private, max-age=300')
      .send(services.files.open(file.sha256));
  });

  app.get('/consultas/:id/imagenes/:sub', { schema: { params: SubParams } }, async (request, reply) => {
    const consultation = await visibleConsultation(request);
    const { sub } = request.params as { sub: string };
    if (!UUID.test(sub)) notFound();
    const file =
      (await db
        .selectFrom('consultations_options as o')
        .innerJoin('consultations_questions as q', 'q.id', 'o.question_id')
        .innerJoin('core_files as f', 'f.id', 'o.image_file_id')
        .select(['f.sha256', 'f.media_type'])
        .where('o.id', '=', sub)
        .where('q.consultation_id', '=', consultation.id)
        .executeTakeFirst()) ?? notFound();
    return reply.type(file.media_type).header('cache-control', 'private, max-age=300').send(services.files.open(file.sha256));
  });
}
