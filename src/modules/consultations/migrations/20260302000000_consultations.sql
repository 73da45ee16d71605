-- Consultas ciudadanas: consultations with dated windows and eligibility, questionnaires (seven
-- question kinds, conditional display), responses (online, assisted at a desk, imported from paper)
-- and moderation of free-text answers.
--
-- Secrecy (see SECRECY.md): who took part (consultations_participants: consultation, identity hash,
-- channel, day) and what was answered (consultations_responses + consultations_answers) share no
-- column a query could join on. A response is found again only by
-- response_key = HMAC-SHA256(GAB_SECRET, 'consultation' + consultation + identity hash), which only
-- the application can compute. Public consultations also carry the user on the response.

CREATE TABLE consultations_consultations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The district entity that runs it; its officials manage it.
  entity_code text NOT NULL REFERENCES core_entities (code),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  -- Eligibility: verification level and minimum age (14–17 also need guardian consent); the
  -- localidades, when any, are in consultations_localidades (none = the whole city).
  min_level text NOT NULL DEFAULT 'identity' CHECK (min_level IN ('identity', 'residence')),
  min_age integer NOT NULL DEFAULT 14 CHECK (min_age BETWEEN 14 AND 120),
  secret boolean NOT NULL DEFAULT true,
  allow_edit boolean NOT NULL DEFAULT false,
  -- NULL while the official is still drafting: only officials see it.
  published_at timestamptz,
  -- Results shown before closing: public consultations only (secret ones publish at closing).
  results_published_at timestamptz,
  -- When a closed secret consultation's responses were rewritten (see SECRECY.md).
  sealed_at timestamptz,
  -- When participants with an account were told the results are out (once).
  results_notified_at timestamptz,
  created_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (opens_at < closes_at),
  CHECK (NOT secret OR results_published_at IS NULL),
  CHECK (sealed_at IS NULL OR (secret AND sealed_at >= closes_at)),
  -- Target of the responses' (consultation, secret) foreign key.
  UNIQUE (id, secret)
);
CREATE INDEX consultations_consultations_dates_idx ON consultations_consultations (closes_at, opens_at);

CREATE TABLE consultations_localidades (
  consultation_id uuid NOT NULL REFERENCES consultations_consultations (id) ON DELETE CASCADE,
  localidad_code text NOT NULL REFERENCES core_localidades (code),
  PRIMARY KEY (consultation_id, localidad_code)
);

-- Supporting documents (PDF, at most 10 MB, in the file store).
CREATE TABLE consultations_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consultation_id uuid NOT NULL REFERENCES consultations_consultations (id) ON DELETE CASCADE,
  file_id uuid NOT NULL REFERENCES core_files (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consultations_documents_consultation_idx ON consultations_documents (consultation_id);

CREATE TABLE consultations_questions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consultation_id uuid NOT NULL REFERENCES consultations_consultations (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 1),
  kind text NOT NULL CHECK (kind IN ('single_choice', 'multiple_choice', 'ranking', 'rating_scale', 'short_text', 'long_text', 'number')),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 500),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  required boolean NOT NULL DEFAULT true,
  -- Per kind: multiple_choice minChoices/maxChoices; ranking rankCount; rating_scale min, max,
  -- minLabel, maxLabel; short_text/long_text maxLength; number min, max, integer.
  settings jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(settings) = 'object')
);
CREATE INDEX consultations_questions_consultation_idx ON consultations_questions (consultation_id, position);

CREATE TABLE consultations_options (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  question_id uuid NOT NULL REFERENCES consultations_questions (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 1),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 300),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
  image_file_id uuid REFERENCES core_files (id),
  image_alt text NOT NULL DEFAULT '' CHECK (length(image_alt) <= 300),
  -- An image needs its text alternative.
  CHECK (image_file_id IS NULL OR length(image_alt) >= 1)
);
CREATE INDEX consultations_options_question_idx ON consultations_options (question_id, position);

-- Conditional display: the question is shown only when the answer to an earlier question includes
-- one of these options (all of one earlier question; checked by the application).
CREATE TABLE consultations_conditions (
  question_id uuid NOT NULL REFERENCES consultations_questions (id) ON DELETE CASCADE,
  option_id uuid NOT NULL REFERENCES consultations_options (id) ON DELETE CASCADE,
  PRIMARY KEY (question_id, option_id)
);
CREATE INDEX consultations_conditions_option_idx ON consultations_conditions (option_id);

-- Who took part. The primary key is what allows one response per identity, whatever the number of
-- app processes. Day only: an exact time would let someone line participants up with responses.
CREATE TABLE consultations_participants (
  consultation_id uuid NOT NULL REFERENCES consultations_consultations (id) ON DELETE CASCADE,
  identity_hash text NOT NULL CHECK (length(identity_hash) >= 40),
  channel text NOT NULL CHECK (channel IN ('online', 'assisted', 'paper')),
  participated_on date NOT NULL,
  PRIMARY KEY (consultation_id, identity_hash)
);

-- What was answered. No identity, no time, no channel on a secret consultation's rows; the coarse
-- categories feed the breakdowns and are erased for groups under 10 when the consultation is sealed.
CREATE TABLE consultations_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consultation_id uuid NOT NULL,
  secret boolean NOT NULL,
  response_key text NOT NULL UNIQUE CHECK (response_key ~ '^[0-9a-f]{64}$'),
  -- Public consultations only.
  user_id uuid REFERENCES core_users (id) ON DELETE SET NULL,
  submitted_at timestamptz,
  age_band text CHECK (age_band IN ('14-17', '18-28', '29-59', '60+')),
  localidad_code text REFERENCES core_localidades (code),
  gender text CHECK (gender IN ('female', 'male', 'non_binary', 'other', 'prefer_not_to_say')),
  FOREIGN KEY (consultation_id, secret) REFERENCES consultations_consultations (id, secret) ON DELETE CASCADE,
  CHECK (NOT secret OR (user_id IS NULL AND submitted_at IS NULL))
);
CREATE INDEX consultations_responses_consultation_idx ON consultations_responses (consultation_id);

-- One row per chosen option (position = order chosen for multiple choice, rank − 1 for ranking),
-- or one row with the number or the text.
CREATE TABLE consultations_answers (
  response_id uuid NOT NULL REFERENCES consultations_responses (id) ON DELETE CASCADE,
  question_id uuid NOT NULL REFERENCES consultations_questions (id) ON DELETE CASCADE,
  position integer NOT NULL DEFAULT 0 CHECK (position >= 0),
  option_id uuid REFERENCES consultations_options (id) ON DELETE CASCADE,
  value_number numeric,
  value_text text CHECK (length(value_text) BETWEEN 1 AND 5000),
  -- Free text is published only once a moderator approves it.
  moderation text CHECK (moderation IN ('pending', 'approved', 'hidden')),
  PRIMARY KEY (response_id, question_id, position),
  CHECK (num_nonnulls(option_id, value_number, value_text) = 1),
  CHECK ((value_text IS NULL) = (moderation IS NULL))
);
CREATE INDEX consultations_answers_question_idx ON consultations_answers (question_id);
