import { sql } from 'kysely';
import type { Executor } from '../../core/db/database.ts';
import type { Role, VerificationLevel } from '../../core/permissions/permissions.ts';

/** A role as the back office shows it: `entityCode` null means every entity. */
export interface RoleRow {
  role: Role;
  entityCode: string | null;
  entityName: string | null;
  entityAcronym: string | null;
  grantedAt: Date;
}

export interface PersonSummary {
  id: string;
  email: string;
  displayName: string;
  createdAt: Date;
  disabledAt: Date | null;
  deletedAt: Date | null;
  emailConfirmedAt: Date | null;
  level: VerificationLevel;
  roles: RoleRow[];
}

/** People with their current verification level (expired verifications count as absent, as in loadActor). */
function peopleQuery(db: Executor, now: Date) {
  const at = now.toISOString() as never;
  return db
    .selectFrom('core_users')
    .leftJoin('core_identities', (join) => join.onRef('core_identities.user_id', '=', 'core_users.id').on('core_identities.expires_at', '>', at))
    .leftJoin('core_residences', (join) => join.onRef('core_residences.user_id', '=', 'core_users.id').on('core_residences.expires_at', '>', at));
}

const PERSON_COLUMNS = [
  'core_users.id',
  'core_users.email',
  'core_users.display_name',
  'core_users.created_at',
  'core_users.disabled_at',
  'core_users.deleted_at',
  'core_users.email_confirmed_at',
  'core_identities.user_id as identity_user',
  'core_residences.user_id as residence_user',
] as const;

type PersonRecord = {
  id: string;
  email: string;
  display_name: string;
  created_at: Date;
  disabled_at: Date | null;
  deleted_at: Date | null;
  email_confirmed_at: Date | null;
  identity_user: string | null;
  residence_user: string | null;
};

function toPerson(row: PersonRecord, roles: RoleRow[]): PersonSummary {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    deletedAt: row.deleted_at,
    emailConfirmedAt: row.email_confirmed_at,
    level: row.identity_user ? (row.residence_user ? 'residence' : 'identity') : 'registered',
    roles,
  };
}

/** Roles of the given people, keyed by person, in a stable order. */
export async function rolesOf(db: Executor, userIds: string[]): Promise<Map<string, RoleRow[]>> {
  const byUser = new Map<string, RoleRow[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('core_user_roles')
    .leftJoin('core_entities', 'core_entities.code', 'core_user_roles.entity_code')
    .select(['core_user_roles.user_id', 'core_user_roles.role', 'core_user_roles.entity_code', 'core_user_roles.granted_at', 'core_entities.name', 'core_entities.acronym'])
    .where('core_user_roles.user_id', 'in', userIds)
    .orderBy('core_user_roles.role')
    .orderBy('core_user_roles.entity_code')
    .execute();
  for (const r of rows) {
    byUser.get(r.user_id)?.push({ role: r.role, entityCode: r.entity_code || null, entityName: r.name, entityAcronym: r.acronym, grantedAt: r.granted_at });
  }
  return byUser;
}

/**
 * Searches people by e-mail or name (accent- and case-insensitive, anywhere in the text), one page
 * at a time, ordered by name.
 */
export async function searchPeople(db: Executor, options: { q: string; limit: number; offset: number; now?: Date }): Promise<{ total: number; people: PersonSummary[] }> {
  const now = options.now ?? new Date();
  const q = options.q.trim().toLowerCase();
  let base = peopleQuery(db, now);
  if (q) {
    base = base.where((eb) =>
      eb.or([
        eb(sql`strpos(core_users.email, ${q})`, '>', 0),
        eb(sql`strpos(lower(core_unaccent(core_users.display_name)), lower(core_unaccent(${q})))`, '>', 0),
      ]),
    );
  }
  const [{ total }] = (await base.select(sql<string>`count(*)`.as('total')).execute()) as [{ total: string }];
  const rows = await base
    .select(PERSON_COLUMNS)
    .orderBy(sql`lower(core_users.display_name)`)
    .orderBy('core_users.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  const roles = await rolesOf(
    db,
    rows.map((r) => r.id),
  );
  return { total: Number(total), people: rows.map((r) => toPerson(r, roles.get(r.id) ?? [])) };
}

export async function findPerson(db: Executor, id: string, now = new Date()): Promise<PersonSummary | null> {
  const row = await peopleQuery(db, now).select(PERSON_COLUMNS).where('core_users.id', '=', id).executeTakeFirst();
  if (!row) return null;
  return toPerson(row, (await rolesOf(db, [id])).get(id) ?? []);
}

export interface EntityOption {
  code: string;
  acronym: string;
  name: string;
}

export function listEntities(db: Executor): Promise<EntityOption[]> {
  return db.selectFrom('core_entities').select(['code', 'acronym', 'name']).orderBy('name').execute();
}

export interface AuditFilters {
  /** Start of the action name: `admin.` or `admin.grant-role`. */
  action?: string;
  /** Part of the actor's e-mail address. */
  actorEmail?: string;
  resourceType?: string;
  resourceId?: string;
  /** Inclusive calendar days in Bogotá, YYYY-MM-DD. */
  from?: string;
  to?: string;
}

export interface AuditRow {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorLabel: string;
  actorEmail: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** The start of the Bogotá day after `day` (UTC−5 all year: Colombia has no daylight saving). */
const nextBogotaMidnight = (day: string) => new Date(new Date(`${day}T00:00:00-05:00`).getTime() + 86400_000).toISOString();

/** Audit entries matching the filters, newest first, one page at a time. */
export async function searchAuditLog(db: Executor, filters: AuditFilters, page: { limit: number; offset: number }): Promise<{ total: number; entries: AuditRow[] }> {
  let base = db.selectFrom('core_audit_log').leftJoin('core_users', 'core_users.id', 'core_audit_log.actor_id');
  if (filters.action) base = base.where(sql<boolean>`starts_with(core_audit_log.action, ${filters.action})`);
  if (filters.actorEmail) base = base.where(sql<boolean>`strpos(core_users.email, ${filters.actorEmail.toLowerCase()}) > 0`);
  if (filters.resourceType) base = base.where('core_audit_log.resource_type', '=', filters.resourceType);
  if (filters.resourceId) base = base.where('core_audit_log.resource_id', '=', filters.resourceId);
  if (filters.from) base = base.where('core_audit_log.occurred_at', '>=', `${filters.from}T00:00:00-05:00` as never);
  if (filters.to) base = base.where('core_audit_log.occurred_at', '<', nextBogotaMidnight(filters.to) as never);
  const [{ total }] = (await base.select(sql<string>`count(*)`.as('total')).execute()) as [{ total: string }];
  const rows = await base
    .select([
      'core_audit_log.id',
      'core_audit_log.occurred_at',
      'core_audit_log.actor_id',
      'core_audit_log.actor_label',
      'core_users.email',
      'core_audit_log.action',
      'core_audit_log.resource_type',
      'core_audit_log.resource_id',
      'core_audit_log.before',
      'core_audit_log.after',
      'core_audit_log.request_id',
    ])
    .orderBy('core_audit_log.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    total: Number(total),
    entries: rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at,
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      actorEmail: r.email,
      action: r.action,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      before: r.before,
      after: r.after,
      requestId: r.request_id,
    })),
  };
}
