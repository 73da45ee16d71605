import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../src/core/modules/registry.ts';
import { ageOn, ROLES, type ActionRequirement, type Actor, type DenialReason, type Role, type VerificationLevel } from '../src/core/permissions/permissions.ts';
import { createPerson } from '../src/modules/admin/test-people.ts';
import { MODULES } from '../src/modules/index.ts';
import { buildTestApp, csrfFor, type TestApp } from './app.ts';
import { testEngines } from './database.ts';
import { signInAs } from './sign-in.ts';

/**
 * The permission matrix, generated from the manifests: every action of every module, for every
 * kind of person (anonymous, a citizen without roles, each role) in every verification state
 * (registered, identity, residence; adult, 15 with and without guardian consent), checked against
 * the expectations below, which are written from what each rule is documented to mean. A new
 * action without an expectation fails the suite.
 */

const registry = createRegistry(MODULES);
const NOW = new Date('2026-06-15T12:00:00-05:00');
const ENTITY_A = 'sdp';
const ENTITY_B = 'idpac';

const NONE: ActionRequirement = { minLevel: 'anyone', minAge: null };
const REGISTERED: ActionRequirement = { minLevel: 'registered', minAge: null };
const PARTICIPANT: ActionRequirement = { minLevel: 'identity', minAge: 14 };

/** Who an action's own rule lets through, before any verification requirement. */
type Who =
  | 'everyone'
  /** Only visitors who are not signed in (others: already_done). */
  | 'anonymous-only'
  | 'signed-in'
  /** Anyone holding at least one role. */
  | 'staff'
  /** Holders of these roles (platform_admin is always listed explicitly). */
  | readonly Role[];

interface Expectation {
  who: Who;
  /** The manifest's default requirement. */
  requirement: ActionRequirement;
  /** Denials other than missing_role for some role holders (entity scoping). */
  deniedAs?: Partial<Record<Role, DenialReason>>;
  resource?: unknown;
}

const DESK = ['desk_clerk', 'platform_admin'] as const;
const OFFICIALS = ['entity_official', 'platform_admin'] as const;

