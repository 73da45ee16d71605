import type { Executor } from '../../core/db/database.ts';

/** What "Mi cuenta" shows about the person: account and declared profile (never the document hash). */
export async function loadAccountSummary(db: Executor, userId: string) {
  const row = await db
    .selectFrom('core_users')
    .leftJoin('core_profiles', 'core_profiles.user_id', 'core_users.id')
    .select([
      'core_users.display_name',
      'core_users.email',
      'core_users.email_confirmed_at',
      'core_users.created_at',
      'core_profiles.document_type',
      'core_profiles.birth_date',
      'core_profiles.localidad_code',
    ])
    .where('core_users.id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    displayName: row.display_name,
    email: row.email,
    emailConfirmed: row.email_confirmed_at !== null,
    createdAt: row.created_at,
    profile: row.document_type && row.birth_date && row.localidad_code ? { documentType: row.document_type, birthDate: row.birth_date, localidadCode: row.localidad_code } : null,
  };
}

export type AccountSummary = Awaited<ReturnType<typeof loadAccountSummary>>;
