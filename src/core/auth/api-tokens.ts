import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Db, Executor } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { loadSession } from '../http/sessions.ts';
import { sha256Hex } from '../security/tokens.ts';
import { loadActor } from './load-actor.ts';

/**
 * Personal access tokens for API clients. A token is 32 random bytes shown once to its owner as
 * `gab_pat_<base64url>`; only its SHA-256 is stored (core_api_tokens), so reading the database
 * does not give access. Tokens carry scopes, may expire, and can be revoked.
 */
export const API_TOKEN_PREFIX = 'gab_pat_';
export const API_TOKEN_SCOPES = ['read', 'write'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

const TOKEN_PATTERN = /^gab_pat_[A-Za-z0-9_-]{43}$/;
// last_used_at is informative: writing it on every request would turn each API read into a write.
const LAST_USED_RESOLUTION_MS = 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How the current API request was authenticated, when a bearer token did it. */
export interface ApiTokenAuth {
  tokenId: string;
  userId: string;
  scopes: ApiTokenScope[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when an `Authorization: Bearer gab_pat_…` header authenticated this API request. */
    apiToken: ApiTokenAuth | null;
  }
}

export const isApiTokenScope = (value: unknown): value is ApiTokenScope => typeof value === 'string' && (API_TOKEN_SCOPES as readonly string[]).includes(value);

/** A fresh token and the hash to store; the token itself is never stored. */
export function generateApiToken(): { token: string; hash: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256Hex(token) };
}

export interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const PUBLIC_COLUMNS = ['id', 'user_id', 'name', 'scopes', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'] as const;

/** Stores a new token for `userId` and returns it with the secret, which the caller shows once. */
export async function createApiToken(
  tx: Executor,
  input: { userId: string; name: string; scopes: readonly ApiTokenScope[]; expiresAt: Date | null },
): Promise<{ token: string; row: ApiTokenRow }> {
  const { token, hash } = generateApiToken();
  const row = await tx
    .insertInto('core_api_tokens')
    .values({ user_id: input.userId, name: input.name, token_hash: hash, scopes: [...new Set(input.scopes)], expires_at: input.expiresAt?.toISOString() ?? null })
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirstOrThrow();
  return { token, row };
}

/** The tokens of a person, newest first (never the hashes). */
export function listApiTokens(db: Executor, userId: string): Promise<ApiTokenRow[]> {
  return db.selectFrom('core_api_tokens').select(PUBLIC_COLUMNS).where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').execute();
}

/** Active = neither revoked nor expired at `now`. */
export const isActiveToken = (row: Pick<ApiTokenRow, 'revoked_at' | 'expires_at'>, now = new Date()) =>
  !row.revoked_at && (!row.expires_at || row.expires_at.getTime() > now.getTime());

/**
 * Revokes one of `userId`'s tokens. Returns the row as it was before, or null when the person has
 * no such token; revoking twice keeps the first revocation time.
 */
export async function revokeApiToken(tx: Executor, input: { userId: string; tokenId: string; now?: Date }): Promise<{ before: ApiTokenRow; after: ApiTokenRow } | null> {
  const before = await tx
    .selectFrom('core_api_tokens')
    .select(PUBLIC_COLUMNS)
    .where('id', '=', input.tokenId)
    .where('user_id', '=', input.userId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) return null;
  if (before.revoked_at) return { before, after: before };
  const after = await tx
    .updateTable('core_api_tokens')
    .set({ revoked_at: (input.now ?? new Date()).toISOString() })
    .where('id', '=', input.tokenId)
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirstOrThrow();
  return { before, after };
}

export type VerifyResult = { ok: true; auth: ApiTokenAuth } | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' | 'expired' };

/**
 * Checks a presented token: one indexed lookup by its hash. Records the time of use, at most once
 * a minute per token.
 */
export async function verifyApiToken(db: Db, token: string, now = new Date()): Promise<VerifyResult> {
  if (!TOKEN_PATTERN.test(token)) return { ok: false, reason: 'malformed' };
  const row = await db
    .selectFrom('core_api_tokens')
    .select(['id', 'user_id', 'scopes', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at) return { ok: false, reason: 'revoked' };
  if (row.expires_at && row.expires_at.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= LAST_USED_RESOLUTION_MS) {
    const threshold = new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString();
    await db
      .updateTable('core_api_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', threshold as never)]))
      .execute();
  }
  return { ok: true, auth: { tokenId: row.id, userId: row.user_id, scopes: row.scopes.filter(isApiTokenScope) } };
}

/** The token of an `Authorization: Bearer …` header, if the request has one. */
export function bearerTokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

// The messages live with the accounts module, which owns the token pages.
const INVALID_TOKEN_KEY = 'accounts.api_tokens.errors.invalid_token';
const INSUFFICIENT_SCOPE_KEY = 'accounts.api_tokens.errors.insufficient_scope';

/** Does a token with `scopes` cover a request with this method? `write` includes reading. */
export function scopesAllow(scopes: readonly ApiTokenScope[], method: string): boolean {
  return scopes.includes('write') || (SAFE_METHODS.has(method) && scopes.includes('read'));
}

/**
 * For `/api/` requests that present a bearer token: authenticates the actor by the token alone
 * (the session cookie is ignored, so no cookie is involved and CSRF does not apply), and refuses
 * a request the token's scopes do not cover. Reading needs `read` or `write`; changing anything
 * needs `write`. Returns false when the request has no bearer token, so the caller falls back to
 * the session.
 */
export async function authenticateApiToken(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  if (!request.url.startsWith('/api/')) return false;
  const token = bearerTokenOf(request);
  if (token === null) return false;
  const { db } = request.server.gab;
  request.session = await loadSession(db, undefined);
  const invalid = (): never => {
    reply.header('www-authenticate', 'Bearer realm="gab", error="invalid_token"');
    throw new HttpError(401, 'invalid_token', INVALID_TOKEN_KEY);
  };
  const result = await verifyApiToken(db, token);
  if (!result.ok) return invalid();
  // Disabled or deleted accounts lose their tokens along with their sessions.
  const actor = await loadActor(db, result.auth.userId);
  if (!actor) return invalid();
  request.actor = actor;
  request.apiToken = result.auth;
  if (!scopesAllow(result.auth.scopes, request.method)) {
    reply.header('www-authenticate', 'Bearer realm="gab", error="insufficient_scope", scope="write"');
    throw new HttpError(403, 'insufficient_scope', INSUFFICIENT_SCOPE_KEY);
  }
  return true;
}
