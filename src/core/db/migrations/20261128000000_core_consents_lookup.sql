-- Every signed-in request reads the person's latest privacy consent (core/auth/load-actor.ts):
-- user, policy, newest first. The partial unique index covers only unrevoked rows, so without this
-- one the lookup scanned the whole table, which grows with every account and every revocation.
CREATE INDEX core_consents_latest_idx ON core_consents (user_id, policy, granted_at DESC, id DESC);
