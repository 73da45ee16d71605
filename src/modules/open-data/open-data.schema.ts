import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, string | Date | undefined, string | Date>;
type NullableTimestamp = ColumnType<Date | null, string | Date | null | undefined, string | Date | null>;
/** `date` columns stay 'YYYY-MM-DD' (see core/db/database.ts). */
type NullableDay = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;
/** bigint columns come back as strings from pg. */
type NullableBigint = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export const REQUEST_STATUSES = ['open', 'planned', 'published', 'declined'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REUSE_KINDS = ['app', 'story', 'visualisation', 'research', 'other'] as const;
export type ReuseKind = (typeof REUSE_KINDS)[number];

declare module '../../core/db/schema.ts' {
  interface Database {
    open_data_groups: { id: Generated<string>; name: string; title: string; description: Generated<string>; eu_theme: string; created_at: Timestamp };
    open_data_datasets: {
      id: Generated<string>;
      name: string;
      title: string;
      notes: string;
      entity_code: string;
      group_id: string;
      license_id: string;
      frequency: string;
      localidades: ColumnType<string[], string[] | undefined, string[]>;
      temporal_start: NullableDay;
      temporal_end: NullableDay;
      contact_name: string;
      contact_email: string;
      extras: Json<Record<string, string>>;
      private: ColumnType<boolean, boolean | undefined, boolean>;
      state: ColumnType<'active' | 'deleted', 'active' | 'deleted' | undefined, 'active' | 'deleted'>;
      version: ColumnType<number, number | undefined, number>;
      source_export: string | null;
      created_by: string | null;
      created_at: Timestamp;
      modified_at: Timestamp;
    };
    open_data_tags: { id: Generated<string>; name: string };
    open_data_dataset_tags: { dataset_id: string; tag_id: string };
    open_data_resources: {
      id: Generated<string>;
      dataset_id: string;
      position: number;
      name: string;
      description: Generated<string>;
      format: string;
      mimetype: string | null;
      url: string | null;
      file_id: string | null;
      size: NullableBigint;
      datastore_active: ColumnType<boolean, boolean | undefined, boolean>;
      state: ColumnType<'active' | 'deleted', 'active' | 'deleted' | undefined, 'active' | 'deleted'>;
      created_at: Timestamp;
      modified_at: Timestamp;
    };
    open_data_dataset_versions: { dataset_id: string; version: number; snapshot: Json<unknown>; actor_id: string | null; created_at: Timestamp };
    open_data_requests: {
      id: Generated<string>;
      title: string;
      description: string;
      entity_code: string | null;
      author_id: string | null;
      status: ColumnType<RequestStatus, RequestStatus | undefined, RequestStatus>;
      answer: string | null;
      answered_by: string | null;
      answered_at: NullableTimestamp;
      dataset_id: string | null;
      vote_count: ColumnType<number, number | undefined, number>;
      created_at: Timestamp;
      purpose: Generated<string>;
      localidad_code: string | null;
    };
    open_data_request_votes: { request_id: string; user_id: string; created_at: Timestamp };
    open_data_reuses: {
      id: Generated<string>;
      title: string;
      description: string;
      kind: ReuseKind;
      url: string;
      author_id: string | null;
      hidden: ColumnType<boolean, boolean | undefined, boolean>;
      created_at: Timestamp;
      image_file_id: string | null;
      hidden_reason: string | null;
      hidden_at: NullableTimestamp;
      hidden_by: string | null;
    };
    open_data_reuse_datasets: { reuse_id: string; dataset_id: string };
    open_data_comments: {
      id: Generated<string>;
      dataset_id: string;
      author_id: string | null;
      body: string;
      hidden: ColumnType<boolean, boolean | undefined, boolean>;
      created_at: Timestamp;
      parent_id: string | null;
      hidden_reason: string | null;
      hidden_at: NullableTimestamp;
      hidden_by: string | null;
    };
    open_data_comment_reports: { comment_id: string; reporter_id: string; reason: string; created_at: Timestamp };
  }
}
