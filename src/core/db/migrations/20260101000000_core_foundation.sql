-- Core tables every module relies on. Written in the PostgreSQL 15 subset so the same file runs on
-- a PostgreSQL 15 server and on embedded PGlite (PostgreSQL 18).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is STABLE; an IMMUTABLE wrapper lets indexes and generated columns use it.
CREATE OR REPLACE FUNCTION core_unaccent(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, value) $$;

CREATE TABLE core_localidades (
  code text PRIMARY KEY CHECK (code ~ '^(0[1-9]|1[0-9]|20)$'),
  number integer NOT NULL UNIQUE CHECK (number BETWEEN 1 AND 20),
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 2 AND 80),
  search_name text NOT NULL UNIQUE,
  administrative_act text NOT NULL,
  area_m2 numeric(14, 2) NOT NULL CHECK (area_m2 > 0),
  has_rural_area boolean NOT NULL DEFAULT false,
  CHECK (to_char(number, 'FM00') = code)
);

CREATE TABLE core_sectors (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]*$'),
  number integer NOT NULL UNIQUE CHECK (number BETWEEN 1 AND 99),
  name text NOT NULL UNIQUE,
  name_en text NOT NULL
);

CREATE TABLE core_entities (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]*$'),
  acronym text NOT NULL,
  name text NOT NULL UNIQUE,
  sector_code text REFERENCES core_sectors (code),
  kind text NOT NULL CHECK (kind IN ('head', 'attached', 'linked', 'local_mayoralty', 'control_body')),
  localidad_code text REFERENCES core_localidades (code),
  website text CHECK (website IS NULL OR website ~ '^https://'),
  CHECK ((kind = 'local_mayoralty') = (localidad_code IS NOT NULL)),
  CHECK (kind = 'control_body' OR sector_code IS NOT NULL)
);
CREATE INDEX core_entities_sector_idx ON core_entities (sector_code);

CREATE TABLE core_users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  password_hash text,
  locale text NOT NULL DEFAULT 'es' CHECK (locale IN ('es', 'en')),
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);
CREATE UNIQUE INDEX core_users_email_key ON core_users (email);

CREATE TABLE core_user_roles (
  user_id uuid NOT NULL REFERENCES core_users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('desk_clerk', 'moderator', 'valuator', 'entity_official', 'entity_admin', 'platform_admin')),
  -- '' means "not scoped to an entity" so the primary key can hold the uniqueness.
  entity_code text NOT NULL DEFAULT '',
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, role, entity_code)
);

CREATE TABLE core_sessions (
  id text PRIMARY KEY CHECK (length(id) >= 40),
  user_id uuid REFERENCES core_users (id) ON DELETE CASCADE,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  user_agent text,
  ip_hash text
);
CREATE INDEX core_sessions_user_idx ON core_sessions (user_id);
CREATE INDEX core_sessions_expiry_idx ON core_sessions (expires_at);

CREATE TABLE core_rate_limits (
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL CHECK (hits >= 0),
  PRIMARY KEY (bucket, window_start)
);

-- Append-only: the trigger below refuses UPDATE and DELETE.
CREATE TABLE core_audit_log (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_label text NOT NULL,
  action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$'),
  resource_type text NOT NULL,
  resource_id text,
  before jsonb,
  after jsonb,
  request_id text
);
CREATE INDEX core_audit_log_resource_idx ON core_audit_log (resource_type, resource_id);
CREATE INDEX core_audit_log_actor_idx ON core_audit_log (actor_id);

CREATE OR REPLACE FUNCTION core_audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'core_audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER core_audit_log_append_only BEFORE UPDATE OR DELETE ON core_audit_log
  FOR EACH ROW EXECUTE FUNCTION core_audit_log_is_append_only();

CREATE TABLE core_events (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  type text NOT NULL CHECK (type ~ '^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$'),
  payload jsonb NOT NULL
);
CREATE INDEX core_events_type_idx ON core_events (type, occurred_at);

CREATE TABLE core_jobs (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 50),
  run_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX core_jobs_due_idx ON core_jobs (run_at) WHERE status IN ('queued', 'running');

CREATE TABLE core_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  media_type text NOT NULL,
  original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES core_users (id) ON DELETE SET NULL
);
CREATE INDEX core_files_sha_idx ON core_files (sha256);

CREATE TABLE core_search_documents (
  module text NOT NULL,
  ref text NOT NULL,
  locale text NOT NULL DEFAULT 'es' CHECK (locale IN ('es', 'en')),
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  url text NOT NULL CHECK (url LIKE '/%'),
  localidad_code text REFERENCES core_localidades (code),
  updated_at timestamptz NOT NULL DEFAULT now(),
  document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('spanish', core_unaccent(title)), 'A') ||
    setweight(to_tsvector('spanish', core_unaccent(body)), 'B')
  ) STORED,
  PRIMARY KEY (module, ref, locale)
);
CREATE INDEX core_search_documents_fts_idx ON core_search_documents USING gin (document);

-- Installation-wide key/value settings (module settings chosen by admins, seed markers).
CREATE TABLE core_settings (
  key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_.-]*$'),
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
