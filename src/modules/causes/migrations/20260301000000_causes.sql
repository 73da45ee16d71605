-- Causas ciudadanas: verified citizens diagnose a need, gather supports toward a threshold before a
-- deadline, and the target entity owes an official answer within a term of business days.
-- Links forward (to a consultation, a PB proposal, a commitment) are plain (kind, url, title) rows,
-- so this module depends on no other module's tables.

CREATE TABLE causes_topics (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]*$'),
  position integer NOT NULL DEFAULT 0
);

CREATE TABLE causes_causes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  author_id uuid NOT NULL REFERENCES core_users (id),
  title text NOT NULL CHECK (length(title) BETWEEN 10 AND 150),
  problem text NOT NULL CHECK (length(problem) BETWEEN 30 AND 10000),
  evidence text NOT NULL DEFAULT '' CHECK (length(evidence) <= 10000),
  -- NULL: the whole city.
  localidad_code text REFERENCES core_localidades (code),
  topic_code text NOT NULL REFERENCES causes_topics (code),
  -- The entity asked to answer; when none was chosen, the module's default entity is assigned on
  -- reaching the threshold, so an answered cause always names who answered.
  target_entity_code text REFERENCES core_entities (code),
  state text NOT NULL DEFAULT 'draft'
    CHECK (state IN ('draft', 'published', 'threshold_reached', 'in_response', 'answered', 'expired', 'withdrawn', 'hidden')),
  -- Copied from the module settings when published: a later change of settings never moves the
  -- goal posts of a running cause.
  threshold integer NOT NULL CHECK (threshold BETWEEN 1 AND 10000000),
  support_days integer NOT NULL CHECK (support_days BETWEEN 1 AND 730),
  answer_term_business_days integer NOT NULL CHECK (answer_term_business_days BETWEEN 1 AND 365),
  -- Kept in step with causes_supports in the same transaction, under the row lock of this cause.
  supports_count integer NOT NULL DEFAULT 0 CHECK (supports_count >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  deadline_at timestamptz,
  threshold_reached_at timestamptz,
  -- Last Bogotá calendar day on which the answer is on time.
  answer_due_on date,
  acknowledged_at timestamptz,
  answered_at timestamptz,
  closed_at timestamptz,
  hidden_reason text CHECK (hidden_reason IS NULL OR length(hidden_reason) BETWEEN 3 AND 500),
  hidden_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  CHECK ((published_at IS NULL) = (deadline_at IS NULL)),
  CHECK (deadline_at IS NULL OR deadline_at > published_at),
  CHECK (state <> 'draft' OR published_at IS NULL),
  CHECK (state NOT IN ('published', 'threshold_reached', 'in_response', 'answered', 'expired') OR published_at IS NOT NULL),
  CHECK (state NOT IN ('threshold_reached', 'in_response', 'answered') OR (threshold_reached_at IS NOT NULL AND answer_due_on IS NOT NULL AND target_entity_code IS NOT NULL)),
  CHECK (state <> 'in_response' OR acknowledged_at IS NOT NULL),
  CHECK (state <> 'answered' OR answered_at IS NOT NULL),
  CHECK ((state = 'hidden') = (hidden_reason IS NOT NULL))
);
CREATE INDEX causes_causes_state_idx ON causes_causes (state, deadline_at);
CREATE INDEX causes_causes_localidad_idx ON causes_causes (localidad_code);
CREATE INDEX causes_causes_author_idx ON causes_causes (author_id);
CREATE INDEX causes_causes_entity_idx ON causes_causes (target_entity_code);

-- One support per identity and cause: the primary key decides, so two accounts of the same person
-- (or an account deleted and created again) can never support twice. identity_hash is the keyed
-- hash of core_identities, kept without a foreign key on purpose: the support must keep blocking
-- even after the identity row is gone.
CREATE TABLE causes_supports (
  cause_id uuid NOT NULL REFERENCES causes_causes (id) ON DELETE CASCADE,
  identity_hash text NOT NULL CHECK (length(identity_hash) >= 40),
  user_id uuid REFERENCES core_users (id) ON DELETE SET NULL,
  -- The desk clerk who registered the support for a present citizen (assisted participation).
  assisted_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cause_id, identity_hash)
);
CREATE INDEX causes_supports_user_idx ON causes_supports (user_id);

