import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canOnRequest } from '../../core/permissions/authorize.ts';
import { redirectAfterPost, safeLocalPath, sendPage, viewContext } from '../../core/http/render.tsx';
import { ENTITY_CONTACT } from '../../core/site/entity-contact.ts';
import { formText, mailContext } from './account-access.ts';
import { peekUserToken } from './account-tokens.ts';
import { confirmEmail } from './commands/confirm-email.ts';
import { readRegistrationForm, registerUser, validateRegistration, EMPTY_REGISTRATION } from './commands/register-user.ts';
import { requestPasswordReset } from './commands/request-password-reset.ts';
import { resetPassword } from './commands/reset-password.ts';
import { checkCredentials } from './commands/sign-in.ts';
import { ConfirmEmailPage, InvalidLinkPage } from './views/ConfirmEmailPage.tsx';
import { ForgotPasswordPage, ForgotPasswordSentPage } from './views/ForgotPasswordPage.tsx';
import { RegisterPage, RegisterSentPage } from './views/RegisterPage.tsx';
import { ResetPasswordPage } from './views/ResetPasswordPage.tsx';
import { SignInPage } from './views/SignInPage.tsx';

/** Per client: guessing passwords or flooding inboxes gets slow quickly. */
export const SIGN_IN_LIMIT = { max: 10, windowSeconds: 15 * 60 };
const REGISTER_LIMIT = { max: 20, windowSeconds: 60 * 60 };
const RESET_LIMIT = { max: 10, windowSeconds: 15 * 60 };

/** Where to go after signing in: a local path only (never another site), by default "Mi cuenta". */
const nextPath = (value: unknown) => {
  const path = safeLocalPath(value, '/mi-cuenta');
  return path === '/ingresar' || path.startsWith('/ingresar?') || path === '/salir' ? '/mi-cuenta' : path;
};

/** Signed-in people have nothing to do on the registration and sign-in pages. */
async function alreadySignedIn(request: FastifyRequest, reply: FastifyReply, to: string): Promise<boolean> {
  if (!request.actor) return false;
  await reply.redirect(to, 303);
  return true;
}

/**
 * Registration, e-mail confirmation, sign-in and sign-out, and password recovery:
 * /registro, /confirmar-correo/:token, /ingresar, /salir, /recuperar-clave, /restablecer-clave/:token.
 */
