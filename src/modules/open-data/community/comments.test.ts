import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.ts';
import { testEngines } from '../../../../test/database.ts';
import { postForm } from '../../../../test/post-form.ts';
import { signInAs } from '../../../../test/sign-in.ts';
import { createPerson } from '../../admin/test-people.ts';
import { createDataset } from '../open-data.test-support.ts';
import { communityPersonalData } from './community.personal-data.ts';

/** Comments on a dataset page, posted without JavaScript: threads, reports and moderation. */
describe.each(testEngines())('comments on datasets (%s)', (engine) => {
  let t: TestApp;
  const db = () => t.database.db;
  const cookies: Record<string, string> = {};
  const people: Record<string, string> = {};
  const base = '/datos/conjuntos/comentado';
  const comment = (id: string) => db().selectFrom('open_data_comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const idFrom = (location: string | undefined) => location!.split('#comentario-')[1]!;

  beforeAll(async () => {
    t = await buildTestApp(engine);
    const specs: [string, Parameters<typeof createPerson>[1]][] = [
      ['citizen', { name: 'Comentarista Uno' }],
      ['other', { name: 'Comentarista Dos' }],
      ['moderator', { name: 'Moderadora Datos', roles: [{ role: 'moderator', entityCode: null }] }],
    ];
    for (const [who, spec] of specs) {
      people[who] = (await createPerson(db(), spec)).id;
      cookies[who] = await signInAs(t.database, people[who]!);
    }
    await createDataset(db(), { name: 'comentado', title: 'Conjunto comentado', ownerOrg: 'sdp' });
  }, 120_000);
  afterAll(async () => t?.close());

  it('shows visitors the thread and how to join it, and sends them to sign in to post', async () => {
    const page = await t.app.inject({ method: 'GET', url: base });
    expect(page.body).toContain('Todavía no hay comentarios.');
    expect(page.body).toContain('No puede comentar todavía.');
    const anonymous = await postForm(t.app, `${base}/comentarios`, undefined, { body: 'Hola a todos' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/ingresar');
    expect(await db().selectFrom('open_data_comments').select('id').where('body', '=', 'Hola a todos').execute()).toEqual([]);
  });

  it('refuses an empty comment in Spanish on the dataset page itself, and posts a comment and a reply', async () => {
    const empty = await postForm(t.app, `${base}/comentarios`, cookies.citizen, { body: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<h1>Conjunto comentado</h1>');
    expect(empty.body).toContain('Este campo es obligatorio.');
    const posted = await postForm(t.app, `${base}/comentarios`, cookies.citizen, { body: '¿Cada cuánto se actualiza?' });
    expect(posted.statusCode).toBe(303);
    const id = idFrom(posted.headers.location);
    const reply = await postForm(t.app, `${base}/comentarios`, cookies.other, { body: 'Cada mes, según la ficha.', parent_id: id });
    const replyId = idFrom(reply.headers.location);
    // A reply to a reply joins the first comment's thread.
    const nested = await postForm(t.app, `${base}/comentarios`, cookies.citizen, { body: 'Gracias.', parent_id: replyId });
    expect((await comment(idFrom(nested.headers.location))).parent_id).toBe(id);
    const tooLong = await postForm(t.app, `${base}/comentarios`, cookies.citizen, { body: 'x'.repeat(2001), parent_id: id });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('Escriba como máximo 2.000 caracteres.');
    const page = await t.app.inject({ method: 'GET', url: base });
    expect(page.body).toContain('3 comentarios');
    expect(page.body).toContain('Cada mes, según la ficha.');
    expect(page.body).toContain('Comentarista Dos');
  });

  it('takes one report per person, and lets moderators only hide a comment with a public reason', async () => {
    const posted = await postForm(t.app, `${base}/comentarios`, cookies.citizen, { body: 'Texto ofensivo de prueba' });
    const id = idFrom(posted.headers.location);
    expect((await postForm(t.app, `${base}/comentarios/${id}/reportar`, cookies.other, { reason: 'Lenguaje ofensivo' })).statusCode).toBe(303);
    expect((await postForm(t.app, `${base}/comentarios/${id}/reportar`, cookies.other, { reason: 'Otra vez' })).statusCode).toBe(303);
    expect(await db().selectFrom('open_data_comment_reports').select('reason').where('comment_id', '=', id).execute()).toEqual([{ reason: 'Lenguaje ofensivo' }]);
    expect((await t.app.inject({ method: 'GET', url: base, headers: { cookie: cookies.moderator! } })).body).toContain('1 reporte');

    expect((await postForm(t.app, `${base}/comentarios/${id}/ocultar`, cookies.other, { reason: 'No me gusta' })).statusCode).toBe(403);
    const noReason = await postForm(t.app, `${base}/comentarios/${id}/ocultar`, cookies.moderator, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Este campo es obligatorio.');
    expect((await comment(id)).hidden).toBe(false);
    expect((await postForm(t.app, `${base}/comentarios/${id}/ocultar`, cookies.moderator, { reason: 'Lenguaje ofensivo' })).statusCode).toBe(303);
    expect(await comment(id)).toMatchObject({ hidden: true, hidden_reason: 'Lenguaje ofensivo', body: 'Texto ofensivo de prueba' });
    const page = (await t.app.inject({ method: 'GET', url: base })).body;
    expect(page).toContain('Comentario ocultado por moderación: Lenguaje ofensivo');
    expect(page).not.toContain('Texto ofensivo de prueba');
    // Hidden comments take no replies.
    const replied = await postForm(t.app, `${base}/comentarios`, cookies.other, { body: 'Respuesta tardía', parent_id: id });
    expect(replied.statusCode).toBe(303);
    expect(await db().selectFrom('open_data_comments').select('id').where('body', '=', 'Respuesta tardía').execute()).toEqual([]);
    expect((await postForm(t.app, '/datos/conjuntos/no-existe/comentarios', cookies.citizen, { body: 'Hola' })).statusCode).toBe(404);
  });

  it("lists a person's comments and reports in their own data (Mis datos), and nobody else's", async () => {
    const mine = (await communityPersonalData(db(), people.other!)) as { datasetComments: { text: string }[]; commentReports: { reason: string }[] };
    expect(mine.datasetComments.map((c) => c.text)).toContain('Cada mes, según la ficha.');
    expect(mine.datasetComments.map((c) => c.text)).not.toContain('¿Cada cuánto se actualiza?');
    expect(mine.commentReports.map((r) => r.reason)).toEqual(['Lenguaje ofensivo']);
  });
});
