-- Branding and defaults: an account's owners and admins edit them for their own account and for
-- every account below it. Null still means "inherit".

GRANT UPDATE (brand_name, logo_url, primary_color, accent_color, support_email, support_phone, timezone, language,
              voice_gender, default_cid_number, did_default_dest_kind, did_default_dest_id)
  ON accounts TO portal_app;

-- The tenant's own row becomes updatable too (manage_below covers the rows below it). What a tenant
-- may change on its own row is narrower, which the trigger below enforces: RLS is per row, and the
-- column grants are the same for both.
CREATE POLICY manage_own_settings ON accounts FOR UPDATE TO portal_app
  USING (id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid))
  WITH CHECK (id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid));

CREATE FUNCTION accounts_guard_own_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id = NULLIF(current_setting('app.account_id', true), '')::uuid
     AND (NEW.name, NEW.plan_id, NEW.max_in, NEW.max_out, NEW.max_dialer, NEW.status)
         IS DISTINCT FROM (OLD.name, OLD.plan_id, OLD.max_in, OLD.max_out, OLD.max_dialer, OLD.status) THEN
    RAISE EXCEPTION 'an account cannot change its own name, plan, limits or status; its parent does'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER accounts_guard_own_row BEFORE UPDATE ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_guard_own_row();

-- Where unrouted DIDs land: a kind of destination and its id, both or neither.
ALTER TABLE accounts
  ADD CONSTRAINT accounts_did_default_dest CHECK (
    (did_default_dest_kind IS NULL) = (did_default_dest_id IS NULL)
    AND (did_default_dest_kind IS NULL
         OR did_default_dest_kind IN ('extension', 'ring_group', 'queue', 'ivr', 'voicemail', 'external'))
  ),
  ADD CONSTRAINT accounts_support_email CHECK (support_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' AND length(support_email) <= 254),
  ADD CONSTRAINT accounts_support_phone CHECK (is_e164(support_phone)),
  ADD CONSTRAINT accounts_logo_url CHECK (logo_url ~ '^/brand-assets/[0-9a-f-]{36}/[0-9a-f]{64}\.(png|jpg|webp)$');

-- Logos, stored in the database (every server instance serves them) and named by their content's
-- SHA-256, so a logo's URL never changes meaning and can be cached for good.
CREATE TABLE account_logos (
  account_id   uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  id           text NOT NULL CHECK (id ~ '^[0-9a-f]{64}$'),
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
  bytes        bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 262144),
  width        integer NOT NULL CHECK (width > 0),
  height       integer NOT NULL CHECK (height > 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, id)
);

ALTER TABLE account_logos ENABLE ROW LEVEL SECURITY;
ALTER TABLE account_logos FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON account_logos
  USING (account_id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid))
  WITH CHECK (account_id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid));
-- A reseller uploads the logo of an account below it; the logo belongs to that account.
CREATE POLICY manage_below ON account_logos TO portal_app
  USING (EXISTS (
    SELECT 1 FROM accounts a
     WHERE a.id = account_logos.account_id
       AND a.ancestors @> ARRAY[(SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)]))
  WITH CHECK (EXISTS (
    SELECT 1 FROM accounts a
     WHERE a.id = account_logos.account_id
       AND a.ancestors @> ARRAY[(SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)]));
CREATE POLICY platform_owner ON account_logos TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON account_logos TO portal_app;

-- Serving a logo happens before anyone signs in (login pages show them), on any host whose brand
-- inherits it: this returns one logo and nothing else.
CREATE FUNCTION app_logo(p_account_id uuid, p_id text)
RETURNS TABLE (content_type text, bytes bytea)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT l.content_type, l.bytes FROM account_logos l WHERE l.account_id = p_account_id AND l.id = p_id
$$;
REVOKE ALL ON FUNCTION app_logo(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_logo(uuid, text) TO portal_app;
