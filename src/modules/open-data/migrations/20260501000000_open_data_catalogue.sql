-- open-data: the catalogue (datasets of the district entities, their resources, tags and thematic
-- groups, every version of each dataset) and the Comunidad de datos (requests with votes and an
-- official answer, reuses, comments). PostgreSQL 15 subset (also runs on PGlite).
-- The DataStore's own tables live in the datastore migration (20260501000100).

-- Thematic groups ("Categoría temática" of the Bogotá portal); CKAN's group_list/group_show.
CREATE TABLE open_data_groups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9_-]{2,100}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '',
  -- EU data-theme authority code (AGRI, ECON, EDUC, ENER, ENVI, GOVE, HEAL, INTR, JUST, REGI, SOCI, TECH, TRAN).
  eu_theme text NOT NULL CHECK (eu_theme ~ '^[A-Z]{4}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE open_data_datasets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9_-]{2,100}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  -- Markdown; rendered as a safe subset, never as raw HTML. Mandatory: DCAT-AP needs a description.
  notes text NOT NULL CHECK (length(notes) BETWEEN 1 AND 20000),
  entity_code text NOT NULL REFERENCES core_entities (code),
  group_id uuid NOT NULL REFERENCES open_data_groups (id),
  license_id text NOT NULL,
  frequency text NOT NULL,
  -- Localidad codes covered; empty = the whole district.
  localidades text[] NOT NULL DEFAULT '{}',
  temporal_start date,
  temporal_end date CHECK (temporal_end IS NULL OR temporal_start IS NULL OR temporal_end >= temporal_start),
  contact_name text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 200),
  contact_email text NOT NULL CHECK (contact_email ~ '^[^@\s]+@[^@\s]+$'),
  -- The Bogotá portal's "Información adicional" fields (key → value).
  extras jsonb NOT NULL DEFAULT '{}',
  private boolean NOT NULL DEFAULT false,
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'deleted')),
  version integer NOT NULL DEFAULT 1,
  -- Set for datasets the platform publishes about itself: '<module>.<export>' of a manifest export.
  source_export text UNIQUE,
  created_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  modified_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX open_data_datasets_entity_idx ON open_data_datasets (entity_code);

CREATE TABLE open_data_tags (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 2 AND 100)
);

CREATE TABLE open_data_dataset_tags (
  dataset_id uuid NOT NULL REFERENCES open_data_datasets (id) ON DELETE CASCADE,
  tag_id uuid NOT NULL REFERENCES open_data_tags (id),
  PRIMARY KEY (dataset_id, tag_id)
);
CREATE INDEX open_data_dataset_tags_tag_idx ON open_data_dataset_tags (tag_id);

CREATE TABLE open_data_resources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dataset_id uuid NOT NULL REFERENCES open_data_datasets (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  description text NOT NULL DEFAULT '',
  format text NOT NULL CHECK (format ~ '^[A-Z0-9]{1,20}$'),
  mimetype text,
  -- A link (url) or an uploaded file (core file store id); exactly one.
  url text CHECK (url IS NULL OR url ~ '^(https?://|/)'),
  file_id text,
  size bigint,
  datastore_active boolean NOT NULL DEFAULT false,
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'deleted')),
  created_at timestamptz NOT NULL DEFAULT now(),
  modified_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((url IS NULL) <> (file_id IS NULL)),
  UNIQUE (dataset_id, position)
);

-- Every saved state of a dataset (its package_show dict), so any change can be seen and undone.
CREATE TABLE open_data_dataset_versions (
  dataset_id uuid NOT NULL REFERENCES open_data_datasets (id) ON DELETE CASCADE,
  version integer NOT NULL,
  snapshot jsonb NOT NULL,
  actor_id uuid REFERENCES core_users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dataset_id, version)
);

-- Comunidad de datos: citizens ask for data; officials of the entity answer.
CREATE TABLE open_data_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(title) BETWEEN 5 AND 200),
  description text NOT NULL CHECK (length(description) BETWEEN 10 AND 4000),
  entity_code text REFERENCES core_entities (code),
  author_id uuid REFERENCES core_users (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'planned', 'published', 'declined')),
  answer text CHECK (answer IS NULL OR length(answer) BETWEEN 1 AND 4000),
  answered_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  answered_at timestamptz,
  dataset_id uuid REFERENCES open_data_datasets (id) ON DELETE SET NULL,
  vote_count integer NOT NULL DEFAULT 0 CHECK (vote_count >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE open_data_request_votes (
  request_id uuid NOT NULL REFERENCES open_data_requests (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES core_users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (request_id, user_id)
);

-- "Usos": apps, stories and visualisations built on the datasets.
CREATE TABLE open_data_reuses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  description text NOT NULL CHECK (length(description) BETWEEN 10 AND 4000),
  kind text NOT NULL CHECK (kind IN ('app', 'story', 'visualisation', 'research', 'other')),
  url text NOT NULL CHECK (url ~ '^https?://'),
  author_id uuid REFERENCES core_users (id) ON DELETE SET NULL,
  hidden boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE open_data_reuse_datasets (
  reuse_id uuid NOT NULL REFERENCES open_data_reuses (id) ON DELETE CASCADE,
  dataset_id uuid NOT NULL REFERENCES open_data_datasets (id) ON DELETE CASCADE,
  PRIMARY KEY (reuse_id, dataset_id)
);
CREATE INDEX open_data_reuse_datasets_dataset_idx ON open_data_reuse_datasets (dataset_id);

CREATE TABLE open_data_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dataset_id uuid NOT NULL REFERENCES open_data_datasets (id) ON DELETE CASCADE,
  author_id uuid REFERENCES core_users (id) ON DELETE SET NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 2 AND 2000),
  hidden boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX open_data_comments_dataset_idx ON open_data_comments (dataset_id, created_at);
