import type { FastifyReply, FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { randomToken, sha256Hex } from '../security/tokens.ts';
import { loadSession, Session, SESSION_COOKIE } from './sessions.ts';

/** The parts of a Fastify request and reply a session touches. */
function fakeHttp(tls = false) {
  const request = { headers: { 'user-agent': 'Mozilla/5.0 (pruebas)' }, server: { gab: { config: { tls } } } } as unknown as FastifyRequest;
  const setCookie = vi.fn();
  const clearCookie = vi.fn();
  const reply = { setCookie, clearCookie } as unknown as FastifyReply;
  /** The value of the last session cookie set on the reply. */
  const cookie = () => {
    const call = setCookie.mock.calls.at(-1);
    expect(call?.[0]).toBe(SESSION_COOKIE);
    return call![1] as string;
  };
  return { request, reply, setCookie, clearCookie, cookie };
}

describe.each(testEngines())('sessions (%s)', (engine) => {
  let database: DatabaseHandle;
  let userId: string;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const user = await database.db
      .insertInto('core_users')
      .values({ email: `sesion-${engine}@example.co`, display_name: 'Ana Ciudadana' })
      .returning('id')
      .executeTakeFirstOrThrow();
    userId = user.id;
  });
  afterAll(async () => database?.close());

  const rowFor = (cookie: string) => database.db.selectFrom('core_sessions').selectAll().where('id', '=', sha256Hex(cookie)).executeTakeFirst();
  const sessionCount = async () =>
    Number((await database.db.selectFrom('core_sessions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  it('creates no row and no cookie for a visitor with nothing to remember', async () => {
    const http = fakeHttp();
    const before = await sessionCount();
    const session = await loadSession(database.db, undefined);
    await session.save(http.request, http.reply);
    session.takeFlash();
    await session.save(http.request, http.reply);
    expect(http.setCookie).not.toHaveBeenCalled();
    expect(await sessionCount()).toBe(before);
  });

  it('stores only the SHA-256 of the cookie value and sets a strict cookie', async () => {
    const http = fakeHttp(true);
    const session = await loadSession(database.db, undefined);
    session.flash('success', 'site.language-changed', { lang: 'es' });
    await session.save(http.request, http.reply);
    const value = http.cookie();
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(http.setCookie).toHaveBeenCalledWith(SESSION_COOKIE, value, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: true,
      maxAge: 14 * 86400,
    });
    const row = await rowFor(value);
    expect(row).toMatchObject({ id: sha256Hex(value), user_id: null, user_agent: 'Mozilla/5.0 (pruebas)', ip_hash: null });
    expect(row!.data).toEqual({ flash: [{ kind: 'success', key: 'site.language-changed', vars: { lang: 'es' } }] });
    const days = (row!.expires_at.getTime() - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    const stored = await database.db.selectFrom('core_sessions').select('id').where('id', '=', value).execute();
    expect(stored).toEqual([]);
  });

  it('marks the cookie Secure only when the site runs on https', async () => {
    const http = fakeHttp(false);
    const session = await loadSession(database.db, undefined);
    session.set('draft', 'x');
    await session.save(http.request, http.reply);
    expect(http.setCookie.mock.calls[0]?.[2]).toMatchObject({ secure: false });
  });

  it('loads a saved session and writes changes back under the same id', async () => {
    const http = fakeHttp();
    const session = await loadSession(database.db, undefined);
    session.set('cart', ['a']);
    await session.save(http.request, http.reply);
    const value = http.cookie();

    const again = await loadSession(database.db, value);
    expect(again.id).toBe(value);
    expect(again.data).toEqual({ cart: ['a'] });
    again.set('cart', ['a', 'b']);
    const next = fakeHttp();
    await again.save(next.request, next.reply);
    expect(next.setCookie).not.toHaveBeenCalled();
    expect((await rowFor(value))!.data).toEqual({ cart: ['a', 'b'] });
  });

  it('hands out flash messages once', async () => {
    const http = fakeHttp();
    const session = await loadSession(database.db, undefined);
    session.flash('info', 'test.first');
    session.flash('error', 'test.second', { n: 2 });
    await session.save(http.request, http.reply);
    const value = http.cookie();

    const reading = await loadSession(database.db, value);
    expect(reading.takeFlash()).toEqual([
      { kind: 'info', key: 'test.first' },
      { kind: 'error', key: 'test.second', vars: { n: 2 } },
    ]);
    await reading.save(http.request, http.reply);
    expect((await loadSession(database.db, value)).takeFlash()).toEqual([]);
  });

  it('ignores an expired session', async () => {
    const value = randomToken(32);
    await database.db
      .insertInto('core_sessions')
      .values({ id: sha256Hex(value), user_id: userId, data: JSON.stringify({ secret: 1 }), expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    const session = await loadSession(database.db, value);
    expect(session.id).toBeNull();
    expect(session.userId).toBeNull();
    expect(session.data).toEqual({});
  });

  it('ignores unknown and malformed cookie values', async () => {
    for (const value of [randomToken(32), 'short', 'x'.repeat(101), '']) {
      const session = await loadSession(database.db, value);
      expect(session).toMatchObject({ id: null, userId: null, data: {} });
    }
  });

  it('does not accept the stored hash as a cookie value', async () => {
    const http = fakeHttp();
    await new Session(database.db, null, userId, {}).signIn(http.request, http.reply, userId);
    const value = http.cookie();
    expect((await loadSession(database.db, value)).userId).toBe(userId);
    expect((await loadSession(database.db, sha256Hex(value))).userId).toBeNull();
  });

  it('rotates the session id on sign-in so a planted cookie does not get signed in', async () => {
    // An attacker obtains an anonymous session and plants its cookie in the victim's browser.
    const planted = fakeHttp();
    const anonymous = await loadSession(database.db, undefined);
    anonymous.set('lang', 'es');
    await anonymous.save(planted.request, planted.reply);
    const plantedValue = planted.cookie();

    // The victim signs in while carrying that cookie.
    const http = fakeHttp();
    const session = await loadSession(database.db, plantedValue);
    await session.signIn(http.request, http.reply, userId);
    const fresh = http.cookie();
    expect(fresh).not.toBe(plantedValue);
    expect(session.id).toBe(fresh);

    expect(await rowFor(plantedValue)).toBeUndefined();
    const attacker = await loadSession(database.db, plantedValue);
    expect(attacker.userId).toBeNull();
    expect(attacker.id).toBeNull();

    const victim = await loadSession(database.db, fresh);
    expect(victim.userId).toBe(userId);
    expect(victim.data).toEqual({ lang: 'es' });
  });

  it('deletes the row and clears the cookie on sign-out', async () => {
    const http = fakeHttp();
    const session = new Session(database.db, null, null, {});
    await session.signIn(http.request, http.reply, userId);
    const value = http.cookie();
    const signedIn = await loadSession(database.db, value);
    await signedIn.destroy(http.reply);
    expect(http.clearCookie).toHaveBeenCalledWith(SESSION_COOKIE, { path: '/' });
    expect(await rowFor(value)).toBeUndefined();
    expect(signedIn).toMatchObject({ id: null, userId: null, data: {} });
    expect((await loadSession(database.db, value)).userId).toBeNull();
  });

  it('ends every session of a user whose account is deleted', async () => {
    const user = await database.db
      .insertInto('core_users')
      .values({ email: `borrada-${engine}@example.co`, display_name: 'Cuenta borrada' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const http = fakeHttp();
    await new Session(database.db, null, null, {}).signIn(http.request, http.reply, user.id);
    const value = http.cookie();
    await database.db.deleteFrom('core_users').where('id', '=', user.id).execute();
    expect(await rowFor(value)).toBeUndefined();
  });
});
