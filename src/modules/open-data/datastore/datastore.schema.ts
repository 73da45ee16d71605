import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, string | Date | undefined, string | Date>;
type NullableTimestamp = ColumnType<Date | null, string | Date | null | undefined, string | Date | null>;
type Json<T> = ColumnType<T, string | undefined, string>;
/** bigint columns come back as strings from pg. */
type Bigint = ColumnType<string, string | number | undefined, string | number>;
type NullableBigint = ColumnType<string | null, string | number | null | undefined, string | number | null>;

/** PostgreSQL type names of datastore columns (CKAN reports these in `fields`). */
export const DATASTORE_TYPES = ['text', 'int', 'numeric', 'date', 'timestamp', 'bool'] as const;
export type DatastoreType = (typeof DATASTORE_TYPES)[number];

export interface DatastoreField {
  id: string;
  type: DatastoreType;
  info?: Record<string, string>;
}

/** One rejected row of an import: its line in the file, the column and value, and why. */
export interface RowError {
  row: number;
  column: string | null;
  value: string | null;
  reason: RowErrorReason;
}
export type RowErrorReason = 'columns' | 'int' | 'numeric' | 'date' | 'timestamp' | 'bool' | 'encoding' | 'unterminated_quote';

export type ImportStatus = 'none' | 'queued' | 'running' | 'done' | 'failed';

declare module '../../../core/db/schema.ts' {
  interface Database {
    open_data_datastore_tables: {
      resource_id: string;
      table_name: string;
      fields: Json<DatastoreField[]>;
      primary_key: ColumnType<string[], string[] | undefined, string[]>;
      row_count: Bigint;
      import_status: ColumnType<ImportStatus, ImportStatus | undefined, ImportStatus>;
      import_rows: Bigint;
      import_bytes_read: Bigint;
      import_bytes_total: NullableBigint;
      import_rejected: Bigint;
      import_errors: Json<RowError[]>;
      import_message: string | null;
      import_started_at: NullableTimestamp;
      import_finished_at: NullableTimestamp;
      created_at: Timestamp;
      modified_at: Timestamp;
    };
  }
}
