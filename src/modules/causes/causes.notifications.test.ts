import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { postForm } from '../../../test/post-form.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { NOTIFICATION_MAIL_JOB } from '../../core/notifications/notify.ts';
import { createPerson } from '../admin/test-people.ts';
import { actorFor, buildCausesTestApp, makeCause } from './causes.test-support.ts';
import { expireDueCauses } from './commands/expire-causes.ts';
import { answerCause } from './commands/respond.ts';

/** Followers hear of every state change, answer and update: in the app, and by e-mail (queued in the same transaction). */
describe.each(testEngines())('notifications to followers (%s)', (engine) => {
  let t: TestApp;
  const db = () => t.database.db;
  const ids: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  let causeId: string;

  /** Notification keys each person got about the cause, since `after` (a notification id). */
  async function received(after: string) {
    const rows = await db().selectFrom('core_notifications').select(['id', 'user_id', 'message_key', 'vars', 'url']).where('url', '=', `/causas/${causeId}`).where('id', '>', after).orderBy('id').execute();
    const byUser: Record<string, string[]> = {};
    for (const [who, id] of Object.entries(ids)) byUser[who] = rows.filter((r) => r.user_id === id).map((r) => r.message_key);
    return { rows, byUser };
  }
  const lastId = async () => String((await db().selectFrom('core_notifications').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? '0');
  const mailJobsFor = async (notificationIds: string[]) => {
    const jobs = await db().selectFrom('core_jobs').select('payload').where('name', '=', NOTIFICATION_MAIL_JOB).execute();
    const queued = new Set(jobs.flatMap((j) => (j.payload as { ids: string[] }).ids));
    return notificationIds.filter((id) => queued.has(String(id)));
  };

  beforeAll(async () => {
    t = await buildCausesTestApp(engine);
    const specs: [string, Parameters<typeof createPerson>[1]][] = [
      ['author', { name: 'Autora Avisos', level: 'identity' }],
      ['supporter', { name: 'Apoyo Avisos', level: 'identity' }],
      ['closer', { name: 'Último Apoyo', level: 'identity' }],
      ['follower', { name: 'Seguidora', level: 'registered' }],
      ['bystander', { name: 'Sin Relación', level: 'identity' }],
      ['official', { name: 'Funcionaria IDU', roles: [{ role: 'entity_official', entityCode: 'idu' }] }],
    ];
    for (const [who, spec] of specs) {
      ids[who] = (await createPerson(db(), spec)).id;
      cookies[who] = await signInAs(t.database, ids[who]!);
    }
    causeId = await makeCause(db(), ids.author!, { settings: { support_threshold: 2 } });
    await postForm(t.app, `/causas/${causeId}/seguir`, cookies.follower, { follow: '1' });
  });
  afterAll(async () => t?.close());

  it('tells followers and the entity officials when the threshold is reached, in the app and by e-mail', async () => {
    const since = await lastId();
    expect((await postForm(t.app, `/causas/${causeId}/apoyar`, cookies.supporter, {})).statusCode).toBe(303);
    expect((await received(since)).rows).toHaveLength(0);
    expect((await postForm(t.app, `/causas/${causeId}/apoyar`, cookies.closer, {})).statusCode).toBe(303);
    const { rows, byUser } = await received(since);
    const key = 'causes.notifications.threshold_reached';
    // Supporters follow what they support; the person whose support crossed the line sees it on the page.
    expect(byUser).toEqual({ author: [key], supporter: [key], closer: [], follower: [key], bystander: [], official: [key] });
    expect(rows[0]!.vars).toMatchObject({ title: 'Faltan rampas en los andenes del barrio', threshold: 2, entity: 'Instituto de Desarrollo Urbano' });
    expect(await mailJobsFor(rows.map((r) => r.id))).toHaveLength(rows.length);
  });

  it('tells followers of the acknowledgement, links, the answer and author updates; not those who unfollowed', async () => {
    await postForm(t.app, `/causas/${causeId}/seguir`, cookies.supporter, { follow: '0' });
    const since = await lastId();
    expect((await postForm(t.app, `/causas/${causeId}/acusar-recibo`, cookies.official, {})).statusCode).toBe(303);
    expect((await postForm(t.app, `/causas/${causeId}/enlaces`, cookies.official, { kind: 'pb-proposal', url: '/presupuestos-participativos', title: 'Propuesta en presupuestos 2027' })).statusCode).toBe(303);
    await withTransaction(db(), (tx) => answerCause(tx, { causeId, actor: actorFor(ids.official!), body: 'El IDU incluirá las rampas en el contrato de mantenimiento de 2027.', fileIds: [] }));
    expect((await postForm(t.app, `/causas/${causeId}/novedades`, cookies.author, { body: 'Gracias a todas las personas que apoyaron.' })).statusCode).toBe(303);
    const { rows, byUser } = await received(since);
    const n = (k: string) => `causes.notifications.${k}`;
    expect(byUser.author).toEqual([n('in_response'), n('linked'), n('answered')]);
    expect(byUser.follower).toEqual([n('in_response'), n('linked'), n('answered'), n('update')]);
    expect(byUser.closer).toEqual([n('in_response'), n('linked'), n('answered'), n('update')]);
    expect(byUser.supporter).toEqual([]);
    expect(byUser.bystander).toEqual([]);
    expect(await mailJobsFor(rows.map((r) => r.id))).toHaveLength(rows.length);
  });

  it('tells followers when a cause expires, and shows notices in the reader language', async () => {
    const id = await makeCause(db(), ids.author!);
    await postForm(t.app, `/causas/${id}/seguir`, cookies.follower, { follow: '1' });
    await db().updateTable('causes_causes').set({ published_at: new Date(Date.now() - 40 * 86400_000).toISOString(), deadline_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
    await expireDueCauses(db());
    const keys = await db().selectFrom('core_notifications').select(['user_id', 'message_key']).where('url', '=', `/causas/${id}`).execute();
    expect(keys).toEqual(expect.arrayContaining([{ user_id: ids.author, message_key: 'causes.notifications.expired' }, { user_id: ids.follower, message_key: 'causes.notifications.expired' }]));
    const page = await t.app.inject({ url: '/mi-cuenta/notificaciones', headers: { cookie: cookies.follower! } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('venció sin alcanzar los apoyos necesarios');
    expect(page.body).toContain('recibió la respuesta oficial de Instituto de Desarrollo Urbano');
  });
});
