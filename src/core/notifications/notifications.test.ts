import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { postForm } from '../../../test/post-form.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { createPerson } from '../../modules/admin/test-people.ts';
import { withTransaction } from '../db/database.ts';
import { CORE_CATALOG } from '../i18n/core-catalog.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { notificationMailHandler } from './notification-mail.ts';
import { NOTIFICATION_MAIL_JOB, notify } from './notify.ts';

describe.each(testEngines())('notifications (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('stores one notification per person, queues one e-mail each, and nothing when the transaction rolls back', async () => {
    const a = await createPerson(t.database.db, { name: 'Ana Seguidora' });
    const b = await createPerson(t.database.db, { name: 'Beto Seguidor' });
    await withTransaction(t.database.db, (tx) => notify(tx, { userIds: [a.id, b.id, a.id], key: 'notifications.title', url: '/causas/1', email: true }));
    const rows = await t.database.db.selectFrom('core_notifications').select(['user_id']).where('user_id', 'in', [a.id, b.id]).execute();
    expect(rows).toHaveLength(2);
    const jobs = await t.database.db.selectFrom('core_jobs').select('payload').where('name', '=', NOTIFICATION_MAIL_JOB).execute();
    expect(jobs.length).toBeGreaterThanOrEqual(2);

    const c = await createPerson(t.database.db, { name: 'Carla Revertida' });
    await expect(
      withTransaction(t.database.db, async (tx) => {
        await notify(tx, { userIds: [c.id], key: 'notifications.title', url: '/x', email: true });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.database.db.selectFrom('core_notifications').select('id').where('user_id', '=', c.id).execute()).toEqual([]);
  });

  it('mails each notification in the reader’s language, only to confirmed, active accounts', async () => {
    const reader = await createPerson(t.database.db, { name: 'Reader English' });
    await t.database.db.updateTable('core_users').set({ locale: 'en', email_confirmed_at: new Date().toISOString() }).where('id', '=', reader.id).execute();
    const unconfirmed = await createPerson(t.database.db, { name: 'Sin Confirmar' });
    await withTransaction(t.database.db, (tx) => notify(tx, { userIds: [reader.id, unconfirmed.id], key: 'notifications.unread', vars: { count: 2 }, url: '/mi-cuenta', email: true }));
    const ids = (await t.database.db.selectFrom('core_notifications').select('id').where('user_id', 'in', [reader.id, unconfirmed.id]).execute()).map((r) => String(r.id));
    const sent: MailMessage[] = [];
    const mailer = { transport: 'smtp' as const, send: async (m: MailMessage) => (sent.push(m), { messageId: 'x' }) };
    await notificationMailHandler(t.database.db, mailer, { baseUrl: 'https://gab.example' }, { es: CORE_CATALOG.es, en: CORE_CATALOG.en }, t.app.gab.files)({ ids });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe(reader.email);
    expect(sent[0]!.subject).toBe('You have 2 unread notifications.');
    expect(sent[0]!.text).toContain('https://gab.example/mi-cuenta');
  });

  it('shows a person only their own notifications, and marks them read', async () => {
    const me = await createPerson(t.database.db, { name: 'Yo Misma' });
    const other = await createPerson(t.database.db, { name: 'Otra Persona' });
    await withTransaction(t.database.db, (tx) => notify(tx, { userIds: [me.id], key: 'notifications.marked_read', url: '/propia' }));
    await withTransaction(t.database.db, (tx) => notify(tx, { userIds: [other.id], key: 'notifications.marked_read', url: '/ajena' }));
    const cookie = await signInAs(t.database, me.id);
    const page = await t.app.inject({ method: 'GET', url: '/mi-cuenta/notificaciones', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/propia"');
    expect(page.body).not.toContain('href="/ajena"');
    expect(page.body).toContain('Tiene 1 notificación sin leer.');
    expect((await postForm(t.app, '/mi-cuenta/notificaciones/leidas', cookie, {})).statusCode).toBe(303);
    const after = await t.app.inject({ method: 'GET', url: '/mi-cuenta/notificaciones', headers: { cookie } });
    expect(after.body).toContain('Tiene 0 notificaciones sin leer.');
    expect((await t.app.inject({ method: 'GET', url: '/mi-cuenta/notificaciones' })).statusCode).toBe(302);
  });
});
