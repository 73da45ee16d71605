import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../core/auth/api-tokens.ts';
import { buildTestApp, type TestApp } from '../../../../test/app.ts';
import { testEngines } from '../../../../test/database.ts';
import { createPerson } from '../../admin/test-people.ts';
import { createDataset } from '../open-data.test-support.ts';

/**
 * CKAN Action API conformance (standards.md §1.6, catalogue actions; the datastore_* rows are the
 * datastore's own tests) and the npm `ckanapi` client against a listening server.
 */
describe.each(testEngines())('the CKAN Action API (%s)', (engine) => {
  let t: TestApp;
  let writeToken = '';
  let readToken = '';
  let otherEntityToken = '';
  let datasetId = '';
  let resourceId = '';

  const get = async (path: string) => {
    const r = await t.app.inject({ method: 'GET', url: path });
    return { status: r.statusCode, type: r.headers['content-type'], body: JSON.parse(r.body) as any };
  };
  const post = async (name: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await t.app.inject({ method: 'POST', url: `/api/3/action/${name}`, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers }, payload: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.statusCode, body: JSON.parse(r.body) as any };
  };

  beforeAll(async () => {
    t = await buildTestApp(engine);
    const db = t.database.db;
    const names = ['a-conjunto', 'b-conjunto', 'c-conjunto', 'd-conjunto'];
    for (const [i, name] of names.entries()) {
      const d = await createDataset(db, { name, title: `Conjunto ${name}`, ownerOrg: i % 2 ? 'idpac' : 'sdp', tags: i === 0 ? ['pqrs', 'movilidad'] : ['pqrs'], notes: i === 3 ? 'Contiene bicicletas' : 'Descripción' }, [{ format: i === 1 ? 'JSON' : 'CSV' }]);
      if (i === 0) {
        datasetId = d.id;
        resourceId = (await db.selectFrom('open_data_resources').select('id').where('dataset_id', '=', d.id).executeTakeFirstOrThrow()).id;
      }
    }
    await createDataset(db, { name: 'e-privado', private: true });
    const official = await createPerson(db, { name: 'Funcionaria SDP', roles: [{ role: 'entity_official', entityCode: 'sdp' }] });
    const other = await createPerson(db, { name: 'Funcionario IDPAC', roles: [{ role: 'entity_official', entityCode: 'idpac' }] });
    writeToken = (await createApiToken(db, { userId: official.id, name: 'ckan', scopes: ['write'], expiresAt: null })).token;
    readToken = (await createApiToken(db, { userId: official.id, name: 'ckan', scopes: ['read'], expiresAt: null })).token;
    otherEntityToken = (await createApiToken(db, { userId: other.id, name: 'ckan', scopes: ['write'], expiresAt: null })).token;
  });
  afterAll(async () => t?.close());

  it('answers /api/3 with the version', async () => {
    expect((await get('/api/3')).body).toEqual({ version: 3 });
  });

  it('package_list: the envelope, names in order, no private ones, limit and offset, on both routes', async () => {
    for (const prefix of ['/api/3/action', '/api/action']) {
      const r = await get(`${prefix}/package_list`);
      expect(r.status).toBe(200);
      expect(r.type).toMatch(/^application\/json/);
      expect(Object.keys(r.body).sort()).toEqual(['help', 'result', 'success']);
      expect(r.body.help).toContain('help_show?name=package_list');
      expect(r.body.success).toBe(true);
      const names = r.body.result as string[];
      expect(names).toEqual([...names].sort());
      expect(names).toEqual(expect.arrayContaining(['a-conjunto', 'b-conjunto', 'c-conjunto', 'd-conjunto']));
      expect(names).not.toContain('e-privado');
    }
    const all = (await get('/api/3/action/package_list')).body.result as string[];
    expect((await get('/api/3/action/package_list?limit=2&offset=1')).body.result).toEqual(all.slice(1, 3));
    const empty = await post('package_list');
    expect(empty.status).toBe(200);
    expect(empty.body.result).toEqual(all);
  });

  it('package_show: by name and by id the same dict, with the required keys', async () => {
    const byName = await post('package_show', { id: 'a-conjunto' });
    const byId = await post('package_show', { id: datasetId });
    expect(byName.status).toBe(200);
    expect(byId.body.result).toEqual(byName.body.result);
    const d = byName.body.result;
    for (const key of ['id', 'name', 'title', 'notes', 'license_id', 'metadata_created', 'metadata_modified', 'num_resources', 'num_tags', 'private', 'state', 'type']) expect(d).toHaveProperty(key);
    expect(d.organization.name).toBe('sdp');
    expect(d.tags.map((x: { name: string }) => x.name).sort()).toEqual(['movilidad', 'pqrs']);
    expect(d.resources[0]).toMatchObject({ id: resourceId, url: 'https://example.org/datos.csv', format: 'CSV', position: 0, datastore_active: false });
    expect(d.metadata_modified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect(d.type).toBe('dataset');
  });

  it('package_show: unknown → 404 Not Found Error; missing id → 409; private → 403', async () => {
    const r = await post('package_show', { id: 'no-existe' });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ success: false, error: { __type: 'Not Found Error' } });
    expect(typeof r.body.error.message).toBe('string');
    expect(r.body.help).toContain('help_show?name=package_show');
    const missing = await post('package_show', {});
    expect(missing.status).toBe(409);
    expect(missing.body.error).toEqual({ __type: 'Validation Error', id: ['Missing value'] });
    expect((await post('package_show', { id: 'e-privado' })).status).toBe(403);
    expect((await post('package_show', { id: 'e-privado' }, { authorization: writeToken })).status).toBe(200);
  });

  it('package_search: count, rows (default 10, max 1000), start, q, fq, sort', async () => {
    const all = await get('/api/3/action/package_search');
    expect(all.status).toBe(200);
    const { count, results } = all.body.result;
    expect(count).toBeGreaterThanOrEqual(results.length);
    expect(results.length).toBeLessThanOrEqual(10);
    const big = (await get('/api/3/action/package_search?rows=5000')).body.result;
    expect(big.results.length).toBe(Math.min(1000, big.count));
    const page1 = (await get('/api/3/action/package_search?rows=2&start=0&sort=name%20asc')).body.result.results.map((d: { name: string }) => d.name);
    const page2 = (await get('/api/3/action/package_search?rows=2&start=2&sort=name%20asc')).body.result.results.map((d: { name: string }) => d.name);
    expect(page1.filter((n: string) => page2.includes(n))).toEqual([]);
    // Within this test's datasets (tag pqrs): the demo content has datasets about mobility too.
    expect((await get('/api/3/action/package_search?q=bicicletas&fq=tags:pqrs')).body.result.results.map((d: { name: string }) => d.name)).toEqual(['d-conjunto']);
    expect((await get('/api/3/action/package_search?q=movilidad&fq=tags:pqrs')).body.result.results.map((d: { name: string }) => d.name)).toEqual(['a-conjunto']);
    const org = (await get('/api/3/action/package_search?fq=organization:idpac&rows=100')).body.result;
    expect(org.results.every((d: { organization: { name: string } }) => d.organization.name === 'idpac')).toBe(true);
    expect(org.results.map((d: { name: string }) => d.name).sort()).toEqual(['b-conjunto', 'd-conjunto']);
    expect((await get(`/api/3/action/package_search?fq=${encodeURIComponent('res_format:JSON tags:pqrs')}`)).body.result.results.map((d: { name: string }) => d.name)).toEqual(['b-conjunto']);
    const sorted = (await get('/api/3/action/package_search?sort=metadata_modified%20desc&rows=100')).body.result.results.map((d: { metadata_modified: string }) => d.metadata_modified);
    expect(sorted).toEqual([...sorted].sort().reverse());
  });

  it('package_search: facets and search_facets', async () => {
    const r = await get(`/api/3/action/package_search?fq=tags:pqrs&facet.field=${encodeURIComponent('["organization","tags","res_format"]')}`);
    const { count, facets, search_facets } = r.body.result;
    expect(facets.organization).toEqual({ sdp: 2, idpac: 2 });
    expect(Object.values(facets.organization as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(count);
    expect(facets.tags.pqrs).toBe(4);
    expect(search_facets.tags.title).toBe('tags');
    expect(search_facets.tags.items).toContainEqual({ name: 'movilidad', display_name: 'movilidad', count: 1 });
    const orgItems = search_facets.organization.items as { display_name: string }[];
    expect(orgItems.map((i) => i.display_name)).toEqual(orgItems.map((i) => i.display_name).sort().reverse());
    expect((await get('/api/3/action/package_search?fq=tags:pqrs&facet.field=tags&facet.field=res_format')).body.result.facets.res_format).toEqual({ CSV: 3, JSON: 1 });
    expect((await get('/api/3/action/package_search')).body.result.facets).toEqual({});
  });

  it('package_search: unknown parameter → 400 Search Query Error; bad rows → 409 Validation Error', async () => {
    const unknown = await get('/api/3/action/package_search?nope=1');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.__type).toBe('Search Query Error');
    for (const rows of ['-1', 'abc']) {
      const r = await get(`/api/3/action/package_search?rows=${rows}`);
      expect(r.status).toBe(409);
      expect(r.body.error.__type).toBe('Validation Error');
      expect(Array.isArray(r.body.error.rows)).toBe(true);
      expect(typeof r.body.error.rows[0]).toBe('string');
    }
  });

  it('organization_list, organization_show, group_list, group_show, tag_list, resource_show', async () => {
    const orgs = (await get('/api/3/action/organization_list')).body.result as string[];
    expect(orgs).toEqual(expect.arrayContaining(['sdp', 'idpac']));
    const full = (await get('/api/3/action/organization_list?all_fields=true&organizations=sdp')).body.result;
    expect(full).toEqual([expect.objectContaining({ name: 'sdp', title: expect.any(String), package_count: 2 })]);
    expect((await get('/api/3/action/organization_show?id=sdp')).body.result).toMatchObject({ name: 'sdp', package_count: 2, is_organization: true });
    expect((await get('/api/3/action/organization_show?id=nadie')).status).toBe(404);
    const groups = (await get('/api/3/action/group_list')).body.result as string[];
    expect(groups).toContain('territorio');
    expect((await get('/api/3/action/group_list?all_fields=true&groups=territorio')).body.result[0]).toMatchObject({ name: 'territorio', package_count: 5 - 1 });
    expect((await get('/api/3/action/group_show?id=territorio')).body.result).toMatchObject({ name: 'territorio', is_organization: false });
    expect((await get('/api/3/action/group_show?id=nada')).status).toBe(404);
    expect((await get('/api/3/action/tag_list')).body.result).toEqual(expect.arrayContaining(['movilidad', 'pqrs']));
    const resource = (await get(`/api/3/action/resource_show?id=${resourceId}`)).body.result;
    expect(resource).toMatchObject({ id: resourceId, package_id: datasetId, url: 'https://example.org/datos.csv', format: 'CSV', position: 0, datastore_active: false });
    expect((await get('/api/3/action/resource_show?id=00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  it('GET on a write action → 400; unknown action → 400 bare string; malformed JSON → 400; JSONP', async () => {
    const write = await t.app.inject({ method: 'GET', url: '/api/3/action/package_create' });
    expect(write.statusCode).toBe(400);
    expect(JSON.parse(write.body)).toBe('Bad request: JSON Error: Invalid request. Please use POST method for your request');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/3/action/no_such_action' });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.parse(unknown.body)).toBe('Bad request: Action name not known: no_such_action');
    const bad = await t.app.inject({ method: 'POST', url: '/api/3/action/package_show', headers: { 'content-type': 'application/json' }, payload: '{nope' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body)).toMatch(/^Bad request: JSON Error/);
    const jsonp = await t.app.inject({ method: 'GET', url: '/api/3/action/package_list?callback=cb' });
    expect(jsonp.headers['content-type']).toMatch(/^application\/javascript/);
    expect(jsonp.body).toMatch(/^cb\(\{/);
  });

  it('write actions: 403 without a valid token, with a read-only token, or for another entity', async () => {
    const body = { name: 'nuevo', title: 'Nuevo', notes: 'Texto', owner_org: 'sdp', groups: [{ name: 'territorio' }], license_id: 'cc-by-4.0', maintainer: 'Datos', maintainer_email: 'd@sdp.gov.co' };
    for (const headers of [{}, { authorization: 'gab_pat_invalid' }, { authorization: readToken }, { authorization: otherEntityToken }] as Record<string, string>[]) {
      const r = await post('package_create', body, headers);
      expect(r.status).toBe(403);
      expect(r.body.error.__type).toBe('Authorization Error');
    }
  });

  it('package_create, package_patch, package_update and resource_create with a token (raw or Bearer)', async () => {
    const body = { name: 'creado-por-api', title: 'Creado por API', notes: 'Texto', owner_org: 'sdp', groups: [{ name: 'territorio' }], license_id: 'cc-by-4.0', maintainer: 'Datos', maintainer_email: 'd@sdp.gov.co', tags: [{ name: 'api' }] };
    const missingNotes = await post('package_create', { ...body, notes: '' }, { authorization: writeToken });
    expect(missingNotes.status).toBe(409);
    expect(missingNotes.body.error).toEqual({ __type: 'Validation Error', notes: ['Missing value'] });
    const created = await post('package_create', body, { authorization: writeToken });
    expect(created.status).toBe(200);
    expect(created.body.result).toMatchObject({ name: 'creado-por-api', version: '1', tags: [expect.objectContaining({ name: 'api' })] });
    const taken = await post('package_create', body, { authorization: `Bearer ${writeToken}` });
    expect(taken.status).toBe(409);
    expect(taken.body.error.name).toEqual(['That URL is already in use.']);
    const patched = await post('package_patch', { id: 'creado-por-api', title: 'Título nuevo' }, { authorization: writeToken });
    expect(patched.status).toBe(200);
    expect(patched.body.result).toMatchObject({ title: 'Título nuevo', notes: 'Texto', version: '2' });
    const updated = await post('package_update', { ...body, id: 'creado-por-api', notes: 'Otro texto', tags: [] }, { authorization: writeToken });
    expect(updated.body.result).toMatchObject({ title: 'Creado por API', notes: 'Otro texto', num_tags: 0, version: '3' });
    const resource = await post('resource_create', { package_id: 'creado-por-api', url: 'https://example.org/x.json', name: 'X' }, { authorization: writeToken });
    expect(resource.status).toBe(200);
    expect(resource.body.result).toMatchObject({ format: 'JSON', position: 0, name: 'X' });
    const audit = await t.database.db.selectFrom('core_audit_log').select('action').where('resource_id', '=', created.body.result.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['open-data.create-dataset', 'open-data.update-dataset', 'open-data.update-dataset']);
  });

  it('works with the npm ckanapi client against a listening server', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { Portal } = (await import('ckanapi')) as unknown as { Portal: new (url: string) => { action: Record<string, (payload?: unknown) => Promise<any>>; withToken(token: string): any } };
    const portal = new Portal(address);
    const names = await portal.action.package_list!();
    expect(names).toContain('a-conjunto');
    expect((await portal.action.package_show!({ id: 'a-conjunto' })).id).toBe(datasetId);
    const search = await portal.action.package_search!({ q: 'bicicletas', 'facet.field': ['organization'] });
    expect(search.count).toBe(1);
    expect(search.search_facets.organization.items[0].name).toBe('idpac');
    expect((await portal.action.organization_list!()).length).toBeGreaterThan(0);
    expect((await portal.action.resource_show!({ id: resourceId })).package_id).toBe(datasetId);
    await expect(portal.action.package_show!({ id: 'no-existe' })).rejects.toMatchObject({ __type: 'Not Found Error' });
    const created = await portal.withToken(writeToken).action.package_create({ name: 'desde-ckanapi', title: 'Desde ckanapi', notes: 'Texto', owner_org: 'sdp', groups: [{ name: 'territorio' }], license_id: 'cc-by-4.0', maintainer: 'Datos', maintainer_email: 'd@sdp.gov.co' });
    expect(created.name).toBe('desde-ckanapi');
  });
});