-- Evidence links given by the author (http or https addresses).
CREATE TABLE causes_evidence_links (
  cause_id uuid NOT NULL REFERENCES causes_causes (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position BETWEEN 0 AND 19),
  url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 500),
  PRIMARY KEY (cause_id, position)
);

-- Files of the evidence (author) and of the official answer (entity), in the core file store.
CREATE TABLE causes_files (
  cause_id uuid NOT NULL REFERENCES causes_causes (id) ON DELETE CASCADE,
  file_id uuid NOT NULL REFERENCES core_files (id),
  purpose text NOT NULL CHECK (purpose IN ('evidence', 'answer')),
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (cause_id, file_id)
);

CREATE TABLE causes_answers (
  cause_id uuid PRIMARY KEY REFERENCES causes_causes (id) ON DELETE CASCADE,
  entity_code text NOT NULL REFERENCES core_entities (code),
  body text NOT NULL CHECK (length(body) BETWEEN 20 AND 20000),
  answered_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  answered_at timestamptz NOT NULL DEFAULT now()
);

-- Where the cause went next: a consultation, a participatory-budget proposal, a commitment.
CREATE TABLE causes_links (
  id bigserial PRIMARY KEY,
  cause_id uuid NOT NULL REFERENCES causes_causes (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('consultation', 'pb-proposal', 'commitment', 'other')),
  url text NOT NULL CHECK ((url ~ '^https://' OR (url LIKE '/%' AND url NOT LIKE '//%')) AND length(url) <= 500),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  created_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX causes_links_cause_idx ON causes_links (cause_id);

-- The public timeline: every state change, the author's updates and the links forward.
CREATE TABLE causes_events (
  id bigserial PRIMARY KEY,
  cause_id uuid NOT NULL REFERENCES causes_causes (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('created', 'state', 'update', 'link')),
  from_state text,
  to_state text,
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 5000),
  actor_id uuid REFERENCES core_users (id) ON DELETE SET NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'state') = (to_state IS NOT NULL))
);
CREATE INDEX causes_events_cause_idx ON causes_events (cause_id, occurred_at);

CREATE TABLE causes_follows (
  cause_id uuid NOT NULL REFERENCES causes_causes (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES core_users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cause_id, user_id)
);
CREATE INDEX causes_follows_user_idx ON causes_follows (user_id);

-- Comments with one level of replies (a reply to a reply joins the thread of its comment).
CREATE TABLE causes_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cause_id uuid NOT NULL REFERENCES causes_causes (id) ON DELETE CASCADE,
  parent_id uuid REFERENCES causes_comments (id),
  author_id uuid NOT NULL REFERENCES core_users (id),
  body text NOT NULL CHECK (length(body) BETWEEN 2 AND 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  hidden_at timestamptz,
  hidden_reason text CHECK (hidden_reason IS NULL OR length(hidden_reason) BETWEEN 3 AND 500),
  hidden_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL))
);
CREATE INDEX causes_comments_cause_idx ON causes_comments (cause_id, created_at);

-- Reports by readers, for the moderators' queue; one per person and thing reported.
CREATE TABLE causes_comment_reports (
  comment_id uuid NOT NULL REFERENCES causes_comments (id) ON DELETE CASCADE,
  reporter_id uuid NOT NULL REFERENCES core_users (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (comment_id, reporter_id)
);

CREATE TABLE causes_cause_reports (
  cause_id uuid NOT NULL REFERENCES causes_causes (id) ON DELETE CASCADE,
  reporter_id uuid NOT NULL REFERENCES core_users (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cause_id, reporter_id)
);
