import type { Executor } from '../../core/db/database.ts';
import type { VerificationLevel } from '../../core/permissions/permissions.ts';
import { findLocalidadByCode } from '../../core/geo/localidad-names.ts';

export type Provider = 'registry' | 'oidc' | 'desk';

export interface IdentityStatus {
  provider: Provider;
  birthDate: string;
  verifiedAt: Date;
  expiresAt: Date;
  expired: boolean;
  /** Verified by someone else (a desk clerk). */
  verifiedBy: string | null;
}

export interface ResidenceStatus {
  localidadCode: string;
  localidadName: string;
  provider: Provider;
  verifiedAt: Date;
  expiresAt: Date;
  expired: boolean;
}

export interface AssistedSessionRow {
  id: string;
  clerkId: string;
  clerkName: string;
  reason: string;
  startedAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  /** Neither ended nor past its limit. */
  active: boolean;
}

export interface VerificationStatus {
  /** The latest identity verification, expired or not. */
  identity: IdentityStatus | null;
  residence: ResidenceStatus | null;
  /** Birth date from the identity (even expired), else the one declared at registration. */
  birthDate: string | null;
  guardianConsent: { relation: 'mother' | 'father' | 'legal_guardian' | 'other_relative'; recordedAt: Date } | null;
  assistedSessions: AssistedSessionRow[];
}

/** Everything the verification page and the desk show about one person, expired verifications included. */
export async function loadVerificationStatus(db: Executor, userId: string, now = new Date()): Promise<VerificationStatus> {
  const [identity, residence, profile, consent, sessions] = await Promise.all([
    db.selectFrom('core_identities').select(['provider', 'birth_date', 'verified_at', 'expires_at', 'verified_by']).where('user_id', '=', userId).executeTakeFirst(),
    db.selectFrom('core_residences').select(['localidad_code', 'provider', 'verified_at', 'expires_at']).where('user_id', '=', userId).executeTakeFirst(),
    db.selectFrom('core_profiles').select('birth_date').where('user_id', '=', userId).executeTakeFirst(),
    db.selectFrom('core_guardian_consents').select(['relation', 'recorded_at']).where('user_id', '=', userId).executeTakeFirst(),
    listAssistedSessions(db, userId, now),
  ]);
  return {
    identity: identity
      ? {
          provider: identity.provider,
          birthDate: identity.birth_date,
          verifiedAt: identity.verified_at,
          expiresAt: identity.expires_at,
          expired: identity.expires_at.getTime() <= now.getTime(),
          verifiedBy: identity.verified_by,
        }
      : null,
    residence: residence
      ? {
          localidadCode: residence.localidad_code,
          localidadName: findLocalidadByCode(residence.localidad_code)?.name ?? residence.localidad_code,
          provider: residence.provider,
          verifiedAt: residence.verified_at,
          // A residence lapses with the identity behind it.
          expiresAt: identity && identity.expires_at.getTime() < residence.expires_at.getTime() ? identity.expires_at : residence.expires_at,
          expired: residence.expires_at.getTime() <= now.getTime() || !identity || identity.expires_at.getTime() <= now.getTime(),
        }
      : null,
    birthDate: identity?.birth_date ?? profile?.birth_date ?? null,
    guardianConsent: consent ? { relation: consent.relation, recordedAt: consent.recorded_at } : null,
    assistedSessions: sessions,
  };
}

/** The level permissions see: expired verifications count as absent (as in loadActor). */
export function currentLevel(status: VerificationStatus): VerificationLevel {
  if (!status.identity || status.identity.expired) return 'registered';
  return status.residence && !status.residence.expired ? 'residence' : 'identity';
}

/** A person's assisted-participation sessions, newest first (the latest 50). */
export async function listAssistedSessions(db: Executor, citizenId: string, now = new Date()): Promise<AssistedSessionRow[]> {
  const rows = await db
    .selectFrom('core_assisted_sessions')
    .innerJoin('core_users as clerk', 'clerk.id', 'core_assisted_sessions.clerk_id')
    .select([
      'core_assisted_sessions.id',
      'core_assisted_sessions.clerk_id',
      'clerk.display_name as clerk_name',
      'core_assisted_sessions.reason',
      'core_assisted_sessions.started_at',
      'core_assisted_sessions.expires_at',
      'core_assisted_sessions.ended_at',
    ])
    .where('core_assisted_sessions.citizen_id', '=', citizenId)
    .orderBy('core_assisted_sessions.started_at', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    clerkId: r.clerk_id,
    clerkName: r.clerk_name,
    reason: r.reason,
    startedAt: r.started_at,
    expiresAt: r.expires_at,
    endedAt: r.ended_at,
    active: !r.ended_at && r.expires_at.getTime() > now.getTime(),
  }));
}

export interface DeskPerson {
  id: string;
  email: string;
  displayName: string;
  createdAt: Date;
  disabled: boolean;
  /** Birth date declared at registration (before any verification). */
  declaredBirthDate: string | null;
}

/** Finds an account by e-mail (stored in lower case), deleted accounts excluded. */
export async function findPersonByEmail(db: Executor, email: string): Promise<DeskPerson | null> {
  const row = await personQuery(db).where('core_users.email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ? toPerson(row) : null;
}

export async function findPersonById(db: Executor, userId: string): Promise<DeskPerson | null> {
  const row = await personQuery(db).where('core_users.id', '=', userId).executeTakeFirst();
  return row ? toPerson(row) : null;
}

function personQuery(db: Executor) {
  return db
    .selectFrom('core_users')
    .leftJoin('core_profiles', 'core_profiles.user_id', 'core_users.id')
    .select(['core_users.id', 'core_users.email', 'core_users.display_name', 'core_users.created_at', 'core_users.disabled_at', 'core_profiles.birth_date'])
    .where('core_users.deleted_at', 'is', null);
}

function toPerson(row: { id: string; email: string; display_name: string; created_at: Date; disabled_at: Date | null; birth_date: string | null }): DeskPerson {
  return { id: row.id, email: row.email, displayName: row.display_name, createdAt: row.created_at, disabled: Boolean(row.disabled_at), declaredBirthDate: row.birth_date };
}
