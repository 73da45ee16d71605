import type { ColumnType, Generated } from 'kysely';

/**
 * The typed database schema. Core tables are declared here; each module adds its own tables by
 * augmenting this interface (`declare module '…/core/db/schema.ts' { interface Database { … } }`).
 */
export interface Database {
  core_localidades: {
    code: string;
    number: number;
    name: string;
    search_name: string;
    administrative_act: string;
    area_m2: string;
    has_rural_area: boolean;
  };
  core_sectors: {
    code: string;
    number: number;
    name: string;
    name_en: string;
  };
  core_entities: {
    code: string;
    acronym: string;
    name: string;
    sector_code: string | null;
    kind: 'head' | 'attached' | 'linked' | 'local_mayoralty' | 'control_body';
    localidad_code: string | null;
    website: string | null;
  };
  core_users: {
    id: Generated<string>;
    email: string;
    display_name: string;
    password_hash: string | null;
    locale: ColumnType<'es' | 'en', 'es' | 'en' | undefined, 'es' | 'en'>;
    created_at: ColumnType<Date, string | undefined, never>;
    disabled_at: ColumnType<Date | null, string | null | undefined, string | null>;
    email_confirmed_at: ColumnType<Date | null, string | null | undefined, string | null>;
    deleted_at: ColumnType<Date | null, string | null | undefined, string | null>;
  };
  core_profiles: {
    user_id: string;
    document_type: 'CC' | 'TI' | 'CE' | 'PPT' | 'PA';
    document_hash: string;
    birth_date: string;
    localidad_code: string;
    gender: string | null;
    ethnic_group: string | null;
    disability: string | null;
    conflict_victim: string | null;
    updated_at: ColumnType<Date, string | undefined, string>;
  };
  core_consents: {
    id: Generated<string>;
    user_id: string;
    policy: 'privacy' | 'terms';
    policy_version: string;
    granted_at: ColumnType<Date, string | undefined, never>;
    revoked_at: ColumnType<Date | null, string | null | undefined, string | null>;
  };
  core_user_tokens: {
    token_hash: string;
    user_id: string;
    purpose: 'confirm_email' | 'reset_password' | 'change_email';
    payload: ColumnType<Record<string, unknown>, string | undefined, string>;
    created_at: ColumnType<Date, string | undefined, never>;
    expires_at: ColumnType<Date, string, string>;
    used_at: ColumnType<Date | null, string | null | undefined, string | null>;
  };
  core_identities: {
    identity_hash: string;
    user_id: string;
    provider: 'registry' | 'oidc' | 'desk';
    birth_date: string;
    verified_at: ColumnType<Date, string | undefined, string>;
    expires_at: ColumnType<Date, string, string>;
    verified_by: string | null;
  };
  core_residences: {
    user_id: string;
    localidad_code: string;
    provider: 'registry' | 'oidc' | 'desk';
    verified_at: ColumnType<Date, string | undefined, string>;
    expires_at: ColumnType<Date, string, string>;
    verified_by: string | null;
  };
  core_registry_records: {
    identity_hash: string;
    birth_date: string;
    localidad_code: string | null;
    batch_id: string;
    imported_at: ColumnType<Date, string | undefined, string>;
  };
  core_guardian_consents: {
    user_id: string;
    guardian_document_hash: string;
    relation: 'mother' | 'father' | 'legal_guardian' | 'other_relative';
    recorded_at: ColumnType<Date, string | undefined, string>;
    recorded_by: string | null;
  };
  core_api_tokens: {
    id: Generated<string>;
    user_id: string;
    name: string;
    token_hash: string;
    scopes: string[];
    created_at: ColumnType<Date, string | undefined, never>;
    last_used_at: ColumnType<Date | null, string | null | undefined, string | null>;
    expires_at: ColumnType<Date | null, string | null | undefined, string | null>;
    revoked_at: ColumnType<Date | null, string | null | undefined, string | null>;
  };
  core_assisted_sessions: {
    id: Generated<string>;
    clerk_id: string;
    citizen_id: string;
    reason: string;
    started_at: ColumnType<Date, string | undefined, never>;
    expires_at: ColumnType<Date, string, string>;
    ended_at: ColumnType<Date | null, string | null | undefined, string | null>;
  };
  core_action_requirements: {
    module: string;
    action: string;
    min_level: 'anyone' | 'registered' | 'identity' | 'residence';
    min_age: number | null;
    updated_at: ColumnType<Date, string | undefined, string>;
    updated_by: string | null;
  };
  core_user_roles: {
    user_id: string;
    role: 'desk_clerk' | 'moderator' | 'valuator' | 'entity_official' | 'entity_admin' | 'platform_admin';
    entity_code: ColumnType<string, string | undefined, string>;
    granted_at: ColumnType<Date, string | undefined, never>;
  };
  core_sessions: {
    id: string;
    user_id: string | null;
    data: ColumnType<Record<string, unknown>, string, string>;
    created_at: ColumnType<Date, string | undefined, never>;
    last_seen_at: ColumnType<Date, string | undefined, string>;
    expires_at: ColumnType<Date, string, string>;
    user_agent: string | null;
    ip_hash: string | null;
  };
  core_rate_limits: {
    bucket: string;
    window_start: ColumnType<Date, string, string>;
    hits: number;
  };
  core_audit_log: {
    id: Generated<string>;
    occurred_at: ColumnType<Date, string | undefined, never>;
    actor_id: string | null;
    actor_label: string;
    action: string;
    resource_type: string;
    resource_id: string | null;
    before: ColumnType<unknown, string | null, never>;
    after: ColumnType<unknown, string | null, never>;
    request_id: string | null;
  };
  core_events: {
    id: Generated<string>;
    occurred_at: ColumnType<Date, string | undefined, never>;
    type: string;
    payload: ColumnType<unknown, string, never>;
  };
  core_jobs: {
    id: Generated<string>;
    name: string;
    payload: ColumnType<unknown, string, string>;
    status: 'queued' | 'running' | 'done' | 'failed';
    attempts: ColumnType<number, number | undefined, number>;
    max_attempts: ColumnType<number, number | undefined, number>;
    run_at: ColumnType<Date, string | undefined, string>;
    locked_until: ColumnType<Date | null, string | null | undefined, string | null>;
    last_error: string | null;
    created_at: ColumnType<Date, string | undefined, never>;
    finished_at: ColumnType<Date | null, string | null | undefined, string | null>;
  };
  core_files: {
    id: Generated<string>;
    sha256: string;
    size_bytes: ColumnType<string, number, never>;
    media_type: string;
    original_name: string;
    created_at: ColumnType<Date, string | undefined, never>;
    created_by: string | null;
  };
  core_notifications: {
    id: Generated<string>;
    user_id: string;
    message_key: string;
    vars: ColumnType<Record<string, string | number>, string | undefined, string>;
    url: string;
    created_at: ColumnType<Date, string | undefined, never>;
    read_at: ColumnType<Date | null, string | null | undefined, string | null>;
  };
  core_settings: {
    key: string;
    value: ColumnType<unknown, string, string>;
    updated_at: ColumnType<Date, string | undefined, string>;
  };
  core_search_documents: {
    module: string;
    ref: string;
    locale: string;
    title: string;
    body: string;
    url: string;
    localidad_code: string | null;
    updated_at: ColumnType<Date, string | undefined, string>;
  };
}
