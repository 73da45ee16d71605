import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { requireSignIn } from '../../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../../core/db/database.ts';
import { sniffMediaType } from '../../../core/files/sniff.ts';
import { notFound } from '../../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../../core/http/render.tsx';
import type { Services } from '../../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../../core/permissions/authorize.ts';
import { REUSE_KINDS, type ReuseKind } from '../open-data.schema.ts';
import { createReuse, hideReuse } from './commands/reuses.ts';
import { field, readReason, readReuseForm, type FormBody as Body } from './forms.ts';
import { REUSES_PATH, reusePath } from './paths.ts';
import { findReuse, listReuses } from './reuses.queries.ts';
import { datasetChoices, FormBody, IdParams, isUuid, ListQuery, redirectWithInfo } from './shared.ts';
import { ReuseFormPage } from './views/ReuseFormPage.tsx';
import { ReusePage } from './views/ReusePage.tsx';
import { ReusesListPage } from './views/ReusesListPage.tsx';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;

/** An image as the multipart reader hands it over: in memory (at most 2 MB), checked after the form. */
interface UploadedImage {
  filename: string;
  data: Buffer;
  truncated: boolean;
}

/** Reuses: the list, the publishing form (multipart, for the optional image), the page, the image and moderation. */
export function reuseRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  app.get(REUSES_PATH, { schema: { querystring: ListQuery } }, async (request, reply) => {
    await authorize(request, 'open-data', 'view');
    const query = request.query as Record<string, string>;
    const kind = (REUSE_KINDS as readonly string[]).includes(query.tipo ?? '') ? (query.tipo as ReuseKind) : undefined;
    const page = Number(query.pagina);
    const result = await listReuses(db, { kind, page: Number.isInteger(page) && page > 1 && page <= 1000 ? page : 1 });
    return sendPage(request, reply, <ReusesListPage ctx={viewContext(request, reply)} kind={kind} result={result} />);
  });

  app.get(`${REUSES_PATH}/nuevo`, { onRequest: requireSignIn }, async (request, reply) => {
    await authorize(request, 'open-data', 'publish-reuse');
    const { list, ids } = await datasetChoices(app);
    // Coming from a dataset page: that dataset is already ticked.
    const from = (request.query as { conjunto?: unknown }).conjunto;
    const chosen = typeof from === 'string' && ids.has(from) ? [from] : [];
    return sendPage(request, reply, <ReuseFormPage ctx={viewContext(request, reply)} values={{ datasets: chosen }} datasets={list} />);
  });

  app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: IMAGE_MAX_BYTES, files: 1, fields: 150, fieldSize: 20_000, parts: 160 },
      async onFile(part: MultipartFile) {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        const upload: UploadedImage | null = part.filename ? { filename: part.filename, data: Buffer.concat(chunks), truncated: part.file.truncated } : null;
        (part as unknown as { value: UploadedImage | null }).value = upload;
      },
    });
    // Only people who may publish reach the upload parser.
    scope.addHook('onRequest', requireSignIn);
    scope.addHook('preValidation', async (request: FastifyRequest) => {
      await authorize(request, 'open-data', 'publish-reuse');
    });

    scope.post(`${REUSES_PATH}/nuevo`, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const { list, ids } = await datasetChoices(app);
      const { values, fields, errors } = readReuseForm(body, ids);
      const upload = body.image as UploadedImage | null | undefined;
      let imageType: (typeof IMAGE_TYPES)[number] | null = null;
      if (upload && upload.data.length > 0) {
        if (upload.truncated) errors.image = { key: 'open-data.community.errors.image_too_large', vars: { max: '2 MB' } };
        else if (!(imageType = sniffMediaType(upload.data, IMAGE_TYPES))) errors.image = { key: 'open-data.community.errors.image_type' };
      }
      if (!fields || errors.image) return sendPage(request, reply, <ReuseFormPage ctx={viewContext(request, reply)} values={values} errors={errors} datasets={list} />, 400);
      const id = await withTransaction(db, async (tx) => {
        // Stored with the type its bytes show, never the one the browser claimed.
        const image = upload && imageType ? await services.files.save(tx, Readable.from([upload.data]), { originalName: upload.filename, mediaType: imageType, allowedTypes: IMAGE_TYPES, maxBytes: IMAGE_MAX_BYTES, createdBy: request.actor!.userId }) : null;
        return createReuse(tx, { fields, imageFileId: image?.id ?? null, actor: request.actor!, requestId: request.id });
      });
      return redirectAfterPost(request, reply, reusePath(id), 'open-data.community.flash.reuse_published');
    });
  });

  app.get(`${REUSES_PATH}/:id`, { schema: { params: IdParams } }, async (request, reply) => {
    await authorize(request, 'open-data', 'view');
    const { id } = request.params as { id: string };
    const reuse = (isUuid(id) && (await findReuse(db, id))) || notFound();
    const moderate = (await canOnRequest(request, 'open-data', 'moderate')).allowed;
    return sendPage(request, reply, <ReusePage ctx={viewContext(request, reply)} reuse={reuse} moderate={moderate} />);
  });

  app.get(`${REUSES_PATH}/:id/imagen`, { schema: { params: IdParams } }, async (request, reply) => {
    await authorize(request, 'open-data', 'view');
    const { id } = request.params as { id: string };
    const reuse = (isUuid(id) && (await findReuse(db, id))) || notFound();
    if (reuse.hidden_reason !== null || !reuse.image_file_id) return notFound();
    const file = (await db.selectFrom('core_files').select(['sha256', 'media_type']).where('id', '=', reuse.image_file_id).executeTakeFirst()) ?? notFound();
    reply.header('cache-control', 'public, max-age=86400');
    return reply.type(file.media_type).send(services.files.open(file.sha256));
  });

  app.post(`${REUSES_PATH}/:id/ocultar`, { onRequest: requireSignIn, schema: { params: IdParams, body: FormBody } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const reuse = (isUuid(id) && (await findReuse(db, id))) || notFound();
    await authorize(request, 'open-data', 'moderate');
    const body = (request.body ?? {}) as Body;
    const { reason, errors } = readReason(body);
    if (errors.reason) return sendPage(request, reply, <ReusePage ctx={viewContext(request, reply)} reuse={reuse} moderate hideForm={{ errors, values: { reason: field(body, 'reason') } }} />, 400);
    const result = await withTransaction(db, (tx) => hideReuse(tx, { id: reuse.id, reason, actor: request.actor!, requestId: request.id }));
    if (!result.ok) return redirectWithInfo(request, reply, reusePath(reuse.id), 'open-data.community.flash.already_hidden');
    return redirectAfterPost(request, reply, reusePath(reuse.id), 'open-data.community.flash.reuse_hidden');
  });
}
