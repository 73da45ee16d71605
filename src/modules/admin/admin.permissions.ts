import { ALLOW, deny, requireRole, type Actor, type PermissionRule, type Role } from '../../core/permissions/permissions.ts';

/**
 * Roles an entity administrator may grant and revoke, for their own entity only. Platform-wide
 * roles (entity_admin, platform_admin) and unscoped grants are for platform administrators.
 */
export const ENTITY_SCOPED_ROLES = ['entity_official', 'valuator', 'moderator', 'desk_clerk'] as const satisfies readonly Role[];

/** The resource of `manage-roles`: one role, for one entity (null = every entity). */
export interface RoleGrant {
  role: Role;
  entityCode: string | null;
}

const isPlatformAdmin = (actor: Actor) => actor.roles.some((r) => r.role === 'platform_admin');

/** Entities an actor administers: `null` when they administer every entity (unscoped role or platform admin). */
export function administeredEntities(actor: Actor | null): string[] | null {
  if (!actor) return [];
  if (isPlatformAdmin(actor) || actor.roles.some((r) => r.role === 'entity_admin' && r.entityCode === null)) return null;
  return actor.roles.filter((r) => r.role === 'entity_admin' && r.entityCode).map((r) => r.entityCode!);
}

/** Any staff role opens the back office (each page then checks its own action). */
const anyStaffRole: PermissionRule = ({ actor }) => {
  if (!actor) return deny('not_signed_in');
  return actor.roles.length > 0 ? ALLOW : deny('missing_role');
};

const entityAdminOfResource = requireRole<RoleGrant>('entity_admin', (grant) => grant.entityCode);

/**
 * Platform administrators grant and revoke any role anywhere. Entity administrators may open role
 * management (no resource) and grant or revoke the entity-scoped roles for the entities they
 * administer; a platform-wide role is `missing_role`, another entity (or every entity) is
 * `wrong_entity`.
 */
const manageRoles: PermissionRule<RoleGrant | undefined> = ({ actor, resource, now }) => {
  if (!actor) return deny('not_signed_in');
  if (isPlatformAdmin(actor)) return ALLOW;
  const isEntityAdmin = actor.roles.some((r) => r.role === 'entity_admin');
  if (!resource) return isEntityAdmin ? ALLOW : deny('missing_role');
  if (!isEntityAdmin || !(ENTITY_SCOPED_ROLES as readonly Role[]).includes(resource.role)) return deny('missing_role');
  if (resource.entityCode === null) return administeredEntities(actor) === null ? ALLOW : deny('wrong_entity');
  return entityAdminOfResource({ actor, resource, now });
};

/** One rule per action of the admin module (see admin.manifest.ts). */
export const adminPermissions = {
  'view-back-office': anyStaffRole,
  // Disabling and enabling accounts, and the whole directory of people.
  'manage-users': requireRole('platform_admin'),
  'manage-roles': manageRoles,
  'manage-settings': requireRole('platform_admin'),
  // requireRole lets platform admins through as well.
  'view-audit-log': requireRole('entity_admin'),
} satisfies Record<string, PermissionRule>;

