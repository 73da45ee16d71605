import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { postForm } from '../../../test/post-form.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { createPerson } from '../admin/test-people.ts';
import { findDataset } from './catalogue.queries.ts';
import { createDataset } from './open-data.test-support.ts';
import { renderToString } from 'preact-render-to-string';
import { Markdown } from './views/Markdown.tsx';

const FORM = {
  title: 'PQRS por localidad',
  name: 'pqrs-por-localidad',
  notes: 'Peticiones, quejas y reclamos **radicados** por localidad.\n\n- Mensual\n- Desde 2024',
  owner_org: 'sdp',
  group: 'gobierno-y-participacion',
  license_id: 'cc-by-4.0',
  frequency: 'MONTHLY',
  localidades: ['01', '09'],
  maintainer: 'Oficina de datos SDP',
  maintainer_email: 'datos@sdp.gov.co',
  tags: 'pqrs, atención',
  'extra:Idioma': 'Español',
};

describe.each(testEngines())('the catalogue: officials publish, everyone reads (%s)', (engine) => {
  let t: TestApp;
  let official = '';
  let otherOfficial = '';
  let citizen = '';

  beforeAll(async () => {
    t = await buildTestApp(engine);
    const db = t.database.db;
    official = await signInAs(t.database, (await createPerson(db, { name: 'Funcionaria SDP', roles: [{ role: 'entity_official', entityCode: 'sdp' }] })).id);
    otherOfficial = await signInAs(t.database, (await createPerson(db, { name: 'Funcionario IDPAC', roles: [{ role: 'entity_official', entityCode: 'idpac' }] })).id);
    citizen = await signInAs(t.database, (await createPerson(db, { name: 'Ciudadana' })).id);
  });
  afterAll(async () => t?.close());

  it('lets an official of the entity create a dataset, then shows it with its description rendered safely', async () => {
    const created = await postForm(t.app, '/datos/gestion/nuevo', official, FORM);
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/datos/conjuntos/pqrs-por-localidad');
    const page = await t.app.inject({ url: '/datos/conjuntos/pqrs-por-localidad' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>radicados</strong>');
    expect(page.body).toContain('Oficina de datos SDP');
    const dataset = (await findDataset(t.database.db, 'pqrs-por-localidad'))!;
    expect(dataset.localidades).toEqual(['01', '09']);
    expect(dataset.tags.map((x) => x.name)).toEqual(['atención', 'pqrs']);
    expect(dataset.extras).toEqual({ Idioma: 'Español' });
    expect(dataset.version).toBe(1);
  });

  it('keeps the values and explains each problem when the form is wrong, changing nothing', async () => {
    const response = await postForm(t.app, '/datos/gestion/nuevo', official, { ...FORM, name: 'Nombre Con Espacios', notes: '', maintainer_email: 'no-es-correo' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('value="Nombre Con Espacios"');
    expect(response.body).toContain('Este dato es obligatorio.');
    expect(response.body).toContain('El valor no es válido.');
    const taken = await postForm(t.app, '/datos/gestion/nuevo', official, FORM);
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('Ese nombre corto ya lo usa otro conjunto de datos.');
  });

  it('refuses officials of another entity and citizens', async () => {
    expect((await postForm(t.app, '/datos/gestion/nuevo', otherOfficial, { ...FORM, name: 'otro' })).statusCode).toBe(403);
    expect((await postForm(t.app, '/datos/gestion/nuevo', citizen, { ...FORM, name: 'otro' })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/datos/conjuntos/pqrs-por-localidad/editar', headers: { cookie: otherOfficial } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/datos/gestion', headers: { cookie: citizen } })).statusCode).toBe(403);
  });

  it('versions and audits every change', async () => {
    const edit = await t.app.inject({ url: '/datos/conjuntos/pqrs-por-localidad/editar', headers: { cookie: official } });
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="PQRS por localidad"');
    const saved = await postForm(t.app, '/datos/conjuntos/pqrs-por-localidad/editar', official, { ...FORM, title: 'PQRS radicadas por localidad' });
    expect(saved.statusCode).toBe(303);
    const db = t.database.db;
    const dataset = (await findDataset(db, 'pqrs-por-localidad'))!;
    expect(dataset.version).toBe(2);
    const versions = await db.selectFrom('open_data_dataset_versions').select(['version', 'snapshot']).where('dataset_id', '=', dataset.id).orderBy('version').execute();
    expect(versions.map((v) => (v.snapshot as { title: string }).title)).toEqual(['PQRS por localidad', 'PQRS radicadas por localidad']);
    const audit = await db.selectFrom('core_audit_log').select('action').where('resource_id', '=', dataset.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['open-data.create-dataset', 'open-data.update-dataset']);
  });

  it('adds a link resource and lists it on the dataset and the resource page', async () => {
    const { app } = t;
    const page = await app.inject({ url: '/datos/conjuntos/pqrs-por-localidad/recursos/nuevo', headers: { cookie: official } });
    expect(page.statusCode).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const csrfCookie = page.cookies.find((c) => c.name === 'gab_csrf')!;
    const boundary = 'XBOUNDARY';
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = part('_csrf', csrf) + part('name', 'Visor en línea') + part('url', 'https://datos.example.org/visor') + part('format', 'HTML') + `--${boundary}--\r\n`;
    const cookies = [official, csrfCookie ? `gab_csrf=${csrfCookie.value}` : ''].filter(Boolean).join('; ');
    const response = await app.inject({ method: 'POST', url: '/datos/conjuntos/pqrs-por-localidad/recursos/nuevo', headers: { cookie: cookies, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(response.statusCode).toBe(303);
    const dataset = (await findDataset(t.database.db, 'pqrs-por-localidad'))!;
    expect(dataset.resources.map((r) => [r.name, r.format, r.position])).toEqual([['Visor en línea', 'HTML', 0]]);
    expect(dataset.version).toBe(3);
    const resourcePage = await app.inject({ url: `/datos/conjuntos/pqrs-por-localidad/recursos/${dataset.resources[0]!.id}` });
    expect(resourcePage.statusCode).toBe(200);
    expect(resourcePage.body).toContain('https://datos.example.org/visor');
  });

  it('searches the catalogue page with facets, without JavaScript', async () => {
    await createDataset(t.database.db, { name: 'arbolado-urbano', title: 'Arbolado urbano', ownerOrg: 'idpac', groupName: 'ambiente', tags: ['árboles'] }, [{ format: 'GEOJSON' }]);
    const all = await t.app.inject({ url: '/datos' });
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('Arbolado urbano');
    expect(all.body).toContain('PQRS radicadas por localidad');
    const filtered = await t.app.inject({ url: '/datos?formato=GEOJSON' });
    expect(filtered.body).toContain('Arbolado urbano');
    expect(filtered.body).not.toContain('PQRS radicadas por localidad');
    const searched = await t.app.inject({ url: '/datos?q=arboles' });
    expect(searched.body).toContain('Arbolado urbano');
    expect(searched.body).not.toContain('PQRS radicadas');
    const english = await t.app.inject({ url: '/datos', headers: { cookie: 'gab_lang=en' } });
    expect(english.body).toContain('Open data');
  });

  it('hides private datasets from visitors', async () => {
    await createDataset(t.database.db, { name: 'borrador', title: 'Borrador privado', private: true });
    expect((await t.app.inject({ url: '/datos/conjuntos/borrador' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/datos/conjuntos/borrador', headers: { cookie: official } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/datos' })).body).not.toContain('Borrador privado');
  });
});

describe('the Markdown subset', () => {
  it('renders structure and escapes raw HTML and unsafe links', () => {
    const html = renderToString(Markdown({ source: '# Título\n\nTexto <script>alert(1)</script> y [malo](javascript:alert(1)) y [bueno](https://a.b).\n\n1. uno\n2. dos' }));
    expect(html).toContain('<h3>Título</h3>');
    expect(html).toContain('&lt;script>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<a href="https://a.b">bueno</a>');
    expect(html).toContain('<ol><li>uno</li><li>dos</li></ol>');
  });
});