/** One entry per `<module>.<action>`; scoped variants of an action are `<module>.<action> @ <case>`. */
const EXPECTED: Record<string, Expectation> = {
  'model.view': { who: 'everyone', requirement: NONE },
  'reference.view': { who: 'everyone', requirement: NONE },
  'accounts.register': { who: 'anonymous-only', requirement: NONE },
  'accounts.manage-account': { who: 'signed-in', requirement: REGISTERED },
  'accounts.verify-identity': { who: 'signed-in', requirement: REGISTERED },
  'accounts.verify-at-desk': { who: DESK, requirement: NONE },
  'accounts.record-guardian-consent': { who: DESK, requirement: NONE },
  'accounts.assist-citizen': { who: DESK, requirement: NONE },
  'accounts.import-registry': { who: ['platform_admin'], requirement: NONE },
  'accounts.manage-api-tokens': { who: 'signed-in', requirement: REGISTERED },
  'participatory-budgets.view': { who: 'everyone', requirement: NONE },
  'participatory-budgets.propose': { who: 'signed-in', requirement: PARTICIPANT },
  'participatory-budgets.edit-proposal': { who: 'signed-in', requirement: REGISTERED },
  'participatory-budgets.support': { who: 'signed-in', requirement: PARTICIPANT },
  'participatory-budgets.follow': { who: 'signed-in', requirement: REGISTERED },
  'participatory-budgets.comment': { who: 'signed-in', requirement: REGISTERED },
  'participatory-budgets.vote': { who: 'signed-in', requirement: { minLevel: 'residence', minAge: 14 } },
  'participatory-budgets.assess': { who: ['valuator', 'platform_admin'], requirement: NONE },
  'participatory-budgets.moderate': { who: ['moderator', 'platform_admin'], requirement: NONE },
  'participatory-budgets.enter-paper-ballots': { who: ['entity_official', 'platform_admin'], requirement: NONE },
  'participatory-budgets.update-execution': { who: ['entity_official', 'platform_admin'], requirement: NONE },
  'participatory-budgets.manage-editions': { who: ['platform_admin'], requirement: NONE },
  'service-points.view': { who: 'everyone', requirement: NONE },
  'service-points.book': { who: 'everyone', requirement: NONE },
  'service-points.manage-booking': { who: 'everyone', requirement: NONE },
  'service-points.manage-centre': { who: ['entity_official', 'platform_admin'], requirement: NONE },
  'service-points.manage-catalogue': { who: ['entity_official', 'platform_admin'], requirement: NONE },
  'open-data.view': { who: 'everyone', requirement: NONE },
  'open-data.manage-datasets': { who: ['entity_official', 'platform_admin'], requirement: NONE },
  'open-data.request-dataset': { who: 'signed-in', requirement: REGISTERED },
  'open-data.vote-request': { who: 'signed-in', requirement: REGISTERED },
  'open-data.answer-request': { who: ['entity_official', 'platform_admin'], requirement: NONE },
  'open-data.publish-reuse': { who: 'signed-in', requirement: REGISTERED },
  'open-data.comment': { who: 'signed-in', requirement: REGISTERED },
  'open-data.moderate': { who: ['moderator', 'platform_admin'], requirement: NONE },
  'service-requests.view': { who: 'everyone', requirement: NONE },
  'service-requests.file': { who: 'everyone', requirement: NONE },
  'service-requests.follow': { who: 'everyone', requirement: NONE },
  'service-requests.view-own': { who: 'signed-in', requirement: REGISTERED },
  'service-requests.file-for-citizen': { who: DESK, requirement: NONE },
  'service-requests.work': { who: OFFICIALS, requirement: NONE },
  'service-requests.transfer': { who: OFFICIALS, requirement: NONE },
  'service-requests.extend': { who: OFFICIALS, requirement: NONE },
  'service-requests.request-completion': { who: OFFICIALS, requirement: NONE },
  'service-requests.answer': { who: OFFICIALS, requirement: NONE },
  'causes.view': { who: 'everyone', requirement: NONE },
  'causes.create': { who: 'signed-in', requirement: PARTICIPANT },
  'causes.edit': { who: 'signed-in', requirement: REGISTERED },
  'causes.withdraw': { who: 'signed-in', requirement: REGISTERED },
  'causes.post-update': { who: 'signed-in', requirement: REGISTERED },
  'causes.support': { who: 'signed-in', requirement: PARTICIPANT },
  'causes.assist': { who: DESK, requirement: NONE },
  'causes.follow': { who: 'signed-in', requirement: REGISTERED },
  'causes.comment': { who: 'signed-in', requirement: REGISTERED },
  'causes.report': { who: 'signed-in', requirement: REGISTERED },
  'causes.moderate': { who: ['moderator', 'platform_admin'], requirement: NONE },
  'causes.respond': { who: OFFICIALS, requirement: NONE },
  'consultations.view': { who: 'everyone', requirement: NONE },
  'consultations.answer': { who: 'signed-in', requirement: PARTICIPANT },
  'consultations.answer-for-citizen': { who: DESK, requirement: NONE },
  'consultations.manage': { who: OFFICIALS, requirement: NONE },
  'consultations.edit': { who: OFFICIALS, requirement: NONE },
  'consultations.import-paper': { who: OFFICIALS, requirement: NONE },
  'consultations.export-responses': { who: OFFICIALS, requirement: NONE },
  'consultations.moderate': { who: ['moderator', 'platform_admin'], requirement: NONE },
  'admin.view-back-office': { who: 'staff', requirement: NONE },
  'admin.manage-users': { who: ['platform_admin'], requirement: NONE },
  // Without a resource: opening role management.
  'admin.manage-roles': { who: ['entity_admin', 'platform_admin'], requirement: NONE },
  'admin.manage-settings': { who: ['platform_admin'], requirement: NONE },
  'admin.view-audit-log': { who: ['entity_admin', 'platform_admin'], requirement: NONE },
};

