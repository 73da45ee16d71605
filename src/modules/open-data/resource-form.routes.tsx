import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FileRejectedError, type StoredFile } from '../../core/files/file-store.ts';
import type { FieldErrors } from '../../core/http/errors.ts';
import { forbidden, notFound } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize } from '../../core/permissions/authorize.ts';
import { MIME_TYPES, RESOURCE_FORMATS } from './catalogue.data.ts';
import { findDataset } from './catalogue.queries.ts';
import { addResource } from './commands/add-resource.ts';
import { datasetPath } from './paths.ts';
import { ResourceFormPage } from './views/ResourceFormPage.tsx';

/** Largest upload (the datastore streams big CSVs; the file store never holds them in memory). */
export const MAX_RESOURCE_BYTES = 1024 * 1024 * 1024;
const UPLOAD_TYPES = ['text/csv', 'application/json', 'application/geo+json', MIME_TYPES.XLSX!, 'application/pdf', 'application/zip', 'application/xml'];
const FORMAT_BY_EXTENSION: Record<string, string> = { csv: 'CSV', json: 'JSON', geojson: 'GEOJSON', xlsx: 'XLSX', pdf: 'PDF', zip: 'ZIP', xml: 'XML' };

type Uploaded = { stored: StoredFile } | { problem: 'too_large' | 'type_not_allowed' | 'empty' };

/** The officials' "add a resource" form: an uploaded file (streamed to the file store) or a link. */
export function resourceRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;
  const editable = async (request: FastifyRequest) => {
    const dataset = (await findDataset(db, (request.params as { name: string }).name)) ?? notFound();
    if (dataset.sourceExport) forbidden('missing_role');
    await authorize(request, 'open-data', 'manage-datasets', { entityCode: dataset.organization.code });
    return dataset;
  };

  app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_RESOURCE_BYTES, files: 1, fields: 20, parts: 25 },
      async onFile(this: FastifyRequest, part: MultipartFile) {
        const extension = /\.([a-z0-9]+)$/i.exec(part.filename)?.[1]?.toLowerCase() ?? '';
        const format = FORMAT_BY_EXTENSION[extension];
        let value: Uploaded | null = null;
        if (!part.filename) part.file.resume();
        else if (!format) {
          part.file.resume();
          value = { problem: 'type_not_allowed' };
        } else {
          try {
            const stored = await services.files.save(db, part.file, { originalName: part.filename, mediaType: MIME_TYPES[format]!, allowedTypes: UPLOAD_TYPES, maxBytes: MAX_RESOURCE_BYTES, createdBy: this.actor?.userId ?? null });
            value = part.file.truncated ? { problem: 'too_large' } : { stored };
          } catch (error) {
            if (!(error instanceof FileRejectedError)) throw error;
            value = { problem: error.code };
          }
        }
        (part as unknown as { value: Uploaded | null }).value = value;
      },
    });
    // Only officials reach the upload parser.
    scope.addHook('preValidation', async (request) => {
      if (request.method === 'POST') await authorize(request, 'open-data', 'manage-datasets');
    });

    scope.get('/datos/conjuntos/:name/recursos/nuevo', async (request, reply) => {
      const dataset = await editable(request);
      return sendPage(request, reply, <ResourceFormPage ctx={viewContext(request, reply)} dataset={dataset} values={{}} />);
    });

    scope.post('/datos/conjuntos/:name/recursos/nuevo', async (request, reply) => {
      const dataset = await editable(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
      const upload = body.file as Uploaded | null | undefined;
      const values = { name: text('name'), description: text('description'), format: text('format'), url: text('url') };
      const errors: FieldErrors = {};
      if (!values.name) errors.name = { key: 'open-data.errors.missing' };
      else if (values.name.length > 300) errors.name = { key: 'open-data.errors.too_long' };
      if (upload && 'problem' in upload) errors.file = { key: `open-data.errors.file_${upload.problem}` };
      const stored = upload && 'stored' in upload ? upload.stored : null;
      if (!stored && !values.url && !errors.file) errors.file = { key: 'open-data.errors.file_or_link' };
      if (!stored && values.url && !/^https?:\/\/\S+$/.test(values.url)) errors.url = { key: 'open-data.errors.invalid' };
      const format = stored ? (Object.entries(MIME_TYPES).find(([, m]) => m === stored.mediaType)?.[0] ?? 'CSV') : values.format;
      if (!stored && !(RESOURCE_FORMATS as readonly string[]).includes(format)) errors.format = { key: 'open-data.errors.missing' };
      if (Object.keys(errors).length > 0) return sendPage(request, reply, <ResourceFormPage ctx={viewContext(request, reply)} dataset={dataset} values={values} errors={errors} />, 400);
      await db.transaction().execute((tx) =>
        addResource(tx, {
          datasetId: dataset.id,
          resource: { name: values.name, description: values.description, format, url: stored ? null : values.url, file: stored ? { id: stored.id, sizeBytes: stored.sizeBytes } : null },
          actor: request.actor,
          now: new Date(),
          requestId: request.id,
        }),
      );
      return redirectAfterPost(request, reply, datasetPath(dataset.name), 'open-data.manage.resource_added');
    });
  });
}
