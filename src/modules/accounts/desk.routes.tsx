import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withTransaction } from '../../core/db/database.ts';
import { invalidInput, notFound, type FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import { formatDate } from '../../core/i18n/i18n.ts';
import { findLocalidadByCode } from '../../core/geo/localidad-names.ts';
import { authorize } from '../../core/permissions/authorize.ts';
import { ageOn, type Actor } from '../../core/permissions/permissions.ts';
import { IdentityTakenError } from '../../core/verification/identity.ts';
import { endAssistedSession } from './commands/end-assisted-session.ts';
import { GUARDIAN_RELATIONS, recordGuardianConsent, type GuardianRelation } from './commands/record-guardian-consent.ts';
import { MAX_ASSISTED_MINUTES, startAssistedSession } from './commands/start-assisted-session.ts';
import { verifyAtDesk } from './commands/verify-at-desk.ts';
import { accountsActorFor } from './verification.routes.tsx';
import { echo, field, isUniqueViolation, mentionsDocument, readDocument, readLocalidad, readText, type DocumentInput, type FormBody } from './verification.forms.ts';
import { currentLevel, findPersonByEmail, findPersonById, loadVerificationStatus, type DeskPerson } from './verification.queries.ts';
import { DESK_PATH, DeskPage } from './views/DeskPage.tsx';
import { deskPersonPath, DeskPersonPage, type DeskForm } from './views/DeskPersonPage.tsx';
import type { FormState } from './views/VerificationPage.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NOTE_LENGTH = { min: 5, max: 500 };
const REASON_LENGTH = { min: 5, max: 500 };

/** The manifest action each form of the person page needs. */
const FORM_ACTIONS: Record<DeskForm, string> = { verify: 'verify-at-desk', guardian: 'record-guardian-consent', assist: 'assist-citizen', 'end-assist': 'assist-citizen' };

const hasErrors = (errors: FieldErrors) => Object.keys(errors).length > 0;

async function loadPerson(request: FastifyRequest): Promise<DeskPerson> {
  const { userId } = request.params as { userId: string };
  if (!UUID.test(userId)) return notFound();
  return (await findPersonById(request.server.gab.db, userId.toLowerCase())) ?? notFound();
}

async function renderPerson(request: FastifyRequest, reply: FastifyReply, person: DeskPerson, failed?: { form: DeskForm; state: FormState }, statusCode = 200) {
  const now = new Date();
  const status = await loadVerificationStatus(request.server.gab.db, person.id, now);
  const birthDate = status.identity?.birthDate ?? person.declaredBirthDate;
  return sendPage(
    request,
    reply,
    <DeskPersonPage
      ctx={viewContext(request, reply)}
      person={person}
      status={status}
      level={currentLevel(status)}
      age={birthDate ? ageOn(birthDate, now) : null}
      identityCurrent={Boolean(status.identity && !status.identity.expired)}
      failed={failed}
    />,
    statusCode,
  );
}

/**
 * The service desk (`/mostrador`, desk clerks only): find a person by e-mail, verify their identity
 * and residence in person, record a guardian's consent for a 14–17-year-old, and start or end an
 * assisted-participation session. Each write is one transaction, audited, then Post/Redirect/Get.
 */
export function registerDeskRoutes(app: FastifyInstance): void {
  const { db, config } = app.gab;

  app.get(DESK_PATH, async (request, reply) => {
    if (!(await accountsActorFor(request, reply, 'verify-at-desk'))) return reply;
    return sendPage(request, reply, <DeskPage ctx={viewContext(request, reply)} />);
  });

  // A POST, not a GET with ?email=: e-mail addresses stay out of URLs, logs and browser history.
  app.post(DESK_PATH, async (request, reply) => {
    await authorize(request, 'accounts', 'verify-at-desk');
    const body = (request.body ?? {}) as FormBody;
    const email = field(body, 'email').toLowerCase();
    const values = { email };
    const render = (state: FormState, statusCode: number) => sendPage(request, reply, <DeskPage ctx={viewContext(request, reply)} search={state} />, statusCode);
    if (!email) return render({ values, errors: { email: { key: 'accounts.desk.errors.email_required' } } }, 422);
    if (email.length > 254 || !EMAIL.test(email)) return render({ values, errors: { email: { key: 'accounts.desk.errors.email_invalid' } } }, 422);
    const person = await findPersonByEmail(db, email);
    if (!person) return render({ values, problem: { key: 'accounts.desk.search.not_found' } }, 200);
    return reply.redirect(deskPersonPath(person.id), 303);
  });

  app.get(`${DESK_PATH}/personas/:userId`, async (request, reply) => {
    if (!(await accountsActorFor(request, reply, 'verify-at-desk'))) return reply;
    return renderPerson(request, reply, await loadPerson(request));
  });

  app.post(`${DESK_PATH}/personas/:userId`, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const form = field(body, 'accion') as DeskForm;
    const action = Object.hasOwn(FORM_ACTIONS, form) ? FORM_ACTIONS[form] : undefined;
    if (!action) {
      await authorize(request, 'accounts', 'verify-at-desk');
      return invalidInput({ accion: { key: 'validation.enum' } });
    }
    await authorize(request, 'accounts', action);
    const clerk = request.actor as Actor;
    const person = await loadPerson(request);
    const back = deskPersonPath(person.id);
    const fail = (state: FormState, statusCode = 422) => renderPerson(request, reply, person, { form, state }, statusCode);
    const errors: FieldErrors = {};

    switch (form) {
      case 'verify': {
        const values = echo(body, ['document_type', 'document_number', 'birth_date', 'localidad', 'note']);
        const document = readDocument(body, errors);
        const localidadCode = readLocalidad(body, errors);
        const note = readText(body, errors, 'note', NOTE_LENGTH.min, NOTE_LENGTH.max);
        if (note && mentionsDocument(note, field(body, 'document_number'), document.documentNumber)) errors.note = { key: 'accounts.desk.errors.note_has_document' };
        if (hasErrors(errors)) return fail({ values, errors });
        const { documentType, documentNumber, birthDate } = document as DocumentInput;
        try {
          const result = await withTransaction(db, (tx) =>
            verifyAtDesk(tx, { citizenId: person.id, clerk, documentType, documentNumber, birthDate, localidadCode: localidadCode!, note: note!, secret: config.secret, requestId: request.id }),
          );
          if (!result.ok) return fail({ values, problem: { key: `accounts.desk.verify.${result.reason}` } }, result.reason === 'self' ? 403 : 409);
        } catch (error) {
          if (error instanceof IdentityTakenError || isUniqueViolation(error)) return fail({ values, problem: { key: 'accounts.desk.verify.identity_taken' } }, 409);
          throw error;
        }
        const localidad = findLocalidadByCode(localidadCode!)?.name ?? localidadCode!;
        return redirectAfterPost(request, reply, back, 'accounts.desk.verify.success', { name: person.displayName, localidad });
      }
      case 'guardian': {
        const values = echo(body, ['guardian_document_type', 'guardian_document_number', 'relation']);
        const document = readDocument(body, errors, { prefix: 'guardian_', birthDate: false });
        const relation = field(body, 'relation');
        if (!(GUARDIAN_RELATIONS as readonly string[]).includes(relation)) errors.relation = { key: 'accounts.desk.errors.relation_required' };
        if (hasErrors(errors)) return fail({ values, errors });
        const result = await withTransaction(db, (tx) =>
          recordGuardianConsent(tx, {
            citizenId: person.id,
            clerk,
            guardianDocumentType: document.documentType!,
            guardianDocumentNumber: document.documentNumber!,
            relation: relation as GuardianRelation,
            secret: config.secret,
            requestId: request.id,
          }),
        );
        if (!result.ok) return fail({ values, problem: { key: `accounts.desk.guardian.errors.${result.reason}` } }, result.reason === 'self' ? 403 : 409);
        return redirectAfterPost(request, reply, back, 'accounts.desk.guardian.success', { name: person.displayName });
      }
      case 'assist': {
        const values = echo(body, ['reason', 'duration']);
        const reason = readText(body, errors, 'reason', REASON_LENGTH.min, REASON_LENGTH.max);
        const durationText = field(body, 'duration');
        const minutes = /^\d{1,4}$/.test(durationText) ? Number(durationText) : NaN;
        if (!Number.isInteger(minutes) || minutes < 1) errors.duration = { key: 'accounts.desk.errors.duration_required' };
        else if (minutes > MAX_ASSISTED_MINUTES) errors.duration = { key: 'accounts.desk.assist.errors.too_long' };
        if (hasErrors(errors)) return fail({ values, errors });
        const result = await withTransaction(db, (tx) => startAssistedSession(tx, { citizenId: person.id, clerk, reason: reason!, minutes, requestId: request.id }));
        if (!result.ok) return fail({ values, problem: { key: `accounts.desk.assist.errors.${result.reason}` } }, result.reason === 'self' ? 403 : 409);
        return redirectAfterPost(request, reply, back, 'accounts.desk.assist.success', { date: formatDate(request.locale, result.expiresAt, true) });
      }
      case 'end-assist': {
        const sessionId = field(body, 'session_id');
        if (!UUID.test(sessionId)) return fail({ problem: { key: 'accounts.desk.assist.errors.not_found' } }, 404);
        const result = await withTransaction(db, (tx) => endAssistedSession(tx, { sessionId: sessionId.toLowerCase(), citizenId: person.id, clerk, requestId: request.id }));
        if (!result.ok) return fail({ problem: { key: `accounts.desk.assist.errors.${result.reason}` } }, result.reason === 'not_found' ? 404 : 409);
        return redirectAfterPost(request, reply, back, 'accounts.desk.assist.ended');
      }
    }
  });
}