/** Entity-scoped cases: the entity admin in this matrix administers ENTITY_A only. */
const SCOPED: Record<string, Expectation> = {
  'service-requests.transfer @ a request of another entity': { who: ['platform_admin'], requirement: NONE, deniedAs: { entity_official: 'wrong_entity' }, resource: { entityCode: ENTITY_B } },
  'causes.respond @ a cause addressed to another entity': { who: ['platform_admin'], requirement: NONE, deniedAs: { entity_official: 'wrong_entity' }, resource: { entityCode: ENTITY_B, state: 'threshold_reached' } },
  'consultations.manage @ a consultation of another entity': { who: ['platform_admin'], requirement: NONE, deniedAs: { entity_official: 'wrong_entity' }, resource: { entityCode: ENTITY_B } },
  'service-points.manage-centre @ a centre where their entity is present': { who: ['entity_official', 'platform_admin'], requirement: NONE, resource: { entityCodes: ['sg', ENTITY_A] } },
  'service-points.manage-centre @ a centre without their entity': { who: ['platform_admin'], requirement: NONE, deniedAs: { entity_official: 'wrong_entity' }, resource: { entityCodes: ['sg', ENTITY_B] } },
  'service-points.manage-catalogue @ an entry of their entity': { who: ['entity_official', 'platform_admin'], requirement: NONE, resource: { entityCode: ENTITY_A } },
  'service-points.manage-catalogue @ an entry of another entity': { who: ['platform_admin'], requirement: NONE, deniedAs: { entity_official: 'wrong_entity' }, resource: { entityCode: ENTITY_B } },
  'participatory-budgets.assess @ proposals of their alcaldía local': { who: ['valuator', 'platform_admin'], requirement: NONE, resource: { entityCode: ENTITY_A, phase: 'review' } },
  'participatory-budgets.assess @ proposals of another alcaldía local': {
    who: ['platform_admin'],
    requirement: NONE,
    deniedAs: { valuator: 'wrong_entity' },
    resource: { entityCode: ENTITY_B, phase: 'review' },
  },
  'participatory-budgets.enter-paper-ballots @ another alcaldía local': {
    who: ['platform_admin'],
    requirement: NONE,
    deniedAs: { entity_official: 'wrong_entity' },
    resource: { entityCode: ENTITY_B, phase: 'voting' },
  },
  'participatory-budgets.edit-proposal @ their own proposal': { who: 'signed-in', requirement: REGISTERED, resource: { authorIds: ['u-citizen', 'u-desk_clerk', 'u-moderator', 'u-valuator', 'u-entity_official', 'u-entity_admin', 'u-platform_admin'], phase: 'proposals' } },
  'open-data.manage-datasets @ datasets of their entity': { who: ['entity_official', 'platform_admin'], requirement: NONE, resource: { entityCode: ENTITY_A } },
  'open-data.manage-datasets @ datasets of another entity': { who: ['platform_admin'], requirement: NONE, deniedAs: { entity_official: 'wrong_entity' }, resource: { entityCode: ENTITY_B } },
  'open-data.answer-request @ requests to another entity': { who: ['platform_admin'], requirement: NONE, deniedAs: { entity_official: 'wrong_entity' }, resource: { entityCode: ENTITY_B } },
  'admin.manage-roles @ desk clerk of their entity': { who: ['entity_admin', 'platform_admin'], requirement: NONE, resource: { role: 'desk_clerk', entityCode: ENTITY_A } },
  'admin.manage-roles @ moderator of their entity': { who: ['entity_admin', 'platform_admin'], requirement: NONE, resource: { role: 'moderator', entityCode: ENTITY_A } },
  'admin.manage-roles @ desk clerk of another entity': {
    who: ['platform_admin'],
    requirement: NONE,
    deniedAs: { entity_admin: 'wrong_entity' },
    resource: { role: 'desk_clerk', entityCode: ENTITY_B },
  },
  'admin.manage-roles @ official of every entity': {
    who: ['platform_admin'],
    requirement: NONE,
    deniedAs: { entity_admin: 'wrong_entity' },
    resource: { role: 'entity_official', entityCode: null },
  },
  'admin.manage-roles @ entity admin of their entity': { who: ['platform_admin'], requirement: NONE, resource: { role: 'entity_admin', entityCode: ENTITY_A } },
  'admin.manage-roles @ platform admin': { who: ['platform_admin'], requirement: NONE, resource: { role: 'platform_admin', entityCode: null } },
};

// ----- the people -----

