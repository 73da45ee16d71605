import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import type { FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Actor } from '../../core/permissions/permissions.ts';
import { accountHolder, currentSessionHash, formText } from './account-access.ts';
import { PASSWORD_CHECK_LIMIT } from './account.routes.tsx';
import { deleteAccount } from './commands/delete-account.ts';
import { exportMyData } from './commands/export-my-data.ts';
import { activePrivacyConsent, grantConsent, revokeConsent } from './commands/revoke-consent.ts';
import { MyDataPage } from './views/MyDataPage.tsx';

/** "Mis datos" (Ley 1581): /mi-cuenta/datos, the JSON download, consent, and deleting the account. */
export function personalDataRoutes(app: FastifyInstance): void {
  const { db } = app.gab;

  async function renderData(request: FastifyRequest, reply: FastifyReply, actor: Actor, errors?: FieldErrors, status = 200) {
    const consent = await activePrivacyConsent(db, actor.userId);
    return sendPage(
      request,
      reply,
      <MyDataPage ctx={viewContext(request, reply)} consent={consent ? { version: consent.policy_version, grantedAt: consent.granted_at } : null} errors={errors} />,
      status,
    );
  }

  app.get('/mi-cuenta/datos', { onRequest: requireSignIn }, async (request, reply) => {
    const actor = await accountHolder(request);
    return renderData(request, reply, actor);
  });

  app.get('/mi-cuenta/datos/descarga', { onRequest: requireSignIn }, async (request, reply) => {
    const actor = await accountHolder(request);
    const data = await exportMyData(db, actor.userId, currentSessionHash(request), new Date(), app.gab.registry.modules);
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="mis-datos-gab.json"')
      .send(JSON.stringify(data, null, 2));
  });

  app.post('/mi-cuenta/datos/revocar', { onRequest: requireSignIn }, async (request, reply) => {
    const actor = await accountHolder(request);
    await revokeConsent(db, { userId: actor.userId, requestId: request.id });
    return redirectAfterPost(request, reply, '/mi-cuenta/datos', 'accounts.data.revoked');
  });

  app.post('/mi-cuenta/datos/autorizar', { onRequest: requireSignIn }, async (request, reply) => {
    const actor = await accountHolder(request);
    await grantConsent(db, { userId: actor.userId, requestId: request.id });
    return redirectAfterPost(request, reply, '/mi-cuenta/datos', 'accounts.data.granted');
  });

  app.post('/mi-cuenta/datos/eliminar', { onRequest: requireSignIn, config: { rateLimit: PASSWORD_CHECK_LIMIT } }, async (request, reply) => {
    const actor = await accountHolder(request);
    const result = await deleteAccount(db, {
      userId: actor.userId,
      password: formText(request.body, 'delete_password', 1000),
      confirmed: formText(request.body, 'delete_confirm') === 'yes',
      requestId: request.id,
    });
    if (!result.ok) return renderData(request, reply, actor, result.errors, 422);
    // The account's sessions are gone, this one included; the goodbye message needs a fresh, anonymous one.
    await request.session.destroy(reply);
    return redirectAfterPost(request, reply, '/', 'accounts.data.deleted');
  });
}
