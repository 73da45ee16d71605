import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { cachedFor } from '../../core/cache/ttl-cache.ts';
import { withTransaction } from '../../core/db/database.ts';
import { HttpError, forbidden, notFound, type FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import { bogotaDay } from '../../core/i18n/i18n.ts';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import { POLICIES } from '../../core/site/policies.ts';
import { checkUploads, registerUploads, uploadsOf } from './attachments.ts';
import { completeRequest } from './commands/complete-request.ts';
import { fileRequest } from './commands/file-request.ts';
import { EMPTY_FILING, readFilingForm, validateFiling, type FilingForm } from './filing-form.ts';
import { clientHash, field, grantFollow, hasGrant, keepReceipt, limitPerHour, mailContext, MODULE, takeReceipt } from './http.ts';
import { followCodeMatches, normalizeFollowCode, normalizeRadicado } from './radicado.ts';
import { findAttachment, findByRadicado, listAttachments, listEntities, listEvents, listLocalidades, listMine, listTypes, type RequestRow } from './service-requests.queries.ts';
import { FilingPage, type FilingChoicesView } from './views/FilingPage.tsx';
import { FollowLookupPage } from './views/FollowLookupPage.tsx';
import { FollowPage } from './views/FollowPage.tsx';
import { PqrsHomePage } from './views/HomePage.tsx';
import { MyRequestsPage } from './views/MyRequestsPage.tsx';
import { ReceiptPage } from './views/ReceiptPage.tsx';

export const RadicadoParams = Type.Object({ radicado: Type.String({ pattern: '^[0-9]{4}-[0-9]{6,9}$' }) });
const CHOICES_TTL_MS = 30_000;
const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

export async function filingChoices(services: Services): Promise<FilingChoicesView> {
  const [types, entities, localidades] = await Promise.all([listTypes(services.db), listEntities(services.db), listLocalidades(services.db)]);
  return { types, entities, localidades };
}

/** The person who filed (their account) or a browser that proved the follow code. */
export const isRequester = (request: FastifyRequest, row: { id: string; requester_user_id: string | null }) =>
  Boolean(request.actor && row.requester_user_id === request.actor.userId) || hasGrant(request, row.id);

/**
 * Citizen pages: /pqrs (what can be filed), /pqrs/radicar (file), /pqrs/radicada (the receipt,
 * once), /pqrs/seguimiento (follow by radicado + code), /pqrs/seguimiento/:radicado (the request,
 * completion), /pqrs/mis-solicitudes, /pqrs/adjuntos/:id (files, for whoever may see the request).
 */
export async function citizenRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, files, config } = services;
  // Types, entities and localidades are reference data: a filing need not read them each time.
  const cachedChoices = cachedFor(CHOICES_TTL_MS, () => filingChoices(services));

  app.get('/pqrs', async (request, reply) => {
    await authorize(request, MODULE, 'view');
    const [types, work, desk] = await Promise.all([listTypes(db), canOnRequest(request, MODULE, 'work'), canOnRequest(request, MODULE, 'file-for-citizen')]);
    return sendPage(request, reply, <PqrsHomePage ctx={viewContext(request, reply)} types={types} canWork={Boolean(request.actor) && work.allowed} canFileForCitizen={Boolean(request.actor) && desk.allowed} />);
  });

  app.get('/pqrs/radicar', async (request, reply) => {
    const decision = await canOnRequest(request, MODULE, 'file');
    const form: FilingForm = { ...EMPTY_FILING, identification: request.actor ? 'account' : '' };
    return sendPage(request, reply, <FilingPage ctx={viewContext(request, reply)} form={form} choices={await cachedChoices()} denied={decision.allowed ? undefined : decision.reason} />);
  });

  await app.register(async (scope) => {
    await registerUploads(scope);

    // The module's own hourly limit per client replaces the generic per-minute one (it is stricter).
    scope.post('/pqrs/radicar', { config: { rateLimit: false } }, async (request, reply) => {
      await authorize(request, MODULE, 'file');
      await limitPerHour(request, 'file', 'filing_per_hour');
      const form = readFilingForm(request.body);
      const choices = await cachedChoices();
      const { errors, parsed } = validateFiling(form, {
        types: choices.types,
        entities: choices.entities.map((e) => e.code),
        localidades: choices.localidades.map((l) => l.code),
        signedIn: Boolean(request.actor),
        desk: null,
        secret: config.secret,
      });
      const uploads = checkUploads(uploadsOf(request.body));
      if ('error' in uploads) errors.files = uploads.error;
      if (!parsed || 'error' in uploads) return sendPage(request, reply, <FilingPage ctx={viewContext(request, reply)} form={form} errors={errors} choices={choices} />, 422);
      const requester = parsed.requester.kind === 'account' ? { kind: 'account' as const, userId: request.actor!.userId } : parsed.requester;
      const filed = await withTransaction(db, (tx) =>
        fileRequest(tx, { files, secret: config.secret, mail: mailContext(app) }, {
          ...parsed,
          requester,
          consent: { policyVersion: POLICIES.privacy[request.locale].version, ipHash: clientHash(request) },
          locale: request.locale,
          files: uploads.files,
          actor: request.actor,
          filedBy: null,
          requestId: request.id,
        }),
      );
      grantFollow(request, filed.id);
      keepReceipt(request, {
        radicado: filed.radicado,
        code: filed.code,
        dueOn: filed.dueOn,
        typeCode: parsed.typeCode,
        entityName: choices.entities.find((e) => e.code === parsed.entityCode)?.name ?? parsed.entityCode,
        emailed: requester.kind === 'contact' ? Boolean(requester.email) : requester.kind === 'account',
      });
      return redirectAfterPost(request, reply, '/pqrs/radicada', 'service-requests.flash.filed', { radicado: filed.radicado });
    });

    scope.post('/pqrs/seguimiento/:radicado/completar', { schema: { params: RadicadoParams } }, async (request, reply) => {
      const row = await findByRadicado(db, (request.params as { radicado: string }).radicado);
      if (!row) return notFound();
      await authorize(request, MODULE, 'follow');
      if (!isRequester(request, row)) return forbidden('not_author');
      const text = field(request.body, 'text', 12_000).trim();
      const errors: FieldErrors = {};
      if (text.length < 10 || text.length > 10_000) errors.text = { key: 'service-requests.errors.completion_length', vars: { min: 10, max: 10000 } };
      const uploads = checkUploads(uploadsOf(request.body));
      if ('error' in uploads) errors.files = uploads.error;
      if (Object.keys(errors).length > 0 || 'error' in uploads) return renderFollow(request, reply, row, { text, errors }, 422);
      const result = await withTransaction(db, (tx) =>
        completeRequest(tx, { files, mail: mailContext(app) }, { id: row.id, text, files: uploads.files, actor: request.actor, requestId: request.id }),
      );
      if (!result.ok) throw new HttpError(409, 'conflict', 'service-requests.errors.not_awaiting');
      return redirectAfterPost(request, reply, `/pqrs/seguimiento/${row.radicado}`, 'service-requests.flash.completed', { due: result.dueOn ?? '' });
    });
  });

  app.get('/pqrs/radicada', async (request, reply) => {
    const receipt = takeReceipt(request);
    if (!receipt) return reply.redirect('/pqrs/seguimiento', 302);
    return sendPage(request, reply, <ReceiptPage ctx={viewContext(request, reply)} receipt={receipt} />);
  });

  app.get('/pqrs/seguimiento', { schema: { querystring: Type.Object({ radicado: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (request, reply) => {
    await authorize(request, MODULE, 'follow');
    const { radicado = '' } = request.query as { radicado?: string };
    return sendPage(request, reply, <FollowLookupPage ctx={viewContext(request, reply)} radicado={radicado} />);
  });

  app.post('/pqrs/seguimiento', { config: { rateLimit: false } }, async (request, reply) => {
    await authorize(request, MODULE, 'follow');
    await limitPerHour(request, 'follow', 'follow_per_hour');
    const rawRadicado = field(request.body, 'radicado', 40);
    const rawCode = field(request.body, 'code', 40);
    const errors: FieldErrors = {};
    const radicado = normalizeRadicado(rawRadicado);
    const code = normalizeFollowCode(rawCode);
    if (!radicado) errors.radicado = { key: 'service-requests.errors.radicado_invalid' };
    if (!code) errors.code = { key: 'service-requests.errors.code_invalid' };
    const row = radicado && code ? await findByRadicado(db, radicado) : undefined;
    // One answer for "no such radicado" and "wrong code": the form does not confirm numbers exist.
    if (radicado && code && (!row || !followCodeMatches(config.secret, row.id, code, row.follow_code_hash))) errors.code = { key: 'service-requests.errors.not_found' };
    if (Object.keys(errors).length > 0 || !row) return sendPage(request, reply, <FollowLookupPage ctx={viewContext(request, reply)} radicado={rawRadicado} errors={errors} />, 422);
    grantFollow(request, row.id);
    return reply.redirect(`/pqrs/seguimiento/${row.radicado}`, 303);
  });

  async function renderFollow(request: FastifyRequest, reply: FastifyReply, row: RequestRow, completion?: { text: string; errors?: FieldErrors }, status = 200) {
    const [events, attachments, work] = await Promise.all([listEvents(db, row.id, true), listAttachments(db, row.id), canOnRequest(request, MODULE, 'work', { entityCode: row.entity_code })]);
    return sendPage(
      request,
      reply,
      <FollowPage ctx={viewContext(request, reply)} request={row} events={events} files={attachments} today={bogotaDay()} completion={completion} staffLink={Boolean(request.actor) && work.allowed} />,
      status,
    );
  }

  app.get('/pqrs/seguimiento/:radicado', { schema: { params: RadicadoParams } }, async (request, reply) => {
    await authorize(request, MODULE, 'follow');
    const { radicado } = request.params as { radicado: string };
    const row = await findByRadicado(db, radicado);
    if (row && isRequester(request, row)) return renderFollow(request, reply, row);
    // Officials open their own page; anyone else proves the code first (same answer whether or not it exists).
    if (row && request.actor && (await canOnRequest(request, MODULE, 'work', { entityCode: row.entity_code })).allowed) return reply.redirect(`/pqrs/gestion/${radicado}`, 302);
    return reply.redirect(`/pqrs/seguimiento?radicado=${encodeURIComponent(radicado)}`, 302);
  });

  app.get('/pqrs/mis-solicitudes', { onRequest: requireSignIn }, async (request, reply) => {
    await authorize(request, MODULE, 'view-own');
    const rows = await listMine(db, request.actor!.userId);
    return sendPage(request, reply, <MyRequestsPage ctx={viewContext(request, reply)} rows={rows} today={bogotaDay()} />);
  });

  app.get('/pqrs/adjuntos/:id', { schema: { params: Type.Object({ id: Type.String({ pattern: UUID }) }) } }, async (request, reply) => {
    const attachment = await findAttachment(db, (request.params as { id: string }).id);
    if (!attachment) return notFound();
    const staff = request.actor ? (await canOnRequest(request, MODULE, 'work', { entityCode: attachment.entity_code })).allowed : false;
    if (!staff && !isRequester(request, { id: attachment.request_id, requester_user_id: attachment.requester_user_id })) return forbidden(request.actor ? 'not_author' : 'not_signed_in');
    return reply
      .type(attachment.media_type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.original_name)}`)
      .header('cache-control', 'private, no-store')
      .header('content-length', String(attachment.size_bytes))
      .send(files.open(attachment.sha256));
  });
}
