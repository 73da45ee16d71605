import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { parseDay } from '../../core/calendar/holidays.ts';
import { withTransaction } from '../../core/db/database.ts';
import { notFound, type FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import { bogotaDay, formatDate } from '../../core/i18n/i18n.ts';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import { checkUploads, registerUploads, uploadsOf } from './attachments.ts';
import { RadicadoParams } from './citizen.routes.tsx';
import { addNote } from './commands/add-note.ts';
import { answerRequest } from './commands/answer-request.ts';
import { assignRequest } from './commands/assign-request.ts';
import { extendRequest } from './commands/extend-request.ts';
import { requestCompletion } from './commands/request-completion.ts';
import { deleteTemplate, saveTemplate } from './commands/templates.ts';
import { transferRequest } from './commands/transfer-request.ts';
import { withdrawRequest } from './commands/withdraw-request.ts';
import { field, mailContext, MODULE, workedEntities } from './http.ts';
import { quarterRange, quarterOf } from './report.ts';
import {
  dashboardCounts,
  findByRadicado,
  listAttachments,
  listEntities,
  listEvents,
  listLocalidades,
  listNotes,
  listOfficials,
  listQueue,
  listTemplates,
  listTypes,
  type QueueFilters,
  type RequestRow,
} from './service-requests.queries.ts';
import { OUTCOMES, STATES, type AnswerOutcome } from './service-requests.schema.ts';
import { readSetting } from './service-requests.settings.ts';
import { latestExtendedDue, transferDeadline, completionRequestDeadline } from './terms.ts';
import { DashboardPage } from './views/DashboardPage.tsx';
import { QueuePage } from './views/QueuePage.tsx';
import { TemplatesPage } from './views/TemplatesPage.tsx';
import { WorkPage } from './views/WorkPage.tsx';

const E = 'service-requests.errors';

const QueueQuery = Type.Object({
  entity: Type.Optional(Type.String({ maxLength: 60 })),
  type: Type.Optional(Type.String({ maxLength: 60 })),
  state: Type.Optional(Type.Union([Type.Literal(''), Type.Literal('open'), ...STATES.map((s) => Type.Literal(s))])),
  due: Type.Optional(Type.Union([Type.Literal(''), Type.Literal('overdue'), Type.Literal('soon')])),
  localidad: Type.Optional(Type.String({ maxLength: 2 })),
  assigned: Type.Optional(Type.Union([Type.Literal(''), Type.Literal('me'), Type.Literal('none')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

/** Drops empty values so links and counts see only the filters in use. */
function cleanFilters(query: Record<string, unknown>): QueueFilters {
  const filters: Record<string, string> = {};
  for (const key of ['entity', 'type', 'state', 'due', 'localidad', 'assigned']) {
    const value = query[key];
    if (typeof value === 'string' && value) filters[key] = value;
  }
  return filters as QueueFilters;
}

/**
 * The officials' side: /pqrs/gestion (queue with filters), /pqrs/gestion/tablero (dashboard),
 * /pqrs/gestion/plantillas (answer templates), /pqrs/gestion/:radicado (one request) and its
 * actions: asignar, nota, trasladar, prorrogar, solicitar-completar, desistir, responder.
 * Only entity officials of the request's entity (and platform admins); every step audited.
 */
export async function workRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, files } = services;

  /** The entities the person may pick from (theirs, or all). */
  async function entitiesFor(request: FastifyRequest) {
    const all = await listEntities(db);
    const mine = workedEntities(request.actor);
    return mine === null ? all : all.filter((e) => mine.includes(e.code));
  }

  app.get('/pqrs/gestion', { onRequest: requireSignIn, schema: { querystring: QueueQuery } }, async (request, reply) => {
    await authorize(request, MODULE, 'work');
    const query = request.query as Record<string, unknown>;
    const filters = cleanFilters(query);
    const page = Number(query.page ?? 1);
    const today = bogotaDay();
    const [entities, types, localidades, soonDays] = await Promise.all([entitiesFor(request), listTypes(db), listLocalidades(db), readSetting(db, 'due_soon_days')]);
    const { rows, total } = await listQueue(db, { entityCodes: workedEntities(request.actor), filters, userId: request.actor!.userId, today, soonDays, page });
    return sendPage(
      request,
      reply,
      <QueuePage ctx={viewContext(request, reply)} rows={rows} total={total} page={page} filters={filters} today={today} types={types} entities={entities} localidades={localidades} />,
    );
  });

  app.get('/pqrs/gestion/tablero', { onRequest: requireSignIn }, async (request, reply) => {
    await authorize(request, MODULE, 'work');
    const today = bogotaDay();
    const { from } = quarterRange(Number(today.slice(0, 4)), quarterOf(today));
    const entityCodes = workedEntities(request.actor);
    const counts = await dashboardCounts(db, { entityCodes, today, soonDays: await readSetting(db, 'due_soon_days'), since: from });
    const entities = await entitiesFor(request);
    const scope = entityCodes === null ? request.t('service-requests.dashboard.scope_all', { date: formatDate(request.locale, from) }) : request.t('service-requests.dashboard.scope', { entities: entities.map((e) => e.acronym).join(', '), date: formatDate(request.locale, from) });
    return sendPage(request, reply, <DashboardPage ctx={viewContext(request, reply)} counts={counts} scope={scope} />);
  });

  // ----- answer templates -----

  async function renderTemplates(request: FastifyRequest, reply: FastifyReply, values?: Record<string, string>, errors?: FieldErrors, status = 200) {
    const [templates, entities] = await Promise.all([listTemplates(db, workedEntities(request.actor)), entitiesFor(request)]);
    return sendPage(request, reply, <TemplatesPage ctx={viewContext(request, reply)} templates={templates} entities={entities} values={values} errors={errors} />, status);
  }

  app.get('/pqrs/gestion/plantillas', { onRequest: requireSignIn }, async (request, reply) => {
    await authorize(request, MODULE, 'work');
    return renderTemplates(request, reply);
  });

  app.post('/pqrs/gestion/plantillas', { onRequest: requireSignIn }, async (request, reply) => {
    await authorize(request, MODULE, 'work');
    const values = { entity: field(request.body, 'entity', 60), title: field(request.body, 'title', 200).trim(), body: field(request.body, 'body', 21_000).trim() };
    const errors: FieldErrors = {};
    const entities = await entitiesFor(request);
    if (!entities.some((e) => e.code === values.entity)) errors.entity = { key: `${E}.entity_unknown` };
    else await authorize(request, MODULE, 'work', { entityCode: values.entity });
    if (values.title.length < 3 || values.title.length > 120) errors.title = { key: `${E}.template_title_length`, vars: { min: 3, max: 120 } };
    if (values.body.length < 10 || values.body.length > 20_000) errors.body = { key: `${E}.template_body_length`, vars: { min: 10, max: 20000 } };
    if (Object.keys(errors).length > 0) return renderTemplates(request, reply, values, errors, 422);
    const result = await withTransaction(db, (tx) => saveTemplate(tx, { entityCode: values.entity, title: values.title, body: values.body, actor: request.actor!, requestId: request.id }));
    if (!result.ok) return renderTemplates(request, reply, values, { title: { key: `${E}.template_duplicate` } }, 409);
    return redirectAfterPost(request, reply, '/pqrs/gestion/plantillas', 'service-requests.flash.template_saved');
  });

  app.post(
    '/pqrs/gestion/plantillas/:id/eliminar',
    { onRequest: requireSignIn, schema: { params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) }) } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const template = await db.selectFrom('service_requests_templates').select(['id', 'entity_code']).where('id', '=', id).executeTakeFirst();
      if (!template) return notFound();
      await authorize(request, MODULE, 'work', { entityCode: template.entity_code });
      await withTransaction(db, (tx) => deleteTemplate(tx, { id, actor: request.actor!, requestId: request.id }));
      return redirectAfterPost(request, reply, '/pqrs/gestion/plantillas', 'service-requests.flash.template_deleted');
    },
  );

  // ----- one request -----

  async function loadRequest(request: FastifyRequest, action: string): Promise<RequestRow> {
    const row = await findByRadicado(db, (request.params as { radicado: string }).radicado);
    if (!row) return notFound();
    await authorize(request, MODULE, action, { entityCode: row.entity_code });
    return row;
  }

  async function renderWork(request: FastifyRequest, reply: FastifyReply, row: RequestRow, values: Record<string, string> = {}, errors?: FieldErrors, status = 200) {
    const resource = { entityCode: row.entity_code };
    const [events, attachments, notes, officials, entities, templates, transfer, extend, completion, answer] = await Promise.all([
      listEvents(db, row.id, false),
      listAttachments(db, row.id),
      listNotes(db, row.id),
      listOfficials(db, row.entity_code),
      listEntities(db),
      listTemplates(db, [row.entity_code]),
      canOnRequest(request, MODULE, 'transfer', resource),
      canOnRequest(request, MODULE, 'extend', resource),
      canOnRequest(request, MODULE, 'request-completion', resource),
      canOnRequest(request, MODULE, 'answer', resource),
    ]);
    const chosen = (request.query as { plantilla?: string } | undefined)?.plantilla;
    const template = chosen ? templates.find((tpl) => tpl.id === chosen) : undefined;
    const shown = template && values.answer_text === undefined ? { ...values, answer_text: template.body } : values;
    return sendPage(
      request,
      reply,
      <WorkPage
        ctx={viewContext(request, reply)}
        request={row}
        events={events}
        files={attachments}
        notes={notes}
        officials={officials}
        entities={entities}
        templates={templates}
        today={bogotaDay()}
        values={shown}
        errors={errors}
        can={{ transfer: transfer.allowed, extend: extend.allowed, completion: completion.allowed, answer: answer.allowed }}
      />,
      status,
    );
  }

  const base = (row: RequestRow) => `/pqrs/gestion/${row.radicado}`;
  const reason = (body: unknown, name: string) => field(body, name, 4100).trim();
  const needsReason = (value: string, name: string, errors: FieldErrors) => {
    if (value.length < 10 || value.length > 4000) errors[name] = { key: `${E}.reason_length`, vars: { min: 10, max: 4000 } };
  };

  app.get(
    '/pqrs/gestion/:radicado',
    { onRequest: requireSignIn, schema: { params: RadicadoParams, querystring: Type.Object({ plantilla: Type.Optional(Type.String({ maxLength: 40 })) }) } },
    async (request, reply) => renderWork(request, reply, await loadRequest(request, 'work')),
  );

  const opts = { onRequest: requireSignIn, schema: { params: RadicadoParams } };

  app.post('/pqrs/gestion/:radicado/asignar', opts, async (request, reply) => {
    const row = await loadRequest(request, 'work');
    const assignee = field(request.body, 'assignee', 60);
    const result = await withTransaction(db, (tx) => assignRequest(tx, { id: row.id, assigneeId: assignee || null, actor: request.actor!, requestId: request.id }));
    if (!result.ok) return renderWork(request, reply, row, { assignee }, { assignee: { key: `${E}.assign.${result.error}` } }, result.error === 'not_official' ? 422 : 409);
    return redirectAfterPost(request, reply, base(row), assignee ? 'service-requests.flash.assigned' : 'service-requests.flash.unassigned');
  });

  app.post('/pqrs/gestion/:radicado/nota', opts, async (request, reply) => {
    const row = await loadRequest(request, 'work');
    const note = field(request.body, 'note', 4100).trim();
    if (note.length < 1 || note.length > 4000) return renderWork(request, reply, row, { note }, { note: { key: `${E}.note_length`, vars: { max: 4000 } } }, 422);
    await withTransaction(db, (tx) => addNote(tx, { id: row.id, body: note, actor: request.actor!, requestId: request.id }));
    return redirectAfterPost(request, reply, `${base(row)}#notes-title`, 'service-requests.flash.note_added');
  });

  app.post('/pqrs/gestion/:radicado/trasladar', opts, async (request, reply) => {
    const row = await loadRequest(request, 'transfer');
    const values = { to_entity: field(request.body, 'to_entity', 60), transfer_reason: reason(request.body, 'transfer_reason') };
    const errors: FieldErrors = {};
    if (!values.to_entity) errors.to_entity = { key: `${E}.entity_unknown` };
    needsReason(values.transfer_reason, 'transfer_reason', errors);
    if (Object.keys(errors).length > 0) return renderWork(request, reply, row, values, errors, 422);
    const result = await withTransaction(db, (tx) => transferRequest(tx, mailContext(app), { id: row.id, toEntity: values.to_entity, reason: values.transfer_reason, actor: request.actor!, requestId: request.id }));
    if (!result.ok) {
      const vars = { date: formatDate(request.locale, transferDeadline(row.filed_on)) };
      return renderWork(request, reply, row, values, { to_entity: { key: `${E}.transfer.${result.error}`, vars } }, result.error === 'unknown_entity' ? 422 : 409);
    }
    return redirectAfterPost(request, reply, '/pqrs/gestion', 'service-requests.flash.transferred', { radicado: row.radicado });
  });

  app.post('/pqrs/gestion/:radicado/prorrogar', opts, async (request, reply) => {
    const row = await loadRequest(request, 'extend');
    const values = { new_due: field(request.body, 'new_due', 20).trim(), extension_reason: reason(request.body, 'extension_reason') };
    const errors: FieldErrors = {};
    if (parseDay(values.new_due) === null) errors.new_due = { key: `${E}.extension.invalid_date` };
    needsReason(values.extension_reason, 'extension_reason', errors);
    if (Object.keys(errors).length > 0) return renderWork(request, reply, row, values, errors, 422);
    const result = await withTransaction(db, (tx) => extendRequest(tx, mailContext(app), { id: row.id, newDue: values.new_due, reason: values.extension_reason, actor: request.actor!, requestId: request.id }));
    if (!result.ok) {
      const vars = { latest: formatDate(request.locale, latestExtendedDue(row)), due: formatDate(request.locale, row.due_on) };
      return renderWork(request, reply, row, values, { new_due: { key: `${E}.extension.${result.error}`, vars } }, result.error === 'invalid_date' ? 422 : 409);
    }
    return redirectAfterPost(request, reply, base(row), 'service-requests.flash.extended', { due: formatDate(request.locale, values.new_due) });
  });

  app.post('/pqrs/gestion/:radicado/solicitar-completar', opts, async (request, reply) => {
    const row = await loadRequest(request, 'request-completion');
    const values = { completion_reason: reason(request.body, 'completion_reason') };
    const errors: FieldErrors = {};
    needsReason(values.completion_reason, 'completion_reason', errors);
    if (Object.keys(errors).length > 0) return renderWork(request, reply, row, values, errors, 422);
    const result = await withTransaction(db, (tx) => requestCompletion(tx, mailContext(app), { id: row.id, reason: values.completion_reason, actor: request.actor!, requestId: request.id }));
    if (!result.ok) {
      const vars = { date: formatDate(request.locale, completionRequestDeadline(row.filed_on)) };
      return renderWork(request, reply, row, values, { completion_reason: { key: `${E}.completion.${result.error}`, vars } }, 409);
    }
    return redirectAfterPost(request, reply, base(row), 'service-requests.flash.completion_requested');
  });

  app.post('/pqrs/gestion/:radicado/desistir', opts, async (request, reply) => {
    const row = await loadRequest(request, 'request-completion');
    const values = { withdraw_reason: reason(request.body, 'withdraw_reason') };
    const errors: FieldErrors = {};
    needsReason(values.withdraw_reason, 'withdraw_reason', errors);
    if (Object.keys(errors).length > 0) return renderWork(request, reply, row, values, errors, 422);
    const result = await withTransaction(db, (tx) => withdrawRequest(tx, mailContext(app), { id: row.id, reason: values.withdraw_reason, actor: request.actor!, requestId: request.id }));
    if (!result.ok) {
      const vars = { date: formatDate(request.locale, row.completion_deadline_on ?? row.due_on) };
      return renderWork(request, reply, row, values, { withdraw_reason: { key: `${E}.withdraw.${result.error}`, vars } }, 409);
    }
    return redirectAfterPost(request, reply, base(row), 'service-requests.flash.withdrawn');
  });

  await app.register(async (scope) => {
    await registerUploads(scope);
    scope.post('/pqrs/gestion/:radicado/responder', opts, async (request, reply) => {
      const row = await loadRequest(request, 'answer');
      const values = { answer_outcome: field(request.body, 'answer_outcome', 20), answer_text: field(request.body, 'answer_text', 21_000).trim() };
      const errors: FieldErrors = {};
      if (!(OUTCOMES as readonly string[]).includes(values.answer_outcome)) errors.answer_outcome = { key: `${E}.outcome_required` };
      if (values.answer_text.length < 20 || values.answer_text.length > 20_000) errors.answer_text = { key: `${E}.answer_length`, vars: { min: 20, max: 20000 } };
      const uploads = checkUploads(uploadsOf(request.body));
      if ('error' in uploads) errors.files = uploads.error;
      if (Object.keys(errors).length > 0 || 'error' in uploads) return renderWork(request, reply, row, values, errors, 422);
      const result = await withTransaction(db, (tx) =>
        answerRequest(tx, { files, mail: mailContext(app) }, { id: row.id, text: values.answer_text, outcome: values.answer_outcome as AnswerOutcome, files: uploads.files, actor: request.actor!, requestId: request.id }),
      );
      if (!result.ok) return renderWork(request, reply, row, values, { answer_text: { key: `${E}.answer.${result.error}` } }, 409);
      return redirectAfterPost(request, reply, base(row), result.onTime ? 'service-requests.flash.answered' : 'service-requests.flash.answered_late');
    });
  });
}
