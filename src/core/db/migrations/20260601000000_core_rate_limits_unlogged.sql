-- Rate-limit counters are counted on every state-changing request (in the same statement that loads
-- the session). As a logged table each hit made that statement a durable write: one WAL flush
-- (fsync) per request on top of the request's own change. Counters are worth nothing after a crash,
-- so the table is unlogged: no WAL, no flush; PostgreSQL empties it after a crash, which only
-- restarts the current windows.
ALTER TABLE core_rate_limits SET UNLOGGED;
