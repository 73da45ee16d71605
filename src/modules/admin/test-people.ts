import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../core/db/database.ts';
import type { Role, VerificationLevel } from '../../core/permissions/permissions.ts';

/** Test helper: a person as the tests need them (not used by the app). */
export interface PersonSpec {
  name: string;
  email?: string;
  level?: VerificationLevel;
  birthDate?: string;
  guardianConsent?: boolean;
  roles?: { role: Role; entityCode?: string | null }[];
  disabled?: boolean;
}

const hash = () => randomBytes(32).toString('hex');

/**
 * Inserts a person with a profile, optionally verified (identity, residence in Fontibón), with
 * guardian consent and roles. Returns their id and e-mail.
 */
export async function createPerson(db: Db, spec: PersonSpec): Promise<{ id: string; email: string }> {
  const email = (spec.email ?? `${spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${randomUUID().slice(0, 8)}@example.co`).toLowerCase();
  const birthDate = spec.birthDate ?? '1990-05-20';
  const { id } = await db
    .insertInto('core_users')
    .values({ email, display_name: spec.name, password_hash: null, disabled_at: spec.disabled ? new Date().toISOString() : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('core_profiles').values({ user_id: id, document_type: 'CC', document_hash: hash(), birth_date: birthDate, localidad_code: '09' }).execute();
  const level = spec.level ?? 'registered';
  if (level !== 'registered') {
    const expires = new Date(Date.now() + 365 * 86400_000).toISOString();
    await db.insertInto('core_identities').values({ identity_hash: hash(), user_id: id, provider: 'registry', birth_date: birthDate, expires_at: expires }).execute();
    if (level === 'residence') await db.insertInto('core_residences').values({ user_id: id, localidad_code: '09', provider: 'registry', expires_at: expires }).execute();
  }
  if (spec.guardianConsent) await db.insertInto('core_guardian_consents').values({ user_id: id, guardian_document_hash: hash(), relation: 'mother' }).execute();
  for (const r of spec.roles ?? []) await db.insertInto('core_user_roles').values({ user_id: id, role: r.role, entity_code: r.entityCode ?? '' }).execute();
  return { id, email };
}
