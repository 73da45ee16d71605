import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import type { FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Actor } from '../../core/permissions/permissions.ts';
import { accountHolder, currentSessionHash, formText, mailContext } from './account-access.ts';
import { loadAccountSummary } from './account.queries.ts';
import { changePassword } from './commands/change-password.ts';
import { requestEmailChange } from './commands/change-email.ts';
import { resendConfirmation } from './commands/confirm-email.ts';
import { listOwnSessions, revokeOwnSession } from './commands/revoke-session.ts';
import { MyAccountPage } from './views/MyAccountPage.tsx';

/** Checking the current password is worth guessing at: limit it like sign-in. */
export const PASSWORD_CHECK_LIMIT = { max: 10, windowSeconds: 15 * 60 };

/** "Mi cuenta": /mi-cuenta and its forms (e-mail, password, sessions, confirmation link). */
export function accountRoutes(app: FastifyInstance): void {
  const { db } = app.gab;

  async function renderAccount(request: FastifyRequest, reply: FastifyReply, actor: Actor, extra: { errors?: FieldErrors; newEmail?: string } = {}, status = 200) {
    const [summary, sessions] = await Promise.all([loadAccountSummary(db, actor.userId), listOwnSessions(db, actor.userId, currentSessionHash(request))]);
    return sendPage(request, reply, <MyAccountPage ctx={viewContext(request, reply)} actor={actor} summary={summary} sessions={sessions} errors={extra.errors} newEmail={extra.newEmail} />, status);
  }

  app.get('/mi-cuenta', { onRequest: requireSignIn }, async (request, reply) => {
    const actor = await accountHolder(request);
    return renderAccount(request, reply, actor);
  });

  app.post('/mi-cuenta/correo', { onRequest: requireSignIn, config: { rateLimit: PASSWORD_CHECK_LIMIT } }, async (request, reply) => {
    const actor = await accountHolder(request);
    const newEmail = formText(request.body, 'new_email', 300);
    const result = await requestEmailChange(db, { userId: actor.userId, newEmail, password: formText(request.body, 'email_password', 1000), mail: mailContext(request) });
    if (!result.ok) return renderAccount(request, reply, actor, { errors: result.errors, newEmail }, 422);
    return redirectAfterPost(request, reply, '/mi-cuenta', 'accounts.account.change_email_sent');
  });

  app.post('/mi-cuenta/clave', { onRequest: requireSignIn, config: { rateLimit: PASSWORD_CHECK_LIMIT } }, async (request, reply) => {
    const actor = await accountHolder(request);
    const result = await changePassword(db, {
      userId: actor.userId,
      currentPassword: formText(request.body, 'current_password', 1000),
      newPassword: formText(request.body, 'new_password', 1000),
      keepSessionHash: currentSessionHash(request),
      mail: mailContext(request),
      requestId: request.id,
    });
    if (!result.ok) return renderAccount(request, reply, actor, { errors: result.errors }, 422);
    return redirectAfterPost(request, reply, '/mi-cuenta', 'accounts.account.password_changed');
  });

  app.post('/mi-cuenta/sesiones/cerrar', { onRequest: requireSignIn }, async (request, reply) => {
    const actor = await accountHolder(request);
    const result = await revokeOwnSession(db, { userId: actor.userId, ref: formText(request.body, 'session', 100), requestId: request.id });
    if (result.revoked && result.sessionId === currentSessionHash(request)) {
      // Closing the session in use is signing out.
      await request.session.destroy(reply);
      request.session.flash('info', 'accounts.signin.signed_out');
      return reply.redirect('/', 303);
    }
    if (!result.revoked) {
      request.session.flash('info', 'accounts.account.session.not_found');
      return reply.redirect('/mi-cuenta', 303);
    }
    return redirectAfterPost(request, reply, '/mi-cuenta', 'accounts.account.session.revoked');
  });

  app.post('/mi-cuenta/reenviar-confirmacion', { onRequest: requireSignIn, config: { rateLimit: { max: 5, windowSeconds: 15 * 60 } } }, async (request, reply) => {
    const actor = await accountHolder(request);
    await resendConfirmation(db, { userId: actor.userId, mail: mailContext(request) });
    return redirectAfterPost(request, reply, '/mi-cuenta', 'accounts.account.resent');
  });
}
