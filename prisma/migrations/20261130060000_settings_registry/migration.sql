-- Inherited settings from one registry (server/settings/registry.ts), and the default destination
-- of unrouted numbers as a real reference (issue 8).
--
-- 1. setting_columns: the columns of `accounts` (and of `platform_settings`, where the platform has a
--    default) that are settings. app_branding_chain returns exactly these, as jsonb, so a new
--    setting is its column, one row here and its grant; the chain function is not restated again.
--    `inherits` false: only the account's own value counts (a reference to one of its rows), and
--    the chain returns it for the account itself only, never an ancestor's.
--    tests/integration/settings-registry.integration.test.ts checks this table against the registry.
--
-- 2. The default destination: was free text (did_default_dest_kind, did_default_dest_id, any of six
--    kinds and any id). It is now one of the account's own extensions, departments or schedules,
--    each a composite foreign key (id, default_x_id) -> x (account_id, id), at most one set: the
--    database refuses another tenant's row, and refuses to delete a destination while it is the
--    default (ON DELETE RESTRICT). A destination belongs to one account, so it does not inherit:
--    an account without its own default has none (unrouted numbers are not answered).
--    Existing values: an `extension` whose id was the number of one of the account's extensions,
--    or a `ring_group` whose id was the name of one of its departments, becomes that reference;
--    every other value (queue, ivr, voicemail, external, or a name that matched nothing) had no
--    row to point at and is dropped. The platform's pair had nothing to point at and is dropped.
--
-- Restated: app_branding_chain(uuid) (migration 20261130000100). Its result is now
-- (account_id, depth, slug, name, brand_domain, settings jsonb) instead of one column per setting;
-- the chain itself (the account, then its ancestors, depth 0 first) is unchanged.

CREATE TABLE setting_columns (
  column_name text PRIMARY KEY,
  inherits    boolean NOT NULL DEFAULT true
);
-- Read only by the SECURITY DEFINER chain function and by migrations: no grant to portal_app.
INSERT INTO setting_columns (column_name) VALUES
  ('brand_name'), ('logo_url'), ('primary_color'), ('accent_color'), ('support_email'), ('support_phone'),
  ('timezone'), ('language'), ('voice_gender'), ('default_cid_number'), ('country');

-- The default destination ----------------------------------------------------------------------------

ALTER TABLE accounts
  ADD COLUMN default_extension_id  uuid,
  ADD COLUMN default_department_id uuid,
  ADD COLUMN default_schedule_id   uuid,
  ADD CONSTRAINT accounts_one_default_destination
    CHECK (num_nonnulls(default_extension_id, default_department_id, default_schedule_id) <= 1),
  ADD CONSTRAINT accounts_default_extension_fk FOREIGN KEY (id, default_extension_id)
    REFERENCES extensions (account_id, id) ON DELETE RESTRICT,
  ADD CONSTRAINT accounts_default_department_fk FOREIGN KEY (id, default_department_id)
    REFERENCES departments (account_id, id) ON DELETE RESTRICT,
  ADD CONSTRAINT accounts_default_schedule_fk FOREIGN KEY (id, default_schedule_id)
    REFERENCES schedules (account_id, id) ON DELETE RESTRICT;

-- The foreign keys' lookups from the destination side (a delete checks whether it is a default).
CREATE INDEX accounts_default_extension ON accounts (id, default_extension_id) WHERE default_extension_id IS NOT NULL;
CREATE INDEX accounts_default_department ON accounts (id, default_department_id) WHERE default_department_id IS NOT NULL;
CREATE INDEX accounts_default_schedule ON accounts (id, default_schedule_id) WHERE default_schedule_id IS NOT NULL;

UPDATE accounts a SET default_extension_id = e.id
  FROM extensions e
 WHERE a.did_default_dest_kind = 'extension' AND e.account_id = a.id AND e.number = a.did_default_dest_id;
UPDATE accounts a SET default_department_id = d.id
  FROM departments d
 WHERE a.did_default_dest_kind = 'ring_group' AND d.account_id = a.id AND d.name = a.did_default_dest_id;

ALTER TABLE accounts DROP COLUMN did_default_dest_kind, DROP COLUMN did_default_dest_id;
ALTER TABLE platform_settings DROP COLUMN did_default_dest_kind, DROP COLUMN did_default_dest_id;

INSERT INTO setting_columns (column_name, inherits) VALUES
  ('default_extension_id', false), ('default_department_id', false), ('default_schedule_id', false);

-- Set like the other settings, by the account itself (or its reseller; the foreign keys keep the
-- row the account's own whoever writes it).
GRANT UPDATE (default_extension_id, default_department_id, default_schedule_id) ON accounts TO portal_app;

-- The chain ------------------------------------------------------------------------------------------

DROP FUNCTION app_branding_chain(uuid);
CREATE FUNCTION app_branding_chain(p_account_id uuid)
RETURNS TABLE (account_id uuid, depth integer, slug text, name text, brand_domain text, settings jsonb)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH self AS (SELECT a.ancestors || a.id AS chain FROM accounts a WHERE a.id = p_account_id)
  SELECT a.id, (cardinality(self.chain) - array_position(self.chain, a.id))::integer,
         a.slug, a.name,
         (SELECT h.hostname FROM host_map h
           WHERE h.account_id = a.id AND h.kind = 'brand' AND h.is_primary),
         -- Only the registry's columns; an account's own-only settings for the account itself.
         (SELECT coalesce(jsonb_object_agg(c.column_name, row_json.value), '{}'::jsonb)
            FROM jsonb_each(to_jsonb(a)) AS row_json
            JOIN setting_columns c ON c.column_name = row_json.key
           WHERE c.inherits OR a.id = p_account_id)
  FROM self JOIN accounts a ON a.id = ANY (self.chain)
  ORDER BY 2
$$;
REVOKE ALL ON FUNCTION app_branding_chain(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_branding_chain(uuid) TO portal_app;

-- The platform's defaults, the same way: its columns that are settings (it has no own-only ones).
-- NULL when platform_settings has no row yet (before the seed).
CREATE FUNCTION app_platform_defaults() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT (SELECT coalesce(jsonb_object_agg(c.column_name, row_json.value), '{}'::jsonb)
            FROM jsonb_each(to_jsonb(p)) AS row_json
            JOIN setting_columns c ON c.column_name = row_json.key AND c.inherits)
    FROM platform_settings p
$$;
REVOKE ALL ON FUNCTION app_platform_defaults() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_platform_defaults() TO portal_app;
