-- Rate-limit counters shared by every server instance: sign-in throttles and each tenant's
-- per-minute work. The table has the shape rate-limiter-flexible's RateLimiterPostgres store reads
-- and writes (key, points, expire in epoch milliseconds); it is created here, by the owner, so the
-- application (started with `tableCreated: true`) never runs DDL.
--
-- Not a tenant table and not domain data: its own schema keeps it out of `public`, where every
-- table is modelled and checked for row-level security. Keys are hashes (no e-mail or address is
-- stored) and are written before any tenant is known (sign-in), so no tenant setting could scope
-- them. No procedure reaches this table: only server/limits does, with fixed statements.

CREATE SCHEMA limits;

CREATE TABLE limits.counters (
  key    varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);

-- The store deletes rows that expired an hour ago, every five minutes.
CREATE INDEX counters_expire ON limits.counters (expire);

REVOKE ALL ON SCHEMA limits FROM PUBLIC;
REVOKE ALL ON limits.counters FROM PUBLIC;
GRANT USAGE ON SCHEMA limits TO portal_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON limits.counters TO portal_app;
