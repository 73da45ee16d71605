import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { notFound, type FieldErrors } from '../../../core/http/errors.ts';
import type { Actor, Role } from '../../../core/permissions/permissions.ts';

/** What a back-office command reports: done (maybe with nothing to change), or why not, per form field. */
export type CommandResult = { ok: true; changed: boolean } | { ok: false; errors: FieldErrors };

const fail = (field: string, key: string, vars?: Record<string, string | number>): CommandResult => ({ ok: false, errors: { [field]: { key, ...(vars ? { vars } : {}) } } });

interface RoleChange {
  actor: Actor;
  userId: string;
  role: Role;
  /** null = every entity (stored as ''). */
  entityCode: string | null;
  requestId?: string;
}

/** The roles of a person as the audit log records them, in a stable order. */
async function auditedRoles(tx: Tx, userId: string): Promise<{ role: string; entity: string | null }[]> {
  const rows = await tx.selectFrom('core_user_roles').select(['role', 'entity_code']).where('user_id', '=', userId).orderBy('role').orderBy('entity_code').execute();
  return rows.map((r) => ({ role: r.role, entity: r.entity_code || null }));
}

/** Locks the person's row so concurrent role and account changes to them apply one after another. */
async function lockPerson(tx: Tx, userId: string) {
  return (await tx.selectFrom('core_users').select(['id', 'disabled_at', 'deleted_at']).where('id', '=', userId).forUpdate().executeTakeFirst()) ?? notFound();
}

/**
 * Grants a role (authorisation is the caller's `authorize(…, 'manage-roles', { role, entityCode })`).
 * Platform administration is never tied to an entity; the entity must exist; deleted accounts get
 * no roles; a role held already is reported rather than granted twice.
 */
export async function grantRole(tx: Tx, change: RoleChange): Promise<CommandResult> {
  const person = await lockPerson(tx, change.userId);
  if (person.deleted_at) return fail('role', 'admin.roles.errors.deleted_account');
  if (change.role === 'platform_admin' && change.entityCode !== null) return fail('entity', 'admin.roles.errors.platform_admin_entity');
  if (change.entityCode !== null) {
    const entity = await tx.selectFrom('core_entities').select('code').where('code', '=', change.entityCode).executeTakeFirst();
    if (!entity) return fail('entity', 'admin.roles.errors.unknown_entity');
  }
  const before = await auditedRoles(tx, change.userId);
  const inserted = await tx
    .insertInto('core_user_roles')
    .values({ user_id: change.userId, role: change.role, entity_code: change.entityCode ?? '' })
    .onConflict((oc) => oc.doNothing())
    .returning('role')
    .executeTakeFirst();
  if (!inserted) return fail('role', 'admin.roles.errors.already_held');
  await recordAudit(tx, {
    actor: change.actor,
    action: 'admin.grant-role',
    resourceType: 'user',
    resourceId: change.userId,
    before: { roles: before },
    after: { roles: await auditedRoles(tx, change.userId), granted: { role: change.role, entity: change.entityCode } },
    requestId: change.requestId,
  });
  return { ok: true, changed: true };
}

/**
 * Revokes a role. Nobody removes their own platform administration (another administrator must),
 * and the last platform administrator keeps the role, so the installation is never left without one.
 */
export async function revokeRole(tx: Tx, change: RoleChange): Promise<CommandResult> {
  await lockPerson(tx, change.userId);
  if (change.role === 'platform_admin') {
    if (change.userId === change.actor.userId) return fail('roles', 'admin.roles.errors.own_platform_admin');
    // FOR UPDATE serialises two administrators revoking each other at the same moment.
    const admins = await tx.selectFrom('core_user_roles').select('user_id').where('role', '=', 'platform_admin').forUpdate().execute();
    if (admins.length <= 1) return fail('roles', 'admin.roles.errors.last_platform_admin');
  }
  const before = await auditedRoles(tx, change.userId);
  const deleted = await tx
    .deleteFrom('core_user_roles')
    .where('user_id', '=', change.userId)
    .where('role', '=', change.role)
    .where('entity_code', '=', change.entityCode ?? '')
    .returning('role')
    .executeTakeFirst();
  if (!deleted) return fail('roles', 'admin.roles.errors.not_held');
  await recordAudit(tx, {
    actor: change.actor,
    action: 'admin.revoke-role',
    resourceType: 'user',
    resourceId: change.userId,
    before: { roles: before },
    after: { roles: await auditedRoles(tx, change.userId), revoked: { role: change.role, entity: change.entityCode } },
    requestId: change.requestId,
  });
  return { ok: true, changed: true };
}

/**
 * Disables or enables an account. A disabled person is signed out everywhere at their next request
 * (loadActor ignores disabled accounts) and their API tokens stop working; enabling restores both.
 * Nobody disables themselves, and deleted accounts stay as they are.
 */
export async function setAccountDisabled(tx: Tx, change: { actor: Actor; userId: string; disabled: boolean; requestId?: string; now?: Date }): Promise<CommandResult> {
  const person = await lockPerson(tx, change.userId);
  if (change.userId === change.actor.userId) return fail('account', 'admin.account.errors.self');
  if (person.deleted_at) return fail('account', 'admin.account.errors.deleted');
  if (Boolean(person.disabled_at) === change.disabled) return { ok: true, changed: false };
  const disabledAt = change.disabled ? (change.now ?? new Date()).toISOString() : null;
  await tx.updateTable('core_users').set({ disabled_at: disabledAt }).where('id', '=', change.userId).execute();
  await recordAudit(tx, {
    actor: change.actor,
    action: change.disabled ? 'admin.disable-user' : 'admin.enable-user',
    resourceType: 'user',
    resourceId: change.userId,
    before: { disabled_at: person.disabled_at?.toISOString() ?? null },
    after: { disabled_at: disabledAt },
    requestId: change.requestId,
  });
  return { ok: true, changed: true };
}
