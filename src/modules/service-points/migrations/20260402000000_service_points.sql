-- service-points: the Red CADE (SuperCADE, CADE, RapiCADE, SuperCADE Móvil), the catalogue of
-- trámites y servicios, and appointments (turnos). PostgreSQL 15 subset (also runs on PGlite).

CREATE TABLE service_points_centres (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
  kind text NOT NULL CHECK (kind IN ('supercade', 'cade', 'rapicade', 'movil')),
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 3 AND 120),
  -- Null when no public source gives it (and always for the SuperCADE Móvil, which moves).
  address text CHECK (address IS NULL OR length(address) BETWEEN 3 AND 200),
  localidad_code text REFERENCES core_localidades (code),
  -- WGS84; null rather than guessed when no public source gives them.
  latitude numeric(9, 6) CHECK (latitude IS NULL OR latitude BETWEEN 3.7 AND 4.9),
  longitude numeric(9, 6) CHECK (longitude IS NULL OR longitude BETWEEN -74.5 AND -73.9),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  accessibility text[] NOT NULL DEFAULT '{}' CHECK (
    accessibility <@ ARRAY['ramp', 'elevator', 'accessible_restroom', 'sign_language', 'preferential_attention', 'braille', 'accessible_parking', 'hearing_loop']::text[]
  ),
  source_url text CHECK (source_url IS NULL OR source_url ~ '^https?://'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX service_points_centres_localidad_idx ON service_points_centres (localidad_code);

-- Entities with a desk at the centre; their officials manage it.
CREATE TABLE service_points_centre_entities (
  centre_id uuid NOT NULL REFERENCES service_points_centres (id) ON DELETE CASCADE,
  entity_code text NOT NULL REFERENCES core_entities (code),
  PRIMARY KEY (centre_id, entity_code)
);
CREATE INDEX service_points_centre_entities_entity_idx ON service_points_centre_entities (entity_code);

-- Weekly opening hours: one interval per ISO weekday (1 = Monday … 7 = Sunday); no row = closed.
CREATE TABLE service_points_hours (
  centre_id uuid NOT NULL REFERENCES service_points_centres (id) ON DELETE CASCADE,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  opens time NOT NULL,
  closes time NOT NULL,
  PRIMARY KEY (centre_id, weekday),
  CHECK (opens < closes)
);

-- One date that departs from the weekly hours (and from the holiday closure): closed, or open
-- with special hours. Always with the reason people are told.
CREATE TABLE service_points_exceptions (
  centre_id uuid NOT NULL REFERENCES service_points_centres (id) ON DELETE CASCADE,
  day date NOT NULL,
  closed boolean NOT NULL,
  opens time,
  closes time,
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 300),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  PRIMARY KEY (centre_id, day),
  CHECK ((closed AND opens IS NULL AND closes IS NULL) OR (NOT closed AND opens IS NOT NULL AND closes IS NOT NULL AND opens < closes))
);

-- The SuperCADE Móvil's dated schedule: where it parks on each day, and when.
CREATE TABLE service_points_visits (
  centre_id uuid NOT NULL REFERENCES service_points_centres (id) ON DELETE CASCADE,
  day date NOT NULL,
  opens time NOT NULL,
  closes time NOT NULL,
  place text NOT NULL CHECK (length(place) BETWEEN 3 AND 200),
  localidad_code text NOT NULL REFERENCES core_localidades (code),
  created_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  PRIMARY KEY (centre_id, day),
  CHECK (opens < closes)
);

-- Guía de trámites y servicios.
CREATE TABLE service_points_services (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 3 AND 160),
  summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
  entity_code text NOT NULL REFERENCES core_entities (code),
  requirements text[] NOT NULL DEFAULT '{}',
  -- free; fixed (cost_cop set); variable (depends on the case, see cost_note).
  cost_kind text NOT NULL CHECK (cost_kind IN ('free', 'fixed', 'variable')),
  cost_cop numeric(14, 0) CHECK (cost_cop IS NULL OR cost_cop > 0),
  cost_note text NOT NULL DEFAULT '' CHECK (length(cost_note) <= 300),
  channel text NOT NULL CHECK (channel IN ('online', 'in_person', 'both')),
  online_url text CHECK (online_url IS NULL OR online_url ~ '^https://'),
  source_url text CHECK (source_url IS NULL OR source_url ~ '^https?://'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((cost_kind = 'fixed') = (cost_cop IS NOT NULL)),
  CHECK (channel = 'in_person' OR online_url IS NOT NULL)
);
CREATE INDEX service_points_services_entity_idx ON service_points_services (entity_code);

-- Which centre offers which service, and how turns are cut: slot length and people per slot.
-- Both null: attended by order of arrival only (no turns). A service withdrawn from a centre keeps
-- its row (active = false) so the turns already given keep their history.
CREATE TABLE service_points_offerings (
  centre_id uuid NOT NULL REFERENCES service_points_centres (id),
  service_id uuid NOT NULL REFERENCES service_points_services (id),
  active boolean NOT NULL DEFAULT true,
  slot_minutes integer CHECK (slot_minutes IS NULL OR slot_minutes BETWEEN 5 AND 240),
  capacity integer CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 100),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  PRIMARY KEY (centre_id, service_id),
  CHECK ((slot_minutes IS NULL) = (capacity IS NULL))
);
CREATE INDEX service_points_offerings_service_idx ON service_points_offerings (service_id);

-- A slot exists as a row from its first booking on. The CHECK is what makes overbooking
-- impossible: the booking transaction increments `booked`, and a concurrent increment past the
-- capacity fails in the database whatever the application checked before.
CREATE TABLE service_points_slots (
  centre_id uuid NOT NULL,
  service_id uuid NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 100),
  booked integer NOT NULL DEFAULT 0,
  PRIMARY KEY (centre_id, service_id, starts_at),
  FOREIGN KEY (centre_id, service_id) REFERENCES service_points_offerings (centre_id, service_id),
  CONSTRAINT service_points_slots_within_capacity CHECK (booked >= 0 AND booked <= capacity),
  CHECK (starts_at < ends_at)
);

CREATE TABLE service_points_bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- What the person is told (XXXX-XXXX-XXXX, Crockford base 32: 60 random bits).
  code text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
  centre_id uuid NOT NULL,
  service_id uuid NOT NULL,
  starts_at timestamptz NOT NULL,
  -- The Bogotá calendar day of the turn, for the one-booking-per-day rule.
  day date NOT NULL,
  -- Keyed hash of the identity document (never the number itself).
  person_hash text NOT NULL,
  user_id uuid REFERENCES core_users (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz,
  -- Who or what cancelled it: the person (with the code), a dated closure, or new opening hours.
  cancel_cause text CHECK (cancel_cause IN ('person', 'closure', 'schedule_change')),
  -- The closure's reason, as the person is told it.
  cancel_note text CHECK (cancel_note IS NULL OR length(cancel_note) <= 300),
  FOREIGN KEY (centre_id, service_id, starts_at) REFERENCES service_points_slots (centre_id, service_id, starts_at),
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  CHECK ((status = 'cancelled') = (cancel_cause IS NOT NULL))
);
-- One active turn per person, service and day.
CREATE UNIQUE INDEX service_points_bookings_one_per_day ON service_points_bookings (person_hash, service_id, day) WHERE status = 'active';
CREATE INDEX service_points_bookings_slot_idx ON service_points_bookings (centre_id, starts_at);
CREATE INDEX service_points_bookings_user_idx ON service_points_bookings (user_id);
