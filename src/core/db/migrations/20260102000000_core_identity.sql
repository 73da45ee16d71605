-- Identity, verification and personal data (Ley 1581 de 2012). Document numbers never appear in
-- clear: `*_hash` columns hold HMAC-SHA256(server secret, type + number).
ALTER TABLE core_users ADD COLUMN email_confirmed_at timestamptz;
-- Set when the person deleted their account: personal data is erased, contributions stay, anonymised.
ALTER TABLE core_users ADD COLUMN deleted_at timestamptz;

CREATE TABLE core_profiles (
  user_id uuid PRIMARY KEY REFERENCES core_users (id) ON DELETE CASCADE,
  document_type text NOT NULL CHECK (document_type IN ('CC', 'TI', 'CE', 'PPT', 'PA')),
  document_hash text NOT NULL CHECK (length(document_hash) >= 40),
  birth_date date NOT NULL CHECK (birth_date > DATE '1900-01-01'),
  localidad_code text NOT NULL REFERENCES core_localidades (code),
  -- Differential-approach data: optional, sensitive (art. 5–6 Ley 1581), only for anonymous statistics.
  gender text CHECK (gender IN ('female', 'male', 'non_binary', 'other', 'prefer_not_to_say')),
  ethnic_group text CHECK (ethnic_group IN ('none', 'indigenous', 'afro', 'raizal', 'palenquero', 'rrom', 'prefer_not_to_say')),
  disability text CHECK (disability IN ('none', 'physical', 'sensory', 'intellectual', 'psychosocial', 'multiple', 'prefer_not_to_say')),
  conflict_victim text CHECK (conflict_victim IN ('yes', 'no', 'prefer_not_to_say')),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX core_profiles_document_idx ON core_profiles (document_hash);

CREATE TABLE core_consents (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES core_users (id) ON DELETE CASCADE,
  policy text NOT NULL CHECK (policy IN ('privacy', 'terms')),
  policy_version text NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CHECK (revoked_at IS NULL OR revoked_at >= granted_at)
);
CREATE UNIQUE INDEX core_consents_active_key ON core_consents (user_id, policy) WHERE revoked_at IS NULL;

-- Single-use, expiring tokens (e-mail confirmation, password reset, e-mail change); only the hash is kept.
CREATE TABLE core_user_tokens (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES core_users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('confirm_email', 'reset_password', 'change_email')),
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX core_user_tokens_user_idx ON core_user_tokens (user_id, purpose);

-- A verified identity. The primary key makes one identity verify one account; the unique user_id
-- makes one account hold one identity.
CREATE TABLE core_identities (
  identity_hash text PRIMARY KEY CHECK (length(identity_hash) >= 40),
  user_id uuid NOT NULL UNIQUE REFERENCES core_users (id) ON DELETE CASCADE,
  provider text NOT NULL CHECK (provider IN ('registry', 'oidc', 'desk')),
  birth_date date NOT NULL,
  verified_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  verified_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  CHECK (expires_at > verified_at)
);

CREATE TABLE core_residences (
  user_id uuid PRIMARY KEY REFERENCES core_identities (user_id) ON DELETE CASCADE,
  localidad_code text NOT NULL REFERENCES core_localidades (code),
  provider text NOT NULL CHECK (provider IN ('registry', 'oidc', 'desk')),
  verified_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  verified_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  CHECK (expires_at > verified_at)
);

-- Extract of the national registry imported by an official; citizens match it by document and birth date.
CREATE TABLE core_registry_records (
  identity_hash text PRIMARY KEY CHECK (length(identity_hash) >= 40),
  birth_date date NOT NULL,
  localidad_code text REFERENCES core_localidades (code),
  batch_id text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);

-- Guardian consent for participants aged 14–17.
CREATE TABLE core_guardian_consents (
  user_id uuid PRIMARY KEY REFERENCES core_users (id) ON DELETE CASCADE,
  guardian_document_hash text NOT NULL CHECK (length(guardian_document_hash) >= 40),
  relation text NOT NULL CHECK (relation IN ('mother', 'father', 'legal_guardian', 'other_relative')),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES core_users (id) ON DELETE SET NULL
);

-- Personal access tokens for API clients: shown once, stored hashed, scoped, revocable.
CREATE TABLE core_api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES core_users (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  token_hash text NOT NULL UNIQUE,
  scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX core_api_tokens_user_idx ON core_api_tokens (user_id);

-- A desk clerk acting for a verified citizen who is present.
CREATE TABLE core_assisted_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clerk_id uuid NOT NULL REFERENCES core_users (id),
  citizen_id uuid NOT NULL REFERENCES core_users (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (length(reason) BETWEEN 5 AND 500),
  started_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  CHECK (clerk_id <> citizen_id),
  CHECK (expires_at > started_at AND expires_at <= started_at + interval '2 hours')
);
CREATE INDEX core_assisted_sessions_citizen_idx ON core_assisted_sessions (citizen_id);

-- What each module action requires, set by a platform admin (defaults come from the manifests).
CREATE TABLE core_action_requirements (
  module text NOT NULL,
  action text NOT NULL,
  min_level text NOT NULL CHECK (min_level IN ('anyone', 'registered', 'identity', 'residence')),
  min_age integer CHECK (min_age BETWEEN 0 AND 120),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  PRIMARY KEY (module, action)
);
