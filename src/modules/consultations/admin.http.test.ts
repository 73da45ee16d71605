import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { postForm } from '../../../test/post-form.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { simplePdf } from './demo-pdf.ts';
import { buildConsultationsApp, createConsultation, createResident, participantCount, postMultipart, text, type PersonOptions } from './consultations.test-support.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000 - 5 * 3600_000).toISOString().slice(0, 16);
const SETTINGS = {
  title: 'Consulta sobre el parque lineal del río Fucha',
  description: 'Queremos saber qué espera del parque.\n\nSegundo párrafo.',
  entity: 'sdp',
  opens_at: inDays(3),
  closes_at: inDays(30),
  min_level: 'identity',
  min_age: '14',
  secret: 'yes',
};
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

describe.each(testEngines())('the consultations back office over HTTP (%s)', (engine) => {
  let t: TestApp;
  let official: string;
  let otherOfficial: string;
  let citizen: string;
  let moderator: string;
  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const consultationRow = (title: string) => t.database.db.selectFrom('consultations_consultations').selectAll().where('title', '=', title).executeTakeFirst();

  beforeAll(async () => {
    t = await buildConsultationsApp(engine);
    const make = async (name: string, roles: PersonOptions['roles']) => signInAs(t.database, (await createResident(t.database.db, t.config.secret, { name, roles })).id);
    official = await make('Olga Oficial', [{ role: 'entity_official', entityCode: 'sdp' }]);
    otherOfficial = await make('Iván IDU', [{ role: 'entity_official', entityCode: 'idu' }]);
    citizen = await make('Carla Ciudadana', []);
    moderator = await make('Mónica Moderadora', [{ role: 'moderator', entityCode: 'sdp' }]);
  });
  afterAll(async () => t?.close());

  it('keeps the back office to officials: visitors sign in, citizens and other entities are refused', async () => {
    const anonymous = await get('/admin/consultas');
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toContain('/ingresar');
    expect((await get('/admin/consultas', citizen)).statusCode).toBe(403);
    expect((await postForm(t.app, '/admin/consultas/nueva', citizen, SETTINGS)).statusCode).toBe(403);
    expect((await get('/admin/consultas', official)).statusCode).toBe(200);
    const foreign = await createConsultation(t.database.db, { state: 'upcoming', entityCode: 'idu', questions: [{ kind: 'short_text' }] });
    const refused = await get(`/admin/consultas/${foreign.id}`, official);
    expect(refused.statusCode).toBe(403);
    expect(text(refused.body)).toContain('Su rol es de otra entidad.');
    expect((await get(`/admin/consultas/${foreign.id}`, otherOfficial)).statusCode).toBe(200);
    // An official of SDP cannot create a consultation in another entity's name.
    const wrong = await postForm(t.app, '/admin/consultas/nueva', official, { ...SETTINGS, entity: 'idu', title: 'Intento en nombre de otra entidad' });
    expect(wrong.statusCode).toBe(422);
    expect(text(wrong.body)).toContain('Elija una entidad de la que usted sea funcionario o funcionaria.');
    expect(await consultationRow('Intento en nombre de otra entidad')).toBeUndefined();
  });

  it('creates a draft with Bogotá times, rejecting bad settings field by field and keeping what was typed', async () => {
    const bad = await postForm(t.app, '/admin/consultas/nueva', official, { ...SETTINGS, title: 'No', opens_at: '2026-02-30T08:00', closes_at: inDays(-1), min_age: '12', localidades: ['11', '99'] });
    expect(bad.statusCode).toBe(422);
    const body = text(bad.body);
    for (const message of ['Escriba un título de 3 a 200 caracteres.', 'Escriba una fecha y hora válidas', 'El cierre debe ser una fecha futura.', 'Escriba una edad entre 14 y 120 años.', 'Elija localidades de la lista.']) expect(body).toContain(message);
    expect(bad.body).toContain('value="2026-02-30T08:00"');
    expect(bad.body).toMatch(/value="11" checked/);
    const created = await postForm(t.app, '/admin/consultas/nueva', official, { ...SETTINGS, localidades: ['11', '07'], allow_edit: 'yes' });
    expect(created.statusCode).toBe(303);
    const row = (await consultationRow(SETTINGS.title))!;
    expect(created.headers.location).toBe(`/admin/consultas/${row.id}`);
    expect(row.published_at).toBeNull();
    expect(row.allow_edit).toBe(true);
    expect(new Date(row.opens_at).toISOString()).toBe(new Date(`${SETTINGS.opens_at}:00-05:00`).toISOString());
    const localidades = await t.database.db.selectFrom('consultations_localidades').select('localidad_code').where('consultation_id', '=', row.id).orderBy('localidad_code').execute();
    expect(localidades.map((l) => l.localidad_code)).toEqual(['07', '11']);
    // A draft is not public yet.
    expect((await get(`/consultas/${row.id}`)).statusCode).toBe(404);
    expect((await get(`/consultas/${row.id}`, official)).statusCode).toBe(200);
  });

  it('builds the questionnaire: questions of each kind, options with images, conditions, order, then publishes', async () => {
    await postForm(t.app, '/admin/consultas/nueva', official, { ...SETTINGS, title: 'Consulta para armar' });
    const c = (await consultationRow('Consulta para armar'))!;
    const base = `/admin/consultas/${c.id}`;
    const blocked = await get(base, official);
    expect(text(blocked.body)).toContain('Agregue al menos una pregunta.');
    const badQuestion = await postForm(t.app, `${base}/preguntas/nueva`, official, { kind: 'rating_scale', title: '¿Qué tan seguro se siente?', scale_min: '5', scale_max: '3', required: 'yes' });
    expect(badQuestion.statusCode).toBe(422);
    expect(text(badQuestion.body)).toContain('El valor máximo debe ser mayor que el mínimo.');
    const first = await postForm(t.app, `${base}/preguntas/nueva`, official, { kind: 'single_choice', title: '¿Visita el parque?', required: 'yes' });
    expect(first.statusCode).toBe(303);
    const firstId = first.headers.location!.split('/').pop()!;
    for (const label of ['Sí', 'No']) {
      expect((await postMultipart(t.app, `${base}/preguntas/${firstId}/opciones`, official, { option_label: label, option_description: '', option_image_alt: '' })).statusCode).toBe(303);
    }
    const noAlt = await postMultipart(t.app, `${base}/preguntas/${firstId}/opciones`, official, { option_label: 'Con imagen', option_image_alt: '' }, { option_image: { filename: 'foto.png', type: 'image/png', content: PNG } });
    expect(noAlt.statusCode).toBe(422);
    expect(text(noAlt.body)).toContain('Describa la imagen para quien no puede verla.');
    const fake = await postMultipart(t.app, `${base}/preguntas/${firstId}/opciones`, official, { option_label: 'Falsa', option_image_alt: 'x' }, { option_image: { filename: 'foto.png', type: 'image/png', content: Buffer.from('no soy una imagen') } });
    expect(text(fake.body)).toContain('La imagen debe ser PNG, JPEG o WebP.');
    const withImage = await postMultipart(t.app, `${base}/preguntas/${firstId}/opciones`, official, { option_label: 'A veces', option_image_alt: 'Familia caminando junto al río' }, { option_image: { filename: 'foto.png', type: 'image/png', content: PNG } });
    expect(withImage.statusCode).toBe(303);
    const second = await postForm(t.app, `${base}/preguntas/nueva`, official, { kind: 'long_text', title: '¿Qué le gusta del parque?', show_if: 'made-up' });
    expect(text(second.body)).toContain('Elija respuestas de una pregunta anterior');
    const options = await t.database.db.selectFrom('consultations_options').select(['id', 'label', 'image_file_id']).where('question_id', '=', firstId).orderBy('position').execute();
    expect(options.map((o) => o.label)).toEqual(['Sí', 'No', 'A veces']);
    const conditional = await postForm(t.app, `${base}/preguntas/nueva`, official, { kind: 'long_text', title: '¿Qué le gusta del parque?', show_if: [options[0]!.id, options[2]!.id] });
    expect(conditional.statusCode).toBe(303);
    const conditionalId = conditional.headers.location!.split('/').pop()!;
    // The conditional question cannot move above the question it depends on, nor that question be removed.
    const move = await postForm(t.app, `${base}/preguntas/${conditionalId}/mover`, official, { direction: 'up' });
    expect(move.statusCode).toBe(422);
    expect(text(move.body)).toContain('depende de la anterior');
    const remove = await postForm(t.app, `${base}/preguntas/${firstId}/eliminar`, official, {});
    expect(text(remove.body)).toContain('La pregunta 2 depende de la pregunta 1');
    const removeOption = await postForm(t.app, `${base}/preguntas/${firstId}/opciones/${options[0]!.id}/eliminar`, official, {});
    expect(text(removeOption.body)).toContain('se muestra según esta opción');
    expect((await postForm(t.app, `${base}/preguntas/${firstId}/opciones/${options[1]!.id}/mover`, official, { direction: 'up' })).statusCode).toBe(303);
    const edit = await postForm(t.app, `${base}/preguntas/${firstId}`, official, { kind: 'short_text', title: '¿Visita el parque?' });
    expect(text(edit.body)).toContain('Esta pregunta tiene opciones');
    const third = await postForm(t.app, `${base}/preguntas/nueva`, official, { kind: 'number', title: '¿Cuántas veces al mes?', number_min: '0', number_max: '31', number_integer: 'yes', required: 'yes' });
    expect(third.statusCode).toBe(303);
    const thirdId = third.headers.location!.split('/').pop()!;
    expect((await postForm(t.app, `${base}/preguntas/${thirdId}/mover`, official, { direction: 'up' })).statusCode).toBe(303);
    const order = await t.database.db.selectFrom('consultations_questions').select(['id', 'position']).where('consultation_id', '=', c.id).orderBy('position').execute();
    expect(order.map((q) => q.id)).toEqual([firstId, thirdId, conditionalId]);
    expect((await get(`${base}/preguntas/${firstId}`, official)).statusCode).toBe(200);
    expect((await get(`${base}/preguntas/${firstId}/opciones/${options[2]!.id}`, official)).statusCode).toBe(200);
    // Documents: PDF only, at most 10 MB.
    const notPdf = await postMultipart(t.app, `${base}/documentos`, official, { document_title: 'Diagnóstico' }, { document_file: { filename: 'd.pdf', type: 'application/pdf', content: Buffer.from('hola') } });
    expect(text(notPdf.body)).toContain('El archivo no es un PDF.');
    expect(notPdf.body).toContain('value="Diagnóstico"');
    const tooBig = await postMultipart(t.app, `${base}/documentos`, official, { document_title: 'Enorme' }, { document_file: { filename: 'e.pdf', type: 'application/pdf', content: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]) } });
    expect(text(tooBig.body)).toContain('El archivo supera los 10 MB');
    const noTitle = await postMultipart(t.app, `${base}/documentos`, official, { document_title: '' });
    expect(text(noTitle.body)).toContain('Escriba un título de 1 a 200 caracteres.');
    expect(text(noTitle.body)).toContain('Elija el archivo PDF.');
    const pdf = simplePdf('Diagnostico del parque', ['Documento de prueba.']);
    expect((await postMultipart(t.app, `${base}/documentos`, official, { document_title: 'Diagnóstico del parque' }, { document_file: { filename: 'diagnostico.pdf', type: 'application/pdf', content: pdf } })).statusCode).toBe(303);
    const documents = await t.database.db.selectFrom('consultations_documents').select('id').where('consultation_id', '=', c.id).execute();
    expect(documents).toHaveLength(1);
    const download = await get(`/consultas/${c.id}/documentos/${documents[0]!.id}`, official);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await get(`/consultas/${c.id}/imagenes/${options[2]!.id}`, official)).headers['content-type']).toBe('image/png');
    // Publish: it appears in the list, upcoming.
    expect((await postForm(t.app, `${base}/publicar`, official, {})).statusCode).toBe(303);
    expect((await get('/consultas')).body).toContain(`href="/consultas/${c.id}"`);
    const audit = await t.database.db.selectFrom('core_audit_log').select('action').where('resource_id', '=', c.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toContain('consultations.publish');
    const job = await t.database.db.selectFrom('core_jobs').select('run_at').where('name', '=', 'consultations.close').execute();
    expect(job.length).toBeGreaterThan(0);
  });

  it('freezes settings, questionnaire and documents once the consultation opens (phase_closed)', async () => {
    const c = await createConsultation(t.database.db, { state: 'open', questions: [{ kind: 'single_choice', options: ['a', 'b'] }] });
    const base = `/admin/consultas/${c.id}`;
    const page = await get(base, official);
    expect(text(page.body)).toContain('La consulta ya abrió');
    for (const [url, fields] of [
      [base, { ...SETTINGS, title: 'Cambio tardío' }],
      [`${base}/preguntas/nueva`, { kind: 'short_text', title: 'Pregunta tardía' }],
      [`${base}/preguntas/${c.questions[0]!.id}/eliminar`, {}],
      [`${base}/preguntas/${c.questions[0]!.id}/opciones/${c.questions[0]!.options[0]}/eliminar`, {}],
    ] as const) {
      const response = await postForm(t.app, url, official, fields);
      expect(response.statusCode, url).toBe(403);
      expect(text(response.body)).toContain('Esta etapa ya está cerrada.');
    }
    expect((await postMultipart(t.app, `${base}/documentos`, official, { document_title: 'Tarde' })).statusCode).toBe(403);
    expect(await consultationRow('Cambio tardío')).toBeUndefined();
    const count = await t.database.db.selectFrom('consultations_questions').select('id').where('consultation_id', '=', c.id).execute();
    expect(count).toHaveLength(1);
  });

  it('deletes a draft with its questionnaire and documents, only for whoever may edit it, never once published', async () => {
    const draft = await createConsultation(t.database.db, { state: 'draft', title: 'Borrador que sobra', questions: [{ kind: 'single_choice', options: ['a', 'b'] }, { kind: 'short_text', showIf: { question: 0, options: [1] } }] });
    const base = `/admin/consultas/${draft.id}`;
    const pdf = simplePdf('Anexo del borrador', ['Documento de prueba.']);
    expect((await postMultipart(t.app, `${base}/documentos`, official, { document_title: 'Anexo del borrador' }, { document_file: { filename: 'anexo.pdf', type: 'application/pdf', content: pdf } })).statusCode).toBe(303);
    const questionIds = draft.questions.map((q) => q.id);
    const countOf = async () => ({
      consultations: (await t.database.db.selectFrom('consultations_consultations').select('id').where('id', '=', draft.id).execute()).length,
      questions: (await t.database.db.selectFrom('consultations_questions').select('id').where('consultation_id', '=', draft.id).execute()).length,
      options: (await t.database.db.selectFrom('consultations_options').select('id').where('question_id', 'in', questionIds).execute()).length,
      conditions: (await t.database.db.selectFrom('consultations_conditions').select('option_id').where('question_id', 'in', questionIds).execute()).length,
      documents: (await t.database.db.selectFrom('consultations_documents').select('id').where('consultation_id', '=', draft.id).execute()).length,
    });
    expect(await countOf()).toEqual({ consultations: 1, questions: 2, options: 2, conditions: 1, documents: 1 });
    expect(text((await get(base, official)).body)).toContain('Eliminar borrador');
    expect(text((await get('/admin/consultas', official)).body)).toContain('Borrador que sobra');

    // Whoever may not edit it is refused with the reason, and nothing changes.
    const citizenTry = await postForm(t.app, `${base}/eliminar`, citizen, {});
    expect(citizenTry.statusCode).toBe(403);
    const foreign = await postForm(t.app, `${base}/eliminar`, otherOfficial, {});
    expect(foreign.statusCode).toBe(403);
    expect(text(foreign.body)).toContain('Su rol es de otra entidad.');
    const moderatorTry = await postForm(t.app, `${base}/eliminar`, moderator, {});
    expect(moderatorTry.statusCode).toBe(403);
    expect(await countOf()).toEqual({ consultations: 1, questions: 2, options: 2, conditions: 1, documents: 1 });

    const deleted = await postForm(t.app, `${base}/eliminar`, official, {});
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe('/admin/consultas');
    expect(await countOf()).toEqual({ consultations: 0, questions: 0, options: 0, conditions: 0, documents: 0 });
    const list = await get('/admin/consultas', official);
    expect(text(list.body)).toContain('Borrador «Borrador que sobra» eliminado.');
    // The flash names it; the list itself no longer links to it.
    expect(list.body).not.toContain(draft.id);
    expect((await get(base, official)).statusCode).toBe(404);
    const audit = await t.database.db.selectFrom('core_audit_log').select(['action', 'before', 'actor_id']).where('resource_id', '=', draft.id).where('action', '=', 'consultations.delete-draft').execute();
    expect(audit).toHaveLength(1);
    const before = typeof audit[0]!.before === 'string' ? JSON.parse(audit[0]!.before) : audit[0]!.before;
    expect(before).toMatchObject({ title: 'Borrador que sobra', questions: 2 });
    expect(audit[0]!.actor_id).not.toBeNull();
    // Deleting it again finds nothing.
    expect((await postForm(t.app, `${base}/eliminar`, official, {})).statusCode).toBe(404);
  });

  it('refuses to delete a published consultation, upcoming, open or closed (409, phase_closed), and changes nothing', async () => {
    for (const state of ['upcoming', 'open', 'closed'] as const) {
      const c = await createConsultation(t.database.db, { state, questions: [{ kind: 'single_choice', options: ['a', 'b'] }] });
      const base = `/admin/consultas/${c.id}`;
      expect(text((await get(base, official)).body), state).not.toContain('Eliminar borrador');
      const refused = await postForm(t.app, `${base}/eliminar`, official, {});
      expect(refused.statusCode, state).toBe(409);
      expect(text(refused.body)).toContain('Solo se puede eliminar una consulta en borrador');
      const row = await t.database.db.selectFrom('consultations_consultations').select(['id', 'published_at']).where('id', '=', c.id).executeTakeFirst();
      expect(row?.published_at, state).not.toBeNull();
      expect(await t.database.db.selectFrom('consultations_questions').select('id').where('consultation_id', '=', c.id).execute()).toHaveLength(1);
      const audit = await t.database.db.selectFrom('core_audit_log').select('id').where('resource_id', '=', c.id).where('action', '=', 'consultations.delete-draft').execute();
      expect(audit).toHaveLength(0);
    }
  });

  it('publishes a public consultation’s results early, never a secret one’s', async () => {
    const publicOne = await createConsultation(t.database.db, { state: 'open', secret: false, questions: [{ kind: 'single_choice', options: ['a', 'b'] }] });
    const secretOne = await createConsultation(t.database.db, { state: 'open', secret: true, questions: [{ kind: 'single_choice', options: ['a', 'b'] }] });
    expect((await get(`/consultas/${publicOne.id}`)).body).not.toContain('id="resultados"');
    expect((await postForm(t.app, `/admin/consultas/${publicOne.id}/resultados`, official, {})).statusCode).toBe(303);
    expect((await get(`/consultas/${publicOne.id}`)).body).toContain('id="resultados"');
    const refused = await postForm(t.app, `/admin/consultas/${secretOne.id}/resultados`, official, {});
    expect(refused.statusCode).toBe(409);
    expect(text(refused.body)).toContain('Solo se pueden publicar antes del cierre');
    expect((await get(`/consultas/${secretOne.id}`)).body).not.toContain('id="resultados"');
  });

  it('imports paper responses from CSV: a reconciliation report first, then all or nothing', async () => {
    const c = await createConsultation(t.database.db, {
      state: 'open',
      questions: [{ kind: 'single_choice', options: ['Sí', 'No'] }, { kind: 'multiple_choice', options: ['x', 'y', 'z'], settings: { maxChoices: 2 } }, { kind: 'short_text', required: false }],
    });
    const url = `/admin/consultas/${c.id}/papel`;
    expect((await get(url, citizen)).statusCode).toBe(403);
    const page = await get(url, official);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('1 = Sí; 2 = No');
    const template = await get(`${url}/plantilla.csv`, official);
    expect(template.body).toBe('\uFEFFtipo_documento,numero_documento,p1,p2,p3\r\n');
    const online = await createResident(t.database.db, t.config.secret);
    await postForm(t.app, `/consultas/${c.id}`, await signInAs(t.database, online.id), { [`q_${c.questions[0]!.id}`]: c.questions[0]!.options[0]!, [`q_${c.questions[1]!.id}`]: c.questions[1]!.options[0]! });
    const csv = (rows: string[]) => Buffer.from(['tipo_documento;numero_documento;p1;p2;p3', ...rows].join('\r\n'), 'utf8');
    const bad = csv(['CC;1.020.304.050;1;1|3;En papel', 'CC;1020304050;2;2;', `CC;${online.document.number};1;1;`, 'XX;123;1;1;', 'CC;55667788;3;1|2|3;', 'CC;55667789;;2;']);
    const preview = await postMultipart(t.app, url, official, { step: 'preview' }, { file: { filename: 'papel.csv', type: 'text/csv', content: bad } });
    expect(preview.statusCode).toBe(422);
    const report = text(preview.body);
    expect(report).toContain('El mismo documento ya está en la línea 2.');
    expect(report).toContain('Esta persona ya respondió en línea.');
    expect(report).toContain('Tipo de documento desconocido');
    expect(report).toContain('Elija una de las opciones de la lista.');
    expect(report).toContain('Elija como máximo 2 opciones.');
    expect(report).toContain('Responda esta pregunta.');
    expect(report).toContain('No se cargó nada.');
    expect(preview.body).not.toContain('1020304050');
    expect(await participantCount(t.database.db, c.id)).toBe(1);
    const header = await postMultipart(t.app, url, official, { step: 'preview' }, { file: { filename: 'papel.csv', type: 'text/csv', content: Buffer.from('documento,p1\nCC,1\n') } });
    expect(text(header.body)).toContain('La primera fila debe ser exactamente: tipo_documento,numero_documento,p1,p2,p3');
    const latin1 = await postMultipart(t.app, url, official, { step: 'preview' }, { file: { filename: 'papel.csv', type: 'text/csv', content: Buffer.from('tipo_documento,numero_documento,p1,p2,p3\nCC,123456,1,1,Opini\xf3n\n', 'latin1') } });
    expect(text(latin1.body)).toContain('El archivo no está en UTF-8');

    const good = csv(['CC;1.020.304.050;1;1|3;En papel', 'TI;1002003004;2;2;', 'CE;AB12345;Sí;x|y;']);
    const ok = await postMultipart(t.app, url, official, { step: 'preview' }, { file: { filename: 'papel.csv', type: 'text/csv', content: good } });
    expect(ok.statusCode).toBe(200);
    expect(text(ok.body)).toContain('3 filas leídas: 3 válidas, 0 problemas.');
    const sha = /name="sha256" value="([0-9a-f]{64})"/.exec(ok.body)![1]!;
    const other = await postMultipart(t.app, url, official, { step: 'confirm', sha256: sha }, { file: { filename: 'papel.csv', type: 'text/csv', content: csv(['CC;99887766;1;1;']) } });
    expect(text(other.body)).toContain('Este no es el archivo que revisó.');
    expect(await participantCount(t.database.db, c.id)).toBe(1);
    const confirmed = await postMultipart(t.app, url, official, { step: 'confirm', sha256: sha }, { file: { filename: 'papel.csv', type: 'text/csv', content: good } });
    expect(confirmed.statusCode).toBe(303);
    expect(await participantCount(t.database.db, c.id)).toBe(4);
    const channels = await t.database.db.selectFrom('consultations_participants').select('channel').where('consultation_id', '=', c.id).where('channel', '=', 'paper').execute();
    expect(channels).toHaveLength(3);
    // The same file again: every row is now a duplicate, nothing changes.
    const again = await postMultipart(t.app, url, official, { step: 'preview' }, { file: { filename: 'papel.csv', type: 'text/csv', content: good } });
    expect(text(again.body)).toContain('Ya se cargó una respuesta en papel de esta persona.');
    const closed = await createConsultation(t.database.db, { state: 'closed', questions: [{ kind: 'short_text' }] });
    expect((await get(`/admin/consultas/${closed.id}/papel`, official)).statusCode).toBe(403);
  });

  it('exports responses as CSV and JSON: never before closing nor with identities for secret consultations', async () => {
    const secretOpen = await createConsultation(t.database.db, { state: 'open', questions: [{ kind: 'single_choice', options: ['Sí', 'No'] }] });
    const refused = await get(`/admin/consultas/${secretOpen.id}/respuestas.csv`, official);
    expect(refused.statusCode).toBe(403);
    expect(text(refused.body)).toContain('Esta etapa ya está cerrada.');
    const respondent = await createResident(t.database.db, t.config.secret);
    const cookie = await signInAs(t.database, respondent.id);
    const publicOpen = await createConsultation(t.database.db, { state: 'open', secret: false, questions: [{ kind: 'single_choice', options: ['Sí', 'No'] }, { kind: 'short_text', required: false }] });
    await postForm(t.app, `/consultas/${publicOpen.id}`, cookie, { [`q_${publicOpen.questions[0]!.id}`]: publicOpen.questions[0]!.options[1]!, [`q_${publicOpen.questions[1]!.id}`]: '=SUM(A1)' });
    const csv = await get(`/admin/consultas/${publicOpen.id}/respuestas.csv`, official);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('respuesta,usuario,enviada,grupo_edad,localidad,genero,p1,p2');
    expect(lines[1]).toContain(respondent.id);
    expect(lines[1]).toContain(",No,'=SUM(A1)");
    expect((await get(`/admin/consultas/${publicOpen.id}/respuestas.csv`, otherOfficial)).statusCode).toBe(403);

    const secretClosed = await createConsultation(t.database.db, { state: 'open', questions: [{ kind: 'single_choice', options: ['Sí', 'No'] }] });
    await postForm(t.app, `/consultas/${secretClosed.id}`, cookie, { [`q_${secretClosed.questions[0]!.id}`]: secretClosed.questions[0]!.options[0]! });
    await t.database.db.updateTable('consultations_consultations').set({ closes_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', secretClosed.id).execute();
    const json = await get(`/admin/consultas/${secretClosed.id}/respuestas.json`, official);
    expect(json.statusCode).toBe(200);
    const data = json.json();
    expect(data.responses).toHaveLength(1);
    // One respondent is a group under 10 on every dimension: sealing erased the categories.
    expect(data.responses[0]).toEqual({ age_band: null, localidad: null, gender: null, answers: { p1: 'Sí' } });
    expect(json.body).not.toContain(respondent.id);
    expect(json.body).not.toContain(respondent.identityHash);
  });

  it('lists free text for moderators and publishes only what they approve', async () => {
    const c = await createConsultation(t.database.db, { state: 'open', secret: false, questions: [{ kind: 'long_text' }] });
    const respondent = await createResident(t.database.db, t.config.secret);
    await postForm(t.app, `/consultas/${c.id}`, await signInAs(t.database, respondent.id), { [`q_${c.questions[0]!.id}`]: 'Más árboles en el separador' });
    const other = await createResident(t.database.db, t.config.secret);
    await postForm(t.app, `/consultas/${c.id}`, await signInAs(t.database, other.id), { [`q_${c.questions[0]!.id}`]: 'Publicidad: compre ya' });
    const url = `/admin/consultas/${c.id}/moderacion`;
    expect((await get(url, citizen)).statusCode).toBe(403);
    const otherEntity = await createConsultation(t.database.db, { state: 'closed', entityCode: 'idu', questions: [{ kind: 'long_text' }] });
    const wrongEntity = await get(`/admin/consultas/${otherEntity.id}/moderacion`, moderator);
    expect(wrongEntity.statusCode).toBe(403);
    expect(text(wrongEntity.body)).toContain('Su rol es de otra entidad.');
    const page = await get(url, moderator);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('Más árboles en el separador');
    const rows = await t.database.db.selectFrom('consultations_answers as a').innerJoin('consultations_responses as r', 'r.id', 'a.response_id').select(['a.response_id', 'a.value_text']).where('r.consultation_id', '=', c.id).execute();
    const good = rows.find((r) => r.value_text === 'Más árboles en el separador')!;
    const spam = rows.find((r) => r.value_text === 'Publicidad: compre ya')!;
    expect((await postForm(t.app, url, moderator, { response: good.response_id, question: c.questions[0]!.id, decision: 'approved' })).statusCode).toBe(303);
    expect((await postForm(t.app, url, moderator, { response: spam.response_id, question: c.questions[0]!.id, decision: 'hidden' })).statusCode).toBe(303);
    expect((await postForm(t.app, url, moderator, { response: spam.response_id, question: c.questions[0]!.id, decision: 'maybe' })).statusCode).toBe(404);
    await t.database.db.updateTable('consultations_consultations').set({ closes_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', c.id).execute();
    const results = text((await get(`/consultas/${c.id}`)).body);
    expect(results).toContain('Más árboles en el separador');
    expect(results).not.toContain('Publicidad: compre ya');
    expect(results).toContain('Ocultadas por moderación: 1.');
    const secretOpen = await createConsultation(t.database.db, { state: 'open', questions: [{ kind: 'long_text' }] });
    expect((await get(`/admin/consultas/${secretOpen.id}/moderacion`, moderator)).statusCode).toBe(403);
  });
});
