import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { withTransaction } from '../../core/db/database.ts';
import { createPerson } from '../admin/test-people.ts';
import { createEdition, createProposalRow, type EditionFixture } from './budgets.test-support.ts';
import { publishResults } from './commands/publish-results.ts';
import { participatoryBudgetsExports, participatoryBudgetsStats } from './exports.ts';
import { envelopeParticipation, protectCounts } from './participation.ts';
import { insertBallot, insertVoter } from './results.test-support.ts';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('the minimum group size', () => {
  it('reports groups under 10 as small and never exactly, zero included', () => {
    const groups = protectCounts(['a', 'b', 'c', 'd'], new Map([['a', 25], ['b', 9], ['c', 10]]));
    expect(groups).toEqual([
      { key: 'a', count: 25, withheld: null },
      { key: 'b', count: null, withheld: 'small' },
      { key: 'c', count: 10, withheld: null },
      { key: 'd', count: null, withheld: 'small' },
    ]);
  });

  it('withholds the next smallest group when only one is small, so it cannot be derived from the total', () => {
    const groups = protectCounts(['online', 'assisted', 'paper'], new Map([['online', 40], ['assisted', 12], ['paper', 3]]));
    expect(groups.map((g) => [g.key, g.count, g.withheld])).toEqual([
      ['online', 40, null],
      ['assisted', null, 'complement'],
      ['paper', null, 'small'],
    ]);
  });
});

describe.each(testEngines())('participation and open data (%s)', (engine) => {
  let t: TestApp;
  let edition: EditionFixture;

  beforeAll(async () => {
    t = await buildTestApp(engine);
    const db = t.database.db;
    edition = await createEdition(db, { phase: 'counting', countingRule: 'greedy', envelopes: { '11': 1_000 } });
    const envelopeId = edition.envelopes[0]!.id;
    const project = await createProposalRow(db, { editionId: edition.id, envelopeId, cost: 600, title: 'Salón comunal del barrio' });
    await createProposalRow(db, { editionId: edition.id, envelopeId, cost: 700, title: 'Polideportivo de la UPZ' });
    // 12 women aged 26, 3 men aged 76 (online), 2 voters without profile (assisted).
    const people = [
      ...Array.from({ length: 12 }, (_, i) => ({ name: `Votante Mujer ${i}`, birthDate: '2000-03-01', gender: 'female' as const })),
      ...Array.from({ length: 3 }, (_, i) => ({ name: `Votante Hombre ${i}`, birthDate: '1950-03-01', gender: 'male' as const })),
    ];
    for (const person of people) {
      const { id } = await createPerson(db, { name: person.name, birthDate: person.birthDate });
      await db.updateTable('core_profiles').set({ gender: person.gender }).where('user_id', '=', id).execute();
      await insertVoter(db, { editionId: edition.id, envelopeId, userId: id, votedOn: '2026-06-15' });
      await insertBallot(db, { envelopeId, choices: [project.id] });
    }
    for (let i = 0; i < 2; i++) {
      await insertVoter(db, { editionId: edition.id, envelopeId, channel: 'assisted', votedOn: '2026-06-15' });
      await insertBallot(db, { envelopeId, choices: [] });
    }
  });
  afterAll(async () => t?.close());

  it('breaks participation down by age band, gender and channel from the voter roll', async () => {
    const p = await envelopeParticipation(t.database.db, edition.envelopes[0]!.id);
    expect(p.voters).toBe(17);
    expect(p.byAge.map((g) => [g.key, g.count])).toEqual([
      ['14-17', null],
      ['18-28', 12],
      ['29-59', null],
      ['60+', null],
      ['unknown', null],
    ]);
    expect(p.byGender.find((g) => g.key === 'female')!.count).toBe(12);
    expect(p.byGender.find((g) => g.key === 'male')).toEqual({ key: 'male', count: null, withheld: 'small' });
    expect(p.byChannel.map((g) => [g.key, g.count, g.withheld])).toEqual([
      ['online', 15, null],
      ['assisted', null, 'small'],
      ['paper', null, 'small'],
    ]);
  });

  it('shows groups under 10 as "< 10" on the results page, never the exact number', async () => {
    expect((await withTransaction(t.database.db, (tx) => publishResults(tx, { actor: null, editionId: edition.id }))).ok).toBe(true);
    const page = await t.app.inject({ method: 'GET', url: `/presupuestos-participativos/${edition.slug}/11/resultados` });
    const body = text(page.body);
    expect(body).toContain('Votaron 17 personas');
    expect(body).toContain('18 a 28 años 12');
    expect(body).toContain('60 años o más < 10');
    expect(body).toContain('Hombre < 10');
    expect(body).toContain('Asistido en un punto de atención < 10');
    expect(body).not.toMatch(/Hombre 3\b/);
  });

  it('publishes results per project and participation per localidad as open data, without personal data', async () => {
    const results = await participatoryBudgetsExports.results!.query(t.database.db);
    const mine = results.filter((r) => r.editionSlug === edition.slug).map((r) => participatoryBudgetsExports.results!.serialize(r));
    expect(mine).toEqual([
      { edicion: edition.slug, anio: 2026, localidad: '11', bolsa: 'Localidad 11', subbolsa: null, numero_propuesta: 1, titulo: 'Salón comunal del barrio', costo: '600', votos: 15, seleccionado: true, razon: 'selected-greedy', regla_conteo: 'greedy' },
      { edicion: edition.slug, anio: 2026, localidad: '11', bolsa: 'Localidad 11', subbolsa: null, numero_propuesta: 2, titulo: 'Polideportivo de la UPZ', costo: '700', votos: 0, seleccionado: false, razon: 'over-remaining-budget', regla_conteo: 'greedy' },
    ]);
    const participation = (await participatoryBudgetsExports.participation!.query(t.database.db)).filter((r) => r.editionSlug === edition.slug);
    expect(participation.map((r) => participatoryBudgetsExports.participation!.serialize(r))).toEqual([
      { edicion: edition.slug, anio: 2026, localidad: '11', bolsa: 'Localidad 11', votos_contados: 17, votantes_registrados: 17, votantes_en_linea: 15, votantes_asistidos: '<10', votantes_papel: '<10' },
    ]);
    expect(Object.values(participatoryBudgetsExports).every((e) => e.openData)).toBe(true);
  });

  it('counts editions, proposals and ballots for the home page', async () => {
    const stats = await participatoryBudgetsStats(t.database.db);
    expect(stats.map((s) => s.key)).toEqual(['editions', 'proposals', 'ballots']);
    expect(stats.find((s) => s.key === 'ballots')!.value).toBeGreaterThanOrEqual(17);
    expect(stats.find((s) => s.key === 'editions')!.value).toBeGreaterThanOrEqual(1);
  });
});
