-- service-points: the desk records what happened to a turn — the person was attended, or did not
-- come. PostgreSQL 15 subset (also runs on PGlite).

-- The column CHECK of the first migration got PostgreSQL's default name.
ALTER TABLE service_points_bookings DROP CONSTRAINT service_points_bookings_status_check;
ALTER TABLE service_points_bookings ADD CONSTRAINT service_points_bookings_status_check CHECK (status IN ('active', 'cancelled', 'attended', 'no_show'));

-- When the desk recorded the outcome, and which official (null once their account is deleted).
ALTER TABLE service_points_bookings ADD COLUMN marked_at timestamptz;
ALTER TABLE service_points_bookings ADD COLUMN marked_by uuid REFERENCES core_users (id) ON DELETE SET NULL;
ALTER TABLE service_points_bookings ADD CONSTRAINT service_points_bookings_marked_iff_outcome CHECK ((status IN ('attended', 'no_show')) = (marked_at IS NOT NULL));
ALTER TABLE service_points_bookings ADD CONSTRAINT service_points_bookings_marked_by_only_when_marked CHECK (marked_by IS NULL OR marked_at IS NOT NULL);

-- A marked turn keeps its seat (the slot's `booked` count is not given back: the time went by).
-- An attended turn still counts for "one turn per person, service and day": being served does not
-- open a second turn of the same service that afternoon. A missed one does not: someone who came
-- late may take a new turn, as at the desk. Same name, so the commands' unique-violation check holds.
DROP INDEX service_points_bookings_one_per_day;
CREATE UNIQUE INDEX service_points_bookings_one_per_day ON service_points_bookings (person_hash, service_id, day) WHERE status IN ('active', 'attended');
-- The desk's list of a centre's turns of one day.
CREATE INDEX service_points_bookings_centre_day_idx ON service_points_bookings (centre_id, day);
