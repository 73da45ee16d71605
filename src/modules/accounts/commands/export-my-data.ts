import type { Executor } from '../../../core/db/database.ts';
import { LOCALIDADES } from '../../../core/geo/localidades.data.ts';
import type { AnyModule } from '../../../core/modules/module.ts';
import { listOwnSessions } from './revoke-session.ts';

const localidadName = (code: string | null | undefined) => (code ? (LOCALIDADES.find((l) => l.code === code)?.name ?? null) : null);
const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

/**
 * Everything GAB keeps about a person, for the right to know one's data (art. 8 Ley 1581): account,
 * profile, consents, sessions, verification, roles, API tokens and the audit entries about the
 * account or made by it, and what each module keeps about the person's contributions (causes,
 * comments, petitions, appointments, …: the manifests' `personalData`). The document number is not included because it is not stored: only a
 * keyed hash is, which cannot be turned back into the number (and is useless outside GAB, so it
 * is left out too).
 */
export async function exportMyData(db: Executor, userId: string, currentSessionHash: string | null, now = new Date(), modules: readonly AnyModule[] = []) {
  const user = await db
    .selectFrom('core_users')
    .select(['id', 'email', 'display_name', 'locale', 'created_at', 'email_confirmed_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const profile = await db.selectFrom('core_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
  const consents = await db.selectFrom('core_consents').selectAll().where('user_id', '=', userId).orderBy('granted_at').execute();
  const sessions = await listOwnSessions(db, userId, currentSessionHash, now);
  const identity = await db.selectFrom('core_identities').select(['provider', 'birth_date', 'verified_at', 'expires_at']).where('user_id', '=', userId).executeTakeFirst();
  const residence = await db.selectFrom('core_residences').select(['localidad_code', 'provider', 'verified_at', 'expires_at']).where('user_id', '=', userId).executeTakeFirst();
  const guardian = await db.selectFrom('core_guardian_consents').select(['relation', 'recorded_at']).where('user_id', '=', userId).executeTakeFirst();
  const roles = await db.selectFrom('core_user_roles').select(['role', 'entity_code', 'granted_at']).where('user_id', '=', userId).execute();
  const apiTokens = await db
    .selectFrom('core_api_tokens')
    .select(['name', 'scopes', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .execute();
  const aboutMe = await db
    .selectFrom('core_audit_log')
    .select(['occurred_at', 'action', 'actor_id', 'actor_label', 'after'])
    .where('resource_type', '=', 'user')
    .where('resource_id', '=', userId)
    .orderBy('id')
    .execute();
  const byMe = await db
    .selectFrom('core_audit_log')
    .select(['occurred_at', 'action', 'resource_type', 'resource_id'])
    .where('actor_id', '=', userId)
    .where((eb) => eb.or([eb('resource_type', '<>', 'user'), eb('resource_id', '<>', userId), eb('resource_id', 'is', null)]))
    .orderBy('id')
    .execute();
  const contributions: Record<string, Record<string, unknown>> = {};
  for (const module of modules) if (module.personalData) contributions[module.name] = await module.personalData(db, userId);
  const identityValid = Boolean(identity && identity.expires_at > now);
  const residenceValid = Boolean(identityValid && residence && residence.expires_at > now);

  return {
    format: 'gab-personal-data/1',
    exportedAt: now.toISOString(),
    account: {
      id: user.id,
      email: user.email,
      emailConfirmedAt: iso(user.email_confirmed_at),
      displayName: user.display_name,
      language: user.locale,
      createdAt: iso(user.created_at),
    },
    profile: profile
      ? {
          documentType: profile.document_type,
          documentNumber: 'stored only as a keyed hash (HMAC-SHA256); the number itself is not kept and cannot be recovered',
          birthDate: profile.birth_date,
          localidad: { code: profile.localidad_code, name: localidadName(profile.localidad_code) },
          gender: profile.gender,
          ethnicGroup: profile.ethnic_group,
          disability: profile.disability,
          armedConflictVictim: profile.conflict_victim,
          updatedAt: iso(profile.updated_at),
        }
      : null,
    consents: consents.map((c) => ({ policy: c.policy, policyVersion: c.policy_version, grantedAt: iso(c.granted_at), revokedAt: iso(c.revoked_at) })),
    verification: {
      level: residenceValid ? 'residence' : identityValid ? 'identity' : 'registered',
      identity: identity ? { provider: identity.provider, birthDate: identity.birth_date, verifiedAt: iso(identity.verified_at), expiresAt: iso(identity.expires_at) } : null,
      residence: residence
        ? { localidad: { code: residence.localidad_code, name: localidadName(residence.localidad_code) }, provider: residence.provider, verifiedAt: iso(residence.verified_at), expiresAt: iso(residence.expires_at) }
        : null,
      guardianConsent: guardian ? { relation: guardian.relation, recordedAt: iso(guardian.recorded_at) } : null,
    },
    sessions: sessions.map((s) => ({ createdAt: iso(s.createdAt), lastSeenAt: iso(s.lastSeenAt), expiresAt: iso(s.expiresAt), userAgent: s.userAgent, current: s.current })),
    roles: roles.map((r) => ({ role: r.role, entity: r.entity_code || null, grantedAt: iso(r.granted_at) })),
    apiTokens: apiTokens.map((t) => ({ name: t.name, scopes: t.scopes, createdAt: iso(t.created_at), lastUsedAt: iso(t.last_used_at), expiresAt: iso(t.expires_at), revokedAt: iso(t.revoked_at) })),
    audit: {
      aboutMyAccount: aboutMe.map((a) => ({ at: iso(a.occurred_at), action: a.action, by: a.actor_id === userId ? 'me' : a.actor_label, details: a.after ?? null })),
      doneByMe: byMe.map((a) => ({ at: iso(a.occurred_at), action: a.action, resourceType: a.resource_type, resourceId: a.resource_id })),
    },
    contributions,
  };
}

export type MyDataExport = Awaited<ReturnType<typeof exportMyData>>;