type Kind = 'anonymous' | 'citizen' | Role;
const LEVELS: readonly VerificationLevel[] = ['registered', 'identity', 'residence'];
const AGES = {
  adult: { birthDate: '1990-01-01', guardianConsent: false },
  '15 without consent': { birthDate: '2011-03-01', guardianConsent: false },
  '15 with consent': { birthDate: '2011-03-01', guardianConsent: true },
} as const;

interface Person {
  label: string;
  kind: Kind;
  actor: Actor | null;
}

function people(): Person[] {
  const list: Person[] = [{ label: 'anonymous', kind: 'anonymous', actor: null }];
  for (const kind of ['citizen', ...ROLES] as const) {
    for (const level of LEVELS) {
      for (const [ageLabel, age] of Object.entries(AGES)) {
        const roles = kind === 'citizen' ? [] : [{ role: kind, entityCode: kind === 'platform_admin' ? null : ENTITY_A }];
        list.push({
          label: `${kind} ${level} ${ageLabel}`,
          kind,
          actor: { userId: `u-${kind}`, displayName: kind, roles, level, birthDate: age.birthDate, residenceLocalidad: level === 'residence' ? '09' : null, guardianConsent: age.guardianConsent },
        });
      }
    }
  }
  return list;
}
const PEOPLE = people();

// ----- the oracle: what the documentation says should happen -----

/** What a requirement asks, in the order a person can fix it (the same order the platform explains). */
function requirementOutcome(person: Person, requirement: ActionRequirement): DenialReason | null {
  if (requirement.minLevel === 'anyone' && requirement.minAge === null) return null;
  const actor = person.actor;
  if (!actor) return 'not_signed_in';
  const level = actor.level ?? 'registered';
  if ((requirement.minLevel === 'identity' || requirement.minLevel === 'residence') && level === 'registered') return 'not_verified';
  if (requirement.minAge !== null) {
    const age = ageOn(actor.birthDate!, NOW);
    if (age < requirement.minAge) return 'under_age';
    if (age < 18 && !actor.guardianConsent) return 'guardian_consent_missing';
  }
  if (requirement.minLevel === 'residence' && level !== 'residence') return 'not_resident';
  return null;
}

function ruleOutcome(person: Person, expectation: Expectation): 'allowed' | DenialReason {
  const { who } = expectation;
  if (who === 'everyone') return 'allowed';
  if (who === 'anonymous-only') return person.kind === 'anonymous' ? 'allowed' : 'already_done';
  if (person.kind === 'anonymous') return 'not_signed_in';
  if (who === 'signed-in') return 'allowed';
  if (who === 'staff') return person.kind === 'citizen' ? 'missing_role' : 'allowed';
  if (person.kind !== 'citizen' && who.includes(person.kind)) return 'allowed';
  return (person.kind !== 'citizen' && expectation.deniedAs?.[person.kind]) || 'missing_role';
}

function expectedOutcome(person: Person, expectation: Expectation, requirement: ActionRequirement): string {
  return requirementOutcome(person, requirement) ?? ruleOutcome(person, expectation);
}

const moduleActions = MODULES.flatMap((m) => m.actions.map((a) => `${m.name}.${a}`));
const split = (key: string) => {
  const id = key.split(' @ ')[0]!;
  const dot = id.indexOf('.');
  return { module: id.slice(0, dot), action: id.slice(dot + 1) };
};

