import type { FastifyRequest } from 'fastify';
import { authorize } from '../../core/permissions/authorize.ts';
import { forbidden } from '../../core/http/errors.ts';
import type { Actor } from '../../core/permissions/permissions.ts';
import { sha256Hex } from '../../core/security/tokens.ts';
import type { MailContext } from './account-mails.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Lower-cased, trimmed e-mail, or null when it cannot be an address. */
export function normalizeEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

/** A text field of a urlencoded form body ('' when absent or repeated). */
export function formText(body: unknown, name: string, maxLength = 1000): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, maxLength) : '';
}

/**
 * The actor recorded in audit entries of self-service account actions. Its label is neutral on
 * purpose: the audit log is append-only, so a name written there could never be erased when the
 * person deletes the account.
 */
export function selfActor(userId: string): Actor {
  return { userId, displayName: 'titular de la cuenta', roles: [] };
}

export function mailContext(request: FastifyRequest): MailContext {
  return { catalog: request.server.gab.catalog, baseUrl: request.server.gab.config.baseUrl };
}

/** The stored id (SHA-256 of the cookie) of this request's session, if it has one. */
export function currentSessionHash(request: FastifyRequest): string | null {
  return request.session.id ? sha256Hex(request.session.id) : null;
}

/**
 * The signed-in person allowed to manage their account. Routes put `requireSignIn` (core) in
 * front, so visitors are already sent to sign in; other denials become the error page.
 */
export async function accountHolder(request: FastifyRequest): Promise<Actor> {
  await authorize(request, 'accounts', 'manage-account');
  return request.actor ?? forbidden('not_signed_in');
}
