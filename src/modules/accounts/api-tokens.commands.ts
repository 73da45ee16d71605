import { recordAudit } from '../../core/audit/audit-log.ts';
import { API_TOKEN_SCOPES, createApiToken, isActiveToken, isApiTokenScope, revokeApiToken, type ApiTokenRow, type ApiTokenScope } from '../../core/auth/api-tokens.ts';
import type { Tx } from '../../core/db/database.ts';
import type { FieldErrors } from '../../core/http/errors.ts';
import { bogotaDay } from '../../core/i18n/i18n.ts';
import type { Actor } from '../../core/permissions/permissions.ts';

/** More active tokens than this is a sign of tokens nobody tracks any more. */
export const MAX_ACTIVE_TOKENS = 20;
export const TOKEN_NAME_MAX = 80;

export interface NewTokenInput {
  name: string;
  scopes: ApiTokenScope[];
  /** The token works until the end of this Bogotá day; null = until revoked. */
  expiresOn: string | null;
}

/** The form as sent (for redisplay after an error). */
export interface NewTokenForm {
  name: string;
  scopes: string[];
  expires: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The instant a token set to expire "on" a Bogotá day stops working: the next midnight there (UTC−5, no DST). */
export const expiryInstant = (day: string) => new Date(new Date(`${day}T00:00:00-05:00`).getTime() + 86400_000);

/** Reads and checks the new-token form: a name, at least one known scope, an optional future date. */
export function parseNewToken(body: unknown, now = new Date()): { ok: true; input: NewTokenInput; form: NewTokenForm } | { ok: false; errors: FieldErrors; form: NewTokenForm } {
  const fields = (body ?? {}) as Record<string, unknown>;
  const rawScopes = fields.scopes;
  const form: NewTokenForm = {
    name: typeof fields.name === 'string' ? fields.name.trim() : '',
    scopes: (Array.isArray(rawScopes) ? rawScopes : rawScopes === undefined ? [] : [rawScopes]).filter((s): s is string => typeof s === 'string'),
    expires: typeof fields.expires === 'string' ? fields.expires.trim() : '',
  };
  const errors: FieldErrors = {};
  if (!form.name) errors.name = { key: 'accounts.api_tokens.errors.name_required' };
  else if (form.name.length > TOKEN_NAME_MAX) errors.name = { key: 'accounts.api_tokens.errors.name_too_long', vars: { limit: TOKEN_NAME_MAX } };
  const scopes = API_TOKEN_SCOPES.filter((scope) => form.scopes.includes(scope));
  if (scopes.length === 0 || form.scopes.some((s) => !isApiTokenScope(s))) errors.scopes = { key: 'accounts.api_tokens.errors.scopes' };
  if (form.expires) {
    const valid = DAY.test(form.expires) && new Date(`${form.expires}T12:00:00Z`).toISOString().startsWith(form.expires);
    if (!valid) errors.expires = { key: 'accounts.api_tokens.errors.expires_format' };
    else if (form.expires <= bogotaDay(now)) errors.expires = { key: 'accounts.api_tokens.errors.expires_past' };
  }
  if (Object.keys(errors).length) return { ok: false, errors, form };
  return { ok: true, input: { name: form.name, scopes, expiresOn: form.expires || null }, form };
}

/** What the audit log keeps of a token: never the secret nor its hash. */
const audited = (row: ApiTokenRow) => ({
  name: row.name,
  scopes: row.scopes,
  expires_at: row.expires_at?.toISOString() ?? null,
  revoked_at: row.revoked_at?.toISOString() ?? null,
});

/** Creates a token for the actor (audited). The secret is returned once and stored nowhere. */
export async function createTokenCommand(
  tx: Tx,
  input: { actor: Actor; auditActor?: Actor; token: NewTokenInput; requestId?: string; now?: Date },
): Promise<{ ok: true; token: string; row: ApiTokenRow } | { ok: false; errors: FieldErrors }> {
  const now = input.now ?? new Date();
  // Locks the person's row so two simultaneous requests cannot both pass the limit.
  await tx.selectFrom('core_users').select('id').where('id', '=', input.actor.userId).forUpdate().executeTakeFirstOrThrow();
  const existing = await tx.selectFrom('core_api_tokens').select(['revoked_at', 'expires_at']).where('user_id', '=', input.actor.userId).execute();
  if (existing.filter((t) => isActiveToken(t, now)).length >= MAX_ACTIVE_TOKENS) {
    return { ok: false, errors: { name: { key: 'accounts.api_tokens.errors.too_many', vars: { limit: MAX_ACTIVE_TOKENS } } } };
  }
  const { token, row } = await createApiToken(tx, {
    userId: input.actor.userId,
    name: input.token.name,
    scopes: input.token.scopes,
    expiresAt: input.token.expiresOn ? expiryInstant(input.token.expiresOn) : null,
  });
  await recordAudit(tx, { actor: input.auditActor ?? input.actor, action: 'accounts.create-api-token', resourceType: 'api_token', resourceId: row.id, after: audited(row), requestId: input.requestId });
  return { ok: true, token, row };
}

/**
 * Revokes one of the actor's tokens (audited once: revoking again changes nothing). Returns the
 * token as it is now, or null when the actor has no such token.
 */
export async function revokeTokenCommand(tx: Tx, input: { actor: Actor; auditActor?: Actor; tokenId: string; requestId?: string }): Promise<ApiTokenRow | null> {
  const result = await revokeApiToken(tx, { userId: input.actor.userId, tokenId: input.tokenId });
  if (!result) return null;
  if (result.before.revoked_at === null) {
    await recordAudit(tx, {
      actor: input.auditActor ?? input.actor,
      action: 'accounts.revoke-api-token',
      resourceType: 'api_token',
      resourceId: input.tokenId,
      before: audited(result.before),
      after: audited(result.after),
      requestId: input.requestId,
    });
  }
  return result.after;
}
