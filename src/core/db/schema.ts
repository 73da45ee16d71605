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
