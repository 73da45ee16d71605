/** Roles a person can hold; some are scoped to a district entity. */
export const ROLES = ['desk_clerk', 'moderator', 'valuator', 'entity_official', 'entity_admin', 'platform_admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting. `null` stands for an anonymous visitor. */
export interface Actor {
  userId: string;
  displayName: string;
  roles: { role: Role; entityCode: string | null }[];
}

/**
 * Why an action is denied. Pages turn the reason into the next step ("Verifica tu identidad para
 * votar"); the API returns it as `error.reason`.
 */
export type DenialReason =
  | 'not_signed_in'
  | 'not_verified'
  | 'not_resident'
  | 'under_age'
  | 'guardian_consent_missing'
  | 'wrong_localidad'
  | 'phase_closed'
  | 'already_done'
  | 'not_author'
  | 'missing_role'
  | 'wrong_entity'
  | 'account_disabled'
  | 'hidden';

export type Decision = { allowed: true } | { allowed: false; reason: DenialReason };

export const ALLOW: Decision = Object.freeze({ allowed: true });
export const deny = (reason: DenialReason): Decision => ({ allowed: false, reason });

/** What a rule sees: the actor, the resource (if any) and the time of the request. */
export interface PermissionContext<R = unknown> {
  actor: Actor | null;
  resource: R;
  now: Date;
}

export type PermissionRule<R = any> = (context: PermissionContext<R>) => Decision;

/** Runs rules in order; the first denial wins. */
export function allOf<R>(...rules: PermissionRule<R>[]): PermissionRule<R> {
  return (context) => {
    for (const rule of rules) {
      const decision = rule(context);
      if (!decision.allowed) return decision;
    }
    return ALLOW;
  };
}

export const everyone: PermissionRule = () => ALLOW;
export const signedIn: PermissionRule = ({ actor }) => (actor ? ALLOW : deny('not_signed_in'));

export function hasRole(actor: Actor | null, role: Role, entityCode?: string | null): boolean {
  if (!actor) return false;
  return actor.roles.some(
    (r) => r.role === 'platform_admin' || (r.role === role && (entityCode == null || r.entityCode == null || r.entityCode === entityCode)),
  );
}

/** Allows holders of `role` (platform admins always); entity-scoped when the resource names one. */
export function requireRole<R>(role: Role, entityOf?: (resource: R) => string | null): PermissionRule<R> {
  return ({ actor, resource }) => {
    if (!actor) return deny('not_signed_in');
    const entity = entityOf ? entityOf(resource) : null;
    if (hasRole(actor, role, entity)) return ALLOW;
    if (entity != null && hasRole(actor, role)) return deny('wrong_entity');
    return deny('missing_role');
  };
}
