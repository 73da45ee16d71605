import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { randomToken, sha256Hex } from '../security/tokens.ts';

export const SESSION_COOKIE = 'gab_sid';
const SESSION_DAYS = 14;

export interface SessionData {
  flash?: { kind: 'success' | 'info' | 'error'; key: string; vars?: Record<string, string | number> }[];
  [key: string]: unknown;
}

/**
 * A server-side session. Only the SHA-256 of the cookie value is stored, so someone reading the
 * database cannot take over sessions. Rows are created lazily: anonymous visitors get none until
 * something (a sign-in, a flash message) needs one.
 */
export class Session {
  private dirty = false;
  constructor(
    private readonly db: Db,
    public id: string | null,
    public userId: string | null,
    public data: SessionData,
  ) {}

  set(key: string, value: unknown): void {
    this.data[key] = value;
    this.dirty = true;
  }

  /** Queues a one-time message for the next page. */
  flash(kind: 'success' | 'info' | 'error', key: string, vars?: Record<string, string | number>): void {
    this.data.flash = [...(this.data.flash ?? []), { kind, key, ...(vars ? { vars } : {}) }];
    this.dirty = true;
  }

  /** Returns and clears pending flash messages. */
  takeFlash(): NonNullable<SessionData['flash']> {
    const messages = this.data.flash ?? [];
    if (messages.length > 0) {
      delete this.data.flash;
      this.dirty = true;
    }
    return messages;
  }

  /** Starts a fresh session id for `userId` (after sign-in: prevents session fixation). */
  async signIn(request: FastifyRequest, reply: FastifyReply, userId: string): Promise<void> {
    if (this.id) await this.db.deleteFrom('core_sessions').where('id', '=', sha256Hex(this.id)).execute();
    this.id = null;
    this.userId = userId;
    this.dirty = true;
    await this.save(request, reply);
  }

  async destroy(reply: FastifyReply): Promise<void> {
    if (this.id) await this.db.deleteFrom('core_sessions').where('id', '=', sha256Hex(this.id)).execute();
    this.id = null;
    this.userId = null;
    this.data = {};
    this.dirty = false;
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  /** Writes the session if it changed; creates the row and cookie on first write. */
  async save(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const expires = new Date(Date.now() + SESSION_DAYS * 86400_000).toISOString();
    if (!this.id) {
      if (!this.userId && Object.keys(this.data).length === 0) return;
      this.id = randomToken(32);
      await this.db
        .insertInto('core_sessions')
        .values({
          id: sha256Hex(this.id),
          user_id: this.userId,
          data: JSON.stringify(this.data),
          expires_at: expires,
          user_agent: request.headers['user-agent']?.slice(0, 300) ?? null,
          ip_hash: null,
        })
        .execute();
      reply.setCookie(SESSION_COOKIE, this.id, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.server.gab.config.tls,
        maxAge: SESSION_DAYS * 86400,
      });
      return;
    }
    await this.db
      .updateTable('core_sessions')
      .set({ data: JSON.stringify(this.data), last_seen_at: new Date().toISOString(), expires_at: expires })
      .where('id', '=', sha256Hex(this.id))
      .execute();
  }
}

/** Whether a cookie value can name a session at all (saves a lookup for garbage). */
export function validSessionCookie(cookieValue: string | undefined): cookieValue is string {
  return Boolean(cookieValue) && cookieValue!.length >= 40 && cookieValue!.length <= 100;
}

/** Loads the session named by the cookie, if it exists and has not expired. */
export async function loadSession(db: Db, cookieValue: string | undefined): Promise<Session> {
  if (!validSessionCookie(cookieValue)) return new Session(db, null, null, {});
  const row = await db
    .selectFrom('core_sessions')
    .select(['user_id', 'data', 'expires_at'])
    .where('id', '=', sha256Hex(cookieValue))
    .executeTakeFirst();
  if (!row || row.expires_at.getTime() < Date.now()) return new Session(db, null, null, {});
  return new Session(db, cookieValue, row.user_id, (row.data ?? {}) as SessionData);
}
