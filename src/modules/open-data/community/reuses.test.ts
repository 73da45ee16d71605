import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.ts';
import { testEngines } from '../../../../test/database.ts';
import { postForm, postMultipart } from '../../../../test/post-form.ts';
import { signInAs } from '../../../../test/sign-in.ts';
import { createPerson } from '../../admin/test-people.ts';
import { createDataset } from '../open-data.test-support.ts';
import { requestsExport, reusesExport } from './community.open-data.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** Reuses over HTTP: the multipart form, its checks, the image, moderation, and the open-data exports. */
describe.each(testEngines())('reuses of the data (%s)', (engine) => {
  let t: TestApp;
  const db = () => t.database.db;
  const cookies: Record<string, string> = {};
  const valid = { title: 'Tablero de arbolado', description: 'Un tablero con los árboles de cada localidad.', kind: 'visualisation', url: 'https://example.org/arboles', datasets: ['arboles-reuso'] };

  beforeAll(async () => {
    t = await buildTestApp(engine);
    const specs: [string, Parameters<typeof createPerson>[1]][] = [
      ['citizen', { name: 'Desarrolladora Cívica' }],
      ['moderator', { name: 'Moderador Datos', roles: [{ role: 'moderator', entityCode: null }] }],
    ];
    for (const [who, spec] of specs) cookies[who] = await signInAs(t.database, (await createPerson(db(), spec)).id);
    await createDataset(db(), { name: 'arboles-reuso', title: 'Árboles para reusar', ownerOrg: 'sdp' });
    await createDataset(db(), { name: 'privado-reuso', title: 'Privado', ownerOrg: 'sdp', private: true });
  }, 120_000);
  afterAll(async () => t?.close());

  const count = async () => Number((await db().selectFrom('open_data_reuses').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses bad input in Spanish, keeps what was typed, and stores nothing', async () => {
    const before = await count();
    const response = await postMultipart(t.app, '/datos/usos/nuevo', cookies.citizen, { ...valid, url: 'javascript:alert(1)', kind: 'juego', datasets: [] });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Escriba una dirección web completa que empiece por http:// o https://.');
    expect(response.body).toContain('Marque al menos un conjunto de datos.');
    expect(response.body).toContain('value="Tablero de arbolado"');
    // Private datasets cannot be linked (and are not offered).
    const privateOne = await postMultipart(t.app, '/datos/usos/nuevo', cookies.citizen, { ...valid, datasets: ['privado-reuso'] });
    expect(privateOne.statusCode).toBe(400);
    expect(privateOne.body).toContain('Elija una opción de la lista.');
    expect(privateOne.body).not.toContain('value="privado-reuso"');
    // An "image" whose bytes are not an image is refused, whatever it claims to be.
    const fake = await postMultipart(t.app, '/datos/usos/nuevo', cookies.citizen, valid, [{ field: 'image', filename: 'foto.png', contentType: 'image/png', data: Buffer.from('<svg onload="alert(1)"/>') }]);
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('La imagen debe ser PNG, JPEG o WebP.');
    expect(await count()).toBe(before);
    const anonymous = await postMultipart(t.app, '/datos/usos/nuevo', undefined, valid);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/ingresar');
  });

  it('publishes a reuse with its image and lists it on the reuses page and the dataset page', async () => {
    const response = await postMultipart(t.app, '/datos/usos/nuevo', cookies.citizen, valid, [{ field: 'image', filename: 'captura.png', contentType: 'application/octet-stream', data: PNG }]);
    expect(response.statusCode).toBe(303);
    const path = response.headers.location!;
    const page = await t.app.inject({ method: 'GET', url: path });
    expect(page.body).toContain('Tablero de arbolado');
    expect(page.body).toContain('href="/datos/conjuntos/arboles-reuso"');
    const image = await t.app.inject({ method: 'GET', url: `${path}/imagen` });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect((await t.app.inject({ method: 'GET', url: '/datos/usos' })).body).toContain(`href="${path}"`);
    expect((await t.app.inject({ method: 'GET', url: '/datos/usos?tipo=app' })).body).not.toContain(`href="${path}"`);
    expect((await t.app.inject({ method: 'GET', url: '/datos/conjuntos/arboles-reuso' })).body).toContain(`href="${path}"`);
    // Coming from the dataset page, the form has that dataset ticked.
    const form = await t.app.inject({ method: 'GET', url: '/datos/usos/nuevo?conjunto=arboles-reuso', headers: { cookie: cookies.citizen! } });
    expect(form.body).toMatch(/value="arboles-reuso" checked/);
  });

  it('lets moderators only hide a reuse, with a public reason; it then vanishes from every list', async () => {
    const created = await postMultipart(t.app, '/datos/usos/nuevo', cookies.citizen, { ...valid, title: 'Uso para ocultar' }, [{ field: 'image', filename: 'c.png', contentType: 'image/png', data: PNG }]);
    const path = created.headers.location!;
    expect((await postForm(t.app, `${path}/ocultar`, cookies.citizen, { reason: 'Spam comercial' })).statusCode).toBe(403);
    const short = await postForm(t.app, `${path}/ocultar`, cookies.moderator, { reason: 'x' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Escriba al menos 3 caracteres.');
    expect((await postForm(t.app, `${path}/ocultar`, cookies.moderator, { reason: 'Enlace a publicidad engañosa' })).statusCode).toBe(303);
    const page = await t.app.inject({ method: 'GET', url: path });
    expect(page.body).toContain('Este uso fue ocultado por moderación: Enlace a publicidad engañosa');
    expect(page.body).not.toContain('https://example.org/arboles');
    expect((await t.app.inject({ method: 'GET', url: `${path}/imagen` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/datos/usos' })).body).not.toContain(`href="${path}"`);
    expect((await t.app.inject({ method: 'GET', url: '/datos/conjuntos/arboles-reuso' })).body).not.toContain(`href="${path}"`);
    const exported = (await reusesExport.query(db())).map(reusesExport.serialize);
    expect(exported.map((r) => r.titulo)).not.toContain('Uso para ocultar');
    await expect(db().updateTable('open_data_reuses').set({ hidden: false }).where('id', '=', path.split('/').pop()!).execute()).rejects.toThrow();
  });

  it('exports requests and reuses as open data without personal data', async () => {
    const requests = (await requestsExport.query(db())).map(requestsExport.serialize);
    const reuses = (await reusesExport.query(db())).map(reusesExport.serialize);
    expect(requests.length).toBeGreaterThanOrEqual(4);
    expect(requests.find((r) => r.titulo === 'Red de ciclorrutas por localidad')).toMatchObject({ estado: 'published', conjunto_de_datos: 'red-de-ciclorrutas', votos: 2 });
    expect(reuses.find((r) => r.titulo === 'Mapa de rutas en bici al colegio')).toMatchObject({ tipo: 'visualisation', conjuntos_de_datos: 'red-de-ciclorrutas' });
    const columns = new Set([...requests, ...reuses].flatMap((r) => Object.keys(r)));
    for (const personal of ['autor', 'author', 'author_id', 'descripcion', 'email', 'votantes']) expect(columns.has(personal)).toBe(false);
    const csv = await t.app.inject({ method: 'GET', url: '/datos/exportaciones/open-data/requests.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Calidad del aire por estación y hora');
    expect(csv.body).not.toContain('Paola Andrea Quintero');
  });
});
