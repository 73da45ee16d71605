import type { Db } from '../db/database.ts';
import type { Actor, Role, VerificationLevel } from '../permissions/permissions.ts';

/**
 * Loads the signed-in person with their roles and current verification (expired verifications
 * count as absent). Disabled or deleted accounts count as signed out.
 */
export async function loadActor(db: Db, userId: string, now = new Date()): Promise<Actor | null> {
  const user = await db
    .selectFrom('core_users')
    .leftJoin('core_profiles', 'core_profiles.user_id', 'core_users.id')
    .leftJoin('core_identities', (join) => join.onRef('core_identities.user_id', '=', 'core_users.id').on('core_identities.expires_at', '>', now.toISOString() as never))
    .leftJoin('core_residences', (join) => join.onRef('core_residences.user_id', '=', 'core_users.id').on('core_residences.expires_at', '>', now.toISOString() as never))
    .leftJoin('core_guardian_consents', 'core_guardian_consents.user_id', 'core_users.id')
    .select([
      'core_users.id',
      'core_users.display_name',
      'core_users.disabled_at',
      'core_users.deleted_at',
      'core_profiles.birth_date as declared_birth_date',
      'core_identities.birth_date as verified_birth_date',
      'core_identities.user_id as identity_user',
      'core_residences.localidad_code as residence_localidad',
      'core_guardian_consents.user_id as guardian_user',
    ])
    .where('core_users.id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled_at || user.deleted_at) return null;
  // Only an explicit revocation withdraws consent: accounts created by an admin or through OpenID
  // Connect carry no consent row, and their processing rests on other legal grounds.
  const latestConsent = await db
    .selectFrom('core_consents')
    .select('revoked_at')
    .where('user_id', '=', userId)
    .where('policy', '=', 'privacy')
    .orderBy('granted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const roles = await db.selectFrom('core_user_roles').select(['role', 'entity_code']).where('user_id', '=', userId).execute();
  const level: VerificationLevel = user.identity_user ? (user.residence_localidad ? 'residence' : 'identity') : 'registered';
  return {
    userId: user.id,
    displayName: user.display_name,
    roles: roles.map((r) => ({ role: r.role as Role, entityCode: r.entity_code || null })),
    level,
    birthDate: user.verified_birth_date ?? user.declared_birth_date ?? null,
    residenceLocalidad: level === 'residence' ? user.residence_localidad : null,
    guardianConsent: Boolean(user.guardian_user),
    consentGiven: !latestConsent || latestConsent.revoked_at === null,
    assistedBy: null,
  };
}
