import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { notFound, type FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import { meetsRequirement, ROLES, type Actor, type Role } from '../../core/permissions/permissions.ts';
import { administeredEntities, ENTITY_SCOPED_ROLES, type RoleGrant } from './admin.permissions.ts';
import { findPerson, listEntities, searchAuditLog, searchPeople, type AuditFilters } from './admin.queries.ts';
import { loadRequirementEntries, parseRequirementsForm } from './admin.requirements.ts';
import { allSettings, loadSettingValues, parseSettingInput, readModuleSetting, type SettingValue } from './admin.settings.ts';
import { grantRole, revokeRole, setAccountDisabled } from './commands/people.ts';
import { saveActionRequirements, saveModuleSettings } from './commands/settings.ts';
import { AdminHomePage, type BackOfficeSection } from './views/AdminHomePage.tsx';
import { AUDIT_FILTER_FIELDS, AuditLogPage, type AuditFilterInput } from './views/AuditLogPage.tsx';
import { entityLabel, roleLabel } from './views/labels.ts';
import { PeoplePage } from './views/PeoplePage.tsx';
import { PersonPage } from './views/PersonPage.tsx';
import { SettingsPage } from './views/SettingsPage.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACTION_PREFIX = /^[a-z0-9_.-]+$/;

const IdParam = Type.Object({ id: Type.String({ maxLength: 100 }) });
const RoleBody = Type.Object({ role: Type.Optional(Type.String({ maxLength: 50 })), entity: Type.Optional(Type.String({ maxLength: 100 })), _csrf: Type.String() });
const PageQuery = Type.Integer({ minimum: 1, maximum: 100_000 });

const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
const isRealDay = (value: string) => DAY.test(value) && new Date(`${value}T12:00:00Z`).toISOString().startsWith(value);

/** The people directory is for those who manage accounts, or who give roles. */
async function authorizePeopleDirectory(request: FastifyRequest): Promise<void> {
  if ((await canOnRequest(request, 'admin', 'manage-users')).allowed) return;
  await authorize(request, 'admin', 'manage-roles');
}

/** A label for any module action: its message when the module has one, else "Module: action". */
function actionLabeller(request: FastifyRequest) {
  const { t } = request;
  const { registry } = request.server.gab;
  return (module: string, action: string) => {
    const key = `${module}.actions.${action}`;
    const label = t(key);
    return label === key ? `${t(registry.get(module).titleKey)}: ${action}` : label;
  };
}

/**
 * The back office (`/admin`): people and roles, module settings and action requirements, and the
 * audit log. Every page needs a session (visitors are sent to sign in) and its own action; every
 * write is validated, authorised, done in one transaction and audited.
 */
export async function adminRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const adminModule = () => app.gab.registry.get('admin');

  await app.register(async (scope) => {
    scope.addHook('onRequest', requireSignIn);

    scope.get('/admin', async (request, reply) => {
      await authorize(request, 'admin', 'view-back-office');
      const actor = request.actor!;
      const allowed = async (action: string) => (await canOnRequest(request, 'admin', action)).allowed;
      const sections: BackOfficeSection[] = [];
      if ((await allowed('manage-users')) || (await allowed('manage-roles'))) sections.push({ href: '/admin/usuarios', titleKey: 'admin.people.title', descriptionKey: 'admin.people.summary' });
      if (await allowed('manage-settings')) sections.push({ href: '/admin/ajustes', titleKey: 'admin.settings.title', descriptionKey: 'admin.settings.summary' });
      if (await allowed('view-audit-log')) sections.push({ href: '/admin/auditoria', titleKey: 'admin.audit.title', descriptionKey: 'admin.audit.summary' });

      // What this person's roles let them do across the platform: actions they may do that the
      // same person without any role could not.
      const { registry } = app.gab;
      const withoutRoles: Actor = { ...actor, roles: [] };
      const label = actionLabeller(request);
      const staffActions: string[] = [];
      for (const module of registry.modules) {
        for (const action of module.actions) {
          if (!(await canOnRequest(request, module.name, action)).allowed) continue;
          if (registry.can(module.name, action, withoutRoles).allowed) continue;
          staffActions.push(label(module.name, action));
        }
      }
      const entities = new Map((await listEntities(db)).map((e) => [e.code, e]));
      const roles = actor.roles.map((r) => {
        const entity = r.entityCode ? entities.get(r.entityCode) : undefined;
        return { role: r.role, entityLabel: entityLabel(request.t, { entityCode: r.entityCode, entityName: entity?.name, entityAcronym: entity?.acronym }) };
      });
      const notice = await readModuleSetting<string>(db, adminModule(), 'notice');
      return sendPage(request, reply, <AdminHomePage ctx={viewContext(request, reply)} sections={sections} roles={roles} staffActions={staffActions} notice={notice} />);
    });

    // ----- People and roles -----

    scope.get(
      '/admin/usuarios',
      { schema: { querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), page: Type.Optional(PageQuery) }) } },
      async (request, reply) => {
        await authorizePeopleDirectory(request);
        const { q = '', page = 1 } = request.query as { q?: string; page?: number };
        const pageSize = await readModuleSetting<number>(db, adminModule(), 'users_page_size');
        const { total, people } = await searchPeople(db, { q, limit: pageSize, offset: (page - 1) * pageSize });
        return sendPage(request, reply, <PeoplePage ctx={viewContext(request, reply)} q={q.trim()} page={page} pageSize={pageSize} total={total} people={people} />);
      },
    );

    /** Renders one person's page for this admin, with what they may do there. */
    async function renderPerson(request: FastifyRequest, reply: FastifyReply, userId: string, form: { errors?: FieldErrors; values?: { role?: string; entity?: string } } = {}, status = 200) {
      const person = (await findPerson(db, userId)) ?? notFound();
      const actor = request.actor!;
      const mayRevoke = async (r: RoleGrant) => (await canOnRequest(request, 'admin', 'manage-roles', r)).allowed;
      const roles = await Promise.all(person.roles.map(async (r) => ({ ...r, revocable: await mayRevoke({ role: r.role, entityCode: r.entityCode }) })));
      const scope = administeredEntities(actor);
      const isPlatformAdmin = actor.roles.some((r) => r.role === 'platform_admin');
      const grantableRoles: Role[] = isPlatformAdmin ? [...ROLES] : scope === null || scope.length > 0 ? [...ENTITY_SCOPED_ROLES] : [];
      const entities = await listEntities(db);
      const entityOptions = scope === null ? entities : entities.filter((e) => scope.includes(e.code));
      const canManageAccount = (await canOnRequest(request, 'admin', 'manage-users')).allowed && person.id !== actor.userId;
      return sendPage(
        request,
        reply,
        <PersonPage
          ctx={viewContext(request, reply)}
          person={person}
          roles={roles}
          grantableRoles={grantableRoles}
          entityOptions={entityOptions}
          allowEveryEntity={scope === null}
          canManageAccount={canManageAccount}
          errors={form.errors}
          values={form.values}
        />,
        status,
      );
    }

    const personId = (request: FastifyRequest) => {
      const { id } = request.params as { id: string };
      return UUID.test(id) ? id.toLowerCase() : notFound();
    };

    scope.get('/admin/usuarios/:id', { schema: { params: IdParam } }, async (request, reply) => {
      await authorizePeopleDirectory(request);
      return renderPerson(request, reply, personId(request));
    });

    /** Reads and checks the role form: a known role, and an entity code or none. */
    function roleInput(request: FastifyRequest): { grant: RoleGrant; values: { role: string; entity: string } } | { errors: FieldErrors; values: { role: string; entity: string } } {
      const body = request.body as { role?: string; entity?: string };
      const values = { role: body.role ?? '', entity: (body.entity ?? '').trim() };
      if (!isRole(values.role)) return { errors: { role: { key: values.role ? 'admin.roles.errors.unknown_role' : 'admin.roles.errors.choose_role' } }, values };
      return { grant: { role: values.role, entityCode: values.entity || null }, values };
    }

    scope.post('/admin/usuarios/:id/roles', { schema: { params: IdParam, body: RoleBody } }, async (request, reply) => {
      await authorize(request, 'admin', 'manage-roles');
      const userId = personId(request);
      const input = roleInput(request);
      if ('errors' in input) return renderPerson(request, reply, userId, input, 422);
      await authorize(request, 'admin', 'manage-roles', input.grant);
      const result = await withTransaction(db, (tx) => grantRole(tx, { actor: request.actor!, userId, ...input.grant, requestId: request.id }));
      if (!result.ok) return renderPerson(request, reply, userId, { errors: result.errors, values: input.values }, 422);
      return redirectAfterPost(request, reply, `/admin/usuarios/${userId}`, 'admin.roles.granted', { role: roleLabel(request.t, input.grant.role) });
    });

    scope.post('/admin/usuarios/:id/roles/quitar', { schema: { params: IdParam, body: RoleBody } }, async (request, reply) => {
      await authorize(request, 'admin', 'manage-roles');
      const userId = personId(request);
      const input = roleInput(request);
      if ('errors' in input) return renderPerson(request, reply, userId, { errors: { roles: input.errors.role! } }, 422);
      await authorize(request, 'admin', 'manage-roles', input.grant);
      const result = await withTransaction(db, (tx) => revokeRole(tx, { actor: request.actor!, userId, ...input.grant, requestId: request.id }));
      if (!result.ok) return renderPerson(request, reply, userId, { errors: result.errors }, 422);
      return redirectAfterPost(request, reply, `/admin/usuarios/${userId}`, 'admin.roles.revoked', { role: roleLabel(request.t, input.grant.role) });
    });

    for (const [path, disabled] of [
      ['desactivar', true],
      ['activar', false],
    ] as const) {
      scope.post(`/admin/usuarios/:id/${path}`, { schema: { params: IdParam, body: Type.Object({ _csrf: Type.String() }) } }, async (request, reply) => {
        await authorize(request, 'admin', 'manage-users');
        const userId = personId(request);
        const result = await withTransaction(db, (tx) => setAccountDisabled(tx, { actor: request.actor!, userId, disabled, requestId: request.id }));
        if (!result.ok) return renderPerson(request, reply, userId, { errors: result.errors }, 422);
        return redirectAfterPost(request, reply, `/admin/usuarios/${userId}`, disabled ? 'admin.account.disabled' : 'admin.account.enabled');
      });
    }

    // ----- Settings and action requirements -----

    async function renderSettings(
      request: FastifyRequest,
      reply: FastifyReply,
      form: { settingErrors?: FieldErrors; settingInput?: Record<string, unknown>; requirementErrors?: FieldErrors; requirementInput?: Record<string, unknown> } = {},
      status = 200,
    ) {
      const { registry } = app.gab;
      const settings = allSettings(registry.modules);
      const values: Map<string, SettingValue | string> = await loadSettingValues(db, settings);
      if (form.settingInput) {
        for (const s of settings) {
          const sent = form.settingInput[s.storageKey];
          if (typeof sent === 'string') values.set(s.storageKey, sent);
        }
      }
      const label = actionLabeller(request);
      const requirements = await loadRequirementEntries(db, registry);
      return sendPage(
        request,
        reply,
        <SettingsPage
          ctx={viewContext(request, reply)}
          settings={settings}
          values={values}
          requirements={requirements}
          requirementInput={form.requirementInput}
          moduleTitles={new Map(registry.modules.map((m) => [m.name, m.titleKey]))}
          actionLabels={new Map(requirements.map((r) => [r.id, label(r.module, r.action)]))}
          settingErrors={form.settingErrors}
          requirementErrors={form.requirementErrors}
        />,
        status,
      );
    }

    scope.get('/admin/ajustes', async (request, reply) => {
      await authorize(request, 'admin', 'manage-settings');
      return renderSettings(request, reply);
    });

    scope.post('/admin/ajustes', async (request, reply) => {
      await authorize(request, 'admin', 'manage-settings');
      const body = (request.body ?? {}) as Record<string, unknown>;
      const settings = allSettings(app.gab.registry.modules);
      const outcome = await withTransaction(db, async (tx) => {
        const errors: FieldErrors = {};
        const requested = new Map<string, SettingValue>();
        for (const s of settings) {
          // A setting missing from the form (added after the page was rendered) keeps its value.
          if (body[s.storageKey] === undefined) continue;
          const parsed = parseSettingInput(s.definition, body[s.storageKey]);
          if ('error' in parsed) errors[s.storageKey] = parsed.error;
          else requested.set(s.storageKey, parsed.value);
        }
        if (Object.keys(errors).length) return { errors };
        const current = await loadSettingValues(tx, settings);
        return { changed: await saveModuleSettings(tx, { actor: request.actor!, entries: settings, current, requested, requestId: request.id }) };
      });
      if ('errors' in outcome) return renderSettings(request, reply, { settingErrors: outcome.errors, settingInput: body }, 422);
      return redirectAfterPost(request, reply, '/admin/ajustes', outcome.changed ? 'admin.settings.saved' : 'admin.settings.unchanged', { count: outcome.changed });
    });

    scope.post('/admin/ajustes/requisitos', async (request, reply) => {
      await authorize(request, 'admin', 'manage-settings');
      const body = (request.body ?? {}) as Record<string, unknown>;
      const actor = request.actor!;
      const outcome = await withTransaction(db, async (tx) => {
        const entries = await loadRequirementEntries(tx, app.gab.registry);
        const parsed = parseRequirementsForm(entries, body);
        if (!parsed.ok) return { errors: parsed.errors };
        // Whoever saves must still be able to open this page afterwards.
        const own = parsed.requested.get('admin.manage-settings');
        if (own && !meetsRequirement(actor, own, new Date()).allowed) {
          return { errors: { 'level.admin.manage-settings': { key: 'admin.requirements.errors.lockout' } } satisfies FieldErrors };
        }
        return { changed: await saveActionRequirements(tx, { actor, entries, requested: parsed.requested, requestId: request.id }) };
      });
      if ('errors' in outcome) return renderSettings(request, reply, { requirementErrors: outcome.errors, requirementInput: body }, 422);
      return redirectAfterPost(request, reply, '/admin/ajustes#requirements', outcome.changed ? 'admin.requirements.saved' : 'admin.settings.unchanged', { count: outcome.changed });
    });

    // ----- Audit log -----

    scope.get(
      '/admin/auditoria',
      {
        schema: {
          querystring: Type.Object({
            action: Type.Optional(Type.String({ maxLength: 100 })),
            actor: Type.Optional(Type.String({ maxLength: 200 })),
            type: Type.Optional(Type.String({ maxLength: 100 })),
            resource: Type.Optional(Type.String({ maxLength: 200 })),
            from: Type.Optional(Type.String({ maxLength: 20 })),
            to: Type.Optional(Type.String({ maxLength: 20 })),
            page: Type.Optional(PageQuery),
          }),
        },
      },
      async (request, reply) => {
        await authorize(request, 'admin', 'view-audit-log');
        const query = request.query as Partial<AuditFilterInput> & { page?: number };
        const input = Object.fromEntries(AUDIT_FILTER_FIELDS.map((name) => [name, (query[name] ?? '').trim()])) as unknown as AuditFilterInput;
        const errors: FieldErrors = {};
        if (input.action && !ACTION_PREFIX.test(input.action)) errors.action = { key: 'admin.audit.errors.action' };
        if (input.from && !isRealDay(input.from)) errors.from = { key: 'admin.audit.errors.date' };
        if (input.to && !isRealDay(input.to)) errors.to = { key: 'admin.audit.errors.date' };
        if (input.from && input.to && !errors.from && !errors.to && input.from > input.to) errors.to = { key: 'admin.audit.errors.range' };
        const page = query.page ?? 1;
        const pageSize = await readModuleSetting<number>(db, adminModule(), 'audit_page_size');
        const expandChanges = await readModuleSetting<boolean>(db, adminModule(), 'audit_expand_changes');
        const hasErrors = Object.keys(errors).length > 0;
        const filters: AuditFilters = {
          action: input.action || undefined,
          actorEmail: input.actor || undefined,
          resourceType: input.type || undefined,
          resourceId: input.resource || undefined,
          from: input.from || undefined,
          to: input.to || undefined,
        };
        const { total, entries } = hasErrors ? { total: 0, entries: [] } : await searchAuditLog(db, filters, { limit: pageSize, offset: (page - 1) * pageSize });
        return sendPage(
          request,
          reply,
          <AuditLogPage
            ctx={viewContext(request, reply)}
            filters={input}
            errors={hasErrors ? errors : undefined}
            entries={entries}
            total={total}
            page={page}
            pageSize={pageSize}
            expandChanges={expandChanges}
          />,
          hasErrors ? 400 : 200,
        );
      },
    );
  });
}
