import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, csrfFor, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { loadActor } from '../../core/auth/load-actor.ts';
import { createPerson } from './test-people.ts';

/** The text of an HTML page with entities decoded, for matching what people read. */
const text = (html: string) => html.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe.each(testEngines())('the back office (%s)', (engine) => {
  let t: TestApp;
  const people = {} as Record<'admin' | 'otherAdmin' | 'entityAdminA' | 'clerk' | 'citizen', { id: string; email: string; cookie: string }>;

  beforeAll(async () => {
    t = await buildTestApp(engine);
    const db = t.database.db;
    const specs = {
      admin: { name: 'Paula Plataforma', roles: [{ role: 'platform_admin' as const }] },
      otherAdmin: { name: 'Pedro Plataforma', roles: [{ role: 'platform_admin' as const }] },
      entityAdminA: { name: 'Érica Entidad', roles: [{ role: 'entity_admin' as const, entityCode: 'sdp' }] },
      clerk: { name: 'Carlos Ventanilla', roles: [{ role: 'desk_clerk' as const, entityCode: 'sdp' }] },
      citizen: { name: 'Ana María Gómez', level: 'identity' as const },
    };
    for (const [key, spec] of Object.entries(specs) as [keyof typeof specs, (typeof specs)[keyof typeof specs]][]) {
      const person = await createPerson(db, spec);
      people[key] = { ...person, cookie: await signInAs(t.database, person.id) };
    }
  });
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  /** Posts a form as a browser would: session cookie, CSRF cookie and token. */
  async function post(url: string, cookie: string | undefined, fields: Record<string, string | string[]>) {
    const csrf = await csrfFor(t.app);
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    body.append('_csrf', csrf.token);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: [cookie, csrf.cookie].filter(Boolean).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  }

  const rolesOf = async (userId: string) =>
    (await t.database.db.selectFrom('core_user_roles').select(['role', 'entity_code']).where('user_id', '=', userId).orderBy('role').orderBy('entity_code').execute()).map(
      (r) => `${r.role}@${r.entity_code || '*'}`,
    );
  const auditFor = (resourceId: string, action?: string) => {
    let query = t.database.db.selectFrom('core_audit_log').selectAll().where('resource_id', '=', resourceId);
    if (action) query = query.where('action', '=', action);
    return query.orderBy('id').execute();
  };

  it('sends visitors without a session to sign in, and back to the page they asked for', async () => {
    const page = await get('/admin/usuarios?q=gomez');
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/ingresar?next=%2Fadmin%2Fusuarios%3Fq%3Dgomez');
    const form = await post('/admin/ajustes', undefined, { 'module.admin.users_page_size': '10' });
    expect(form.statusCode).toBe(303);
    expect(String(form.headers.location)).toMatch(/^\/ingresar\?next=/);
    expect(await t.database.db.selectFrom('core_settings').select('key').where('key', 'like', 'module.%').execute()).toEqual([]);
  });

  it('shows each staff member the sections and actions their roles allow', async () => {
    const clerk = await get('/admin', people.clerk.cookie);
    expect(clerk.statusCode).toBe(200);
    expect(clerk.body).toContain('<h1>Administración</h1>');
    expect(clerk.body).toContain('Verificar personas en un punto de atención');
    expect(clerk.body).toContain('Atención en punto presencial — Secretaría Distrital de Planeación (SDP)');
    expect(clerk.body).not.toContain('href="/admin/ajustes"');
    expect(clerk.body).toContain('Sus roles no incluyen secciones de administración.');

    const admin = await get('/admin', people.admin.cookie);
    for (const href of ['/admin/usuarios', '/admin/ajustes', '/admin/auditoria']) expect(admin.body).toContain(`href="${href}"`);
    expect(admin.body).toContain('Importar un extracto de la Registraduría');

    const entityAdmin = await get('/admin', `${people.entityAdminA.cookie}; gab_lang=en`);
    expect(entityAdmin.body).toContain('<h1>Administration</h1>');
    expect(entityAdmin.body).toContain('href="/admin/usuarios"');
    expect(entityAdmin.body).toContain('href="/admin/auditoria"');
    expect(entityAdmin.body).not.toContain('href="/admin/ajustes"');

    const citizen = await get('/admin', people.citizen.cookie);
    expect(citizen.statusCode).toBe(403);
    expect(citizen.body).toContain('Su cuenta no tiene el rol necesario para esta acción.');
  });

  it('finds people by e-mail or by name without accents, with their verification level and roles', async () => {
    const byName = await get('/admin/usuarios?q=maria%20gomez', people.admin.cookie);
    expect(byName.statusCode).toBe(200);
    expect(byName.body).toContain(`<a href="/admin/usuarios/${people.citizen.id}">Ana María Gómez</a>`);
    expect(byName.body).toContain('Identidad verificada');
    expect(byName.body).toContain('1 persona coincide con «maria gomez».');

    const byEmail = await get(`/admin/usuarios?q=${encodeURIComponent(people.clerk.email.toUpperCase())}`, people.entityAdminA.cookie);
    expect(byEmail.body).toContain('Carlos Ventanilla');
    expect(byEmail.body).toContain('Atención en punto presencial · SDP');
    expect(byEmail.body).not.toContain('Ana María Gómez');

    const none = await get('/admin/usuarios?q=nadie-se-llama-asi', people.admin.cookie);
    expect(none.body).toContain('Ninguna persona coincide con «nadie-se-llama-asi».');
  });

  it('pages through the directory with the page size an admin set', async () => {
    for (let i = 1; i <= 7; i++) await createPerson(t.database.db, { name: `Zuleta Paginada ${i}` });
    const saved = await post('/admin/ajustes', people.admin.cookie, { 'module.admin.users_page_size': '5' });
    expect(saved.statusCode).toBe(303);
    const first = await get('/admin/usuarios?q=zuleta', people.admin.cookie);
    expect(first.body.match(/Zuleta Paginada \d/g)).toEqual(['Zuleta Paginada 1', 'Zuleta Paginada 2', 'Zuleta Paginada 3', 'Zuleta Paginada 4', 'Zuleta Paginada 5']);
    expect(first.body).toContain('aria-label="Paginación"');
    expect(first.body).toContain('href="/admin/usuarios?q=zuleta&amp;page=2"');
    const second = await get('/admin/usuarios?q=zuleta&page=2', people.admin.cookie);
    expect(second.body.match(/Zuleta Paginada \d/g)).toEqual(['Zuleta Paginada 6', 'Zuleta Paginada 7']);
    expect(second.body).toContain('Personas (página 2 de 2)');
    await post('/admin/ajustes', people.admin.cookie, { 'module.admin.users_page_size': '25' });
  });

  it('grants and revokes a role in one audited transaction, recording the roles before and after', async () => {
    const person = await createPerson(t.database.db, { name: 'Valeria Evaluadora' });
    const granted = await post(`/admin/usuarios/${person.id}/roles`, people.admin.cookie, { role: 'valuator', entity: 'idpac' });
    expect(granted.statusCode).toBe(303);
    expect(granted.headers.location).toBe(`/admin/usuarios/${person.id}`);
    expect(await rolesOf(person.id)).toEqual(['valuator@idpac']);
    const [grant, ...moreGrants] = await auditFor(person.id, 'admin.grant-role');
    expect(moreGrants).toEqual([]);
    expect(grant).toMatchObject({
      actor_id: people.admin.id,
      actor_label: 'Paula Plataforma',
      resource_type: 'user',
      before: { roles: [] },
      after: { roles: [{ role: 'valuator', entity: 'idpac' }], granted: { role: 'valuator', entity: 'idpac' } },
    });
    expect(grant!.request_id).toBeTruthy();

    const page = await get(`/admin/usuarios/${person.id}`, people.admin.cookie);
    expect(page.body).toContain('Se otorgó el rol Evaluación de propuestas.');
    expect(page.body).toContain('Instituto Distrital de la Participación y Acción Comunal (IDPAC)');

    await post(`/admin/usuarios/${person.id}/roles`, people.admin.cookie, { role: 'moderator', entity: '' });
    const revoked = await post(`/admin/usuarios/${person.id}/roles/quitar`, people.admin.cookie, { role: 'valuator', entity: 'idpac' });
    expect(revoked.statusCode).toBe(303);
    expect(await rolesOf(person.id)).toEqual(['moderator@*']);
    const [revoke] = await auditFor(person.id, 'admin.revoke-role');
    expect(revoke).toMatchObject({
      before: { roles: [{ role: 'moderator', entity: null }, { role: 'valuator', entity: 'idpac' }] },
      after: { roles: [{ role: 'moderator', entity: null }], revoked: { role: 'valuator', entity: 'idpac' } },
    });
  });

  it('lets an entity admin grant and revoke entity roles for their own entity only', async () => {
    const person = await createPerson(t.database.db, { name: 'Mónica Moderadora', roles: [{ role: 'moderator', entityCode: 'idpac' }] });
    const own = await post(`/admin/usuarios/${person.id}/roles`, people.entityAdminA.cookie, { role: 'desk_clerk', entity: 'sdp' });
    expect(own.statusCode).toBe(303);

    const before = (await auditFor(person.id)).length;
    const refusals = [
      [{ role: 'platform_admin', entity: '' }, 'Su cuenta no tiene el rol necesario para esta acción.'],
      [{ role: 'entity_admin', entity: 'sdp' }, 'Su cuenta no tiene el rol necesario para esta acción.'],
      [{ role: 'moderator', entity: 'idpac' }, 'Su rol es de otra entidad.'],
      [{ role: 'moderator', entity: '' }, 'Su rol es de otra entidad.'],
    ] as const;
    for (const [fields, message] of refusals) {
      const response = await post(`/admin/usuarios/${person.id}/roles`, people.entityAdminA.cookie, fields);
      expect(response.statusCode, JSON.stringify(fields)).toBe(403);
      expect(response.body).toContain(message);
    }
    const otherEntity = await post(`/admin/usuarios/${person.id}/roles/quitar`, people.entityAdminA.cookie, { role: 'moderator', entity: 'idpac' });
    expect(otherEntity.statusCode).toBe(403);
    expect(otherEntity.body).toContain('Su rol es de otra entidad.');
    expect(await rolesOf(person.id)).toEqual(['desk_clerk@sdp', 'moderator@idpac']);
    expect(await auditFor(person.id)).toHaveLength(before);

    // The page offers only what they may do: their entity's roles, and revoking only those.
    const page = await get(`/admin/usuarios/${person.id}`, people.entityAdminA.cookie);
    expect(page.body).toContain('<option value="desk_clerk">');
    expect(page.body).not.toContain('<option value="platform_admin">');
    expect(page.body).toContain('<option value="sdp">');
    expect(page.body).not.toContain('<option value="idpac">');
    expect(page.body.match(/action="[^"]+\/roles\/quitar"/g)).toHaveLength(1);
    expect(page.body).not.toContain('/desactivar');

    expect((await post(`/admin/usuarios/${person.id}/roles/quitar`, people.entityAdminA.cookie, { role: 'desk_clerk', entity: 'sdp' })).statusCode).toBe(303);
    expect((await post(`/admin/usuarios/${person.id}/desactivar`, people.entityAdminA.cookie, {})).statusCode).toBe(403);
    expect((await get('/admin/ajustes', people.entityAdminA.cookie)).statusCode).toBe(403);
  });

  it('explains in Spanish what is wrong with a role grant, and grants nothing', async () => {
    const person = await createPerson(t.database.db, { name: 'Rosa Roles', roles: [{ role: 'valuator', entityCode: 'sdp' }] });
    const cases = [
      [{ role: '', entity: '' }, 'Elija el rol que quiere otorgar.'],
      [{ role: 'rey', entity: '' }, 'Ese rol no existe. Elija uno de la lista.'],
      [{ role: 'platform_admin', entity: 'sdp' }, 'La administración de la plataforma vale para todas las entidades: deje la entidad vacía.'],
      [{ role: 'moderator', entity: 'no-existe' }, 'Esa entidad no existe. Elija una de la lista.'],
      [{ role: 'valuator', entity: 'sdp' }, 'Esta persona ya tiene ese rol para esa entidad.'],
    ] as const;
    for (const [fields, message] of cases) {
      const response = await post(`/admin/usuarios/${person.id}/roles`, people.admin.cookie, fields);
      expect(response.statusCode, JSON.stringify(fields)).toBe(422);
      expect(response.body).toContain('Hay un problema con lo que envió');
      expect(text(response.body)).toContain(message);
    }
    expect(await rolesOf(person.id)).toEqual(['valuator@sdp']);
    expect(await auditFor(person.id)).toEqual([]);
    expect((await post(`/admin/usuarios/${person.id}/roles/quitar`, people.admin.cookie, { role: 'moderator', entity: '' })).body).toContain('Esta persona ya no tiene ese rol.');
    expect((await get('/admin/usuarios/00000000-0000-4000-8000-000000000000', people.admin.cookie)).statusCode).toBe(404);
    expect((await get('/admin/usuarios/no-es-un-id', people.admin.cookie)).statusCode).toBe(404);
  });

  it('never lets an admin remove their own platform administration', async () => {
    const response = await post(`/admin/usuarios/${people.admin.id}/roles/quitar`, people.admin.cookie, { role: 'platform_admin', entity: '' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('No puede quitarse a sí mismo la administración de la plataforma');
    expect(await rolesOf(people.admin.id)).toEqual(['platform_admin@*']);
    const other = await createPerson(t.database.db, { name: 'Temporal Admin', roles: [{ role: 'platform_admin' }] });
    expect((await post(`/admin/usuarios/${other.id}/roles/quitar`, people.admin.cookie, { role: 'platform_admin', entity: '' })).statusCode).toBe(303);
  });

  it('disables and re-enables an account: the person is signed out meanwhile, and both changes are audited', async () => {
    const person = await createPerson(t.database.db, { name: 'Diego Desactivado' });
    const cookie = await signInAs(t.database, person.id);
    expect((await get('/mi-cuenta/tokens', cookie)).statusCode).toBe(200);

    expect((await post(`/admin/usuarios/${person.id}/desactivar`, people.admin.cookie, {})).statusCode).toBe(303);
    expect(await loadActor(t.database.db, person.id)).toBeNull();
    expect((await get('/mi-cuenta/tokens', cookie)).statusCode).toBe(302);
    const page = await get(`/admin/usuarios/${person.id}`, people.admin.cookie);
    expect(page.body).toContain('La cuenta quedó desactivada.');
    expect(page.body).toContain('Reactivar la cuenta');

    expect((await post(`/admin/usuarios/${person.id}/activar`, people.admin.cookie, {})).statusCode).toBe(303);
    expect((await get('/mi-cuenta/tokens', cookie)).statusCode).toBe(200);
    const entries = await auditFor(person.id);
    expect(entries.map((e) => e.action)).toEqual(['admin.disable-user', 'admin.enable-user']);
    expect(entries[0]).toMatchObject({ before: { disabled_at: null }, after: { disabled_at: expect.any(String) } });
    expect(entries[1]).toMatchObject({ before: { disabled_at: expect.any(String) }, after: { disabled_at: null } });

    const self = await post(`/admin/usuarios/${people.admin.id}/desactivar`, people.admin.cookie, {});
    expect(self.statusCode).toBe(422);
    expect(self.body).toContain('No puede desactivar su propia cuenta.');
  });

  it('generates the settings form from the manifests and rejects bad values with Spanish errors', async () => {
    const page = await get('/admin/ajustes', people.admin.cookie);
    expect(page.statusCode).toBe(200);
    for (const key of ['module.admin.users_page_size', 'module.admin.audit_page_size', 'module.admin.audit_expand_changes', 'module.admin.notice']) {
      expect(page.body).toContain(`name="${key}"`);
    }
    const bad = await post('/admin/ajustes', people.admin.cookie, {
      'module.admin.users_page_size': 'veinte',
      'module.admin.audit_page_size': '5',
      'module.admin.audit_expand_changes': 'quizá',
      'module.admin.notice': 'x'.repeat(301),
    });
    expect(bad.statusCode).toBe(422);
    const body = text(bad.body);
    expect(body).toContain('Escriba un número entero, sin puntos ni decimales.');
    expect(body).toContain('Debe ser un número entre 10 y 500.');
    expect(body).toContain('Elija «Sí» o «No».');
    expect(body).toContain('Debe tener como máximo 300 caracteres.');
    expect(bad.body).toContain('value="veinte"');
    expect(bad.body).toContain('aria-invalid="true"');
    // One bad value saves nothing, not even the good ones.
    const mixed = await post('/admin/ajustes', people.admin.cookie, { 'module.admin.notice': 'Hola equipo', 'module.admin.audit_page_size': '1.5' });
    expect(mixed.statusCode).toBe(422);
    const stored = await t.database.db.selectFrom('core_settings').select(['key', 'value']).where('key', 'in', ['module.admin.notice', 'module.admin.audit_page_size']).execute();
    expect(stored).toEqual([]);

    const good = await post('/admin/ajustes', people.admin.cookie, { 'module.admin.notice': 'Mantenimiento el sábado', 'module.admin.audit_expand_changes': 'false' });
    expect(good.statusCode).toBe(303);
    const values = Object.fromEntries(
      (await t.database.db.selectFrom('core_settings').select(['key', 'value']).where('key', 'in', ['module.admin.notice', 'module.admin.audit_expand_changes']).execute()).map((r) => [r.key, r.value]),
    );
    expect(values).toEqual({ 'module.admin.notice': 'Mantenimiento el sábado', 'module.admin.audit_expand_changes': false });
    const [audit] = await auditFor('module.admin.notice', 'admin.update-setting');
    expect(audit).toMatchObject({ actor_id: people.admin.id, resource_type: 'setting', before: { value: '' }, after: { value: 'Mantenimiento el sábado' } });
    expect((await get('/admin', people.clerk.cookie)).body).toContain('Mantenimiento el sábado');
    const unchanged = await post('/admin/ajustes', people.admin.cookie, { 'module.admin.notice': 'Mantenimiento el sábado' });
    expect((await get(String(unchanged.headers.location), people.admin.cookie)).body).toContain('No había cambios que guardar.');
    await post('/admin/ajustes', people.admin.cookie, { 'module.admin.notice': '', 'module.admin.audit_expand_changes': 'true' });
  });

  it('saves an action requirement that reaches registry.can through app.gab.requirements, and restores the default', async () => {
    const registered = await createPerson(t.database.db, { name: 'Rita Registrada' });
    const cookie = await signInAs(t.database, registered.id);
    expect((await get('/mi-cuenta/tokens', cookie)).statusCode).toBe(200);

    const page = await get('/admin/ajustes', people.admin.cookie);
    expect(page.body).toContain('name="level.accounts.manage-api-tokens"');
    expect(page.body).toContain('name="age.admin.view-audit-log"');

    const saved = await post('/admin/ajustes/requisitos', people.admin.cookie, { 'level.accounts.manage-api-tokens': 'identity', 'age.accounts.manage-api-tokens': '16' });
    expect(saved.statusCode).toBe(303);
    expect(await t.database.db.selectFrom('core_action_requirements').select(['module', 'action', 'min_level', 'min_age', 'updated_by']).execute()).toEqual([
      { module: 'accounts', action: 'manage-api-tokens', min_level: 'identity', min_age: 16, updated_by: people.admin.id },
    ]);
    const [audit] = await auditFor('accounts.manage-api-tokens', 'admin.update-requirement');
    expect(audit).toMatchObject({
      resource_type: 'action_requirement',
      before: { minLevel: 'registered', minAge: null, default: true },
      after: { minLevel: 'identity', minAge: 16, default: false },
    });

    // Each process caches requirements for 5 seconds; move the clock past that.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 6000);
      const requirement = (await t.app.gab.requirements()).get('accounts.manage-api-tokens');
      expect(requirement).toEqual({ minLevel: 'identity', minAge: 16 });
      const actor = await loadActor(t.database.db, registered.id);
      expect(t.app.gab.registry.can('accounts', 'manage-api-tokens', actor, undefined, { requirement })).toEqual({ allowed: false, reason: 'not_verified' });
      const refused = await get('/mi-cuenta/tokens', cookie);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('Verifique su identidad para continuar.');

      const restored = await post('/admin/ajustes/requisitos', people.admin.cookie, { 'level.accounts.manage-api-tokens': 'registered', 'age.accounts.manage-api-tokens': '' });
      expect(restored.statusCode).toBe(303);
      expect(await t.database.db.selectFrom('core_action_requirements').selectAll().execute()).toEqual([]);
      vi.setSystemTime(Date.now() + 6000);
      expect((await t.app.gab.requirements()).get('accounts.manage-api-tokens')).toBeUndefined();
      expect((await get('/mi-cuenta/tokens', cookie)).statusCode).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects impossible requirements, and one that would lock the admin out of this page', async () => {
    const bad = await post('/admin/ajustes/requisitos', people.admin.cookie, { 'level.accounts.register': 'vip', 'age.accounts.register': '200', 'age.admin.view-audit-log': 'doce' });
    expect(bad.statusCode).toBe(422);
    expect(text(bad.body)).toContain('Elija un nivel de la lista.');
    expect(text(bad.body)).toContain('Escriba una edad entre 0 y 120 años, o déjela vacía.');
    expect(bad.body).toContain('value="doce"');
    const lockout = await post('/admin/ajustes/requisitos', people.admin.cookie, { 'level.admin.manage-settings': 'identity' });
    expect(lockout.statusCode).toBe(422);
    expect(lockout.body).toContain('Usted no cumple ese requisito: perdería el acceso a esta página.');
    expect(await t.database.db.selectFrom('core_action_requirements').selectAll().execute()).toEqual([]);
  });

  it('filters the audit log by action, actor, resource and Bogotá dates, showing changes as JSON', async () => {
    const target = await createPerson(t.database.db, { name: 'Auditada Pérez' });
    await post(`/admin/usuarios/${target.id}/roles`, people.entityAdminA.cookie, { role: 'entity_official', entity: 'sdp' });
    await post(`/admin/usuarios/${target.id}/roles`, people.admin.cookie, { role: 'moderator', entity: '' });
    await sql`INSERT INTO core_audit_log (occurred_at, actor_label, action, resource_type, resource_id)
              VALUES ('2025-01-15T23:30:00-05:00', 'sistema', 'core.seed', 'seed', 'antiguo'),
                     ('2025-01-16T00:30:00-05:00', 'sistema', 'core.seed', 'seed', 'siguiente')`.execute(t.database.db);

    const byResource = await get(`/admin/auditoria?type=user&resource=${target.id}`, people.admin.cookie);
    expect(byResource.statusCode).toBe(200);
    expect(byResource.body).toContain('2 entradas.');
    expect(byResource.body).toContain('<code>admin.grant-role</code>');
    expect(text(byResource.body)).toContain('{\n  "roles": [\n    {\n      "role": "entity_official",\n      "entity": "sdp"\n    }');
    expect(byResource.body).toContain('<pre>');

    const byActor = await get(`/admin/auditoria?resource=${target.id}&actor=${encodeURIComponent(people.entityAdminA.email.slice(0, 12).toUpperCase())}`, people.entityAdminA.cookie);
    expect(byActor.body).toContain('1 entrada.');
    expect(byActor.body).toContain('Érica Entidad');

    const byAction = await get('/admin/auditoria?action=admin.grant', people.admin.cookie);
    expect(byAction.body).not.toContain('<code>admin.revoke-role</code>');
    expect(byAction.body).not.toContain('<code>core.seed</code>');
    expect(byAction.body).toContain('<code>admin.grant-role</code>');

    const oneDay = await get('/admin/auditoria?from=2025-01-15&to=2025-01-15', people.admin.cookie);
    expect(oneDay.body).toContain('1 entrada.');
    expect(oneDay.body).toContain('<code>antiguo</code>');
    expect(oneDay.body).not.toContain('<code>siguiente</code>');

    const reversed = await get('/admin/auditoria?from=2025-01-16&to=2025-01-14', people.admin.cookie);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('La fecha final debe ser igual o posterior a la inicial.');
    const invalid = await get('/admin/auditoria?from=2025-02-30&action=Admin*', people.admin.cookie);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Escriba una fecha válida en formato AAAA-MM-DD.');
    expect(invalid.body).toContain('Use solo minúsculas');

    expect((await get('/admin/auditoria', people.clerk.cookie)).statusCode).toBe(403);
  });
});