export function registrationRoutes(app: FastifyInstance): void {
  const { db } = app.gab;

  app.get('/registro', async (request, reply) => {
    if (await alreadySignedIn(request, reply, '/mi-cuenta')) return reply;
    return sendPage(request, reply, <RegisterPage ctx={viewContext(request, reply)} form={EMPTY_REGISTRATION} />);
  });

  app.post('/registro', { config: { rateLimit: REGISTER_LIMIT } }, async (request, reply) => {
    const decision = await canOnRequest(request, 'accounts', 'register');
    if (!decision.allowed) return reply.redirect('/mi-cuenta', 303);
    const { form, password } = readRegistrationForm(request.body);
    const { errors, input } = validateRegistration(form, password, request.locale);
    if (!input) return sendPage(request, reply, <RegisterPage ctx={viewContext(request, reply)} form={form} errors={errors} />, 422);
    await registerUser(db, input, { secret: app.gab.config.secret, mail: mailContext(request), requestId: request.id });
    // The same answer for a new address and for one that already has an account.
    return reply.redirect('/registro/correo-enviado', 303);
  });

  app.get('/registro/correo-enviado', async (request, reply) => sendPage(request, reply, <RegisterSentPage ctx={viewContext(request, reply)} />));

  app.get('/confirmar-correo/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const found = await peekUserToken(db, token, ['confirm_email', 'change_email']);
    if (!found) return sendPage(request, reply, <InvalidLinkPage ctx={viewContext(request, reply)} kind="confirm" />, 410);
    return sendPage(request, reply, <ConfirmEmailPage ctx={viewContext(request, reply)} token={token} change={found.purpose === 'change_email'} />);
  });

  app.post('/confirmar-correo/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const result = await confirmEmail(db, { token, mail: mailContext(request) });
    if (!result.ok) {
      if (result.reason === 'email_taken') {
        request.session.flash('error', 'accounts.confirm.email_taken');
        return reply.redirect(request.actor ? '/mi-cuenta' : '/ingresar', 303);
      }
      return sendPage(request, reply, <InvalidLinkPage ctx={viewContext(request, reply)} kind="confirm" />, 410);
    }
    const message = result.kind === 'email_changed' ? 'accounts.confirm.changed' : 'accounts.confirm.done';
    if (request.actor && request.actor.userId !== result.userId) return redirectAfterPost(request, reply, '/', 'accounts.confirm.other_account');
    // Opening the link proves the address: the person is signed in (with a fresh session id).
    if (!request.actor && result.canSignIn) await request.session.signIn(request, reply, result.userId);
    if (!result.canSignIn) return redirectAfterPost(request, reply, '/ingresar', message);
    return redirectAfterPost(request, reply, '/mi-cuenta', message);
  });

  app.get('/ingresar', async (request, reply) => {
    const next = nextPath((request.query as Record<string, unknown>).next);
    if (await alreadySignedIn(request, reply, next)) return reply;
    const raw = (request.query as Record<string, unknown>).next;
    return sendPage(request, reply, <SignInPage ctx={viewContext(request, reply)} email="" next={typeof raw === 'string' ? next : ''} oidc={app.gab.config.oidc} />);
  });

  app.post('/ingresar', { config: { rateLimit: SIGN_IN_LIMIT } }, async (request, reply) => {
    const email = formText(request.body, 'email', 300);
    const rawNext = formText(request.body, 'next', 600);
    const result = await checkCredentials(db, { email, password: formText(request.body, 'password', 1000) });
    if (!result.ok) {
      const error = result.reason === 'disabled' ? { key: 'accounts.signin.disabled', vars: { email: ENTITY_CONTACT.email } } : { key: 'accounts.signin.invalid' };
      return sendPage(request, reply, <SignInPage ctx={viewContext(request, reply)} email={email} next={rawNext ? nextPath(rawNext) : ''} error={error} oidc={app.gab.config.oidc} />, 401);
    }
    // A new session id on every sign-in: a session id planted before it (fixation) is worthless.
    await request.session.signIn(request, reply, result.userId);
    return redirectAfterPost(request, reply, nextPath(rawNext), 'accounts.signin.welcome', { name: result.displayName });
  });

  app.post('/salir', async (request, reply) => {
    await request.session.destroy(reply);
    request.session.flash('info', 'accounts.signin.signed_out');
    return reply.redirect('/', 303);
  });

  app.get('/recuperar-clave', async (request, reply) => sendPage(request, reply, <ForgotPasswordPage ctx={viewContext(request, reply)} email="" />));

  app.post('/recuperar-clave', { config: { rateLimit: RESET_LIMIT } }, async (request, reply) => {
    const email = formText(request.body, 'email', 300);
    if (!email.trim()) {
      return sendPage(request, reply, <ForgotPasswordPage ctx={viewContext(request, reply)} email={email} errors={{ email: { key: 'accounts.registration.error.email_invalid' } }} />, 422);
    }
    await requestPasswordReset(db, { email, mail: mailContext(request) });
    // Whether or not the address has an account.
    return reply.redirect('/recuperar-clave/enviado', 303);
  });

  app.get('/recuperar-clave/enviado', async (request, reply) => sendPage(request, reply, <ForgotPasswordSentPage ctx={viewContext(request, reply)} />));

  app.get('/restablecer-clave/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    if (!(await peekUserToken(db, token, ['reset_password']))) return sendPage(request, reply, <InvalidLinkPage ctx={viewContext(request, reply)} kind="reset" />, 410);
    return sendPage(request, reply, <ResetPasswordPage ctx={viewContext(request, reply)} token={token} />);
  });

  app.post('/restablecer-clave/:token', { config: { rateLimit: RESET_LIMIT } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const result = await resetPassword(db, { token, password: formText(request.body, 'password', 1000), mail: mailContext(request), requestId: request.id });
    if (!result.ok) {
      if (result.reason === 'invalid_password' && (await peekUserToken(db, token, ['reset_password']))) {
        return sendPage(request, reply, <ResetPasswordPage ctx={viewContext(request, reply)} token={token} errors={result.errors} />, 422);
      }
      return sendPage(request, reply, <InvalidLinkPage ctx={viewContext(request, reply)} kind="reset" />, 410);
    }
    // Every session of the account was closed; this browser gets a fresh one.
    await request.session.signIn(request, reply, result.userId);
    return redirectAfterPost(request, reply, '/mi-cuenta', 'accounts.reset.done');
  });
}
