-- Participatory budgets ("Presupuestos participativos"): editions, envelopes per localidad,
-- proposals and their valuation, secret ballots, paper tallies, results and execution.
-- Ballot secrecy: who voted (participatory_budgets_voters) and what was voted
-- (participatory_budgets_ballots) share no column a query could join on. A changed ballot is found
-- again by ballot_key = HMAC(GAB_SECRET, edition + identity), which only the application computes.

-- Reference lists: the five local investment lines, their spending concepts, and plan goals (metas).
CREATE TABLE participatory_budgets_investment_lines (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]+$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  position integer NOT NULL DEFAULT 0
);

CREATE TABLE participatory_budgets_spending_concepts (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]+$'),
  line_code text NOT NULL REFERENCES participatory_budgets_investment_lines (code),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  position integer NOT NULL DEFAULT 0
);

CREATE TABLE participatory_budgets_topics (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]+$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  position integer NOT NULL DEFAULT 0
);

CREATE TABLE participatory_budgets_plan_goals (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]+$'),
  topic_code text NOT NULL REFERENCES participatory_budgets_topics (code),
  concept_code text REFERENCES participatory_budgets_spending_concepts (code),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  position integer NOT NULL DEFAULT 0
);

CREATE TABLE participatory_budgets_editions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Public address segment: /presupuestos-participativos/<slug>
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
  ballot_rule text NOT NULL CHECK (ballot_rule IN ('knapsack', 'approval', 'wallet', 'cumulative', 'ranking')),
  -- approval/ranking: max_choices; knapsack: min_share (0..1); wallet: wallet_total, support_size; cumulative: points, max_per_project
  ballot_config jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(ballot_config) = 'object'),
  counting_rule text NOT NULL DEFAULT 'mes-cost-u' CHECK (counting_rule IN
    ('greedy', 'mes-cost', 'mes-card', 'mes-cost-add1u', 'mes-cost-add1u-eqtool', 'mes-cost-add1u-noexh', 'mes-card-add1u', 'mes-cost-u')),
  min_age integer NOT NULL DEFAULT 14 CHECK (min_age BETWEEN 0 AND 120),
  proposals_open_at timestamptz NOT NULL,
  proposals_close_at timestamptz NOT NULL,
  review_close_at timestamptz NOT NULL,
  voting_open_at timestamptz NOT NULL,
  voting_close_at timestamptz NOT NULL,
  results_published_at timestamptz,
  -- Winners are executed from this day (Bogotá: the January after the vote).
  execution_starts_on date,
  -- Pabulib META of an imported election (kept so export writes it back unchanged).
  pabulib_meta jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  CHECK (proposals_open_at <= proposals_close_at AND proposals_close_at <= review_close_at
    AND review_close_at <= voting_open_at AND voting_open_at < voting_close_at),
  CHECK (results_published_at IS NULL OR results_published_at >= voting_close_at)
);

-- One budget envelope per localidad and edition (localidad_code NULL only for imported elections
-- from elsewhere, which are identified by name).
CREATE TABLE participatory_budgets_envelopes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  edition_id uuid NOT NULL REFERENCES participatory_budgets_editions (id) ON DELETE CASCADE,
  localidad_code text REFERENCES core_localidades (code),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  amount numeric NOT NULL CHECK (amount > 0),
  UNIQUE (edition_id, localidad_code),
  UNIQUE (edition_id, name),
  UNIQUE (id, edition_id)
);

-- Optional sub-envelopes: by investment line, by spending concept, or rural/urban. Each is
-- counted separately over the same ballots, restricted to its proposals.
CREATE TABLE participatory_budgets_sub_envelopes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  envelope_id uuid NOT NULL REFERENCES participatory_budgets_envelopes (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('investment_line', 'spending_concept', 'area')),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 80),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  amount numeric NOT NULL CHECK (amount > 0),
  UNIQUE (envelope_id, kind, code),
  UNIQUE (id, envelope_id)
);

