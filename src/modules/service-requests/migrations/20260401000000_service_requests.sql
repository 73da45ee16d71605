-- Service requests ("Bogotá te escucha", PQRS): petitions, complaints, claims, suggestions… filed by
-- anyone (with an account, with contact data only, or anonymously), routed to a district entity,
-- answered within the legal term counted in business days (Ley 1755 de 2015, Ley 1581 de 2012).
-- Personal data is minimised: document numbers only as keyed hashes, contact data only to answer.

-- Typology and legal terms. Reference data (seeded), because the law changes the terms.
CREATE TABLE service_requests_types (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]+$'),
  position integer NOT NULL DEFAULT 0,
  -- Business days to answer, counted from the day after filing (or after completion).
  term_days integer NOT NULL CHECK (term_days BETWEEN 1 AND 120),
  -- How far one extension may push the due date beyond the term: Ley 1755 art. 14 parágrafo
  -- "no podrá exceder del doble del inicialmente previsto" (= term_days); Ley 1581 arts. 14–15: 5 / 8.
  max_extension_days integer NOT NULL CHECK (max_extension_days BETWEEN 0 AND 120),
  -- Ley 1581 requests (habeas data): the data subject must identify themselves.
  habeas_data boolean NOT NULL DEFAULT false,
  legal_basis text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 300),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per year; the filing transaction increments it and holds the row lock until commit, so
-- radicado numbers are assigned in commit order without gaps (a rollback releases its number).
CREATE TABLE service_requests_counters (
  year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
  last_value integer NOT NULL CHECK (last_value >= 0)
);

CREATE TABLE service_requests_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- YYYY-NNNNNN, e.g. 2026-000123
  radicado text NOT NULL UNIQUE CHECK (radicado ~ '^[0-9]{4}-[0-9]{6,}$'),
  year integer NOT NULL,
  sequence integer NOT NULL CHECK (sequence >= 1),
  type_code text NOT NULL REFERENCES service_requests_types (code),
  channel text NOT NULL CHECK (channel IN ('web', 'presencial', 'telefonico', 'correo', 'escrito')),
  entity_code text NOT NULL REFERENCES core_entities (code),
  localidad_code text REFERENCES core_localidades (code),
  subject text NOT NULL CHECK (length(subject) BETWEEN 3 AND 200),
  description text NOT NULL CHECK (length(description) BETWEEN 10 AND 10000),
  -- Who asks: an account holder, a person who left contact data only, or nobody (anonymous:
  -- the answer is published on the follow page).
  requester_kind text NOT NULL CHECK (requester_kind IN ('account', 'contact', 'anonymous')),
  requester_user_id uuid REFERENCES core_users (id) ON DELETE SET NULL,
  requester_name text CHECK (length(requester_name) <= 200),
  requester_email text CHECK (length(requester_email) <= 254),
  requester_phone text CHECK (length(requester_phone) <= 40),
  requester_address text CHECK (length(requester_address) <= 300),
  document_type text CHECK (document_type IN ('CC', 'TI', 'CE', 'PPT', 'PA')),
  -- HMAC of the document under the server secret (never the number itself).
  document_hash text,
  -- Language of the e-mails for people without an account.
  locale text NOT NULL DEFAULT 'es' CHECK (locale IN ('es', 'en')),
  consent_policy_version text NOT NULL,
  consent_at timestamptz NOT NULL,
  consent_ip_hash text,
  -- Keyed hash of the secret follow code shown once at filing.
  follow_code_hash text NOT NULL,
  filed_at timestamptz NOT NULL DEFAULT now(),
  -- Bogotá calendar day of filing (terms count from the next day).
  filed_on date NOT NULL,
  -- A desk clerk who filed on the person's behalf.
  filed_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  state text NOT NULL DEFAULT 'filed' CHECK (state IN ('filed', 'in_progress', 'awaiting_completion', 'answered', 'withdrawn')),
  term_days integer NOT NULL CHECK (term_days >= 1),
  max_extension_days integer NOT NULL CHECK (max_extension_days >= 0),
  -- The term counts from the day after this day: filing, or completion after a request to complete.
  term_start_on date NOT NULL,
  original_due_on date NOT NULL,
  due_on date NOT NULL,
  extended_at timestamptz,
  extension_reason text,
  completion_requested_on date,
  -- One month to complete (Ley 1755 art. 17); afterwards the request may be closed as withdrawn.
  completion_deadline_on date,
  completed_at timestamptz,
  assigned_to uuid REFERENCES core_users (id) ON DELETE SET NULL,
  transfers integer NOT NULL DEFAULT 0,
  answered_at timestamptz,
  answered_on date,
  answered_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  answer_text text CHECK (length(answer_text) <= 20000),
  answer_outcome text CHECK (answer_outcome IN ('favorable', 'partial', 'denied', 'informative')),
  closed_reason text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, sequence),
  CHECK (requester_kind <> 'anonymous' OR (requester_name IS NULL AND requester_email IS NULL AND document_hash IS NULL)),
  CHECK (due_on >= original_due_on OR state = 'awaiting_completion'),
  CHECK ((state = 'answered') = (answered_at IS NOT NULL))
);

CREATE INDEX service_requests_requests_entity_idx ON service_requests_requests (entity_code, state, due_on);
CREATE INDEX service_requests_requests_requester_idx ON service_requests_requests (requester_user_id) WHERE requester_user_id IS NOT NULL;
CREATE INDEX service_requests_requests_filed_idx ON service_requests_requests (filed_on);
CREATE INDEX service_requests_requests_answered_idx ON service_requests_requests (answered_on) WHERE answered_on IS NOT NULL;

-- Files sent with the filing, with a completion, or with the answer.
CREATE TABLE service_requests_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES service_requests_requests (id) ON DELETE CASCADE,
  file_id uuid NOT NULL REFERENCES core_files (id),
  kind text NOT NULL CHECK (kind IN ('filing', 'completion', 'answer')),
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_requests_attachments_request_idx ON service_requests_attachments (request_id);

-- The timeline the citizen sees (what happened and when); internal notes live apart.
CREATE TABLE service_requests_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES service_requests_requests (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('filed', 'assigned', 'transferred', 'extended', 'completion_requested', 'completed', 'answered', 'withdrawn')),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  occurred_on date NOT NULL,
  actor_id uuid REFERENCES core_users (id) ON DELETE SET NULL,
  from_entity text REFERENCES core_entities (code),
  to_entity text REFERENCES core_entities (code),
  due_before date,
  due_after date,
  -- Reason given to the citizen (transfer, extension, completion); never internal notes.
  reason text CHECK (length(reason) <= 4000),
  -- Shown on the follow page (assignment is internal).
  public boolean NOT NULL DEFAULT true
);
CREATE INDEX service_requests_events_request_idx ON service_requests_events (request_id, id);
CREATE INDEX service_requests_events_kind_idx ON service_requests_events (kind, occurred_on);

-- Internal notes of the officials: never shown to the citizen.
CREATE TABLE service_requests_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES service_requests_requests (id) ON DELETE CASCADE,
  author_id uuid REFERENCES core_users (id) ON DELETE SET NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_requests_notes_request_idx ON service_requests_notes (request_id, created_at);

-- Answer templates, per entity.
CREATE TABLE service_requests_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_code text NOT NULL REFERENCES core_entities (code),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
  body text NOT NULL CHECK (length(body) BETWEEN 10 AND 20000),
  created_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_code, title)
);
