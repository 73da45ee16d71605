import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { indexDocument, removeDocument, type SearchDocumentInput, searchDocuments } from './search.ts';

const MODULE = 'test-search';
const OTHER = 'test-other';

const DOCS: SearchDocumentInput[] = [
  { module: MODULE, ref: 'participacion', title: 'Participación ciudadana', body: 'Espacios para que la ciudadanía incida en las decisiones.', url: '/t/participacion' },
  { module: MODULE, ref: 'presupuestos', title: 'Presupuestos participativos 2026', body: 'Votación de iniciativas locales.', url: '/t/presupuestos', localidadCode: '09' },
  { module: MODULE, ref: 'movilidad-titulo', title: 'Movilidad sostenible', body: 'Ciclorrutas y transporte público.', url: '/t/movilidad-titulo', localidadCode: '01' },
  { module: MODULE, ref: 'movilidad-cuerpo', title: 'Plan de obras viales', body: 'Incluye un capítulo sobre movilidad en el sur de la ciudad.', url: '/t/movilidad-cuerpo', localidadCode: '09' },
  { module: OTHER, ref: 'movilidad-otro', title: 'Movilidad escolar', body: 'Rutas escolares.', url: '/t/movilidad-otro' },
  { module: MODULE, ref: 'plan', title: 'Plan de desarrollo distrital', body: 'Metas del cuatrienio.', url: '/t/plan' },
  { module: MODULE, ref: 'desarrollo', title: 'Desarrollo del plan vial', body: 'Cronograma de obras.', url: '/t/desarrollo' },
  { module: MODULE, ref: 'parque-humedal', title: 'Parque del humedal Juan Amarillo', body: 'Recorridos guiados.', url: '/t/parque-humedal' },
  { module: MODULE, ref: 'parque-simon', title: 'Parque Simón Bolívar', body: 'Conciertos al parque.', url: '/t/parque-simon' },
  { module: MODULE, ref: 'participacion', locale: 'en', title: 'Citizen participation', body: 'Participación in English.', url: '/t/participacion' },
];

describe.each(testEngines())('search index (%s)', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    for (const doc of DOCS) await indexDocument(database.db, doc);
  });
  afterAll(async () => database?.close());

  const refs = async (query: string, options: Parameters<typeof searchDocuments>[2] = {}) =>
    (await searchDocuments(database.db, query, { module: MODULE, ...options })).hits.map((h) => h.ref);

  it('finds words whatever their accents and case', async () => {
    expect(await refs('PARTICIPACION')).toEqual(['participacion']);
    expect(await refs('participación')).toEqual(['participacion']);
    expect(await refs('simon bolivar')).toEqual(['parque-simon']);
    expect(await refs('CIUDADANÍA')).toEqual(['participacion']);
  });

  it('matches Spanish singular and plural forms', async () => {
    expect(await refs('presupuesto')).toEqual(['presupuestos']);
    expect(await refs('votaciones')).toEqual(['presupuestos']);
  });

  it('ranks a match in the title above a match in the body', async () => {
    const { hits } = await searchDocuments(database.db, 'movilidad', { module: MODULE });
    expect(hits.map((h) => h.ref)).toEqual(['movilidad-titulo', 'movilidad-cuerpo']);
    expect(hits[0]!.rank).toBeGreaterThan(hits[1]!.rank);
    expect(hits[0]).toMatchObject({ module: MODULE, title: 'Movilidad sostenible', url: '/t/movilidad-titulo' });
    expect(hits[1]!.snippet).toContain('<<movilidad>>');
  });

  it('filters by module and by localidad', async () => {
    const all = await searchDocuments(database.db, 'movilidad', { limit: 100 });
    expect(all.hits.map((h) => h.ref)).toEqual(expect.arrayContaining(['movilidad-cuerpo', 'movilidad-otro', 'movilidad-titulo']));
    expect(await refs('movilidad')).toEqual(['movilidad-titulo', 'movilidad-cuerpo']);
    expect(await refs('movilidad', { module: OTHER })).toEqual(['movilidad-otro']);
    expect(await refs('movilidad', { localidadCode: '09' })).toEqual(['movilidad-cuerpo']);
    expect(await refs('movilidad', { localidadCode: '01' })).toEqual(['movilidad-titulo']);
    expect(await refs('movilidad', { localidadCode: '05' })).toEqual([]);
  });

  it('searches one language at a time', async () => {
    expect(await refs('participation', { locale: 'en' })).toEqual(['participacion']);
    expect(await refs('participation')).toEqual([]);
  });

  it('returns nothing for a blank query', async () => {
    expect(await searchDocuments(database.db, '')).toEqual({ total: 0, hits: [] });
    expect(await searchDocuments(database.db, '   \n\t ')).toEqual({ total: 0, hits: [] });
  });

  it('understands quoted phrases and -word exclusions', async () => {
    expect((await refs('plan desarrollo')).sort()).toEqual(['desarrollo', 'plan']);
    expect(await refs('"plan de desarrollo"')).toEqual(['plan']);
    expect((await refs('parque')).sort()).toEqual(['parque-humedal', 'parque-simon']);
    expect(await refs('parque -humedal')).toEqual(['parque-simon']);
  });

  it('counts every match while returning one page of hits', async () => {
    const first = await searchDocuments(database.db, 'parque OR movilidad OR plan', { module: MODULE, limit: 2 });
    expect(first.total).toBe(6);
    expect(first.hits).toHaveLength(2);
    const rest = await searchDocuments(database.db, 'parque OR movilidad OR plan', { module: MODULE, limit: 10, offset: 2 });
    expect(rest.hits).toHaveLength(4);
    expect(new Set([...first.hits, ...rest.hits].map((h) => h.ref)).size).toBe(6);
  });

  it('replaces a document indexed again under the same module and ref, and removes it', async () => {
    await indexDocument(database.db, { module: MODULE, ref: 'cambia', title: 'Convocatoria cerrada', url: '/t/cambia' });
    expect(await refs('convocatoria')).toEqual(['cambia']);
    await indexDocument(database.db, { module: MODULE, ref: 'cambia', title: 'Encuesta abierta', body: 'Responda antes del viernes.', url: '/t/cambia-2', localidadCode: '03' });
    expect(await refs('convocatoria')).toEqual([]);
    const { hits } = await searchDocuments(database.db, 'encuesta', { module: MODULE, localidadCode: '03' });
    expect(hits).toEqual([expect.objectContaining({ ref: 'cambia', title: 'Encuesta abierta', url: '/t/cambia-2' })]);
    const rows = await database.db.selectFrom('core_search_documents').select('ref').where('module', '=', MODULE).where('ref', '=', 'cambia').execute();
    expect(rows).toHaveLength(1);
    await removeDocument(database.db, MODULE, 'cambia');
    expect(await refs('encuesta')).toEqual([]);
  });

  it('treats search operators typed by mistake as plain text', async () => {
    expect(await refs('participación & | ! ( ) :*')).toEqual(['participacion']);
    expect(await refs("'presupuesto")).toEqual(['presupuestos']);
  });
});
