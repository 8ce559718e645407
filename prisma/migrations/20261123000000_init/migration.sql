-- Walking skeleton: the account tree, the global host map, users, audit entries, plans and platform
-- settings, with tenant isolation enforced by the database itself.
-- Runs as the owner role. Requests connect as `portal_app` (created by the migration runner), a
-- role that owns nothing, is not a superuser and does not bypass row-level security.

CREATE TYPE account_status AS ENUM ('active', 'suspended', 'closed');
CREATE TYPE user_role AS ENUM ('owner', 'admin', 'member');
CREATE TYPE voice_gender AS ENUM ('male', 'female');
CREATE TYPE host_kind AS ENUM ('brand', 'sip');

-- The 16 supported prompt languages, one list in one place (mirrored by server/tenancy/languages.ts,
-- whose test compares the two).
CREATE FUNCTION is_supported_language(lang text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lang = ANY (ARRAY['en','es','fr','de','it','pt','nl','pl','sv','da','no','fi','ru','tr','ja','zh'])
$$;

CREATE FUNCTION is_hex_color(c text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT c ~ '^#[0-9a-f]{6}$' $$;

CREATE FUNCTION is_e164(n text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT n ~ '^\+[1-9][0-9]{6,14}$' $$;

-- Shared ------------------------------------------------------------------------------------------

CREATE TABLE plans (
  id                   text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,30}$'),
  name                 text NOT NULL UNIQUE,
  sort_order           integer NOT NULL,
  max_concurrent_calls integer CHECK (max_concurrent_calls >= 0),
  max_users            integer CHECK (max_users >= 0),
  max_departments      integer CHECK (max_departments >= 0),
  recording            boolean NOT NULL,
  ai_transcription     boolean NOT NULL,
  advanced_analytics   boolean NOT NULL
);

CREATE TABLE platform_settings (
  id                    boolean PRIMARY KEY DEFAULT true CHECK (id),
  brand_name            text NOT NULL CHECK (length(brand_name) BETWEEN 1 AND 80),
  logo_url              text,
  primary_color         text NOT NULL CHECK (is_hex_color(primary_color)),
  accent_color          text NOT NULL CHECK (is_hex_color(accent_color)),
  support_email         text,
  support_phone         text,
  timezone              text NOT NULL,
  language              text NOT NULL CHECK (is_supported_language(language)),
  voice_gender          voice_gender NOT NULL,
  default_cid_number    text CHECK (is_e164(default_cid_number)),
  did_default_dest_kind text,
  did_default_dest_id   text,
  updated_at            timestamptz NOT NULL DEFAULT now()
);

-- The tenant registry ------------------------------------------------------------------------------

CREATE TABLE accounts (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id             uuid REFERENCES accounts (id) ON DELETE RESTRICT,
  ancestors             uuid[] NOT NULL DEFAULT '{}',
  slug                  text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$'),
  name                  text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  is_reseller           boolean NOT NULL DEFAULT false,
  status                account_status NOT NULL DEFAULT 'active',
  plan_id               text NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
  brand_name            text CHECK (length(brand_name) BETWEEN 1 AND 80),
  logo_url              text,
  primary_color         text CHECK (is_hex_color(primary_color)),
  accent_color          text CHECK (is_hex_color(accent_color)),
  support_email         text,
  support_phone         text,
  timezone              text,
  language              text CHECK (is_supported_language(language)),
  voice_gender          voice_gender,
  default_cid_number    text CHECK (is_e164(default_cid_number)),
  did_default_dest_kind text,
  did_default_dest_id   text,
  max_in                integer NOT NULL CHECK (max_in >= 0),
  max_out               integer NOT NULL CHECK (max_out >= 0),
  max_dialer            integer NOT NULL CHECK (max_dialer >= 0),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX accounts_parent_id_idx ON accounts (parent_id);
CREATE INDEX accounts_ancestors_idx ON accounts USING gin (ancestors);

-- `ancestors` is derived from `parent_id` by the database so that it can never disagree with it;
-- the slug is immutable once created (it appears in tokens, URLs and the X-Tenant header).
CREATE FUNCTION accounts_maintain_tree() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  parent_ancestors uuid[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.slug IS DISTINCT FROM OLD.slug THEN
      RAISE EXCEPTION 'account slug is immutable' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.parent_id IS DISTINCT FROM OLD.parent_id THEN
      RAISE EXCEPTION 'an account cannot be moved to another parent' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF NEW.parent_id IS NULL THEN
    NEW.ancestors := '{}';
  ELSE
    SELECT a.ancestors || a.id INTO parent_ancestors FROM accounts a WHERE a.id = NEW.parent_id;
    NEW.ancestors := coalesce(parent_ancestors, '{}');
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER accounts_maintain_tree BEFORE INSERT OR UPDATE ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_maintain_tree();

-- The global host map ------------------------------------------------------------------------------

CREATE TABLE host_map (
  hostname   text PRIMARY KEY CHECK (
    hostname = lower(hostname)
    AND length(hostname) <= 253
    AND hostname ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'
  ),
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  kind       host_kind NOT NULL,
  is_primary boolean NOT NULL DEFAULT false,
  verified   boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX host_map_account_id_idx ON host_map (account_id);
CREATE UNIQUE INDEX host_map_one_primary_idx ON host_map (account_id, kind) WHERE is_primary;

-- Every server instance keeps a host cache; a change to the host map or to an account's status or
-- branding tells all of them to drop what they hold (server/tenancy/host-cache.ts listens).
CREATE FUNCTION notify_host_map_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('host_map_changed', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER host_map_changed AFTER INSERT OR UPDATE OR DELETE ON host_map
  FOR EACH STATEMENT EXECUTE FUNCTION notify_host_map_changed();
CREATE TRIGGER accounts_changed AFTER UPDATE ON accounts
  FOR EACH STATEMENT EXECUTE FUNCTION notify_host_map_changed();

-- Tenant tables ----------------------------------------------------------------------------------

CREATE TABLE users (
  account_id    uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  email         text NOT NULL CHECK (email = lower(email) AND email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
  name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  role          user_role NOT NULL,
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, id),
  UNIQUE (account_id, email)
);

CREATE TABLE audit_entries (
  account_id    uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  actor_user_id uuid,
  action        text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  ip            text,
  details       jsonb NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, id),
  -- composite: the actor must be a user of the same account
  FOREIGN KEY (account_id, actor_user_id) REFERENCES users (account_id, id) ON DELETE RESTRICT
);
CREATE INDEX audit_entries_account_created_idx ON audit_entries (account_id, created_at DESC);

-- Row-level security ------------------------------------------------------------------------------
-- `NULLIF`: a pooled connection that once ran set_config(..., true) reads '' afterwards.
-- `(SELECT ...)`: evaluated once per query, not once per row.

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users
  USING (account_id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid))
  WITH CHECK (account_id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid));

ALTER TABLE audit_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_entries
  USING (account_id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid))
  WITH CHECK (account_id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid));

-- The registry: an account reads its own row and its descendants' rows.
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY account_and_descendants ON accounts FOR SELECT
  USING (
    id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)
    OR ancestors @> ARRAY[(SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)]
  );

