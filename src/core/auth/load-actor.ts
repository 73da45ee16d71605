import { sql, type RawBuilder } from 'kysely';
import type { Db, Executor } from '../db/database.ts';
import { PREPARED_MARK } from '../db/prepared.ts';
import type { Actor, Role, VerificationLevel } from '../permissions/permissions.ts';

/** What one actor query returns (columns of `ACTOR_COLUMNS`). */
interface ActorRow {
  user_id: string | null;
  display_name: string | null;
  disabled_at: unknown;
  deleted_at: unknown;
  declared_birth_date: string | null;
  verified_birth_date: string | null;
  identity_hash: string | null;
  residence_localidad: string | null;
  guardian_consent: boolean | null;
  consent_given: boolean | null;
  roles: { role: string; entity_code: string }[] | string | null;
}

// Everything permissions need about a person, in one statement: user, declared and verified birth
// dates, current identity (its hash: the one-per-person key of votes and supports) and residence,
// guardian consent, latest privacy consent and roles. Expired verifications count as absent.
// Three or four round trips per request used to be the largest cost of every signed-in request.
const ACTOR_COLUMNS = sql`
    u.id AS user_id, u.display_name, u.disabled_at, u.deleted_at,
    p.birth_date AS declared_birth_date, i.birth_date AS verified_birth_date, i.identity_hash,
    r.localidad_code AS residence_localidad,
    EXISTS (SELECT 1 FROM core_guardian_consents g WHERE g.user_id = u.id) AS guardian_consent,
    (SELECT c.revoked_at IS NULL FROM core_consents c WHERE c.user_id = u.id AND c.policy = 'privacy'
      ORDER BY c.granted_at DESC, c.id DESC LIMIT 1) AS consent_given,
    (SELECT json_agg(json_build_object('role', ur.role, 'entity_code', ur.entity_code) ORDER BY ur.role, ur.entity_code)
      FROM core_user_roles ur WHERE ur.user_id = u.id) AS roles`;

const actorJoins = (now: string) => sql`
    LEFT JOIN core_profiles p ON p.user_id = u.id
    LEFT JOIN core_identities i ON i.user_id = u.id AND i.expires_at > ${now}::timestamptz
    LEFT JOIN core_residences r ON r.user_id = u.id AND r.expires_at > ${now}::timestamptz`;

function actorFrom(row: ActorRow | undefined): Actor | null {
  if (!row?.user_id || row.disabled_at || row.deleted_at) return null;
  const roles = typeof row.roles === 'string' ? (JSON.parse(row.roles) as { role: string; entity_code: string }[]) : (row.roles ?? []);
  const level: VerificationLevel = row.identity_hash ? (row.residence_localidad ? 'residence' : 'identity') : 'registered';
  return {
    userId: row.user_id,
    displayName: row.display_name ?? '',
    roles: roles.map((r) => ({ role: r.role as Role, entityCode: r.entity_code || null })),
    level,
    birthDate: row.verified_birth_date ?? row.declared_birth_date ?? null,
    residenceLocalidad: level === 'residence' ? row.residence_localidad : null,
    guardianConsent: Boolean(row.guardian_consent),
    // Only an explicit revocation withdraws consent: accounts created by an admin or through OpenID
    // Connect carry no consent row, and their processing rests on other legal grounds.
    consentGiven: row.consent_given !== false,
    identityHash: row.identity_hash,
    assistedBy: null,
  };
}

/**
 * Loads the signed-in person with their roles and current verification (expired verifications
 * count as absent). Disabled or deleted accounts count as signed out. One statement.
 */
export async function loadActor(db: Executor, userId: string, now = new Date()): Promise<Actor | null> {
  const at = now.toISOString();
  const { rows } = await sql<ActorRow>`${sql.raw(PREPARED_MARK)} SELECT ${ACTOR_COLUMNS} FROM core_users u ${actorJoins(at)} WHERE u.id = ${userId}`.execute(db);
  return actorFrom(rows[0]);
}

export interface SessionActor {
  session: { userId: string | null; data: Record<string, unknown> } | null;
  actor: Actor | null;
  /** The rate-limit counter after this request's hit, when `hit` was given. */
  hits: number | null;
  /** A digest of everything loaded about the session and its person (see `contextUnchangedSql`). */
  fingerprint: string;
}

// The session (expired sessions count as absent) and the person signed in to it.
const sessionContext = (sessionHash: string | null, at: string) => sql`
    SELECT s.id IS NOT NULL AS session_found, s.user_id AS session_user, s.data AS session_data, ${ACTOR_COLUMNS}
    FROM (SELECT 1) AS request
    LEFT JOIN core_sessions s ON s.id = ${sessionHash} AND s.expires_at >= ${at}::timestamptz
    LEFT JOIN core_users u ON u.id = s.user_id
    ${actorJoins(at)}`;

/**
 * A request's session (by the SHA-256 of its cookie; expired sessions count as absent), the person
 * signed in to it, and optionally this request's rate-limit hit (`hit`: an upsert returning
 * `hits`), all in one statement: one round trip for the whole request context.
 */
export async function loadSessionActor(db: Db, sessionHash: string | null, now: Date, hit: RawBuilder<unknown> | null): Promise<SessionActor> {
  const at = now.toISOString();
  const { rows } = await sql<ActorRow & { session_user: string | null; session_data: unknown; session_found: boolean; hits: number | null; fingerprint: string }>`
    ${sql.raw(PREPARED_MARK)} WITH hit AS (${hit ?? sql`SELECT NULL::integer AS hits`})
    SELECT context.*, md5(context::text) AS fingerprint, (SELECT hits FROM hit) AS hits
    FROM (${sessionContext(sessionHash, at)}) AS context`.execute(db);
  const row = rows[0]!;
  const data = typeof row.session_data === 'string' ? (JSON.parse(row.session_data) as Record<string, unknown>) : ((row.session_data ?? {}) as Record<string, unknown>);
  return {
    session: row.session_found ? { userId: row.session_user, data } : null,
    actor: row.session_found ? actorFrom(row) : null,
    hits: row.hits === null ? null : Number(row.hits),
    fingerprint: row.fingerprint,
  };
}

/**
 * True while the session and its person read exactly as when `fingerprint` was taken (by
 * `loadSessionActor`): same session data, same person, roles, verification, residence and
 * consents, none expired or revoked. A write that rides on a remembered request context puts this
 * in its own statement, so it can never act on a context that changed in the meantime.
 */
export const contextUnchangedSql = (sessionHash: string, fingerprint: string, now: Date) => sql<boolean>`
    coalesce((SELECT md5(context::text) FROM (${sessionContext(sessionHash, now.toISOString())}) AS context) = ${fingerprint}, false)`;
