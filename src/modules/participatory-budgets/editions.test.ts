import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { postForm } from '../../../test/post-form.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { createPerson } from '../admin/test-people.ts';
import { createEdition, createProposalRow } from './budgets.test-support.ts';

const text = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const VALID = {
  title: 'Presupuestos participativos 2027',
  slug: 'pp-2027',
  year: '2027',
  description: 'Segunda fase: propuestas y votación.',
  ballot_rule: 'approval',
  counting_rule: 'mes-cost-add1u',
  min_age: '14',
  max_choices: '6',
  min_share: '',
  wallet_total: '',
  support_size: '',
  points: '',
  max_per_project: '',
  proposals_open_at: '2027-07-01T08:00',
  proposals_close_at: '2027-08-15T23:59',
  review_close_at: '2027-10-15T17:00',
  voting_open_at: '2027-11-01T08:00',
  voting_close_at: '2027-11-18T18:00',
  execution_starts_on: '2028-01-15',
};

describe.each(testEngines())('participatory-budget editions (%s)', (engine) => {
  let t: TestApp;
  let admin: string;
  let citizen: string;

  beforeAll(async () => {
    t = await buildTestApp(engine);
    admin = await signInAs(t.database, (await createPerson(t.database.db, { name: 'Paula Plataforma', roles: [{ role: 'platform_admin' }] })).id);
    citizen = await signInAs(t.database, (await createPerson(t.database.db, { name: 'Ana Ciudadana', level: 'residence' })).id);
  });
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const editionBySlug = (slug: string) => t.database.db.selectFrom('participatory_budgets_editions').selectAll().where('slug', '=', slug).executeTakeFirst();

  it('lists editions with their phase and shows an edition with its localidades, amounts and counts', async () => {
    const edition = await createEdition(t.database.db, { phase: 'voting', envelopes: { '09': 2_500_000_000, '11': 3_000_000_000 } });
    await createProposalRow(t.database.db, { editionId: edition.id, envelopeId: edition.envelopes[0]!.id, cost: 100_000_000 });
    const list = await get('/presupuestos-participativos');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/presupuestos-participativos/${edition.slug}"`);
    expect(list.body).toContain('Votación abierta');
    const page = await get(`/presupuestos-participativos/${edition.slug}`);
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Fontibón');
    expect(body).toContain('Suba');
    expect(body).toMatch(/2\.500\.000\.000/);
    expect(body).toContain('Elija hasta 6 proyectos diferentes.');
    expect(body).toContain('aria-current="step"');
  });

  it('offers a verified resident a link to the localidad where they live', async () => {
    const edition = await createEdition(t.database.db, { phase: 'voting', envelopes: { '09': 1_000_000, '11': 1_000_000 } });
    const page = await get(`/presupuestos-participativos/${edition.slug}`, citizen);
    expect(text(page.body)).toContain('Ir a mi localidad: Fontibón');
    expect(page.body).toContain(`href="/presupuestos-participativos/${edition.slug}/09"`);
  });

  it('answers 404 for an edition that does not exist', async () => {
    expect((await get('/presupuestos-participativos/no-existe')).statusCode).toBe(404);
  });

  it('keeps the back office to platform administrators: visitors sign in, citizens are refused', async () => {
    const anonymous = await get('/admin/presupuestos-participativos');
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toContain('/ingresar');
    expect((await get('/admin/presupuestos-participativos', citizen)).statusCode).toBe(403);
    expect((await postForm(t.app, '/admin/presupuestos-participativos/nueva', citizen, VALID)).statusCode).toBe(403);
    expect(await editionBySlug(VALID.slug)).toBeUndefined();
    expect((await get('/admin/presupuestos-participativos', admin)).statusCode).toBe(200);
  });

  it('creates an edition with Bogotá times, audits it, and refuses a second one at the same address', async () => {
    const created = await postForm(t.app, '/admin/presupuestos-participativos/nueva', admin, VALID);
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/admin/presupuestos-participativos/pp-2027');
    const row = (await editionBySlug('pp-2027'))!;
    expect(row.voting_close_at.toISOString()).toBe('2027-11-18T23:00:00.000Z');
    expect(row.ballot_config).toEqual({ maxChoices: 6 });
    const audit = await t.database.db.selectFrom('core_audit_log').select('action').where('resource_id', '=', row.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['participatory-budgets.create-edition']);

    const again = await postForm(t.app, '/admin/presupuestos-participativos/nueva', admin, { ...VALID, title: 'Otra edición' });
    expect(again.statusCode).toBe(422);
    expect(text(again.body)).toContain('Ya hay una edición con esa dirección');
    expect(again.body).toContain('value="Otra edición"');
  });

  it('rejects bad settings field by field, keeps what was typed and saves nothing', async () => {
    const bad = {
      ...VALID,
      slug: 'Con Espacios',
      year: '1999',
      ballot_rule: 'wallet',
      wallet_total: '1000000',
      support_size: '300000',
      voting_open_at: '2027-02-30T08:00',
      voting_close_at: '2027-10-01T08:00',
    };
    const response = await postForm(t.app, '/admin/presupuestos-participativos/nueva', admin, bad);
    expect(response.statusCode).toBe(422);
    const body = text(response.body);
    expect(body).toContain('Use de 1 a 80 minúsculas');
    expect(body).toContain('Escriba un año entre 2000 y 2100.');
    expect(body).toContain('El valor de cada apoyo debe dividir exactamente el valor de la billetera.');
    expect(body).toContain('Escriba una fecha y hora válidas');
    expect(body).toContain('value="Con Espacios"');
    expect(await editionBySlug('Con Espacios')).toBeUndefined();
    const order = await postForm(t.app, '/admin/presupuestos-participativos/nueva', admin, { ...VALID, slug: 'orden', voting_close_at: '2027-10-01T08:00' });
    expect(text(order.body)).toContain('Esta fecha debe ser posterior a la de la etapa anterior.');
    expect(await editionBySlug('orden')).toBeUndefined();
  });

  it('sets envelopes per localidad, refuses bad amounts and never removes a localidad with proposals', async () => {
    const edition = await createEdition(t.database.db, { phase: 'proposals', envelopes: { '09': 1_000_000 } });
    const path = `/admin/presupuestos-participativos/${edition.slug}/presupuestos`;
    const saved = await postForm(t.app, path, admin, { amount_09: '2.000.000.000', amount_11: '1500000000', amount_01: '' });
    expect(saved.statusCode).toBe(303);
    const amounts = async () =>
      Object.fromEntries(
        (await t.database.db.selectFrom('participatory_budgets_envelopes').select(['localidad_code', 'amount']).where('edition_id', '=', edition.id).execute()).map((e) => [e.localidad_code, Number(e.amount)]),
      );
    expect(await amounts()).toEqual({ '09': 2_000_000_000, '11': 1_500_000_000 });

    const bad = await postForm(t.app, path, admin, { amount_09: '2000000000', amount_11: '-5' });
    expect(bad.statusCode).toBe(422);
    expect(text(bad.body)).toContain('Escriba el presupuesto de Suba en pesos enteros');
    expect(await amounts()).toEqual({ '09': 2_000_000_000, '11': 1_500_000_000 });

    await createProposalRow(t.database.db, { editionId: edition.id, envelopeId: edition.envelopes[0]!.id, cost: 1_000 });
    const removal = await postForm(t.app, path, admin, { amount_09: '', amount_11: '1500000000' });
    expect(removal.statusCode).toBe(422);
    expect(text(removal.body)).toContain('ya tiene propuestas o votos');
    expect(await amounts()).toEqual({ '09': 2_000_000_000, '11': 1_500_000_000 });
  });

  it('adds sub-envelopes that never exceed their envelope, and removes unused ones', async () => {
    const edition = await createEdition(t.database.db, { phase: 'proposals', envelopes: { '09': 1_000_000_000 } });
    const envelope = edition.envelopes[0]!.id;
    const path = `/admin/presupuestos-participativos/${edition.slug}/subbolsas`;
    expect((await postForm(t.app, path, admin, { envelope, kind: 'area', code: 'rural', amount: '300000000' })).statusCode).toBe(303);
    const over = await postForm(t.app, path, admin, { envelope, kind: 'investment_line', code: 'infraestructura', amount: '800000000' });
    expect(over.statusCode).toBe(422);
    expect(text(over.body)).toContain('sumarían más que el presupuesto');
    const wrongCode = await postForm(t.app, path, admin, { envelope, kind: 'investment_line', code: 'rural', amount: '1000' });
    expect(text(wrongCode.body)).toContain('Elija una línea, un concepto o una zona');
    const subs = await t.database.db.selectFrom('participatory_budgets_sub_envelopes').select(['id', 'code']).where('envelope_id', '=', envelope).execute();
    expect(subs.map((s) => s.code)).toEqual(['rural']);
    expect((await postForm(t.app, `${path}/${subs[0]!.id}/eliminar`, admin, {})).statusCode).toBe(303);
    expect(await t.database.db.selectFrom('participatory_budgets_sub_envelopes').select('id').where('envelope_id', '=', envelope).execute()).toEqual([]);
  });

  it('fixes the ballot rule once someone has voted', async () => {
    const edition = await createEdition(t.database.db, { phase: 'voting', envelopes: { '09': 1_000_000 } });
    const form = await get(`/admin/presupuestos-participativos/${edition.slug}`, admin);
    expect(form.statusCode).toBe(200);
    const person = await t.database.db.selectFrom('core_identities').select(['identity_hash', 'user_id']).limit(1).executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('participatory_budgets_voters')
      .values({ edition_id: edition.id, identity_hash: person.identity_hash, envelope_id: edition.envelopes[0]!.id, user_id: person.user_id, channel: 'online', paper_tally_id: null, voted_on: '2026-01-01' })
      .execute();
    const row = (await editionBySlug(edition.slug))!;
    const toInput = (d: Date) => new Date(d.getTime() - 5 * 3600_000).toISOString().slice(0, 16);
    const change = await postForm(t.app, `/admin/presupuestos-participativos/${edition.slug}`, admin, {
      ...VALID,
      slug: edition.slug,
      ballot_rule: 'knapsack',
      proposals_open_at: toInput(row.proposals_open_at),
      proposals_close_at: toInput(row.proposals_close_at),
      review_close_at: toInput(row.review_close_at),
      voting_open_at: toInput(row.voting_open_at),
      voting_close_at: toInput(row.voting_close_at),
      execution_starts_on: '',
    });
    expect(change.statusCode).toBe(422);
    expect(text(change.body)).toContain('Ya hay votos: la forma de votar y sus límites no pueden cambiar');
    expect((await editionBySlug(edition.slug))!.ballot_rule).toBe('approval');
  });
});
