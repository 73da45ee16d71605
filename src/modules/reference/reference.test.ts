import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';

describe.each(testEngines())('reference data API and pages (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('lists the 20 localidades with two-digit codes and official names with accents', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/localidades' });
    expect(response.statusCode).toBe(200);
    const { data } = response.json() as { data: { code: string; name: string }[] };
    expect(data).toHaveLength(20);
    expect(data[0]).toEqual({ code: '01', name: 'Usaquén' });
    expect(data.map((l) => l.code)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(data.find((l) => l.code === '09')?.name).toBe('Fontibón');
    expect(data.find((l) => l.code === '17')?.name).toBe('La Candelaria');
    expect(data.find((l) => l.code === '14')?.name).toBe('Los Mártires');
    expect(data.find((l) => l.code === '19')?.name).toBe('Ciudad Bolívar');
  });

  it('gives one localidad with its local mayoralty, and 404 for unknown codes', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/localidades/20' });
    expect(response.json().data).toMatchObject({ code: '20', number: 20, name: 'Sumapaz', hasRuralArea: true, localMayoralty: { name: 'Alcaldía Local de Sumapaz' } });
    expect(response.json().data.areaKm2).toBeGreaterThan(700);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/localidades/21' })).statusCode).toBe(400);
  });

  it('finds localidades by name regardless of accents and case', async () => {
    for (const [name, code] of [
      ['fontibon', '09'],
      ['CANDELARIA', '17'],
      ['la candelaria', '17'],
      ['Engativa', '10'],
      ['san cristobal', '04'],
      ['9', '09'],
    ]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/localidades/buscar?name=${encodeURIComponent(name!)}` });
      expect(response.json().data?.code, name).toBe(code);
    }
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/localidades/buscar?name=Medellín' });
    expect(unknown.statusCode).toBe(404);
  });

  it('resolves a point to its localidad and says when it is outside Bogotá', async () => {
    const plaza = await t.app.inject({ method: 'GET', url: '/api/v1/localidades/ubicar?lon=-74.07609&lat=4.59811' });
    expect(plaza.json().data).toEqual({ code: '17', name: 'La Candelaria' });
    const soacha = await t.app.inject({ method: 'GET', url: '/api/v1/localidades/ubicar?lon=-74.2176&lat=4.5794' });
    expect(soacha.statusCode).toBe(404);
    expect(soacha.json().error).toMatchObject({ code: 'outside_bogota', message: 'El punto está fuera de Bogotá.' });
  });

  it('ships the simplified boundaries as GeoJSON with the IDECA attribution', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/localidades/limites.geojson' });
    expect(response.headers['content-type']).toContain('application/geo+json');
    const geo = response.json();
    expect(geo.features).toHaveLength(20);
    expect(geo.attribution).toContain('IDECA');
  });

  it('lists the 15 administrative sectors, each with its head entity', async () => {
    const { data } = (await t.app.inject({ method: 'GET', url: '/api/v1/sectors' })).json() as {
      data: { number: number; name: string; entities: { kind: string; name: string }[] }[];
    };
    expect(data).toHaveLength(15);
    expect(data.map((s) => s.number)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    for (const sector of data) expect(sector.entities[0]?.kind, sector.name).toBe('head');
    const government = data.find((s) => s.name === 'Gobierno')!;
    expect(government.entities.filter((e) => e.kind === 'local_mayoralty')).toHaveLength(20);
    expect(data.find((s) => s.name === 'Gestión Pública')?.entities[0]?.name).toBe('Secretaría General de la Alcaldía Mayor de Bogotá');
  });

  it('renders the localidades table, a localidad page and the entities page', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/localidades' });
    expect(list.body).toContain('<th scope="row"><a href="/localidades/17">La Candelaria</a></th>');
    expect(list.body).toContain('IDECA');
    expect(list.body.match(/<a href="\/localidades\/\d\d" aria-label="[^"]+"><path d="M/g)).toHaveLength(20);
    const one = await t.app.inject({ method: 'GET', url: '/localidades/09' });
    expect(one.body).toContain('<h1>Fontibón</h1>');
    expect(one.body).toContain('aria-current="page"><path d="M');
    expect(one.body).toContain('map-area map-area-current');
    expect((await t.app.inject({ method: 'GET', url: '/localidades/99' })).statusCode).toBe(400);
    const entities = await t.app.inject({ method: 'GET', url: '/entidades', headers: { 'accept-language': 'en' } });
    expect(entities.body).toContain('Public Management');
    expect(entities.body).toContain('Veeduría Distrital');
  });
});