describe('the permission matrix of every module action', () => {
  it('has an expectation for every action of every manifest, and none for actions that do not exist', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...moduleActions].sort());
    for (const key of Object.keys(SCOPED)) expect(moduleActions).toContain(key.split(' @ ')[0]);
  });

  it('covers every role, anonymous visitors and citizens in nine verification states each', () => {
    expect(PEOPLE).toHaveLength(1 + (ROLES.length + 1) * 9);
  });

  const cases = Object.entries({ ...EXPECTED, ...SCOPED });

  describe.each(cases)('%s, with the manifest default requirement', (key, expectation) => {
    const { module, action } = split(key);

    it('keeps the documented default requirement', () => {
      expect(registry.defaultRequirement(module, action)).toEqual(expectation.requirement);
    });

    it('allows and denies exactly as documented', () => {
      const actual = Object.fromEntries(PEOPLE.map((p) => [p.label, outcomeOf(registry.can(module, action, p.actor, expectation.resource, { now: NOW }))]));
      const expected = Object.fromEntries(PEOPLE.map((p) => [p.label, expectedOutcome(p, expectation, expectation.requirement)]));
      expect(actual).toEqual(expected);
    });
  });

  // An admin may require more of any action; the requirement applies to everyone, staff included,
  // before the action's own rule. This pass exercises the age and consent states.
  const STRICT: ActionRequirement = { minLevel: 'residence', minAge: 14 };
  describe.each(cases)('%s, when an admin requires verified residence and age 14', (key, expectation) => {
    const { module, action } = split(key);
    it('checks the requirement first, then the rule', () => {
      const actual = Object.fromEntries(PEOPLE.map((p) => [p.label, outcomeOf(registry.can(module, action, p.actor, expectation.resource, { now: NOW, requirement: STRICT }))]));
      const expected = Object.fromEntries(PEOPLE.map((p) => [p.label, expectedOutcome(p, expectation, STRICT)]));
      expect(actual).toEqual(expected);
    });
  });
});

function outcomeOf(decision: { allowed: true } | { allowed: false; reason: DenialReason }): string {
  return decision.allowed ? 'allowed' : decision.reason;
}

// ----- the same rules over HTTP, for the back-office routes -----

const WHO = ['anonymous', 'citizen', 'desk_clerk', 'entity_admin of A', 'platform_admin'] as const;
type HttpWho = (typeof WHO)[number];

interface RouteCase {
  name: string;
  method: 'GET' | 'POST';
  /** The URL to call (a fresh target person for writes that change state). */
  url: (t: TestApp, ids: { citizen: string }) => Promise<string> | string;
  fields?: Record<string, string>;
  expected: Record<HttpWho, number>;
}

const freshPerson = async (t: TestApp) => (await createPerson(t.database.db, { name: 'Persona Objetivo' })).id;

// Fresh community records for writes that change state (open data: requests, reuses, comments on the demo dataset).
const freshDataRequest = async (t: TestApp, entityCode: string | null) =>
  (await t.database.db.insertInto('open_data_requests').values({ title: 'Solicitud de la matriz', description: 'Datos para la matriz de permisos.', entity_code: entityCode }).returning('id').executeTakeFirstOrThrow()).id;
const demoDatasetId = async (t: TestApp) => (await t.database.db.selectFrom('open_data_datasets').select('id').where('name', '=', 'red-de-ciclorrutas').executeTakeFirstOrThrow()).id;
const freshReuse = async (t: TestApp) => {
  const { id } = await t.database.db.insertInto('open_data_reuses').values({ title: 'Uso de la matriz', description: 'Un uso para la matriz de permisos.', kind: 'app', url: 'https://example.org/uso' }).returning('id').executeTakeFirstOrThrow();
  await t.database.db.insertInto('open_data_reuse_datasets').values({ reuse_id: id, dataset_id: await demoDatasetId(t) }).execute();
  return id;
};
const freshComment = async (t: TestApp) => (await t.database.db.insertInto('open_data_comments').values({ dataset_id: await demoDatasetId(t), body: 'Comentario de la matriz' }).returning('id').executeTakeFirstOrThrow()).id;

