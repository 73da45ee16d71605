import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, translatorFor, type Translate } from '../i18n/i18n.ts';
import { Layout } from '../views/Layout.tsx';
import { HttpError, type FieldErrors } from './errors.ts';
import { sendPage, viewContext } from './render.tsx';

/** Does this request want JSON (API routes) rather than a page? */
export const isApiRequest = (request: FastifyRequest) => request.url.startsWith('/api/') || request.url === '/healthz';

const VALIDATION_KEYS: Record<string, string> = {
  required: 'validation.required',
  minLength: 'validation.min_length',
  maxLength: 'validation.max_length',
  minimum: 'validation.minimum',
  maximum: 'validation.maximum',
  type: 'validation.type',
  pattern: 'validation.pattern',
  enum: 'validation.enum',
  const: 'validation.enum',
  anyOf: 'validation.invalid',
  format: 'validation.format',
  additionalProperties: 'validation.additional',
};

/** Turns Ajv errors into translatable field errors keyed by field name. */
export function fieldErrorsFromValidation(validation: NonNullable<FastifyError['validation']>): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of validation) {
    const params = issue.params as Record<string, unknown>;
    let field = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (issue.keyword === 'required') field = [field, String(params.missingProperty)].filter(Boolean).join('.');
    if (issue.keyword === 'additionalProperties') field = [field, String(params.additionalProperty)].filter(Boolean).join('.');
    field ||= '_';
    if (fields[field]) continue;
    const limit = params.limit ?? params.minimum ?? params.maximum;
    fields[field] = {
      key: VALIDATION_KEYS[issue.keyword] ?? 'validation.invalid',
      vars: { ...(limit !== undefined ? { limit: Number(limit) } : {}), ...(params.additionalProperty ? { name: String(params.additionalProperty) } : {}) },
    };
  }
  return fields;
}

interface Normalised {
  status: number;
  code: string;
  messageKey: string;
  vars?: Record<string, string | number>;
  fields?: FieldErrors;
  reason?: string;
  retryAfterSeconds?: number;
}

function normalise(error: FastifyError | HttpError | Error): Normalised {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      code: error.code,
      messageKey: error.messageKey,
      vars: { ...error.extra.vars, ...(error.extra.retryAfterSeconds ? { seconds: error.extra.retryAfterSeconds } : {}) },
      fields: error.extra.fields,
      reason: error.extra.reason,
      retryAfterSeconds: error.extra.retryAfterSeconds,
    };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return { status: 400, code: 'invalid_input', messageKey: 'errors.invalid_input', fields: fieldErrorsFromValidation(fastifyError.validation) };
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 413) return { status, code: 'payload_too_large', messageKey: 'errors.payload_too_large' };
  if (status === 415) return { status, code: 'unsupported_media_type', messageKey: 'errors.unsupported_media_type' };
  if (status === 405) return { status, code: 'method_not_allowed', messageKey: 'errors.method_not_allowed' };
  if (status >= 400 && status < 500) return { status, code: 'bad_request', messageKey: 'errors.bad_request' };
  return { status: 500, code: 'internal_error', messageKey: 'errors.server' };
}

function ErrorPage(props: { t: Translate; status: number; title: string; message: string; hint?: string; fields?: FieldErrors; ctx: ReturnType<typeof viewContext> }) {
  const { t } = props;
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p class="lead">{props.message}</p>
      {props.fields && Object.keys(props.fields).length > 0 && (
        <ul>
          {Object.entries(props.fields).map(([name, e]) => (
            <li>
              <code>{name}</code>: {t(e.key, e.vars)}
            </li>
          ))}
        </ul>
      )}
      {props.hint && <p>{props.hint}</p>}
      <p>{t('errors.status', { status: String(props.status) })}</p>
      <p>
        <a href="/">{t('errors.go_home')}</a>
      </p>
    </Layout>
  );
}

/**
 * Sends an error as the JSON envelope `{ error: { code, message, reason?, fields?, requestId } }`
 * for API clients, or as a translated page for browsers. Never includes a stack trace.
 */
export async function sendError(request: FastifyRequest, reply: FastifyReply, error: Normalised): Promise<FastifyReply> {
  const t = request.t ?? translatorFor(request.server.gab.catalog, request.locale ?? DEFAULT_LOCALE);
  if (error.retryAfterSeconds) reply.header('retry-after', String(error.retryAfterSeconds));
  if (isApiRequest(request)) {
    const fields = error.fields
      ? Object.fromEntries(Object.entries(error.fields).map(([name, e]) => [name, t(e.key, e.vars)]))
      : undefined;
    return reply
      .code(error.status)
      .header('cache-control', 'no-store')
      .send({ error: { code: error.code, message: t(error.messageKey, error.vars), ...(error.reason ? { reason: error.reason } : {}), ...(fields ? { fields } : {}), requestId: request.id } });
  }
  const title =
    error.status === 404
      ? t('errors.not_found_title')
      : error.status === 403 || error.status === 401
        ? t('errors.forbidden_title')
        : error.status >= 500
          ? t('errors.server_title')
          : t('errors.error_title');
  const ctx = viewContext(request, reply);
  return sendPage(
    request,
    reply,
    <ErrorPage
      ctx={ctx}
      t={t}
      status={error.status}
      title={title}
      message={t(error.messageKey, error.vars)}
      hint={error.status === 404 ? t('errors.not_found_hint') : undefined}
      fields={error.fields}
    />,
    error.status,
  );
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const normalised = normalise(error);
    if (normalised.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: normalised.code }, 'request rejected');
    return sendError(request, reply, normalised);
  });
  app.setNotFoundHandler(async (request, reply) => sendError(request, reply, { status: 404, code: 'not_found', messageKey: 'errors.not_found' }));
}
