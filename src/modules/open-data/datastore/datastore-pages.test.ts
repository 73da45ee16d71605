import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.ts';
import { testEngines } from '../../../../test/database.ts';
import { signInAs } from '../../../../test/sign-in.ts';
import { jobHandlers } from '../../../core/jobs/handlers.ts';
import { runDueJobs } from '../../../core/jobs/jobs.ts';
import { servicesFor } from '../../../core/setup.ts';
import { createPerson } from '../../admin/test-people.ts';
import { DATASTORE_IMPORT_JOB } from '../commands/add-resource.ts';
import { createDataset } from '../open-data.test-support.ts';
import { resourcePath } from '../paths.ts';

const CSV = [
  'tipo;localidad;fecha;latitud;longitud',
  ...Array.from({ length: 60 }, (_, i) => `${['queja', 'reclamo', 'peticion'][i % 3]};${['Bosa', 'Suba', 'Usme'][i % 3]};${String(1 + (i % 28)).padStart(2, '0')}/02/2024;4,${600 + i};-74,${100 + i}`),
  'queja;Bosa;no es fecha;4,5;-74,1',
  'corta;fila',
].join('\r\n');

/**
 * The officials' upload queues the import job; the resource page shows its progress and error
 * report, then the data as a table filtered, sorted and paged by links; downloads stream CSV, JSON
 * and GeoJSON.
 */
describe.each(testEngines())('datastore pages and downloads (%s)', (engine) => {
  let t: TestApp;
  let official = '';
  let resourceId = '';
  const name = 'pqrs-con-datos';

  const page = (query = '') => t.app.inject({ url: `${resourcePath(name, resourceId)}${query}` });

  beforeAll(async () => {
    t = await buildTestApp(engine);
    official = await signInAs(t.database, (await createPerson(t.database.db, { name: 'Funcionaria SDP', roles: [{ role: 'entity_official', entityCode: 'sdp' }] })).id);
    await createDataset(t.database.db, { name, title: 'PQRS con datos', ownerOrg: 'sdp' });
  });
  afterAll(async () => t?.close());

  it('an uploaded CSV queues the import; the page says so, then shows the data and the rejected rows', async () => {
    const form = await t.app.inject({ url: `/datos/conjuntos/${name}/recursos/nuevo`, headers: { cookie: official } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const csrfCookie = form.cookies.find((c) => c.name === 'gab_csrf');
    const boundary = 'XBOUNDARY';
    const part = (field: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${value}\r\n`;
    const file = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="pqrs.csv"\r\nContent-Type: text/csv\r\n\r\n${CSV}\r\n`;
    const payload = Buffer.from(part('_csrf', csrf) + part('name', 'PQRS de febrero') + file + `--${boundary}--\r\n`, 'latin1');
    const cookie = [official, csrfCookie ? `gab_csrf=${csrfCookie.value}` : ''].filter(Boolean).join('; ');
    const posted = await t.app.inject({ method: 'POST', url: `/datos/conjuntos/${name}/recursos/nuevo`, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(posted.statusCode).toBe(303);
    const resource = await t.database.db.selectFrom('open_data_resources as r').innerJoin('open_data_datasets as d', 'd.id', 'r.dataset_id').select(['r.id', 'r.format']).where('d.name', '=', name).executeTakeFirstOrThrow();
    resourceId = resource.id;
    expect(resource.format).toBe('CSV');
    const job = await t.database.db.selectFrom('core_jobs').select(['status']).where('name', '=', DATASTORE_IMPORT_JOB).where(({ ref }) => ref('payload'), '@>', JSON.stringify({ resourceId }) as never).executeTakeFirst();
    expect(job?.status).toBe('queued');
    const queued = await page();
    expect(queued.body).toContain('está en cola');
    expect(queued.body).toContain('Actualizar el estado');

    await runDueJobs(t.database.db, jobHandlers(servicesFor(t.config, t.database, () => undefined), t.app.gab.registry));
    const loaded = await page();
    expect(loaded.statusCode).toBe(200);
    expect(loaded.body).toContain('Vista previa de los datos');
    expect(loaded.body).toContain('filas 1 a 25 de 60');
    expect(loaded.body).toMatch(/<th scope="col"[^>]*><a href="[^"]*orden=tipo/);
    expect(loaded.body).toContain('<th scope="row">1</th>');
    // The rejected rows: a bad date (line 62) and a short row (line 63).
    expect(loaded.body).toContain('Filas rechazadas');
    expect(loaded.body).toMatch(/<th scope="row">62<\/th><td>fecha<\/td><td>no es fecha<\/td>/);
    expect(loaded.body).toContain('número de columnas distinto del encabezado');
    expect(loaded.body).toContain('rel="next"');
  });

  it('filters, searches, sorts and pages through query-string links (no JavaScript)', async () => {
    const filtered = await page('?campo=tipo&valor=queja');
    expect(filtered.body).toContain('20 filas');
    expect(filtered.body).not.toMatch(/<td>reclamo<\/td>/);
    const searched = await page('?q=usme');
    expect(searched.body).toContain('20 filas');
    const sorted = await page('?orden=latitud&dir=desc');
    expect(sorted.body).toMatch(/<th scope="row">60<\/th>/);
    expect(sorted.body).toContain('aria-sort="descending"');
    const second = await page('?pagina=3');
    expect(second.body).toContain('filas 51 a 60 de 60');
    const invalid = await page('?campo=fecha&valor=ayer');
    expect(invalid.statusCode).toBe(200);
    expect(invalid.body).toContain('El filtro no es válido');
    const english = await t.app.inject({ url: resourcePath(name, resourceId), headers: { cookie: 'gab_lang=en' } });
    expect(english.statusCode).toBe(200);
  });

  it('downloads the data as CSV, JSON and GeoJSON (points from latitud/longitud)', async () => {
    const base = resourcePath(name, resourceId);
    const csv = await t.app.inject({ url: `${base}/datos.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('_id,tipo,localidad,fecha,latitud,longitud');
    expect(lines[1]).toBe('1,queja,Bosa,2024-02-01,4.6,-74.1');
    expect(lines.filter(Boolean)).toHaveLength(61);
    const json = JSON.parse((await t.app.inject({ url: `${base}/datos.json` })).body);
    expect(json.fields[0]).toEqual({ id: '_id', type: 'int' });
    expect(json.records).toHaveLength(60);
    const geo = JSON.parse((await t.app.inject({ url: `${base}/datos.geojson` })).body);
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(60);
    expect(geo.features[0]).toEqual({ type: 'Feature', geometry: { type: 'Point', coordinates: [-74.1, 4.6] }, properties: { _id: 1, tipo: 'queja', localidad: 'Bosa', fecha: '2024-02-01' } });
    expect((await t.app.inject({ url: `${base}/datos.xml` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/datos/conjuntos/otro/recursos/${resourceId}/datos.csv` })).statusCode).toBe(404);
  });
});