const ROUTES: RouteCase[] = [
  { name: 'GET /admin/puntos-de-atencion', method: 'GET', url: () => '/admin/puntos-de-atencion', expected: { anonymous: 302, citizen: 403, desk_clerk: 403, 'entity_admin of A': 403, platform_admin: 200 } },
  {
    name: 'GET /admin/puntos-de-atencion/:slug/turnos',
    method: 'GET',
    url: () => '/admin/puntos-de-atencion/supercade-cad/turnos',
    expected: { anonymous: 302, citizen: 403, desk_clerk: 403, 'entity_admin of A': 403, platform_admin: 200 },
  },
  { name: 'GET /admin/tramites', method: 'GET', url: () => '/admin/tramites', expected: { anonymous: 302, citizen: 403, desk_clerk: 403, 'entity_admin of A': 403, platform_admin: 200 } },
  { name: 'GET /admin/presupuestos-participativos', method: 'GET', url: () => '/admin/presupuestos-participativos', expected: { anonymous: 302, citizen: 403, desk_clerk: 403, 'entity_admin of A': 403, platform_admin: 200 } },
  { name: 'GET /admin', method: 'GET', url: () => '/admin', expected: { anonymous: 302, citizen: 403, desk_clerk: 200, 'entity_admin of A': 200, platform_admin: 200 } },
  { name: 'GET /admin/usuarios', method: 'GET', url: () => '/admin/usuarios?q=a', expected: { anonymous: 302, citizen: 403, desk_clerk: 403, 'entity_admin of A': 200, platform_admin: 200 } },
  {
    name: 'GET /admin/usuarios/:id',
    method: 'GET',
    url: (_t, ids) => `/admin/usuarios/${ids.citizen}`,
    expected: { anonymous: 302, citizen: 403, desk_clerk: 403, 'entity_admin of A': 200, platform_admin: 200 },
  },
  { name: 'GET /admin/ajustes', method: 'GET', url: () => '/admin/ajustes', expected: { anonymous: 302, citizen: 403, desk_clerk: 403, 'entity_admin of A': 403, platform_admin: 200 } },
  { name: 'GET /admin/auditoria', method: 'GET', url: () => '/admin/auditoria', expected: { anonymous: 302, citizen: 403, desk_clerk: 403, 'entity_admin of A': 200, platform_admin: 200 } },
  {
    name: 'POST /admin/usuarios/:id/roles (desk clerk of A)',
    method: 'POST',
    url: async (t) => `/admin/usuarios/${await freshPerson(t)}/roles`,
    fields: { role: 'desk_clerk', entity: ENTITY_A },
    expected: { anonymous: 303, citizen: 403, desk_clerk: 403, 'entity_admin of A': 303, platform_admin: 303 },
  },
  {
    name: 'POST /admin/usuarios/:id/roles (desk clerk of B)',
    method: 'POST',
    url: async (t) => `/admin/usuarios/${await freshPerson(t)}/roles`,
    fields: { role: 'desk_clerk', entity: ENTITY_B },
    expected: { anonymous: 303, citizen: 403, desk_clerk: 403, 'entity_admin of A': 403, platform_admin: 303 },
  },
  {
    name: 'POST /admin/usuarios/:id/desactivar',
    method: 'POST',
    url: async (t) => `/admin/usuarios/${await freshPerson(t)}/desactivar`,
    expected: { anonymous: 303, citizen: 403, desk_clerk: 403, 'entity_admin of A': 403, platform_admin: 303 },
  },
  {
    name: 'POST /admin/ajustes',
    method: 'POST',
    url: () => '/admin/ajustes',
    fields: { 'module.admin.users_page_size': '25' },
    expected: { anonymous: 303, citizen: 403, desk_clerk: 403, 'entity_admin of A': 403, platform_admin: 303 },
  },
  {
    name: 'POST /admin/ajustes/requisitos',
    method: 'POST',
    url: () => '/admin/ajustes/requisitos',
    fields: { 'level.model.view': 'anyone', 'age.model.view': '' },
    expected: { anonymous: 303, citizen: 403, desk_clerk: 403, 'entity_admin of A': 403, platform_admin: 303 },
  },
  { name: 'GET /datos/solicitudes/nueva', method: 'GET', url: () => '/datos/solicitudes/nueva', expected: { anonymous: 302, citizen: 200, desk_clerk: 200, 'entity_admin of A': 200, platform_admin: 200 } },
  { name: 'GET /datos/usos/nuevo', method: 'GET', url: () => '/datos/usos/nuevo', expected: { anonymous: 302, citizen: 200, desk_clerk: 200, 'entity_admin of A': 200, platform_admin: 200 } },
  {
    name: 'POST /datos/solicitudes/nueva',
    method: 'POST',
    url: () => '/datos/solicitudes/nueva',
    fields: { title: 'Solicitud por HTTP', description: 'Datos pedidos desde la matriz.' },
    expected: { anonymous: 303, citizen: 303, desk_clerk: 303, 'entity_admin of A': 303, platform_admin: 303 },
  },
  {
    name: 'POST /datos/solicitudes/:id/voto',
    method: 'POST',
    url: async (t) => `/datos/solicitudes/${await freshDataRequest(t, null)}/voto`,
    expected: { anonymous: 303, citizen: 303, desk_clerk: 303, 'entity_admin of A': 303, platform_admin: 303 },
  },
  {
    name: 'POST /datos/solicitudes/:id/respuesta (request to entity A)',
    method: 'POST',
    url: async (t) => `/datos/solicitudes/${await freshDataRequest(t, ENTITY_A)}/respuesta`,
    fields: { status: 'planned', answer: 'En preparación.' },
    expected: { anonymous: 303, citizen: 403, desk_clerk: 403, 'entity_admin of A': 403, platform_admin: 303 },
  },
  {
    name: 'POST /datos/usos/:id/ocultar',
    method: 'POST',
    url: async (t) => `/datos/usos/${await freshReuse(t)}/ocultar`,
    fields: { reason: 'Motivo de la matriz' },
    expected: { anonymous: 303, citizen: 403, desk_clerk: 403, 'entity_admin of A': 403, platform_admin: 303 },
  },
  {
    name: 'POST /datos/conjuntos/:name/comentarios',
    method: 'POST',
    url: () => '/datos/conjuntos/red-de-ciclorrutas/comentarios',
    fields: { body: 'Comentario por HTTP' },
    expected: { anonymous: 303, citizen: 303, desk_clerk: 303, 'entity_admin of A': 303, platform_admin: 303 },
  },
  {
    name: 'POST /datos/conjuntos/:name/comentarios/:id/reportar',
    method: 'POST',
    url: async (t) => `/datos/conjuntos/red-de-ciclorrutas/comentarios/${await freshComment(t)}/reportar`,
    fields: { reason: 'Motivo de la matriz' },
    expected: { anonymous: 303, citizen: 303, desk_clerk: 303, 'entity_admin of A': 303, platform_admin: 303 },
  },
  {
    name: 'POST /datos/conjuntos/:name/comentarios/:id/ocultar',
    method: 'POST',
    url: async (t) => `/datos/conjuntos/red-de-ciclorrutas/comentarios/${await freshComment(t)}/ocultar`,
    fields: { reason: 'Motivo de la matriz' },
    expected: { anonymous: 303, citizen: 403, desk_clerk: 403, 'entity_admin of A': 403, platform_admin: 303 },
  },
];

