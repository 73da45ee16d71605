import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listApiTokens, type ApiTokenRow } from '../../core/auth/api-tokens.ts';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { DataEnvelope, ErrorResponse, ERROR_RESPONSES } from '../../core/http/api-schemas.ts';
import { forbidden, notFound, type FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize } from '../../core/permissions/authorize.ts';
import { selfActor } from './account-access.ts';
import { createTokenCommand, parseNewToken, revokeTokenCommand, type NewTokenForm } from './api-tokens.commands.ts';
import { ApiTokensPage } from './views/ApiTokensPage.tsx';

const TAGS = ['Cuenta'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AUTH_ERRORS = { 401: ErrorResponse, 403: ErrorResponse };
const BEARER_NOTE = 'Autenticación: encabezado `Authorization: Bearer gab_pat_…` con un token creado en /mi-cuenta/tokens (o la sesión del navegador).';

const TokenIdParam = Type.Object({ id: Type.String({ maxLength: 100 }) });

const Me = Type.Object({
  id: Type.String({ format: 'uuid' }),
  displayName: Type.String(),
  level: Type.Union([Type.Literal('registered'), Type.Literal('identity'), Type.Literal('residence')]),
  roles: Type.Array(Type.Object({ role: Type.String(), entityCode: Type.Union([Type.String(), Type.Null()]) })),
});

const ApiToken = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const presentToken = (row: ApiTokenRow) => ({
  id: row.id,
  name: row.name,
  scopes: row.scopes,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  expiresAt: row.expires_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/**
 * Personal access tokens: the page `/mi-cuenta/tokens` (list, create with the secret shown once,
 * revoke) and the authenticated API about oneself (`/api/v1/me`, `/api/v1/me/tokens`).
 */
export function apiTokenRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  async function renderPage(request: FastifyRequest, reply: FastifyReply, extra: { created?: { name: string; token: string }; errors?: FieldErrors; form?: NewTokenForm } = {}, status = 200) {
    const tokens = await listApiTokens(db, request.actor!.userId);
    return sendPage(request, reply, <ApiTokensPage ctx={viewContext(request, reply)} tokens={tokens} {...extra} />, status);
  }

  app.get('/mi-cuenta/tokens', { onRequest: requireSignIn }, async (request, reply) => {
    await authorize(request, 'accounts', 'manage-api-tokens');
    return renderPage(request, reply);
  });

  // The new secret is rendered in the response to the form instead of redirecting, so it is never
  // written anywhere (not even to the session) on its way to the person.
  app.post('/mi-cuenta/tokens', { onRequest: requireSignIn }, async (request, reply) => {
    await authorize(request, 'accounts', 'manage-api-tokens');
    const parsed = parseNewToken(request.body);
    if (!parsed.ok) return renderPage(request, reply, { errors: parsed.errors, form: parsed.form }, 422);
    const actor = request.actor!;
    const result = await withTransaction(db, (tx) => createTokenCommand(tx, { actor, auditActor: selfActor(actor.userId), token: parsed.input, requestId: request.id }));
    if (!result.ok) return renderPage(request, reply, { errors: result.errors, form: parsed.form }, 422);
    reply.header('cache-control', 'no-store');
    return renderPage(request, reply, { created: { name: result.row.name, token: result.token } }, 201);
  });

  app.post('/mi-cuenta/tokens/:id/revocar', { onRequest: requireSignIn, schema: { params: TokenIdParam } }, async (request, reply) => {
    await authorize(request, 'accounts', 'manage-api-tokens');
    const { id } = request.params as { id: string };
    if (!UUID.test(id)) return notFound();
    const actor = request.actor!;
    const row = await withTransaction(db, (tx) => revokeTokenCommand(tx, { actor, auditActor: selfActor(actor.userId), tokenId: id, requestId: request.id }));
    if (!row) return notFound();
    return redirectAfterPost(request, reply, '/mi-cuenta/tokens', 'accounts.api_tokens.revoked', { name: row.name });
  });

  app.get(
    '/api/v1/me',
    { schema: { tags: TAGS, summary: 'La persona autenticada: nombre, nivel de verificación y roles', description: BEARER_NOTE, response: { 200: DataEnvelope(Me), ...AUTH_ERRORS } } },
    async (request) => {
      const actor = request.actor ?? forbidden('not_signed_in');
      return { data: { id: actor.userId, displayName: actor.displayName, level: actor.level ?? 'registered', roles: actor.roles.map((r) => ({ role: r.role, entityCode: r.entityCode })) } };
    },
  );

  app.get(
    '/api/v1/me/tokens',
    { schema: { tags: TAGS, summary: 'Los tokens de acceso de la persona autenticada (nunca el secreto)', description: BEARER_NOTE, response: { 200: DataEnvelope(Type.Array(ApiToken)), ...AUTH_ERRORS } } },
    async (request) => {
      await authorize(request, 'accounts', 'manage-api-tokens');
      return { data: (await listApiTokens(db, request.actor!.userId)).map(presentToken) };
    },
  );

  app.delete(
    '/api/v1/me/tokens/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Revoca uno de los tokens de la persona autenticada (requiere el permiso «write»)',
        description: BEARER_NOTE,
        params: TokenIdParam,
        response: { 200: DataEnvelope(ApiToken), ...AUTH_ERRORS, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      await authorize(request, 'accounts', 'manage-api-tokens');
      const { id } = request.params as { id: string };
      if (!UUID.test(id)) return notFound();
      const actor = request.actor!;
      const row = await withTransaction(db, (tx) => revokeTokenCommand(tx, { actor, auditActor: selfActor(actor.userId), tokenId: id, requestId: request.id }));
      return { data: presentToken(row ?? notFound()) };
    },
  );
}
