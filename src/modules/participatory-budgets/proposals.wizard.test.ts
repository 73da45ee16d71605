import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/database.ts';
import { withTransaction } from '../../core/db/database.ts';
import { searchDocuments } from '../../core/search/search.ts';
import { createEdition, createProposalRow, type EditionFixture } from './budgets.test-support.ts';
import { createProposal } from './commands/create-proposal.ts';
import { proposalSearchDocuments } from './proposals.queries.ts';
import {
  costFields,
  descriptionFields,
  FONTIBON_POINT,
  ideaFields,
  NOT_AN_IMAGE,
  OUTSIDE_POINT,
  PNG,
  startHarness,
  text,
  type Harness,
  type Person,
} from './proposals.test-support.ts';

describe.each(testEngines())('"Registra tu propuesta" (%s)', (engine) => {
  let h: Harness;
  let open: EditionFixture;
  let review: EditionFixture;
  let people: Record<'citizen' | 'other' | 'unverified' | 'child' | 'teen' | 'teenWithConsent', Person>;

  beforeAll(async () => {
    h = await startHarness(engine);
    const db = h.t.database.db;
    open = await createEdition(db, { phase: 'proposals', slug: `abierta-${engine}`, envelopes: { '11': 1_000_000_000 } });
    review = await createEdition(db, { phase: 'review', slug: `revision-${engine}`, envelopes: { '11': 500_000_000 } });
    people = {
      citizen: await h.person('Camila Proponente'),
      other: await h.person('Óscar Otro'),
      unverified: await h.person('Ulises Sinverificar', { level: 'registered' }),
      child: await h.person('Nicolás Doce', { age: 12 }),
      teen: await h.person('Tatiana Quince', { age: 15 }),
      teenWithConsent: await h.person('Tomás Dieciséis', { age: 16, guardianConsent: true }),
    };
  });
  afterAll(async () => h?.t.close());

  const newUrl = () => `/presupuestos-participativos/${open.slug}/11/proponer`;
  const proposalUrl = (edition: EditionFixture, number: number) => `/presupuestos-participativos/${edition.slug}/propuestas/${number}`;
  const proposalRow = (number: number, edition = open) =>
    h.t.database.db.selectFrom('participatory_budgets_proposals').selectAll().where('edition_id', '=', edition.id).where('number', '=', number).executeTakeFirstOrThrow();
  const countProposals = async () => Number((await h.t.database.db.selectFrom('participatory_budgets_proposals').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const numberFrom = (location: unknown) => Number(/propuestas\/(\d+)\//.exec(String(location))?.[1]);

  it('takes a proposal through the four steps with plain form posts, as a browser without JavaScript does', async () => {
    const start = await h.get(newUrl(), people.citizen.cookie);
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('enctype="multipart/form-data"');
    expect(start.body).toContain('<h1>Registra tu propuesta<span class="wizard-step-title"> — paso 1 de 4: Descripción</span></h1>');
    expect(start.body).toContain('aria-current="step"');

    const step1 = await h.postMultipart(newUrl(), people.citizen.cookie, descriptionFields({ image_alt: 'Lote con maleza junto al parque' }), {
      name: 'image',
      filename: 'lote.png',
      type: 'image/png',
      data: PNG,
    });
    expect(step1.statusCode).toBe(303);
    const number = numberFrom(step1.headers.location);
    expect(step1.headers.location).toBe(`${proposalUrl(open, number)}/paso/2`);
    let row = await proposalRow(number);
    expect(row).toMatchObject({ status: 'draft', title: 'Huerta comunitaria en el parque del barrio', topic_code: 'ambiente', goal_code: 'meta-huertas', concept_code: 'agricultura-urbana', image_alt: 'Lote con maleza junto al parque' });
    expect(row.image_file_id).not.toBeNull();
    const authors = await h.t.database.db.selectFrom('participatory_budgets_proposal_authors').select(['user_id', 'role']).where('proposal_id', '=', row.id).execute();
    expect(authors).toEqual([{ user_id: people.citizen.id, role: 'author' }]);

    // A draft is invisible to everyone else, even by its number.
    expect((await h.get(proposalUrl(open, number))).statusCode).toBe(404);
    expect((await h.get(proposalUrl(open, number), people.other.cookie)).statusCode).toBe(404);
    expect((await h.get(`${proposalUrl(open, number)}/imagen`, people.other.cookie)).statusCode).toBe(404);
    const image = await h.get(`${proposalUrl(open, number)}/imagen`, people.citizen.cookie);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(PNG)).toBe(true);

    const page2 = await h.get(`${proposalUrl(open, number)}/paso/2`, people.citizen.cookie);
    expect(page2.statusCode).toBe(200);
    expect(text(page2.body)).toContain(`Guardamos su borrador #${number}. Continúe con la idea.`);
    const step2 = await h.post(`${proposalUrl(open, number)}/paso/2`, people.citizen.cookie, ideaFields());
    expect(step2.statusCode).toBe(303);
    expect(step2.headers.location).toBe(`${proposalUrl(open, number)}/paso/3`);
    row = await proposalRow(number);
    expect([Number(row.latitude), Number(row.longitude), row.location_label]).toEqual([4.742, -74.09, 'Parque vecinal de Suba Rincón']);

    const step3 = await h.post(`${proposalUrl(open, number)}/paso/3`, people.citizen.cookie, costFields());
    expect(step3.statusCode).toBe(303);
    expect(step3.headers.location).toBe(`${proposalUrl(open, number)}/paso/4`);
    expect((await proposalRow(number)).estimated_cost).toBe('25000000');

    const review4 = await h.get(`${proposalUrl(open, number)}/paso/4`, people.citizen.cookie);
    expect(review4.statusCode).toBe(200);
    expect(text(review4.body)).toContain('Junta de Acción Comunal Rincón');
    expect(review4.body).toContain('Enviar propuesta');
    expect(review4.body).not.toContain('Faltan datos');

    const submit = await h.post(`${proposalUrl(open, number)}/paso/4`, people.citizen.cookie, {});
    expect(submit.statusCode).toBe(303);
    expect(submit.headers.location).toBe(proposalUrl(open, number));
    row = await proposalRow(number);
    expect(row.status).toBe('submitted');
    expect(row.submitted_at).toBeInstanceOf(Date);

    const page = await h.get(proposalUrl(open, number));
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain(`#${number} Huerta comunitaria en el parque del barrio`);
    expect(body).toContain('Registrada, en revisión');
    expect(body).toContain('Latitud 4.742, longitud -74.09 (Suba)');
    expect(body).toContain('Camila Proponente');
    expect(body).toContain('alt="Lote con maleza junto al parque"');
    expect(body).toContain('class="map-svg"');

    const search = await searchDocuments(h.t.database.db, 'huerta lote abandonado', { module: 'participatory-budgets' });
    expect(search.hits.map((hit) => hit.url)).toContain(proposalUrl(open, number));
    expect((await proposalSearchDocuments(h.t.database.db)).map((d) => d.url)).toContain(proposalUrl(open, number));

    const audit = await h.t.database.db.selectFrom('core_audit_log').select('action').where('resource_id', '=', row.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'participatory-budgets.create-proposal',
      'participatory-budgets.update-proposal',
      'participatory-budgets.update-proposal',
      'participatory-budgets.submit-proposal',
    ]);
  });

  it('refuses every bad field of step 1 with a Spanish message next to it, keeps what was typed, and creates nothing', async () => {
    const before = await countProposals();
    const cases: [Record<string, string>, string, string][] = [
      [{ title: 'Hue' }, 'title', 'Escriba al menos 5 caracteres.'],
      [{ title: 'x'.repeat(201) }, 'title', 'Escriba como máximo 200 caracteres.'],
      [{ description: '' }, 'description', 'Este dato es obligatorio.'],
      [{ description: 'Muy corta' }, 'description', 'Escriba al menos 20 caracteres.'],
      [{ topic_code: '' }, 'topic_code', 'Elija el tema de la propuesta.'],
      [{ topic_code: 'inventado' }, 'topic_code', 'Elija una de las opciones de la lista.'],
      [{ goal_code: 'meta-malla-vial' }, 'goal_code', 'Esa meta es del tema «Movilidad y espacio público»'],
      [{ goal_code: 'meta-inventada' }, 'goal_code', 'Elija una de las opciones de la lista.'],
      [{ concept_code: '' }, 'concept_code', 'Elija el concepto de gasto.'],
      [{ concept_code: 'nada' }, 'concept_code', 'Elija una de las opciones de la lista.'],
      [{ guiding_question: '¿'.repeat(501) }, 'guiding_question', 'Escriba como máximo 500 caracteres.'],
      [{ keywords: 'k'.repeat(301) }, 'keywords', 'Escriba como máximo 300 caracteres.'],
    ];
    for (const [override, name, message] of cases) {
      const fields = descriptionFields(override);
      const response = await h.postMultipart(newUrl(), people.citizen.cookie, fields);
      expect(response.statusCode, name).toBe(422);
      const body = text(response.body);
      expect(body, name).toContain(`id="${name}-error"`);
      expect(body, name).toContain(message);
      expect(body, name).toContain('Hay un problema con lo que envió');
      expect(body, name).toContain('<title>Error: Registra tu propuesta: Descripción');
      // What the person typed comes back in the form (except the field with the error when it was too long, which also comes back).
      if (name !== 'title') expect(body, name).toContain('value="Huerta comunitaria en el parque del barrio"');
      if (name !== 'description') expect(body, name).toContain('Recuperar el lote abandonado junto al parque');
    }
    const image = [
      [{ name: 'image', filename: 'acta.pdf', type: 'image/png', data: NOT_AN_IMAGE }, 'La imagen debe ser JPEG, PNG o WebP.', 'Lote'],
      [{ name: 'image', filename: 'grande.png', type: 'image/png', data: Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]) }, 'La imagen pesa más de 2 MB. Elija una más liviana.', 'Lote'],
      [{ name: 'image', filename: 'lote.png', type: 'image/png', data: PNG }, 'Este dato es obligatorio.', ''],
      [{ name: 'image', filename: 'lote.png', type: 'image/png', data: PNG }, 'Escriba al menos 3 caracteres.', 'ab'],
    ] as const;
    for (const [file, message, alt] of image) {
      const response = await h.postMultipart(newUrl(), people.citizen.cookie, descriptionFields({ image_alt: alt }), file);
      expect(response.statusCode, message).toBe(422);
      expect(text(response.body), message).toContain(message);
    }
    expect(await countProposals()).toBe(before);
  });

  async function draft(person: Person = people.citizen, edition = open): Promise<number> {
    const response = await h.postMultipart(`/presupuestos-participativos/${edition.slug}/11/proponer`, person.cookie, descriptionFields());
    expect(response.statusCode).toBe(303);
    return numberFrom(response.headers.location);
  }

  it('checks the place of step 2 against the localidad polygon, with clear Spanish messages', async () => {
    const number = await draft();
    const url = `${proposalUrl(open, number)}/paso/2`;
    const cases: [Record<string, string>, string, string][] = [
      [{ activities: '' }, 'activities', 'Este dato es obligatorio.'],
      [{ activities: 'Sembrar' }, 'activities', 'Escriba al menos 20 caracteres.'],
      [{ latitude: '4,7x' }, 'latitude', 'Escriba la coordenada en grados decimales'],
      [{ latitude: '95' }, 'latitude', 'La latitud debe estar entre -90 y 90.'],
      [{ longitude: '-190' }, 'longitude', 'La longitud debe estar entre -180 y 180.'],
      [{ longitude: '' }, 'longitude', 'Escriba la latitud y la longitud, o deje ambas vacías.'],
      [{ latitude: '' }, 'latitude', 'Escriba la latitud y la longitud, o deje ambas vacías.'],
      [OUTSIDE_POINT, 'latitude', 'Esas coordenadas quedan fuera de Bogotá.'],
      [FONTIBON_POINT, 'latitude', 'Esas coordenadas quedan en Fontibón, no en Suba. La propuesta debe ubicarse dentro de Suba.'],
      [{ location_label: 'l'.repeat(301) }, 'location_label', 'Escriba como máximo 300 caracteres.'],
    ];
    for (const [override, name, message] of cases) {
      const response = await h.post(url, people.citizen.cookie, ideaFields(override));
      expect(response.statusCode, message).toBe(422);
      const body = text(response.body);
      expect(body, message).toContain(`id="${name}-error"`);
      expect(body, message).toContain(message);
      if (name !== 'location_label') expect(body, message).toContain('value="Parque vecinal de Suba Rincón"');
    }
    const row = await proposalRow(number);
    expect([row.activities, row.latitude, row.longitude, row.location_label]).toEqual(['', null, null, '']);
    // Coordinates are optional; a comma works as decimal separator.
    expect((await h.post(url, people.citizen.cookie, ideaFields({ latitude: '', longitude: '' }))).statusCode).toBe(303);
    expect((await h.post(url, people.citizen.cookie, ideaFields({ latitude: '4,742', longitude: '-74,09' }))).statusCode).toBe(303);
    expect(Number((await proposalRow(number)).latitude)).toBe(4.742);
  });

  it('checks the cost of step 3 against the envelope and the chosen sub-envelope', async () => {
    const number = await draft();
    const url = `${proposalUrl(open, number)}/paso/3`;
    const cases: [Record<string, string>, string, string][] = [
      [{ estimated_cost: '' }, 'estimated_cost', 'Este dato es obligatorio.'],
      [{ estimated_cost: 'veinte millones' }, 'estimated_cost', 'Escriba el costo en pesos'],
      [{ estimated_cost: '1500,50' }, 'estimated_cost', 'Escriba el costo en pesos'],
      [{ estimated_cost: '-5' }, 'estimated_cost', 'Escriba el costo en pesos'],
      [{ estimated_cost: '0' }, 'estimated_cost', 'El costo debe ser de al menos un peso.'],
      [{ estimated_cost: '1.000.000.001' }, 'estimated_cost', 'El costo no puede superar el presupuesto de la localidad ($ 1.000.000.000).'],
      [{ organisation: 'o'.repeat(201) }, 'organisation', 'Escriba como máximo 200 caracteres.'],
    ];
    for (const [override, name, message] of cases) {
      const response = await h.post(url, people.citizen.cookie, costFields(override));
      expect(response.statusCode, message).toBe(422);
      const body = text(response.body).replace(/\u00a0/g, ' ');
      expect(body, message).toContain(`id="${name}-error"`);
      expect(body, message).toContain(message);
      if (name !== 'estimated_cost') expect(body, message).toContain('value="25.000.000"');
    }
    expect((await proposalRow(number)).estimated_cost).toBe('0');
    expect((await h.post(url, people.citizen.cookie, costFields({ estimated_cost: '$ 1.000.000.000' }))).statusCode).toBe(303);
    expect((await proposalRow(number)).estimated_cost).toBe('1000000000');

    // With sub-envelopes the person chooses one, and the cost must fit it.
    const db = h.t.database.db;
    const split = await createEdition(db, { phase: 'proposals', envelopes: { '11': 300_000_000 } });
    const envelopeId = split.envelopes[0]!.id;
    const rural = await db.insertInto('participatory_budgets_sub_envelopes').values({ envelope_id: envelopeId, kind: 'area', code: 'rural', name: 'Suba rural', amount: 100_000_000 }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('participatory_budgets_sub_envelopes').values({ envelope_id: envelopeId, kind: 'area', code: 'urbana', name: 'Suba urbana', amount: 200_000_000 }).execute();
    const splitNumber = await draft(people.citizen, split);
    const splitUrl = `${proposalUrl(split, splitNumber)}/paso/3`;
    const form = await h.get(splitUrl, people.citizen.cookie);
    expect(text(form.body)).toContain('Suba rural ($');
    const none = await h.post(splitUrl, people.citizen.cookie, costFields());
    expect(none.statusCode).toBe(422);
    expect(text(none.body)).toContain('Elija la bolsa del presupuesto.');
    const bogus = await h.post(splitUrl, people.citizen.cookie, costFields({ sub_envelope_id: envelopeId }));
    expect(text(bogus.body)).toContain('Elija una de las opciones de la lista.');
    const above = await h.post(splitUrl, people.citizen.cookie, costFields({ sub_envelope_id: rural.id, estimated_cost: '150000000' }));
    expect(above.statusCode).toBe(422);
    expect(text(above.body).replace(/\u00a0/g, ' ')).toContain('El costo no puede superar el presupuesto de la bolsa elegida ($ 100.000.000).');
    expect((await h.post(splitUrl, people.citizen.cookie, costFields({ sub_envelope_id: rural.id, estimated_cost: '90000000' }))).statusCode).toBe(303);
    expect((await proposalRow(splitNumber, split)).sub_envelope_id).toBe(rural.id);
  });

  it('does not submit an incomplete draft: step 4 lists what is missing, with links to the steps', async () => {
    const number = await draft();
    expect((await h.get(`${proposalUrl(open, number)}/paso/5`, people.citizen.cookie)).statusCode).toBe(404);
    expect((await h.get(`${proposalUrl(open, number)}/paso/x`, people.citizen.cookie)).statusCode).toBe(404);
    const review4 = await h.get(`${proposalUrl(open, number)}/paso/4`, people.citizen.cookie);
    expect(text(review4.body)).toContain('Faltan datos para enviar la propuesta');
    const response = await h.post(`${proposalUrl(open, number)}/paso/4`, people.citizen.cookie, {});
    expect(response.statusCode).toBe(422);
    const body = text(response.body);
    expect(body).toContain('Faltan datos para enviar la propuesta');
    expect(body).toContain(`<a href="${proposalUrl(open, number)}/paso/2">Actividades (paso 2)</a>`);
    expect(body).toContain(`<a href="${proposalUrl(open, number)}/paso/3">Costo estimado (pesos) (paso 3)</a>`);
    expect((await proposalRow(number)).status).toBe('draft');
  });

  it('says who may propose and what to do next: sign in, verify, age and guardian consent, and the phase', async () => {
    const anonymous = await h.get(newUrl());
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toBe(`/ingresar?next=${encodeURIComponent(newUrl())}`);
    const anonymousPost = await h.postMultipart(newUrl(), undefined, descriptionFields());
    expect(anonymousPost.statusCode).toBe(303);
    expect(String(anonymousPost.headers.location)).toMatch(/^\/ingresar\?next=/);

    const unverified = await h.get(newUrl(), people.unverified.cookie);
    expect(unverified.statusCode).toBe(403);
    expect(unverified.body).toContain('Verifique su identidad para proponer.');
    expect(unverified.body).toContain('href="/mi-cuenta/verificacion"');
    const child = await h.get(newUrl(), people.child.cookie);
    expect(child.statusCode).toBe(403);
    expect(child.body).toContain('Debe tener al menos 14 años para participar.');
    const teen = await h.get(newUrl(), people.teen.cookie);
    expect(teen.statusCode).toBe(403);
    expect(teen.body).toContain('Para proponer necesita el consentimiento de su acudiente');
    expect((await h.get(newUrl(), people.teenWithConsent.cookie)).statusCode).toBe(200);

    const closed = await h.get(`/presupuestos-participativos/${review.slug}/11/proponer`, people.citizen.cookie);
    expect(closed.statusCode).toBe(403);
    expect(closed.body).toContain('En esta etapa ya no se puede proponer.');

    const before = await countProposals();
    for (const person of [people.unverified, people.child, people.teen]) {
      const response = await h.postMultipart(newUrl(), person.cookie, descriptionFields());
      expect(response.statusCode).toBe(403);
    }
    expect((await h.postMultipart(`/presupuestos-participativos/${review.slug}/11/proponer`, people.citizen.cookie, descriptionFields())).statusCode).toBe(403);
    expect(await countProposals()).toBe(before);
    expect((await h.get(`/presupuestos-participativos/${open.slug}/07/proponer`, people.citizen.cookie)).statusCode).toBe(404);
  });

  it('lets authors and co-authors edit until the proposal window closes, and nobody else', async () => {
    const number = await draft();
    await h.post(`${proposalUrl(open, number)}/paso/2`, people.citizen.cookie, ideaFields());
    await h.post(`${proposalUrl(open, number)}/paso/3`, people.citizen.cookie, costFields());
    await h.post(`${proposalUrl(open, number)}/paso/4`, people.citizen.cookie, {});

    const stranger = await h.get(`${proposalUrl(open, number)}/paso/1`, people.other.cookie);
    expect(stranger.statusCode).toBe(403);
    expect(stranger.body).toContain('Solo las personas autoras pueden editar esta propuesta.');
    const strangerPost = await h.post(`${proposalUrl(open, number)}/paso/2`, people.other.cookie, ideaFields({ activities: 'Otra cosa completamente distinta para el lote.' }));
    expect(strangerPost.statusCode).toBe(403);

    const edit = await h.postMultipart(`${proposalUrl(open, number)}/paso/1`, people.citizen.cookie, descriptionFields({ title: 'Huerta comunitaria y compostaje en el parque' }));
    expect(edit.statusCode).toBe(303);
    expect((await proposalRow(number)).title).toBe('Huerta comunitaria y compostaje en el parque');
    const search = await searchDocuments(h.t.database.db, 'compostaje', { module: 'participatory-budgets' });
    expect(search.total).toBe(1);

    // A co-author added by e-mail may edit too.
    const added = await h.post(`${proposalUrl(open, number)}/coautores`, people.citizen.cookie, { 'coauthor-email': people.other.email.toUpperCase() });
    expect(added.statusCode).toBe(303);
    expect((await h.post(`${proposalUrl(open, number)}/paso/2`, people.other.cookie, ideaFields({ activities: 'Limpieza, siembra, compostaje y talleres con la comunidad.' }))).statusCode).toBe(303);
    expect((await proposalRow(number)).activities).toBe('Limpieza, siembra, compostaje y talleres con la comunidad.');

    // Once the window closes, nobody edits.
    const closedNumber = (await createProposalRow(h.t.database.db, { editionId: review.id, envelopeId: review.envelopes[0]!.id, cost: 1000, status: 'submitted', authorId: people.citizen.id })).number;
    const closed = await h.get(`${proposalUrl(review, closedNumber)}/paso/1`, people.citizen.cookie);
    expect(closed.statusCode).toBe(403);
    expect(closed.body).toContain('En esta etapa ya no se puede editar esta propuesta.');
    expect((await h.post(`${proposalUrl(review, closedNumber)}/paso/3`, people.citizen.cookie, costFields())).statusCode).toBe(403);
    expect((await proposalRow(closedNumber, review)).estimated_cost).toBe('1000');

    // Valuation freezes a proposal.
    const valued = (await createProposalRow(h.t.database.db, { editionId: open.id, envelopeId: open.envelopes[0]!.id, cost: 1000, status: 'viable', authorId: people.citizen.id })).number;
    const frozen = await h.post(`${proposalUrl(open, valued)}/paso/3`, people.citizen.cookie, costFields());
    expect(frozen.statusCode).toBe(409);
    expect(frozen.body).toContain('Esta propuesta ya no se puede modificar (estado: Viable).');
  });

  it('replaces and removes the image of a draft, and needs its description', async () => {
    const number = await draft();
    const url = `${proposalUrl(open, number)}/paso/1`;
    expect((await h.postMultipart(url, people.citizen.cookie, descriptionFields({ image_alt: 'Foto del lote' }), { name: 'image', filename: 'a.png', type: 'image/png', data: PNG })).statusCode).toBe(303);
    expect((await proposalRow(number)).image_file_id).not.toBeNull();
    // Keeping the image still needs its description.
    const noAlt = await h.postMultipart(url, people.citizen.cookie, descriptionFields({ image_alt: '' }));
    expect(noAlt.statusCode).toBe(422);
    expect(text(noAlt.body)).toContain('id="image_alt-error"');
    const form = await h.get(url, people.citizen.cookie);
    expect(form.body).toContain('alt="Foto del lote"');
    expect(form.body).toContain('name="remove_image"');
    expect((await h.postMultipart(url, people.citizen.cookie, descriptionFields({ image_alt: 'Foto del lote', remove_image: '1' }))).statusCode).toBe(303);
    const row = await proposalRow(number);
    expect([row.image_file_id, row.image_alt]).toEqual([null, '']);
  });

  it('gives concurrent proposals of one edition distinct numbers', async () => {
    const db = h.t.database.db;
    const edition = await createEdition(db, { phase: 'proposals' });
    const actor = { userId: people.citizen.id, displayName: 'Camila Proponente', roles: [] };
    const { image: _image, ...rest } = { ...descriptionFields(), goal_code: null, image: undefined };
    const fields = { ...rest, image: undefined };
    const created = await Promise.all(
      Array.from({ length: 8 }, () => withTransaction(db, (tx) => createProposal(tx, h.t.app.gab.files, { editionId: edition.id, envelopeId: edition.envelopes[0]!.id, actor, fields }))),
    );
    expect(created.map((c) => c.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