describe.each(testEngines())('the back-office routes over HTTP (%s)', (engine) => {
  let t: TestApp;
  const cookies: Partial<Record<HttpWho, string>> = {};
  let citizenId = '';

  beforeAll(async () => {
    t = await buildTestApp(engine);
    const db = t.database.db;
    const specs: [HttpWho, Parameters<typeof createPerson>[1]][] = [
      ['citizen', { name: 'Ciudadana Común', level: 'identity' }],
      ['desk_clerk', { name: 'Funcionario Ventanilla', roles: [{ role: 'desk_clerk', entityCode: ENTITY_A }] }],
      ['entity_admin of A', { name: 'Administradora SDP', roles: [{ role: 'entity_admin', entityCode: ENTITY_A }] }],
      ['platform_admin', { name: 'Administrador Plataforma', roles: [{ role: 'platform_admin' }] }],
    ];
    for (const [who, spec] of specs) {
      const { id } = await createPerson(db, spec);
      if (who === 'citizen') citizenId = id;
      cookies[who] = await signInAs(t.database, id);
    }
  });
  afterAll(async () => t?.close());

  it.each(ROUTES.map((r) => [r.name, r] as const))('%s answers each kind of person as expected', async (_name, route) => {
    const actual: Record<string, number> = {};
    for (const who of WHO) {
      const url = await route.url(t, { citizen: citizenId });
      const cookie = cookies[who];
      if (route.method === 'GET') {
        actual[who] = (await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} })).statusCode;
      } else {
        const csrf = await csrfFor(t.app);
        const payload = new URLSearchParams({ ...route.fields, _csrf: csrf.token }).toString();
        const headers = { cookie: [cookie, csrf.cookie].filter(Boolean).join('; '), 'content-type': 'application/x-www-form-urlencoded' };
        actual[who] = (await t.app.inject({ method: 'POST', url, headers, payload })).statusCode;
      }
    }
    expect(actual).toEqual(route.expected);
  });
});
