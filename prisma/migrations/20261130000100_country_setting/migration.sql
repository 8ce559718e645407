-- The country, an inherited default like the time zone (issue 8): numbers typed in national form
-- are read as numbers of the account's effective country. ISO 3166-1 alpha-2; null inherits.
--
-- Restated: app_branding_chain(uuid) (migration 20261123000000), which now also returns `country`;
-- nothing else in it changes. Its result type changes, so it is dropped and created again.

ALTER TABLE accounts ADD COLUMN country text CONSTRAINT accounts_country_code CHECK (country ~ '^[A-Z]{2}$');
ALTER TABLE platform_settings
  ADD COLUMN country text NOT NULL DEFAULT 'US' CONSTRAINT platform_settings_country_code CHECK (country ~ '^[A-Z]{2}$');

DROP FUNCTION app_branding_chain(uuid);
CREATE FUNCTION app_branding_chain(p_account_id uuid)
RETURNS TABLE (
  account_id uuid, depth integer, slug text, name text, brand_name text, brand_domain text,
  logo_url text, primary_color text, accent_color text, support_email text, support_phone text,
  timezone text, language text, voice_gender voice_gender, default_cid_number text,
  did_default_dest_kind text, did_default_dest_id text, country text
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH self AS (SELECT a.ancestors || a.id AS chain FROM accounts a WHERE a.id = p_account_id)
  SELECT a.id, (cardinality(self.chain) - array_position(self.chain, a.id))::integer,
         a.slug, a.name, a.brand_name,
         (SELECT h.hostname FROM host_map h
           WHERE h.account_id = a.id AND h.kind = 'brand' AND h.is_primary),
         a.logo_url, a.primary_color, a.accent_color, a.support_email, a.support_phone,
         a.timezone, a.language, a.voice_gender, a.default_cid_number,
         a.did_default_dest_kind, a.did_default_dest_id, a.country
  FROM self JOIN accounts a ON a.id = ANY (self.chain)
  ORDER BY 2
$$;
REVOKE ALL ON FUNCTION app_branding_chain(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_branding_chain(uuid) TO portal_app;

-- Set like the other defaults: for the own account and every account below it.
GRANT UPDATE (country) ON accounts TO portal_app;
