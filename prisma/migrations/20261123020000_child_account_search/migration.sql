-- Child account list: keyset pagination by slug within a parent, and substring search by name and
-- slug that stays indexed with tens of thousands of accounts below a reseller.
-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner without superuser may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- (parent_id, slug) serves "children of X, after slug S" and everything (parent_id) served.
CREATE INDEX accounts_parent_slug_idx ON accounts (parent_id, slug);
DROP INDEX accounts_parent_id_idx;

-- Trigram indexes answer `ILIKE '%term%'` without reading every account.
CREATE INDEX accounts_name_trgm_idx ON accounts USING gin (name gin_trgm_ops);
CREATE INDEX accounts_slug_trgm_idx ON accounts USING gin (slug gin_trgm_ops);