CREATE TABLE participatory_budgets_proposals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  edition_id uuid NOT NULL,
  envelope_id uuid NOT NULL,
  sub_envelope_id uuid,
  -- Short public number within the edition (#12); also the project id in Pabulib exports.
  number integer NOT NULL CHECK (number > 0),
  -- Project id as written in an imported Pabulib file (exports write it back unchanged).
  pabulib_id text,
  title text NOT NULL CHECK (length(title) BETWEEN 5 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
  topic_code text REFERENCES participatory_budgets_topics (code),
  goal_code text REFERENCES participatory_budgets_plan_goals (code),
  concept_code text REFERENCES participatory_budgets_spending_concepts (code),
  guiding_question text NOT NULL DEFAULT '' CHECK (length(guiding_question) <= 500),
  keywords text NOT NULL DEFAULT '' CHECK (length(keywords) <= 300),
  image_file_id uuid REFERENCES core_files (id) ON DELETE SET NULL,
  image_alt text NOT NULL DEFAULT '' CHECK (length(image_alt) <= 300),
  activities text NOT NULL DEFAULT '' CHECK (length(activities) <= 5000),
  latitude numeric(9, 6) CHECK (latitude BETWEEN -90 AND 90),
  longitude numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
  location_label text NOT NULL DEFAULT '' CHECK (length(location_label) <= 300),
  organisation text NOT NULL DEFAULT '' CHECK (length(organisation) <= 200),
  estimated_cost numeric NOT NULL CHECK (estimated_cost >= 0),
  -- The cost after valuation; the ballot and the count use it.
  assessed_cost numeric CHECK (assessed_cost >= 0),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN
    ('draft', 'submitted', 'viable', 'not_viable', 'merged', 'withdrawn', 'selected', 'not_selected')),
  valuation_reason text NOT NULL DEFAULT '' CHECK (length(valuation_reason) <= 5000),
  valuated_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  valuated_at timestamptz,
  merged_into uuid REFERENCES participatory_budgets_proposals (id),
  -- Other PROJECTS columns of an imported Pabulib file, kept for a faithful export.
  pabulib_extra jsonb,
  created_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- When the draft was submitted (made public); NULL for drafts and imported proposals.
  submitted_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (edition_id, number),
  UNIQUE (edition_id, pabulib_id),
  -- No cascade: deleting an envelope or edition must never take citizens' proposals with it.
  FOREIGN KEY (envelope_id, edition_id) REFERENCES participatory_budgets_envelopes (id, edition_id),
  FOREIGN KEY (sub_envelope_id, envelope_id) REFERENCES participatory_budgets_sub_envelopes (id, envelope_id),
  CHECK ((status = 'merged') = (merged_into IS NOT NULL)),
  CHECK (status <> 'not_viable' OR length(valuation_reason) > 0),
  CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX participatory_budgets_proposals_envelope_idx ON participatory_budgets_proposals (envelope_id, status);

CREATE TABLE participatory_budgets_proposal_authors (
  proposal_id uuid NOT NULL REFERENCES participatory_budgets_proposals (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES core_users (id),
  role text NOT NULL CHECK (role IN ('author', 'coauthor')),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (proposal_id, user_id)
);
CREATE UNIQUE INDEX participatory_budgets_one_author_idx ON participatory_budgets_proposal_authors (proposal_id) WHERE role = 'author';
CREATE INDEX participatory_budgets_authors_user_idx ON participatory_budgets_proposal_authors (user_id);

-- Supports during the proposal phase (CONSUL's "apoyos"): show interest, carried over on merge.
CREATE TABLE participatory_budgets_supports (
  proposal_id uuid NOT NULL REFERENCES participatory_budgets_proposals (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES core_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (proposal_id, user_id)
);

CREATE TABLE participatory_budgets_follows (
  proposal_id uuid NOT NULL REFERENCES participatory_budgets_proposals (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES core_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (proposal_id, user_id)
);

CREATE TABLE participatory_budgets_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  proposal_id uuid NOT NULL REFERENCES participatory_budgets_proposals (id) ON DELETE CASCADE,
  parent_id uuid REFERENCES participatory_budgets_comments (id),
  author_id uuid NOT NULL REFERENCES core_users (id),
  body text NOT NULL CHECK (length(body) BETWEEN 2 AND 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  hidden_at timestamptz,
  hidden_reason text CHECK (hidden_reason IS NULL OR length(hidden_reason) BETWEEN 3 AND 500),
  hidden_by uuid REFERENCES core_users (id),
  CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL))
);
CREATE INDEX participatory_budgets_comments_proposal_idx ON participatory_budgets_comments (proposal_id, created_at);

-- Paper ballots counted at a polling station and imported by an official.
CREATE TABLE participatory_budgets_paper_tallies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  envelope_id uuid NOT NULL REFERENCES participatory_budgets_envelopes (id) ON DELETE CASCADE,
  polling_station text NOT NULL CHECK (length(polling_station) BETWEEN 2 AND 200),
  ballots_count integer NOT NULL CHECK (ballots_count >= 0),
  voters_count integer NOT NULL CHECK (voters_count >= 0),
  report jsonb NOT NULL,
  imported_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (envelope_id, polling_station)
);

-- Who voted (the voter roll). One row per identity and edition, whatever the channel: the primary
-- key is what stops a second ballot, online or on paper, even from concurrent app processes.
CREATE TABLE participatory_budgets_voters (
  edition_id uuid NOT NULL REFERENCES participatory_budgets_editions (id) ON DELETE CASCADE,
  identity_hash text NOT NULL CHECK (length(identity_hash) >= 40),
  envelope_id uuid NOT NULL,
  user_id uuid REFERENCES core_users (id) ON DELETE SET NULL,
  channel text NOT NULL CHECK (channel IN ('online', 'assisted', 'paper')),
  paper_tally_id uuid REFERENCES participatory_budgets_paper_tallies (id) ON DELETE CASCADE,
  -- Day only: an exact time would let someone match voters to ballots by order of arrival.
  voted_on date NOT NULL,
  PRIMARY KEY (edition_id, identity_hash),
  FOREIGN KEY (envelope_id, edition_id) REFERENCES participatory_budgets_envelopes (id, edition_id) ON DELETE CASCADE,
  CHECK ((channel = 'paper') = (paper_tally_id IS NOT NULL))
);
CREATE INDEX participatory_budgets_voters_envelope_idx ON participatory_budgets_voters (envelope_id);
CREATE INDEX participatory_budgets_voters_user_idx ON participatory_budgets_voters (user_id);

-- What was voted. No user, identity, time or channel-per-person column. ballot_key is NULL for
-- paper and imported ballots, which cannot be changed, and for digital ballots once sealed after the
-- window closes (then not even whoever holds the secret can link them to the voter roll).
CREATE TABLE participatory_budgets_ballots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  envelope_id uuid NOT NULL REFERENCES participatory_budgets_envelopes (id),
  ballot_key text UNIQUE CHECK (ballot_key IS NULL OR ballot_key ~ '^[0-9a-f]{64}$'),
  source text NOT NULL CHECK (source IN ('digital', 'paper', 'imported')),
  paper_tally_id uuid REFERENCES participatory_budgets_paper_tallies (id) ON DELETE CASCADE,
  -- Imported elections only: the voter id and other VOTES columns as published in the file.
  pabulib_voter_id text,
  pabulib_extra jsonb,
  CHECK (source = 'digital' OR ballot_key IS NULL),
  CHECK ((source = 'paper') = (paper_tally_id IS NOT NULL)),
  UNIQUE (envelope_id, pabulib_voter_id)
);
CREATE INDEX participatory_budgets_ballots_envelope_idx ON participatory_budgets_ballots (envelope_id);

-- The choices of a ballot: value = amount (wallet), points (cumulative), rank (ranking), 1 otherwise.
CREATE TABLE participatory_budgets_ballot_choices (
  ballot_id uuid NOT NULL REFERENCES participatory_budgets_ballots (id) ON DELETE CASCADE,
  proposal_id uuid NOT NULL REFERENCES participatory_budgets_proposals (id),
  position integer NOT NULL CHECK (position >= 0),
  value numeric NOT NULL DEFAULT 1 CHECK (value > 0),
  PRIMARY KEY (ballot_id, proposal_id),
  UNIQUE (ballot_id, position)
);
CREATE INDEX participatory_budgets_choices_proposal_idx ON participatory_budgets_ballot_choices (proposal_id);

-- The count of an envelope (or sub-envelope) under the edition's counting rule, kept as computed.
CREATE TABLE participatory_budgets_results (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  envelope_id uuid NOT NULL REFERENCES participatory_budgets_envelopes (id) ON DELETE CASCADE,
  sub_envelope_id uuid REFERENCES participatory_budgets_sub_envelopes (id) ON DELETE CASCADE,
  counting_rule text NOT NULL CHECK (counting_rule IN
    ('greedy', 'mes-cost', 'mes-card', 'mes-cost-add1u', 'mes-cost-add1u-eqtool', 'mes-cost-add1u-noexh', 'mes-card-add1u', 'mes-cost-u')),
  ballots_count integer NOT NULL CHECK (ballots_count >= 0),
  budget numeric NOT NULL,
  spent numeric NOT NULL CHECK (spent >= 0),
  -- Per project: selected, votes, cost, reason; ties broken; MES runs and endowment.
  detail jsonb NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  -- A sub-envelope's result belongs to that sub-envelope's own envelope.
  FOREIGN KEY (sub_envelope_id, envelope_id) REFERENCES participatory_budgets_sub_envelopes (id, envelope_id) ON DELETE CASCADE,
  CHECK (spent <= budget)
);
CREATE UNIQUE INDEX participatory_budgets_results_scope_idx
  ON participatory_budgets_results (envelope_id, COALESCE(sub_envelope_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- Winners in execution, ready for the commitments module.
CREATE TABLE participatory_budgets_execution (
  proposal_id uuid PRIMARY KEY REFERENCES participatory_budgets_proposals (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'contracting', 'in_progress', 'completed', 'suspended')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  responsible_entity_code text REFERENCES core_entities (code),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  CHECK (status <> 'completed' OR progress = 100)
);
