import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runAxe, startTestServer, openTab, type TestServer } from '../../../test/browser.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { createPerson } from '../admin/test-people.ts';
import { Readable } from 'node:stream';
import { importResource } from './datastore/import/import.ts';
import { csvSource } from './datastore/import/sources.ts';
import { createDataset } from './open-data.test-support.ts';
import { chooseOption, typeInto, pressEnterOn } from '../../../test/keyboard.ts';

/**
 * An official publishes a dataset and a visitor finds it with the keyboard alone, with JavaScript
 * and without; every page of the catalogue has no WCAG 2.1 AA violation (axe-core), in both languages.
 */
describe('open data in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let officialCookie = '';
  let resourceId = '';
  /** Resource pages with a DataStore: the demo's PQRS and stations, one with rejected rows, one queued. */
  const datastorePages: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const db = server.testApp.database.db;
    const { id } = await createPerson(db, { name: 'Funcionaria SDP', roles: [{ role: 'entity_official', entityCode: 'sdp' }] });
    officialCookie = await signInAs(server.testApp.database, id);
    const d = await createDataset(db, { name: 'arbolado-urbano', title: 'Arbolado urbano', ownerOrg: 'sdp', groupName: 'ambiente', tags: ['árboles'], notes: '# Censo\n\nÁrboles **del espacio público**.\n\n- Especie\n- Altura' }, [{ format: 'GEOJSON', name: 'Árboles (GeoJSON)' }]);
    resourceId = d.id && (await db.selectFrom('open_data_resources').select('id').where('dataset_id', '=', d.id).executeTakeFirstOrThrow()).id;
    const resourceOf = async (dataset: string) =>
      (await db.selectFrom('open_data_resources as r').innerJoin('open_data_datasets as x', 'x.id', 'r.dataset_id').select('r.id').where('x.name', '=', dataset).orderBy('r.position').executeTakeFirstOrThrow()).id;
    const pqrs = `/datos/conjuntos/pqrs-por-localidad-demo/recursos/${await resourceOf('pqrs-por-localidad-demo')}`;
    const stops = `/datos/conjuntos/paraderos-sitp-demo/recursos/${await resourceOf('paraderos-sitp-demo')}`;
    const messy = await createDataset(db, { name: 'datos-con-errores', ownerOrg: 'sdp' }, [{ format: 'CSV', name: 'Con errores' }]);
    const messyId = await resourceOf(messy.name);
    const lines = ['n;fecha', ...Array.from({ length: 60 }, (_, i) => `${i};0${1 + (i % 9)}/03/2026`), 'x;31/02/2026', 'corta'];
    await importResource(db, messyId, csvSource(Readable.from([Buffer.from(lines.join('\n'))])), { dbKind: server.testApp.database.kind });
    const queued = await createDataset(db, { name: 'datos-en-cola', ownerOrg: 'sdp' });
    await db.insertInto('open_data_resources').values({ dataset_id: queued.id, position: 0, name: 'En cola', format: 'CSV', file_id: 'pendiente', size: 2048 }).execute();
    datastorePages.push(pqrs, `${pqrs}?campo=tipo&valor=Queja&orden=cantidad&dir=desc`, `${pqrs}?q=usme&pagina=1`, `${pqrs}?pagina=3`, `${pqrs}?campo=mes&valor=ayer`, stops);
    datastorePages.push(`/datos/conjuntos/datos-con-errores/recursos/${messyId}`, `/datos/conjuntos/datos-en-cola/recursos/${await resourceOf('datos-en-cola')}`);
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const tab = (javaScript: boolean, options: { locale?: 'es' | 'en'; cookie?: string } = {}) => openTab(browser, server.baseUrl, contexts, { javaScript, ...options });

  for (const javaScript of [true, false]) {
    it(`an official publishes a dataset and a visitor finds it, keyboard only, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const name = javaScript ? 'pqrs-con-js' : 'pqrs-sin-js';
      const page = await tab(javaScript, { cookie: officialCookie });
      const checkAxe = async () => {
        expect(await page.locator('h1').count()).toBe(1);
        if (javaScript) expect(await runAxe(page), page.url()).toEqual([]);
      };
      await page.goto(`${server.baseUrl}/datos/gestion/nuevo`);
      await checkAxe();
      await typeInto(page, '#title', `PQRS ${name}`);
      await typeInto(page, '#name', 'Nombre Inválido');
      await typeInto(page, '#notes', 'Peticiones por **localidad**.');
      await chooseOption(page, '#group', 'gobierno-y-participacion');
      await typeInto(page, '#maintainer', 'Oficina de datos');
      await typeInto(page, '#maintainer_email', 'datos@sdp.gov.co');
      await pressEnterOn(page, 'form[action="/datos/gestion/nuevo"] button[type="submit"]');
      // Refused: the message is next to the field and in the summary; the other values are kept.
      expect(await page.locator('.error-summary').innerText()).toContain('El valor no es válido');
      expect(await page.locator('#title').inputValue()).toBe(`PQRS ${name}`);
      await checkAxe();
      await typeInto(page, '#name', name);
      await pressEnterOn(page, 'form[action="/datos/gestion/nuevo"] button[type="submit"]');
      expect(page.url()).toBe(`${server.baseUrl}/datos/conjuntos/${name}`);
      expect(await page.locator('.markdown strong').innerText()).toBe('localidad');
      await checkAxe();

      // A visitor searches, then narrows by a facet link.
      const visitor = await tab(javaScript);
      await visitor.goto(`${server.baseUrl}/datos`);
      await typeInto(visitor, '#q', 'arbolado');
      await pressEnterOn(visitor, 'form[role="search"] button[type="submit"]');
      expect(await visitor.locator('.od-result-list').innerText()).toContain('Arbolado urbano');
      await pressEnterOn(visitor, '.od-facets a[href*="formato=GEOJSON"]');
      expect(visitor.url()).toContain('formato=GEOJSON');
      await pressEnterOn(visitor, '.od-result a[href="/datos/conjuntos/arbolado-urbano"]');
      expect(await visitor.locator('h1').innerText()).toBe('Arbolado urbano');
    }, 240_000);
  }

  it('filters and sorts the data preview with the keyboard and without JavaScript', async () => {
    const page = await tab(false);
    await page.goto(`${server.baseUrl}${datastorePages[0]}`);
    expect(await page.locator('#datos-caption').innerText()).toContain('de 160');
    await chooseOption(page, '#datos-campo', 'localidad');
    await typeInto(page, '#datos-valor', 'Suba');
    await chooseOption(page, '#datos-orden', 'cantidad');
    await pressEnterOn(page, '.datastore-filters button[type="submit"]');
    expect(page.url()).toContain('campo=localidad&valor=Suba&orden=cantidad');
    expect(await page.locator('#datos-caption').innerText()).toContain('de 8');
    const cells = await page.locator('#datos table tbody td:nth-child(3)').allInnerTexts();
    expect(new Set(cells)).toEqual(new Set(['Suba']));
    await pressEnterOn(page, '#datos thead a[href*="orden=cantidad"]');
    expect(page.url()).toContain('dir=desc');
  }, 120_000);

  for (const locale of ['es', 'en'] as const) {
    it(`every catalogue page has no WCAG 2.1 AA violations, in ${locale === 'es' ? 'Spanish' : 'English'}`, async () => {
      const page = await tab(true, { locale, cookie: officialCookie });
      const pages = [
        '/datos',
        '/datos?q=arbolado&formato=GEOJSON',
        '/datos?q=nada-coincide',
        '/datos/conjuntos/arbolado-urbano',
        `/datos/conjuntos/arbolado-urbano/recursos/${resourceId}`,
        '/datos/gestion',
        '/datos/gestion/nuevo',
        '/datos/conjuntos/arbolado-urbano/editar',
        '/datos/conjuntos/arbolado-urbano/recursos/nuevo',
        ...datastorePages,
      ];
      for (const path of pages) {
        const response = await page.goto(`${server.baseUrl}${path}`);
        expect(response?.status(), path).toBe(200);
        expect(await runAxe(page), path).toEqual([]);
      }
    }, 240_000);
  }
});
