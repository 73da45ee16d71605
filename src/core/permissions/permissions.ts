import { bogotaDay } from '../i18n/i18n.ts';

/** Roles a person can hold; some are scoped to a district entity. */
export const ROLES = ['desk_clerk', 'moderator', 'valuator', 'entity_official', 'entity_admin', 'platform_admin'] as const;
export type Role = (typeof ROLES)[number];

/** How far a person has proven who they are; each level includes the previous ones. */
export const VERIFICATION_LEVELS = ['registered', 'identity', 'residence'] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];

/** Who is acting. `null` stands for an anonymous visitor. */
export interface Actor {
  userId: string;
  displayName: string;
  roles: { role: Role; entityCode: string | null }[];
  /** Current (non-expired) verification level. */
  level?: VerificationLevel;
  /** Birth date (YYYY-MM-DD) from the verified identity, else the one declared at registration. */
  birthDate?: string | null;
  /**
   * Keyed hash of the current (non-expired) verified identity: what "one per person" rests on
   * (ballots, supports). Never shown; loaded with the actor so hot paths need no extra query.
   */
  identityHash?: string | null;
  /** Localidad of verified residence, if any. */
  residenceLocalidad?: string | null;
  guardianConsent?: boolean;
  /** False when the person revoked their consent to the processing of their personal data. */
  consentGiven?: boolean;
  /** Set while a desk clerk acts for this citizen (assisted participation). */
  assistedBy?: { clerkId: string; sessionId: string } | null;
}

/** What an action requires of the person; defaults come from manifests, admins may change them. */
export interface ActionRequirement {
  minLevel: 'anyone' | VerificationLevel;
  /** Minimum age in whole years; 14 for participation in Bogotá. Under 18 also needs guardian consent. */
  minAge: number | null;
}

export const NO_REQUIREMENT: ActionRequirement = Object.freeze({ minLevel: 'anyone', minAge: null });

/** Whole years between a YYYY-MM-DD birth date and the Bogotá calendar day of `now`. */
export function ageOn(birthDate: string, now: Date): number {
  const today = bogotaDay(now);
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * Checks a requirement, in the order a person can fix things: sign in, verify identity, age and
 * guardian consent, verify residence, and (when the resource belongs to a localidad) live there.
 */
export function meetsRequirement(actor: Actor | null, requirement: ActionRequirement, now: Date, localidadCode?: string | null): Decision {
  if (requirement.minLevel === 'anyone' && requirement.minAge === null) return ALLOW;
  if (!actor) return deny('not_signed_in');
  // Participation processes personal data (Ley 1581): without consent only account management remains.
  const participates = requirement.minLevel === 'identity' || requirement.minLevel === 'residence' || requirement.minAge !== null;
  if (participates && actor.consentGiven === false) return deny('consent_missing');
  const level = VERIFICATION_LEVELS.indexOf(actor.level ?? 'registered');
  if (requirement.minLevel !== 'anyone' && requirement.minLevel !== 'registered' && level < VERIFICATION_LEVELS.indexOf('identity')) return deny('not_verified');
  if (requirement.minAge !== null) {
    if (!actor.birthDate) return deny('not_verified');
    const age = ageOn(actor.birthDate, now);
    if (age < requirement.minAge) return deny('under_age');
    if (age < 18 && !actor.guardianConsent) return deny('guardian_consent_missing');
  }
  if (requirement.minLevel === 'residence') {
    if (level < VERIFICATION_LEVELS.indexOf('residence') || !actor.residenceLocalidad) return deny('not_resident');
    if (localidadCode && actor.residenceLocalidad !== localidadCode) return deny('wrong_localidad');
  }
  return ALLOW;
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
  | 'consent_missing'
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
