import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/database.ts';
import { searchDocuments } from '../../core/search/search.ts';
import { createEdition, createProposalRow, type EditionFixture } from './budgets.test-support.ts';
import { startHarness, text, type Harness, type Person } from './proposals.test-support.ts';

describe.each(testEngines())('valuation by the alcaldía local (%s)', (engine) => {
  let h: Harness;
  let proposals: EditionFixture;
  let review: EditionFixture;
  let voting: EditionFixture;
  let people: Record<'valuator' | 'otherValuator' | 'citizen' | 'author' | 'author2' | 'fan1' | 'fan2' | 'fan3' | 'admin', Person>;

  beforeAll(async () => {
    h = await startHarness(engine);
    const db = h.t.database.db;
    proposals = await createEdition(db, { phase: 'proposals', slug: `valoracion-abierta-${engine}`, envelopes: { '11': 200_000_000, '09': 100_000_000 } });
    review = await createEdition(db, { phase: 'review', slug: `valoracion-revision-${engine}`, envelopes: { '11': 200_000_000 } });
    voting = await createEdition(db, { phase: 'voting', slug: `valoracion-votacion-${engine}`, envelopes: { '11': 200_000_000 } });
    people = {
      valuator: await h.person('Valeria Valoradora', { level: 'registered', roles: [{ role: 'valuator', entityCode: 'alcaldia-local-11' }] }),
      otherValuator: await h.person('Fabio de Fontibón', { level: 'registered', roles: [{ role: 'valuator', entityCode: 'alcaldia-local-09' }] }),
      citizen: await h.person('Ciro Ciudadano'),
      author: await h.person('Ana Autora'),
      author2: await h.person('Beto Autor'),
      fan1: await h.person('Fan Uno'),
      fan2: await h.person('Fan Dos'),
      fan3: await h.person('Fan Tres'),
      admin: await h.person('Paula Plataforma', { level: 'registered', roles: [{ role: 'platform_admin' }] }),
    };
  });
  afterAll(async () => h?.t.close());

  const envelopeOf = (edition: EditionFixture, code = '11') => edition.envelopes.find((e) => e.localidad_code === code)!.id;
  const queueUrl = (edition: EditionFixture, code = '11') => `/presupuestos-participativos/${edition.slug}/${code}/valoracion`;
  const proposalUrl = (edition: EditionFixture, number: number) => `/presupuestos-participativos/${edition.slug}/propuestas/${number}`;
  /** A submitted proposal as citizens leave it: estimated cost only. */
  async function submitted(edition: EditionFixture, title: string, options: { cost?: number; authorId?: string; code?: string } = {}) {
    const row = await createProposalRow(h.t.database.db, { editionId: edition.id, envelopeId: envelopeOf(edition, options.code), title, cost: options.cost ?? 50_000_000, status: 'submitted', authorId: options.authorId ?? people.author.id });
    await h.t.database.db.updateTable('participatory_budgets_proposals').set({ assessed_cost: null, submitted_at: new Date().toISOString() }).where('id', '=', row.id).execute();
    return row;
  }
  const row = (id: string) => h.t.database.db.selectFrom('participatory_budgets_proposals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const notificationsOf = (userId: string, key: string) =>
    h.t.database.db.selectFrom('core_notifications').select(['vars', 'url']).where('user_id', '=', userId).where('message_key', '=', `participatory-budgets.notifications.${key}`).execute();

  it('lists the proposals waiting for valuation to the valuators of that alcaldía only, while valuation is open', async () => {
    const waiting = await submitted(proposals, 'Gimnasio al aire libre');
    const decided = await submitted(proposals, 'Mural en la plaza');
    await h.t.database.db.updateTable('participatory_budgets_proposals').set({ status: 'viable' }).where('id', '=', decided.id).execute();
    await createProposalRow(h.t.database.db, { editionId: proposals.id, envelopeId: envelopeOf(proposals), title: 'Borrador invisible', cost: 1, status: 'draft' });

    const queue = await h.get(queueUrl(proposals), people.valuator.cookie);
    expect(queue.statusCode).toBe(200);
    const body = text(queue.body);
    expect(body).toContain('<h1>Valoración de propuestas: Suba</h1>');
    expect(body).toContain(`<a href="${proposalUrl(proposals, waiting.number)}/valoracion">#${waiting.number} Gimnasio al aire libre</a>`);
    expect(body).toContain('1 propuesta por evaluar');
    expect(body).toContain('1 propuesta evaluada');
    expect(body).toContain(`#${decided.number} Mural en la plaza`);
    expect(body).not.toContain('Borrador invisible');
    // Platform admins hold every role.
    expect((await h.get(queueUrl(proposals), people.admin.cookie)).statusCode).toBe(200);

    const anonymous = await h.get(queueUrl(proposals));
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toBe(`/ingresar?next=${encodeURIComponent(queueUrl(proposals))}`);
    const citizen = await h.get(queueUrl(proposals), people.citizen.cookie);
    expect(citizen.statusCode).toBe(403);
    expect(citizen.body).toContain('Su cuenta no tiene el rol necesario para esta acción.');
    const wrongEntity = await h.get(queueUrl(proposals), people.otherValuator.cookie);
    expect(wrongEntity.statusCode).toBe(403);
    expect(wrongEntity.body).toContain('Su rol es de otra entidad.');
    expect((await h.get(queueUrl(proposals, '09'), people.otherValuator.cookie)).statusCode).toBe(200);
    expect((await h.get(queueUrl(review), people.valuator.cookie)).statusCode).toBe(200);
    const closed = await h.get(queueUrl(voting), people.valuator.cookie);
    expect(closed.statusCode).toBe(403);
    expect(closed.body).toContain('Esta etapa ya está cerrada.');
  });

  it('records a viable decision with an adjusted cost, shown on the proposal page next to the estimate', async () => {
    const p = await submitted(review, 'Dotación del salón comunal', { cost: 50_000_000 });
    await h.t.database.db.insertInto('participatory_budgets_follows').values([{ proposal_id: p.id, user_id: people.fan2.id }, { proposal_id: p.id, user_id: people.valuator.id }]).execute();
    const page = await h.get(`${proposalUrl(review, p.number)}/valoracion`, people.valuator.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="decision"');
    expect((await h.get(proposalUrl(review, p.number), people.valuator.cookie)).body).toContain(`href="${proposalUrl(review, p.number)}/valoracion"`);
    expect((await h.get(proposalUrl(review, p.number), people.citizen.cookie)).body).not.toContain('/valoracion"');

    const response = await h.post(`${proposalUrl(review, p.number)}/valoracion`, people.valuator.cookie, { decision: 'viable', reason: '', assessed_cost: '62.500.000' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(queueUrl(review));
    const saved = await row(p.id);
    expect(saved).toMatchObject({ status: 'viable', assessed_cost: '62500000', estimated_cost: '50000000', valuated_by: people.valuator.id });
    expect(saved.valuated_at).toBeInstanceOf(Date);
    const body = text((await h.get(proposalUrl(review, p.number))).body).replace(/\u00a0/g, ' ');
    expect(body).toContain('La alcaldía local evaluó esta propuesta como viable: irá al tarjetón de votación.');
    expect(body).toContain('Costo ajustado en la valoración: $ 62.500.000');
    expect(body).toContain('Costo estimado por sus autores: $ 50.000.000');
    const audit = await h.t.database.db.selectFrom('core_audit_log').select(['action', 'after']).where('resource_id', '=', p.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe('participatory-budgets.assess-proposal');
    expect(audit[0]!.after).toMatchObject({ status: 'viable', assessedCost: '62500000' });
    expect(text((await h.get(queueUrl(review), people.valuator.cookie)).body)).toContain(`La propuesta #${p.number} quedó marcada como viable.`);
    // Followers hear the decision (in the app, and a mail is queued); the valuator who made it does not.
    expect(await notificationsOf(people.fan2.id, 'viable')).toEqual([{ vars: { title: 'Dotación del salón comunal', number: p.number }, url: proposalUrl(review, p.number) }]);
    expect(await notificationsOf(people.valuator.id, 'viable')).toEqual([]);
    const mails = await h.t.database.db.selectFrom('core_jobs').select('payload').where('name', '=', 'core.notification-mail').execute();
    expect(mails.length).toBeGreaterThan(0);
    // Adjusting the cost again without changing the decision is not news.
    await h.post(`${proposalUrl(review, p.number)}/valoracion`, people.valuator.cookie, { decision: 'viable', reason: '', assessed_cost: '60.000.000' });
    expect(await notificationsOf(people.fan2.id, 'viable')).toHaveLength(1);
  });

  it('needs a public reason to declare a proposal not viable, and shows it', async () => {
    const p = await submitted(review, 'Piscina olímpica en el parque');
    const url = `${proposalUrl(review, p.number)}/valoracion`;
    const cases: [Record<string, string>, string, string][] = [
      [{ decision: '', reason: 'x', assessed_cost: '' }, 'decision', 'Elija si la propuesta es viable o no.'],
      [{ decision: 'quizas', reason: 'x', assessed_cost: '' }, 'decision', 'Elija si la propuesta es viable o no.'],
      [{ decision: 'not_viable', reason: '  ', assessed_cost: '' }, 'reason', 'Explique por qué la propuesta no es viable'],
      [{ decision: 'viable', reason: 'r'.repeat(5001), assessed_cost: '' }, 'reason', 'Escriba como máximo 5.000 caracteres.'],
      [{ decision: 'viable', reason: '', assessed_cost: 'mucho' }, 'assessed_cost', 'Escriba el costo en pesos'],
      [{ decision: 'viable', reason: '', assessed_cost: '0' }, 'assessed_cost', 'El costo debe ser de al menos un peso.'],
      [{ decision: 'viable', reason: '', assessed_cost: '200.000.001' }, 'assessed_cost', 'El costo no puede superar el presupuesto de la localidad ($ 200.000.000).'],
    ];
    for (const [fields, name, message] of cases) {
      const response = await h.post(url, people.valuator.cookie, fields);
      expect(response.statusCode, message).toBe(422);
      const body = text(response.body).replace(/\u00a0/g, ' ');
      expect(body, message).toContain(`id="${name}-error"`);
      expect(body, message).toContain(message);
      if (fields.assessed_cost) expect(body, message).toContain(`value="${fields.assessed_cost}"`);
    }
    expect(await row(p.id)).toMatchObject({ status: 'submitted', assessed_cost: null, valuation_reason: '' });

    const reason = 'El parque no tiene espacio para una piscina y su mantenimiento supera el presupuesto local.';
    expect((await h.post(url, people.valuator.cookie, { decision: 'not_viable', reason, assessed_cost: '' })).statusCode).toBe(303);
    expect(await row(p.id)).toMatchObject({ status: 'not_viable', valuation_reason: reason });
    const body = text((await h.get(proposalUrl(review, p.number))).body);
    expect(body).toContain('No viable');
    expect(body).toContain(reason);
    // Still searchable (citizens look for why), and the valuator can change the decision while valuation is open.
    expect((await searchDocuments(h.t.database.db, 'piscina olímpica')).total).toBe(1);
    expect((await h.post(url, people.valuator.cookie, { decision: 'viable', reason: 'Reconsiderada con un diseño más pequeño.', assessed_cost: '' })).statusCode).toBe(303);
    expect((await row(p.id)).status).toBe('viable');
  });

  it('refuses valuation to citizens, to valuators of another alcaldía and once voting opened', async () => {
    const p = await submitted(proposals, 'Cancha sintética');
    const url = `${proposalUrl(proposals, p.number)}/valoracion`;
    const fields = { decision: 'viable', reason: '', assessed_cost: '' };
    const citizen = await h.post(url, people.citizen.cookie, fields);
    expect(citizen.statusCode).toBe(403);
    expect(citizen.body).toContain('Su cuenta no tiene el rol necesario para esta acción.');
    const other = await h.post(url, people.otherValuator.cookie, fields);
    expect(other.statusCode).toBe(403);
    expect(other.body).toContain('Su rol es de otra entidad.');
    expect((await h.get(url, people.otherValuator.cookie)).statusCode).toBe(403);
    const anonymous = await h.post(url, undefined, fields);
    expect(anonymous.statusCode).toBe(303);
    expect(String(anonymous.headers.location)).toMatch(/^\/ingresar/);
    expect((await row(p.id)).status).toBe('submitted');

    const late = await submitted(voting, 'Propuesta sin valorar a tiempo');
    const closed = await h.post(`${proposalUrl(voting, late.number)}/valoracion`, people.valuator.cookie, fields);
    expect(closed.statusCode).toBe(403);
    expect(closed.body).toContain('Esta etapa ya está cerrada.');
    expect((await row(late.id)).status).toBe('submitted');

    const withdrawn = await createProposalRow(h.t.database.db, { editionId: proposals.id, envelopeId: envelopeOf(proposals), title: 'Propuesta retirada antes', cost: 10, status: 'withdrawn' });
    const conflict = await h.post(`${proposalUrl(proposals, withdrawn.number)}/valoracion`, people.valuator.cookie, fields);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain('Esta propuesta no se puede evaluar en su estado actual (Retirada).');
  });

  it('merges a duplicate into another proposal, carrying authors, supports and follows over without duplicates, in one transaction', async () => {
    const db = h.t.database.db;
    const keep = await submitted(review, 'Huerta comunitaria del barrio', { authorId: people.author.id });
    const duplicate = await submitted(review, 'Huerta en el barrio', { authorId: people.author2.id });
    await db.insertInto('participatory_budgets_proposal_authors').values({ proposal_id: duplicate.id, user_id: people.author.id, role: 'coauthor' }).execute();
    await db.insertInto('participatory_budgets_proposal_authors').values({ proposal_id: duplicate.id, user_id: people.fan3.id, role: 'coauthor' }).execute();
    for (const user of [people.fan1, people.fan2]) await db.insertInto('participatory_budgets_supports').values({ proposal_id: keep.id, user_id: user.id }).execute();
    for (const user of [people.fan2, people.fan3, people.citizen]) await db.insertInto('participatory_budgets_supports').values({ proposal_id: duplicate.id, user_id: user.id }).execute();
    await db.insertInto('participatory_budgets_follows').values({ proposal_id: keep.id, user_id: people.fan1.id }).execute();
    for (const user of [people.fan1, people.citizen]) await db.insertInto('participatory_budgets_follows').values({ proposal_id: duplicate.id, user_id: user.id }).execute();

    const url = `${proposalUrl(review, duplicate.number)}/fusionar`;
    const other = await submitted(proposals, 'Otra edición');
    const elsewhere = await submitted(review, 'Propuesta ya fusionada');
    await db.updateTable('participatory_budgets_proposals').set({ status: 'merged', merged_into: keep.id }).where('id', '=', elsewhere.id).execute();
    for (const [target, message] of [
      ['', 'Este dato es obligatorio.'],
      ['doce', 'Escriba el número de la propuesta, por ejemplo 12.'],
      ['99999', 'No hay ninguna propuesta número 99999 en esta localidad.'],
      [String(duplicate.number), 'Una propuesta no se puede fusionar consigo misma.'],
      [String(elsewhere.number), `La propuesta #${elsewhere.number} está fusionada, retirada o en borrador`],
    ] as const) {
      const response = await h.post(url, people.valuator.cookie, { target_number: target, note: 'Son la misma idea.' });
      expect(response.statusCode, message).toBe(422);
      expect(text(response.body), message).toContain(message);
      expect(text(response.body), message).toContain('Son la misma idea.');
    }
    void other;
    expect((await row(duplicate.id)).status).toBe('submitted');
    expect((await h.post(url, people.otherValuator.cookie, { target_number: String(keep.number), note: '' })).statusCode).toBe(403);

    const merged = await h.post(url, people.valuator.cookie, { target_number: `#${keep.number}`, note: 'Las dos proponen la misma huerta en el mismo lote.' });
    expect(merged.statusCode).toBe(303);
    // The duplicate's followers hear where it went, with a link to the proposal they now follow.
    for (const user of [people.fan1, people.citizen]) {
      expect(await notificationsOf(user.id, 'merged')).toEqual([
        { vars: { title: 'Huerta en el barrio', number: duplicate.number, target: `#${keep.number} «Huerta comunitaria del barrio»` }, url: proposalUrl(review, keep.number) },
      ]);
    }
    expect(text((await h.get(queueUrl(review), people.valuator.cookie)).body)).toContain(
      `La propuesta #${duplicate.number} se fusionó con la #${keep.number}: pasaron 2 apoyos y 2 personas autoras.`,
    );

    expect(await row(duplicate.id)).toMatchObject({ status: 'merged', merged_into: keep.id, valuation_reason: 'Las dos proponen la misma huerta en el mismo lote.' });
    const authors = await db.selectFrom('participatory_budgets_proposal_authors').select(['user_id', 'role']).where('proposal_id', '=', keep.id).execute();
    expect(new Map(authors.map((a) => [a.user_id, a.role]))).toEqual(
      new Map([
        [people.author.id, 'author'],
        [people.author2.id, 'coauthor'],
        [people.fan3.id, 'coauthor'],
      ]),
    );
    const supporters = (await db.selectFrom('participatory_budgets_supports').select('user_id').where('proposal_id', '=', keep.id).execute()).map((s) => s.user_id).sort();
    expect(supporters).toEqual([people.fan1.id, people.fan2.id, people.fan3.id, people.citizen.id].sort());
    const followers = (await db.selectFrom('participatory_budgets_follows').select('user_id').where('proposal_id', '=', keep.id).execute()).map((s) => s.user_id).sort();
    expect(followers).toEqual([people.fan1.id, people.citizen.id].sort());

    const page = text((await h.get(proposalUrl(review, duplicate.number))).body);
    expect(page).toContain('Fusionada con otra');
    expect(page).toContain(`<a href="${proposalUrl(review, keep.number)}">#${keep.number} Huerta comunitaria del barrio</a>`);
    expect(page).toContain('Las dos proponen la misma huerta en el mismo lote.');
    expect(text((await h.get(proposalUrl(review, keep.number))).body)).toContain('4 apoyos');
    // The merged proposal leaves the search index; the kept one stays.
    const hits = (await searchDocuments(db, 'huerta barrio')).hits.map((hit) => hit.url);
    expect(hits).toContain(proposalUrl(review, keep.number));
    expect(hits).not.toContain(proposalUrl(review, duplicate.number));

    const audit = await db.selectFrom('core_audit_log').select(['action', 'after']).where('resource_id', '=', duplicate.id).where('action', '=', 'participatory-budgets.merge-proposals').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ mergedInto: keep.id, carried: { authors: 2, supports: 2, follows: 1 } });

    // A merged proposal is closed to valuation and to a second merge.
    expect((await h.post(url, people.valuator.cookie, { target_number: String(keep.number), note: '' })).statusCode).toBe(409);
    expect((await h.get(`${proposalUrl(review, duplicate.number)}/valoracion`, people.valuator.cookie)).body).toContain('Esta propuesta no se puede evaluar ahora');
  });

  it('does not merge proposals of different localidades', async () => {
    const suba = await submitted(proposals, 'Propuesta de Suba');
    const fontibon = await submitted(proposals, 'Propuesta de Fontibón', { code: '09' });
    const response = await h.post(`${proposalUrl(proposals, suba.number)}/fusionar`, people.valuator.cookie, { target_number: String(fontibon.number), note: '' });
    expect(response.statusCode).toBe(422);
    expect(text(response.body)).toContain(`No hay ninguna propuesta número ${fontibon.number} en esta localidad.`);
    expect((await row(suba.id)).status).toBe('submitted');
  });
});
