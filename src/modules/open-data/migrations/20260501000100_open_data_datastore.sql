-- open-data: the DataStore. Each resource's rows live in their own table `datastore.res_<uuid hex>`
-- (created by the importer and datastore_create, never by a migration), so datastore_search_sql can
-- be limited to one schema that holds nothing but published data. What describes those tables —
-- fields, row count, the import's progress and its error report — is the metadata table below, kept
-- in the public schema with the rest of the catalogue. PostgreSQL 15 subset (also runs on PGlite).

CREATE SCHEMA IF NOT EXISTS datastore;

CREATE TABLE open_data_datastore_tables (
  resource_id uuid PRIMARY KEY REFERENCES open_data_resources (id) ON DELETE CASCADE,
  -- The live table in schema `datastore`; derived from the resource id.
  table_name text NOT NULL UNIQUE CHECK (table_name ~ '^res_[0-9a-f]{32}$'),
  -- [{"id": "localidad", "type": "text", "info": {"label": "…"}}, …] in column order (without _id).
  fields jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(fields) = 'array'),
  primary_key text[] NOT NULL DEFAULT '{}',
  -- Rows of the live table (kept by the importer, datastore_create and datastore_upsert).
  row_count bigint NOT NULL DEFAULT 0 CHECK (row_count >= 0),
  -- The last import: queued by an upload, running (with progress), done or failed.
  import_status text NOT NULL DEFAULT 'none' CHECK (import_status IN ('none', 'queued', 'running', 'done', 'failed')),
  import_rows bigint NOT NULL DEFAULT 0 CHECK (import_rows >= 0),
  import_bytes_read bigint NOT NULL DEFAULT 0 CHECK (import_bytes_read >= 0),
  import_bytes_total bigint CHECK (import_bytes_total IS NULL OR import_bytes_total >= 0),
  import_rejected bigint NOT NULL DEFAULT 0 CHECK (import_rejected >= 0),
  -- Up to 1000 rejected rows: [{"row": 12, "column": "fecha", "value": "31/02/2024", "reason": "date"}].
  import_errors jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(import_errors) = 'array'),
  -- Why a whole import failed (unreadable file…); the live table is then the previous one, untouched.
  import_message text,
  import_started_at timestamptz,
  import_finished_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  modified_at timestamptz NOT NULL DEFAULT now(),
  CHECK (import_finished_at IS NULL OR import_started_at IS NULL OR import_finished_at >= import_started_at)
);
