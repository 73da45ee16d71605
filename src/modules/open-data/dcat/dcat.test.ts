import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.ts';
import { createDataset } from '../open-data.test-support.ts';

/**
 * DCAT-AP 3 output validated with rdf-validate-shacl against the official 3.0.1 shapes, and
 * /data.json against the Project Open Data 1.1 schema (bureauCode/programCode waived: US-only).
 * Needs ../shared/standards (skipped without it).
 */
const SHARED = join(process.cwd(), '..', 'shared', 'standards');
const HAS_SHARED = existsSync(join(SHARED, 'dcat-ap', 'dcat-ap-3.0.1-SHACL.ttl'));

describe.skipIf(!HAS_SHARED)('DCAT-AP 3 and data.json', () => {
  let t: TestApp;
  let rdf: any;
  let validator: any;

  const parse = async (body: string, type: string) => rdf.dataset().import(rdf.formats.parsers.import(type, Readable.from([body])));
  const violations = async (body: string, type: string) => {
    const report = await validator.validate(await parse(body, type));
    return report.results.filter((r: any) => r.severity?.value?.endsWith('Violation')).map((r: any) => `${r.focusNode?.value} ${r.path?.value}: ${r.message?.map((m: any) => m.value).join(' ')}`);
  };

  beforeAll(async () => {
    t = await buildTestApp('pglite');
    const db = t.database.db;
    await createDataset(db, { name: 'pqrs-por-localidad', title: 'PQRS por localidad', localidades: ['01', '09'], temporalStart: '2024-01-01', temporalEnd: '2024-12-31', tags: ['pqrs', 'atención'], notes: 'Peticiones "con comillas" y\nsaltos & <signos>.' }, [{ format: 'CSV' }, { format: 'PDF', url: 'https://example.org/a.pdf', name: 'Informe' }]);
    await createDataset(db, { name: 'sin-recursos', ownerOrg: 'idpac', groupName: 'ambiente', tags: [] });
    rdf = (await import('@zazuko/env-node')).default;
    const SHACLValidator = (await import('rdf-validate-shacl')).default;
    const shapes = await rdf.dataset().import(rdf.fromFile(join(SHARED, 'dcat-ap', 'dcat-ap-3.0.1-SHACL.ttl')));
    validator = new SHACLValidator(shapes, { factory: rdf });
  }, 300_000);
  afterAll(async () => t?.close());

  it.each([
    ['/catalog.ttl', 'text/turtle'],
    ['/catalog.jsonld', 'application/ld+json'],
    ['/catalog.rdf', 'application/rdf+xml'],
  ])('%s conforms to the DCAT-AP 3.0.1 shapes', async (url, type) => {
    const r = await t.app.inject({ url });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain(type);
    expect(await violations(r.body, type)).toEqual([]);
    const quads = [...(await parse(r.body, type))];
    const datasets = quads.filter((q: any) => q.predicate.value === 'http://www.w3.org/ns/dcat#dataset').map((q: any) => q.object.value);
    expect(datasets).toEqual(expect.arrayContaining(['http://localhost:3000/dataset/pqrs-por-localidad'.replace('http://localhost:3000', t.config.baseUrl.replace(/\/$/, '')), expect.stringContaining('/dataset/sin-recursos')]));
    // Self-published exports are datasets like any other.
    expect(datasets.some((d: string) => d.includes('/dataset/plataforma-'))).toBe(true);
  }, 120_000);

  it('serves one dataset in each format and by content negotiation, also conforming', async () => {
    for (const [url, accept, type] of [
      ['/dataset/pqrs-por-localidad.ttl', '*/*', 'text/turtle'],
      ['/dataset/pqrs-por-localidad.jsonld', '*/*', 'application/ld+json'],
      ['/dataset/pqrs-por-localidad.rdf', '*/*', 'application/rdf+xml'],
      ['/dataset/pqrs-por-localidad', 'text/turtle', 'text/turtle'],
      ['/dataset/pqrs-por-localidad', 'application/ld+json', 'application/ld+json'],
      ['/catalog', 'application/rdf+xml', 'application/rdf+xml'],
    ] as const) {
      const r = await t.app.inject({ url, headers: { accept } });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type']).toContain(type);
      expect(await violations(r.body, type)).toEqual([]);
    }
    const turtle = (await t.app.inject({ url: '/dataset/pqrs-por-localidad.ttl' })).body;
    expect(turtle).toContain('"PQRS por localidad"@es');
    expect(turtle).toContain('dcat:accessURL <https://example.org/datos.csv>');
    expect((await t.app.inject({ url: '/dataset/pqrs-por-localidad', headers: { accept: 'text/html' } })).statusCode).toBe(303);
    expect((await t.app.inject({ url: '/dataset/no-existe.ttl' })).statusCode).toBe(404);
  }, 120_000);

  it('fails the shapes when a mandatory property is missing (the check is real)', async () => {
    const turtle = (await t.app.inject({ url: '/dataset/sin-recursos.ttl' })).body.replace(/dct:title "[^"]*"@es ;/, '');
    expect((await violations(turtle, 'text/turtle')).join('\n')).toContain('http://purl.org/dc/terms/title');
  }, 120_000);

  it('/data.json validates against Project Open Data 1.1', async () => {
    const Ajv = (await import('ajv-draft-04')).default;
    const addFormats = (await import('ajv-formats')).default;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const load = (name: string) => JSON.parse(readFileSync(join(SHARED, 'pod-datajson', name), 'utf8'));
    const dataset = load('dataset.json');
    dataset.required = dataset.required.filter((k: string) => k !== 'bureauCode' && k !== 'programCode');
    for (const [name, schema] of [['dataset.json', dataset], ['distribution.json', load('distribution.json')], ['organization.json', load('organization.json')], ['vcard.json', load('vcard.json')]] as const) ajv.addSchema(schema, name);
    const validate = ajv.compile(load('catalog.json'));
    const r = await t.app.inject({ url: '/data.json' });
    expect(r.statusCode).toBe(200);
    const body = JSON.parse(r.body);
    const ok = validate(body);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(body.dataset.map((d: { title: string }) => d.title)).toContain('PQRS por localidad');
  }, 120_000);
});