ALTER TABLE host_map ENABLE ROW LEVEL SECURITY;
ALTER TABLE host_map FORCE ROW LEVEL SECURITY;
CREATE POLICY account_and_descendants ON host_map FOR SELECT
  USING (account_id IN (SELECT id FROM accounts));

-- The platform path: FORCE makes the owner subject to policies too, so the owner's access (the
-- migration runner, the seed, and the SECURITY DEFINER functions below, which run as the owner)
-- is granted by a named policy for that role rather than by an implicit bypass. It is tied to a
-- role, not to a setting, so nothing a request sets can switch it on.
CREATE POLICY platform_owner ON accounts TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY platform_owner ON host_map TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY platform_owner ON users TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY platform_owner ON audit_entries TO CURRENT_USER USING (true) WITH CHECK (true);

-- The narrow service path ------------------------------------------------------------------------
-- What runs before a tenant is known goes through these functions, which return only what that
-- step needs. They run as the owner (SECURITY DEFINER) with a fixed search_path.

-- Host resolution: the account that owns a brand host.
CREATE FUNCTION app_resolve_host(p_hostname text)
RETURNS TABLE (account_id uuid, slug text, is_reseller boolean, status account_status)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id, a.slug, a.is_reseller, a.status
  FROM host_map h JOIN accounts a ON a.id = h.account_id
  WHERE h.hostname = p_hostname AND h.kind = 'brand'
$$;

-- Branding of an account and its ancestors (depth 0 = the account), for inheritance. Only the
-- columns a branded page shows: this is what the account's login page shows anyone anyway.
CREATE FUNCTION app_branding_chain(p_account_id uuid)
RETURNS TABLE (
  account_id uuid, depth integer, slug text, name text, brand_name text, brand_domain text,
  logo_url text, primary_color text, accent_color text, support_email text, support_phone text,
  timezone text, language text, voice_gender voice_gender, default_cid_number text,
  did_default_dest_kind text, did_default_dest_id text
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH self AS (SELECT a.ancestors || a.id AS chain FROM accounts a WHERE a.id = p_account_id)
  SELECT a.id, (cardinality(self.chain) - array_position(self.chain, a.id))::integer,
         a.slug, a.name, a.brand_name,
         (SELECT h.hostname FROM host_map h
           WHERE h.account_id = a.id AND h.kind = 'brand' AND h.is_primary),
         a.logo_url, a.primary_color, a.accent_color, a.support_email, a.support_phone,
         a.timezone, a.language, a.voice_gender, a.default_cid_number,
         a.did_default_dest_kind, a.did_default_dest_id
  FROM self JOIN accounts a ON a.id = ANY (self.chain)
  ORDER BY 2
$$;

-- Sign-in: the credentials of one user of one account, named by slug.
CREATE FUNCTION app_credentials(p_slug text, p_email text)
RETURNS TABLE (
  account_id uuid, ancestors uuid[], account_status account_status,
  user_id uuid, role user_role, password_hash text
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id, a.ancestors, a.status, u.id, u.role, u.password_hash
  FROM accounts a LEFT JOIN users u ON u.account_id = a.id AND u.email = lower(p_email)
  WHERE a.slug = p_slug
$$;

-- Session check on every request: is the signed-in user's account still there and active?
CREATE FUNCTION app_session_account(p_account_id uuid, p_user_id uuid)
RETURNS TABLE (ancestors uuid[], account_status account_status, role user_role)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.ancestors, a.status, u.role
  FROM accounts a JOIN users u ON u.account_id = a.id AND u.id = p_user_id
  WHERE a.id = p_account_id
$$;

-- Grants to the request role ----------------------------------------------------------------------

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO portal_app;
GRANT SELECT ON plans, platform_settings TO portal_app;
GRANT SELECT ON accounts, host_map TO portal_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON users TO portal_app;
GRANT SELECT, INSERT ON audit_entries TO portal_app;
GRANT EXECUTE ON FUNCTION
  is_supported_language(text), is_hex_color(text), is_e164(text),
  app_resolve_host(text), app_branding_chain(uuid), app_credentials(text, text),
  app_session_account(uuid, uuid)
  TO portal_app;
