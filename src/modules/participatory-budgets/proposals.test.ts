import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/database.ts';
import { createEdition, createProposalRow, type EditionFixture } from './budgets.test-support.ts';
import { startHarness, text, type Harness, type Person } from './proposals.test-support.ts';

describe.each(testEngines())('the localidad page and the proposal page (%s)', (engine) => {
  let h: Harness;
  const editions = {} as Record<'upcoming' | 'proposals' | 'review' | 'voting' | 'counting' | 'results', EditionFixture>;
  let people: Record<'author' | 'citizen' | 'second' | 'unverified' | 'child' | 'moderator' | 'valuator', Person>;

  beforeAll(async () => {
    h = await startHarness(engine);
    const db = h.t.database.db;
    for (const phase of ['upcoming', 'proposals', 'review', 'voting', 'counting', 'results'] as const) {
      editions[phase] = await createEdition(db, { phase, slug: `${phase}-${engine}`, envelopes: { '11': 1_000_000_000, '09': 400_000_000 } });
    }
    people = {
      author: await h.person('Alba Autora'),
      citizen: await h.person('Ciro Ciudadano'),
      second: await h.person('Sara Segunda'),
      unverified: await h.person('Ulises Sinverificar', { level: 'registered' }),
      child: await h.person('Nico Doce', { age: 12 }),
      moderator: await h.person('Marta Moderadora', { level: 'registered', roles: [{ role: 'moderator' }] }),
      valuator: await h.person('Valeria Valoradora', { level: 'registered', roles: [{ role: 'valuator', entityCode: 'alcaldia-local-11' }] }),
    };
  });
  afterAll(async () => h?.t.close());

  const envelopeOf = (edition: EditionFixture, code = '11') => edition.envelopes.find((e) => e.localidad_code === code)!.id;
  const localidadUrl = (edition: EditionFixture, code = '11') => `/presupuestos-participativos/${edition.slug}/${code}`;
  const proposalUrl = (edition: EditionFixture, number: number) => `/presupuestos-participativos/${edition.slug}/propuestas/${number}`;
  const make = (edition: EditionFixture, options: { title?: string; cost?: number; status?: 'draft' | 'submitted' | 'viable' | 'not_viable' | 'merged' | 'withdrawn'; topic?: string; code?: string; description?: string } = {}) =>
    createProposalRow(h.t.database.db, { editionId: edition.id, envelopeId: envelopeOf(edition, options.code), title: options.title, cost: options.cost ?? 1_000_000, status: options.status ?? 'submitted', authorId: people.author.id }).then(
      async (row) => {
        if (options.topic || options.description) {
          await h.t.database.db
            .updateTable('participatory_budgets_proposals')
            .set({ ...(options.topic ? { topic_code: options.topic } : {}), ...(options.description ? { description: options.description } : {}) })
            .where('id', '=', row.id)
            .execute();
        }
        return row;
      },
    );
  const supportAs = async (proposalId: string, userId: string) => h.t.database.db.insertInto('participatory_budgets_supports').values({ proposal_id: proposalId, user_id: userId }).execute();
  const supportsOf = async (proposalId: string) =>
    Number((await h.t.database.db.selectFrom('participatory_budgets_supports').select((eb) => eb.fn.countAll<string>().as('n')).where('proposal_id', '=', proposalId).executeTakeFirstOrThrow()).n);

  it('shows the budget, the phase and what to do in each phase, with the reason when proposing is not possible', async () => {
    const open = await h.get(localidadUrl(editions.proposals), people.citizen.cookie);
    expect(open.statusCode).toBe(200);
    const body = text(open.body).replace(/\u00a0/g, ' ');
    expect(body).toContain(`<h1>Suba: Edición de prueba ${editions.proposals.slug}</h1>`);
    expect(body).toContain('Registro de propuestas');
    expect(body).toContain('Presupuesto de la localidad: $ 1.000.000.000.');
    expect(body).toContain(`<a class="button" href="${localidadUrl(editions.proposals)}/proponer">Registra tu propuesta</a>`);

    const anonymous = await h.get(localidadUrl(editions.proposals));
    expect(text(anonymous.body)).toContain('Ingrese con su cuenta para proponer.');
    expect(anonymous.body).toContain(`href="/ingresar?next=${encodeURIComponent(localidadUrl(editions.proposals))}"`);
    const unverified = await h.get(localidadUrl(editions.proposals), people.unverified.cookie);
    expect(unverified.body).toContain('Verifique su identidad para proponer. <a href="/mi-cuenta/verificacion">Verificar mi identidad</a>');
    expect(unverified.body).not.toContain('/proponer"');
    expect(text((await h.get(localidadUrl(editions.proposals), people.child.cookie)).body)).toContain('Debe tener al menos 14 años para participar.');

    expect(text((await h.get(localidadUrl(editions.upcoming))).body)).toContain('se pueden registrar propuestas.');
    expect(text((await h.get(localidadUrl(editions.review), people.citizen.cookie)).body)).toContain('La alcaldía local está revisando la viabilidad de las propuestas.');
    expect((await h.get(localidadUrl(editions.voting))).body).toContain(`href="${localidadUrl(editions.voting)}/votar">Votar</a>`);
    expect(text((await h.get(localidadUrl(editions.counting))).body)).toContain('La votación cerró.');
    expect((await h.get(localidadUrl(editions.results))).body).toContain(`href="${localidadUrl(editions.results)}/resultados">Ver los resultados de la localidad</a>`);

    // Valuators of this alcaldía see the way to their queue; others do not.
    expect((await h.get(localidadUrl(editions.proposals), people.valuator.cookie)).body).toContain(`href="${localidadUrl(editions.proposals)}/valoracion"`);
    expect((await h.get(localidadUrl(editions.proposals, '09'), people.valuator.cookie)).body).not.toContain('/valoracion"');

    expect((await h.get(`/presupuestos-participativos/${editions.proposals.slug}/07`)).statusCode).toBe(404);
    expect((await h.get(`/presupuestos-participativos/${editions.proposals.slug}/no-existe`)).statusCode).toBe(404);
    expect((await h.get('/presupuestos-participativos/no-existe/11')).statusCode).toBe(404);
  });

  it('shows the sub-envelopes of a split envelope', async () => {
    const db = h.t.database.db;
    await db.insertInto('participatory_budgets_sub_envelopes').values({ envelope_id: envelopeOf(editions.review, '09'), kind: 'area', code: 'rural', name: 'Fontibón rural', amount: 150_000_000 }).execute();
    const body = text((await h.get(localidadUrl(editions.review, '09'))).body).replace(/\u00a0/g, ' ');
    expect(body).toContain('Bolsas del presupuesto de la localidad');
    expect(body).toContain('<th scope="row">Fontibón rural</th><td>Zona (rural o urbana)</td><td class="num">$ 150.000.000</td>');
  });

  it('lists, filters, searches, sorts and paginates the public proposals of the localidad', async () => {
    const edition = await createEdition(h.t.database.db, { phase: 'proposals', envelopes: { '11': 1_000_000_000, '09': 1_000_000_000 } });
    const huerta = await make(edition, { title: 'Huerta en el Parque Tibabuyes', cost: 30_000_000, topic: 'ambiente' });
    const via = await make(edition, { title: 'Arreglo de la vía principal', cost: 90_000_000, topic: 'movilidad', description: 'Reparación de huecos en la vía del barrio Rincón.' });
    const teatro = await make(edition, { title: 'Festival de teatro callejero', cost: 10_000_000, topic: 'cultura', status: 'viable' });
    const hidden = await make(edition, { title: 'Borrador que nadie ve', status: 'draft' });
    const withdrawn = await make(edition, { title: 'Propuesta retirada por su autora', status: 'withdrawn' });
    const elsewhere = await make(edition, { title: 'Propuesta de Fontibón', code: '09' });
    await supportAs(via.id, people.citizen.id);
    await supportAs(via.id, people.second.id);
    await supportAs(teatro.id, people.citizen.id);

    const all = text((await h.get(localidadUrl(edition))).body);
    expect(all).toContain('3 propuestas.');
    const order = (html: string) => [...html.matchAll(/<h3><a href="[^"]+\/propuestas\/(\d+)">/g)].map((m) => Number(m[1]));
    expect(order(all)).toEqual([via.number, teatro.number, huerta.number]);
    expect(all).toContain(`<a href="${proposalUrl(edition, via.number)}">#${via.number} Arreglo de la vía principal</a>`);
    expect(all).toContain('2 apoyos');
    expect(all).not.toContain(hidden.number === 0 ? '' : 'Borrador que nadie ve');
    expect(all).not.toContain('Propuesta retirada por su autora');
    expect(all).not.toContain('Propuesta de Fontibón');
    void elsewhere;

    expect(order(text((await h.get(`${localidadUrl(edition)}?orden=costo`)).body))).toEqual([teatro.number, huerta.number, via.number]);
    expect(order(text((await h.get(`${localidadUrl(edition)}?orden=recientes`)).body))).toEqual([teatro.number, via.number, huerta.number]);
    expect(order(text((await h.get(`${localidadUrl(edition)}?tema=movilidad`)).body))).toEqual([via.number]);
    expect(order(text((await h.get(`${localidadUrl(edition)}?estado=viable`)).body))).toEqual([teatro.number]);
    expect(order(text((await h.get(`${localidadUrl(edition)}?estado=withdrawn`)).body))).toEqual([withdrawn.number]);
    // Text search ignores accents and case, and looks in descriptions too.
    expect(order(text((await h.get(`${localidadUrl(edition)}?q=VIA`)).body))).toEqual([via.number]);
    expect(order(text((await h.get(`${localidadUrl(edition)}?q=huecos`)).body))).toEqual([via.number]);
    expect(order(text((await h.get(`${localidadUrl(edition)}?q=100%25`)).body))).toEqual([]);
    const none = text((await h.get(`${localidadUrl(edition)}?q=piscina`)).body);
    expect(none).toContain('Ninguna propuesta coincide con los filtros.');
    expect(none).toContain('value="piscina"');
    // Unknown filter values are ignored rather than refused.
    expect((await h.get(`${localidadUrl(edition)}?tema=nada&estado=raro&orden=x&pagina=-3`)).statusCode).toBe(200);

    for (let i = 0; i < 20; i++) await make(edition, { title: `Propuesta numerada ${String(i).padStart(2, '0')}`, cost: 1000 + i });
    const first = text((await h.get(`${localidadUrl(edition)}?orden=costo`)).body);
    expect(first).toContain('23 propuestas. (página 1 de 2)');
    expect(order(first)).toHaveLength(20);
    expect(first).toContain(`href="${localidadUrl(edition)}?orden=costo&pagina=2"`);
    const second = text((await h.get(`${localidadUrl(edition)}?orden=costo&pagina=2`)).body);
    expect(order(second)).toEqual([teatro.number, huerta.number, via.number]);
  });

  it('shows a person their own drafts on the localidad page, and nobody else', async () => {
    const draft = await make(editions.proposals, { title: 'Mi borrador pendiente', status: 'draft' });
    expect((await h.get(localidadUrl(editions.proposals), people.author.cookie)).body).toContain(`href="${proposalUrl(editions.proposals, draft.number)}/paso/1">#${draft.number} Mi borrador pendiente</a>`);
    expect((await h.get(localidadUrl(editions.proposals), people.citizen.cookie)).body).not.toContain('Mi borrador pendiente');
  });

  it('shows a proposal with its status, cost, place, authors and supports, and 404 for unknown numbers', async () => {
    const db = h.t.database.db;
    const p = await make(editions.review, { title: 'Parque de bolsillo en Suba', cost: 40_000_000, topic: 'movilidad' });
    await db
      .updateTable('participatory_budgets_proposals')
      .set({ status: 'not_viable', assessed_cost: 55_000_000, valuation_reason: 'El predio es privado y no se puede intervenir.', latitude: 4.742, longitude: -74.09, location_label: 'Calle 145' })
      .where('id', '=', p.id)
      .execute();
    await db.insertInto('participatory_budgets_proposal_authors').values({ proposal_id: p.id, user_id: people.second.id, role: 'coauthor' }).execute();
    await supportAs(p.id, people.citizen.id);
    const body = text((await h.get(proposalUrl(editions.review, p.number))).body).replace(/\u00a0/g, ' ');
    expect(body).toContain(`<h1>#${p.number} Parque de bolsillo en Suba</h1>`);
    expect(body).toContain('No viable');
    expect(body).toContain('La alcaldía local evaluó esta propuesta como no viable. Razón:');
    expect(body).toContain('El predio es privado y no se puede intervenir.');
    expect(body).toContain('Costo ajustado en la valoración: $ 55.000.000');
    expect(body).toContain('Costo estimado por sus autores: $ 40.000.000');
    expect(body).toContain('Latitud 4.742, longitud -74.09 (Suba)');
    expect(body).toContain('Calle 145');
    expect(body).toContain('Alba Autora, Sara Segunda (coautoría)');
    expect(body).toContain('1 apoyo');
    expect(body).toContain('<svg viewBox=');
    expect(body).not.toMatch(/participatory-budgets\.proposals\.[a-z_.]+/);

    expect((await h.get(proposalUrl(editions.review, 99_999))).statusCode).toBe(404);
    expect((await h.get(`/presupuestos-participativos/${editions.review.slug}/propuestas/abc`)).statusCode).toBe(404);
    expect((await h.get(`/presupuestos-participativos/${editions.review.slug}/propuestas/0`)).statusCode).toBe(404);
    expect((await h.get(`${proposalUrl(editions.review, p.number)}/imagen`)).statusCode).toBe(404);
  });

  it('counts supports exactly, one per person, only during the proposal phase, with the reason otherwise', async () => {
    const p = await make(editions.proposals, { title: 'Biblioteca comunitaria' });
    const url = proposalUrl(editions.proposals, p.number);
    const page = await h.get(url, people.citizen.cookie);
    expect(page.body).toContain(`action="${url}/apoyar"`);

    const [a, b] = await Promise.all([h.post(`${url}/apoyar`, people.citizen.cookie, {}), h.post(`${url}/apoyar`, people.citizen.cookie, {})]);
    expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
    expect((await h.post(`${url}/apoyar`, people.second.cookie, {})).statusCode).toBe(303);
    expect(await supportsOf(p.id)).toBe(2);
    const supported = text((await h.get(url, people.citizen.cookie)).body);
    expect(supported).toContain('Gracias: su apoyo quedó registrado.');
    expect(supported).toContain('Usted apoya esta propuesta.');
    expect(supported).toContain(`action="${url}/retirar-apoyo"`);
    expect(supported).toContain('2 apoyos');

    expect((await h.post(`${url}/retirar-apoyo`, people.citizen.cookie, {})).statusCode).toBe(303);
    expect(await supportsOf(p.id)).toBe(1);
    expect(await supportsOf(p.id)).toBe(1);

    const unverified = await h.post(`${url}/apoyar`, people.unverified.cookie, {});
    expect(unverified.statusCode).toBe(403);
    expect(unverified.body).toContain('Verifique su identidad para continuar.');
    expect((await h.get(url, people.unverified.cookie)).body).toContain('Verifique su identidad para apoyar propuestas. <a href="/mi-cuenta/verificacion">Verificar mi identidad</a>');
    expect((await h.post(`${url}/apoyar`, people.child.cookie, {})).statusCode).toBe(403);
    const anonymous = await h.post(`${url}/apoyar`, undefined, {});
    expect(anonymous.statusCode).toBe(303);
    expect(String(anonymous.headers.location)).toMatch(/^\/ingresar/);
    expect(await supportsOf(p.id)).toBe(1);

    const closed = await make(editions.review, { title: 'Propuesta en revisión' });
    const closedUrl = proposalUrl(editions.review, closed.number);
    const denied = await h.post(`${closedUrl}/apoyar`, people.citizen.cookie, {});
    expect(denied.statusCode).toBe(403);
    expect(denied.body).toContain('Esta etapa ya está cerrada.');
    expect((await h.get(closedUrl, people.citizen.cookie)).body).toContain('En esta etapa ya no se puede apoyar propuestas.');
    expect(await supportsOf(closed.id)).toBe(0);

    const merged = await make(editions.proposals, { title: 'Propuesta retirada', status: 'withdrawn' });
    expect((await h.post(`${proposalUrl(editions.proposals, merged.number)}/apoyar`, people.citizen.cookie, {})).statusCode).toBe(409);
    expect(await supportsOf(merged.id)).toBe(0);
  });

  it('lets signed-in people follow and unfollow a proposal', async () => {
    const p = await make(editions.review, { title: 'Ciclorruta segura' });
    const url = proposalUrl(editions.review, p.number);
    const follows = async () => (await h.t.database.db.selectFrom('participatory_budgets_follows').select('user_id').where('proposal_id', '=', p.id).execute()).map((r) => r.user_id);
    expect((await h.get(url)).body).toContain('Ingrese con su cuenta para seguir propuestas.');
    expect((await h.post(`${url}/seguir`, people.unverified.cookie, {})).statusCode).toBe(303);
    expect((await h.post(`${url}/seguir`, people.unverified.cookie, {})).statusCode).toBe(303);
    expect(await follows()).toEqual([people.unverified.id]);
    expect((await h.get(url, people.unverified.cookie)).body).toContain(`action="${url}/dejar-de-seguir"`);
    expect((await h.post(`${url}/dejar-de-seguir`, people.unverified.cookie, {})).statusCode).toBe(303);
    expect(await follows()).toEqual([]);
  });

  it('threads comments one level deep and lets moderators hide them with a public reason', async () => {
    const p = await make(editions.review, { title: 'Salón comunal renovado' });
    const url = proposalUrl(editions.review, p.number);
    const db = h.t.database.db;
    const comments = () => db.selectFrom('participatory_budgets_comments').selectAll().where('proposal_id', '=', p.id).orderBy('created_at').execute();

    const empty = await h.post(`${url}/comentarios`, people.citizen.cookie, { body: ' ' });
    expect(empty.statusCode).toBe(422);
    expect(text(empty.body)).toContain('Este dato es obligatorio.');
    const long = await h.post(`${url}/comentarios`, people.citizen.cookie, { body: 'x'.repeat(4001) });
    expect(long.statusCode).toBe(422);
    expect(text(long.body)).toContain('Escriba como máximo 4.000 caracteres.');
    expect(await comments()).toEqual([]);

    const anonymous = await h.post(`${url}/comentarios`, undefined, { body: 'Comentario sin cuenta' });
    expect(anonymous.statusCode).toBe(303);
    expect(String(anonymous.headers.location)).toMatch(/^\/ingresar/);
    expect(await comments()).toEqual([]);

    const first = await h.post(`${url}/comentarios`, people.citizen.cookie, { body: '¿Incluye baños accesibles?' });
    expect(first.statusCode).toBe(303);
    const [top] = await comments();
    expect(first.headers.location).toBe(`${url}#comentario-${top!.id}`);
    expect((await h.post(`${url}/comentarios`, people.author.cookie, { body: 'Sí, dos baños accesibles.', parent_id: top!.id })).statusCode).toBe(303);
    const reply = (await comments())[1]!;
    expect(reply.parent_id).toBe(top!.id);
    // A reply to a reply joins the same thread.
    expect((await h.post(`${url}/comentarios`, people.second.cookie, { body: 'Gracias por aclararlo.', parent_id: reply.id })).statusCode).toBe(303);
    expect((await comments())[2]!.parent_id).toBe(top!.id);
    const badReply = await h.post(`${url}/comentarios`, people.second.cookie, { body: 'ok', parent_id: '00000000-0000-0000-0000-000000000000' });
    expect(badReply.statusCode).toBe(404);
    const emptyReply = await h.post(`${url}/comentarios`, people.second.cookie, { body: '', parent_id: top!.id });
    expect(emptyReply.statusCode).toBe(422);
    expect(emptyReply.body).toContain('<details open><summary>Responder</summary>');

    const page = text((await h.get(url)).body);
    expect(page).toContain('Comentarios (3)');
    expect(page).toContain('¿Incluye baños accesibles?');
    expect(page).toContain('Ingrese con su cuenta para comentar.');

    const hideUrl = `${url}/comentarios/${top!.id}/ocultar`;
    const notModerator = await h.post(hideUrl, people.citizen.cookie, { reason: 'Spam' });
    expect(notModerator.statusCode).toBe(403);
    expect(notModerator.body).toContain('Su cuenta no tiene el rol necesario para esta acción.');
    const short = await h.post(hideUrl, people.moderator.cookie, { reason: 'no' });
    expect(short.statusCode).toBe(422);
    expect(text(short.body)).toContain('Escriba al menos 3 caracteres.');
    expect((await comments())[0]!.hidden_at).toBeNull();
    expect((await h.get(url, people.moderator.cookie)).body).toContain(`action="${hideUrl}"`);

    expect((await h.post(hideUrl, people.moderator.cookie, { reason: 'Contiene datos personales de un vecino.' })).statusCode).toBe(303);
    const hiddenPage = text((await h.get(url)).body);
    expect(hiddenPage).toContain('Comentario ocultado por moderación: Contiene datos personales de un vecino.');
    expect(hiddenPage).not.toContain('¿Incluye baños accesibles?');
    expect(hiddenPage).toContain('Sí, dos baños accesibles.');
    const audit = await db.selectFrom('core_audit_log').select(['action', 'actor_id']).where('resource_id', '=', top!.id).where('action', '=', 'participatory-budgets.hide-comment').execute();
    expect(audit).toEqual([{ action: 'participatory-budgets.hide-comment', actor_id: people.moderator.id }]);
    const noReply = await h.post(`${url}/comentarios`, people.second.cookie, { body: 'Respuesta a oculto', parent_id: top!.id });
    expect(noReply.statusCode).toBe(422);
    expect(text(noReply.body)).toContain('No se puede responder un comentario ocultado por moderación.');
  });

  it('lets the author add co-authors by e-mail and remove them; co-authors cannot manage co-authors', async () => {
    const p = await make(editions.proposals, { title: 'Escuela de fútbol femenino' });
    const url = proposalUrl(editions.proposals, p.number);
    const authors = async () =>
      (await h.t.database.db.selectFrom('participatory_budgets_proposal_authors').select(['user_id', 'role']).where('proposal_id', '=', p.id).orderBy('role').execute()).map((a) => `${a.role}:${a.user_id}`);
    expect((await h.get(url, people.author.cookie)).body).toContain(`action="${url}/coautores"`);
    expect((await h.get(url, people.citizen.cookie)).body).not.toContain(`action="${url}/coautores"`);

    for (const [email, message] of [
      ['', 'Este dato es obligatorio.'],
      ['no-es-correo', 'Escriba un correo electrónico válido'],
      ['nadie@example.co', 'No hay ninguna cuenta activa con ese correo.'],
      [people.author.email, 'Esa persona ya es autora o coautora de la propuesta.'],
    ] as const) {
      const response = await h.post(`${url}/coautores`, people.author.cookie, { 'coauthor-email': email });
      expect(response.statusCode, email).toBe(422);
      expect(text(response.body), email).toContain(message);
      if (email) expect(response.body, email).toContain(`value="${email}"`);
    }
    expect(await authors()).toEqual([`author:${people.author.id}`]);

    expect((await h.post(`${url}/coautores`, people.author.cookie, { 'coauthor-email': ` ${people.second.email} ` })).statusCode).toBe(303);
    expect(await authors()).toEqual([`author:${people.author.id}`, `coauthor:${people.second.id}`]);
    expect(text((await h.get(url, people.author.cookie)).body)).toContain('Sara Segunda ahora es coautora o coautor de la propuesta.');

    const byCoauthor = await h.post(`${url}/coautores`, people.second.cookie, { 'coauthor-email': people.citizen.email });
    expect(byCoauthor.statusCode).toBe(403);
    expect(byCoauthor.body).toContain('Solo la persona autora puede hacer esto.');
    expect((await h.post(`${url}/coautores/${people.second.id}/quitar`, people.second.cookie, {})).statusCode).toBe(403);
    expect((await h.post(`${url}/coautores/${people.second.id}/quitar`, people.citizen.cookie, {})).statusCode).toBe(403);
    expect((await h.post(`${url}/coautores/${people.second.id}/quitar`, people.author.cookie, {})).statusCode).toBe(303);
    expect(await authors()).toEqual([`author:${people.author.id}`]);
    // The author cannot be removed as if a co-author.
    expect((await h.post(`${url}/coautores/${people.author.id}/quitar`, people.author.cookie, {})).statusCode).toBe(404);
    expect(await authors()).toEqual([`author:${people.author.id}`]);
  });

  it('lets the author withdraw a proposal, which then leaves the list but keeps its page', async () => {
    const p = await make(editions.proposals, { title: 'Propuesta que se retira' });
    const url = proposalUrl(editions.proposals, p.number);
    expect((await h.post(`${url}/retirar`, people.citizen.cookie, {})).statusCode).toBe(403);
    expect((await h.post(`${url}/retirar`, people.author.cookie, {})).statusCode).toBe(303);
    const page = text((await h.get(url)).body);
    expect(page).toContain('Sus autores retiraron esta propuesta.');
    expect(page).not.toContain(`${url}/apoyar`);
    expect(text((await h.get(localidadUrl(editions.proposals))).body)).not.toContain('Propuesta que se retira');
    expect((await h.post(`${url}/retirar`, people.author.cookie, {})).statusCode).toBe(409);
  });

  it('speaks English when the visitor chose it', async () => {
    const p = await make(editions.proposals, { title: 'Proposal in English' });
    const body = text((await h.get(proposalUrl(editions.proposals, p.number), `${people.unverified.cookie}; gab_lang=en`)).body);
    expect(body).toContain('Verify your identity to support proposals.');
    expect(body).toContain('Submitted, under review');
    const list = text((await h.get(localidadUrl(editions.proposals), `gab_lang=en`)).body);
    expect(list).toContain('Sign in to propose.');
    expect(list).not.toMatch(/participatory-budgets\.proposals\.[a-z_.]+/);
  });
});
