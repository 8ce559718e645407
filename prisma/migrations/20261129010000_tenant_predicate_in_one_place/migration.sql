-- The tenant predicate in one place, and one way to make a tenant table.
--
--   app_current_tenant() RETURNS uuid
--     The tenant the current transaction runs as: `app.account_id`, or NULL when it is unset or ''
--     (a pooled connection that once ran set_config(..., true) reads '' afterwards). STABLE, so the
--     planner evaluates it when it estimates a plan: it knows the tenant and can count its rows.
--     Every policy uses it; no policy contains a subquery (a sharded PostgreSQL such as Citus
--     refuses policies with subqueries on distributed tables, and the planner cannot see a
--     subquery's value, which is what made "children of X" read X's whole subtree).
--
--   CALL app_make_tenant_table(p_table regclass, p_privileges text[] DEFAULT '{SELECT,INSERT,UPDATE,DELETE}')
--     Makes `p_table` a tenant table; every tenant table, now and later, is made with it, right
--     after its CREATE TABLE:
--       CREATE TABLE devices (account_id uuid NOT NULL REFERENCES accounts (id), id uuid, ...,
--                             PRIMARY KEY (account_id, id));
--       CALL app_make_tenant_table('devices', ARRAY['SELECT', 'INSERT', 'UPDATE']);
--     It refuses a table whose primary key is not led by a NOT NULL `account_id` (the policy must
--     be indexed equality), enables and forces row-level security, (re)creates the two standard
--     policies and grants `p_privileges` (any of SELECT, INSERT, UPDATE, DELETE) to `portal_app`:
--       tenant_isolation  everyone:         USING / WITH CHECK (account_id = app_current_tenant())
--       platform_owner    the table owner:  USING (true) WITH CHECK (true)  (FORCE applies to it)
--     It leaves other policies and grants alone: add a narrower one (column grants, a policy for
--     rows an ancestor may write) after the call, with no subquery. tests/integration/
--     policies.integration.test.ts fails on a tenant table not made this way.
--
-- Rows an ancestor of their account may reach (host_map, account_logos, audit_entries written to
-- an account below the tenant) used a subquery on accounts in their policies. They now carry
-- `account_ancestors`, the ancestors of the row's account, filled on every write by the trigger
-- app_fill_account_ancestors() from the accounts table (never from the writer: the request role
-- has no grant on the column), and their policies test `account_ancestors @> ARRAY[tenant]`. An
-- account never moves (trigger accounts_maintain_tree), so the copy never goes stale.
--
-- Restated: accounts_guard_own_row() (migration 20261123070000), now reading the tenant through
-- app_current_tenant(); nothing else in it changes.
--
-- Added: trigger accounts_reseller_keeps_children, so an account with children stays a reseller
-- (only a reseller gets children, and the child list counts the children of resellers only).

CREATE FUNCTION app_current_tenant() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT NULLIF(current_setting('app.account_id', true), '')::uuid
$$;
-- A plain SQL function (no SECURITY DEFINER, no SET) so the planner can inline it.
REVOKE ALL ON FUNCTION app_current_tenant() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_current_tenant() TO portal_app;

CREATE PROCEDURE app_make_tenant_table(
  p_table regclass,
  p_privileges text[] DEFAULT ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']
)
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  table_owner name;
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
     WHERE i.indrelid = p_table AND i.indisprimary AND a.attname = 'account_id' AND a.attnotnull
  ) THEN
    RAISE EXCEPTION '% is not a tenant table: a NOT NULL account_id must lead its primary key', p_table
      USING ERRCODE = 'invalid_table_definition';
  END IF;
  IF coalesce(cardinality(p_privileges), 0) = 0
     OR array_position(p_privileges, NULL) IS NOT NULL
     OR NOT (p_privileges <@ ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) THEN
    RAISE EXCEPTION 'privileges for % must be some of SELECT, INSERT, UPDATE, DELETE, not %', p_table, p_privileges
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT pg_get_userbyid(c.relowner) INTO table_owner FROM pg_class c WHERE c.oid = p_table;

  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', p_table);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', p_table);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', p_table);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (account_id = app_current_tenant()) '
    'WITH CHECK (account_id = app_current_tenant())', p_table);
  -- FORCE subjects the owner to policies too; its access (migrations, seed, SECURITY DEFINER
  -- functions) is this named policy, tied to a role, so nothing a request sets can switch it on.
  EXECUTE format('DROP POLICY IF EXISTS platform_owner ON %s', p_table);
  EXECUTE format('CREATE POLICY platform_owner ON %s TO %I USING (true) WITH CHECK (true)', p_table, table_owner);
  EXECUTE format('GRANT %s ON %s TO portal_app', array_to_string(p_privileges, ', '), p_table);
END
$$;
REVOKE ALL ON PROCEDURE app_make_tenant_table(regclass, text[]) FROM PUBLIC;

-- The ancestors of a row's account, from the registry, whoever writes the row. SECURITY DEFINER:
-- the writer may not see every account (a missing account is the foreign key's to refuse).
CREATE FUNCTION app_fill_account_ancestors() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  NEW.account_ancestors := coalesce((SELECT a.ancestors FROM accounts a WHERE a.id = NEW.account_id), '{}');
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION app_fill_account_ancestors() FROM PUBLIC;

ALTER TABLE host_map ADD COLUMN account_ancestors uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE account_logos ADD COLUMN account_ancestors uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE audit_entries ADD COLUMN account_ancestors uuid[] NOT NULL DEFAULT '{}';
UPDATE host_map t SET account_ancestors = a.ancestors FROM accounts a WHERE a.id = t.account_id;
UPDATE account_logos t SET account_ancestors = a.ancestors FROM accounts a WHERE a.id = t.account_id;
UPDATE audit_entries t SET account_ancestors = a.ancestors FROM accounts a WHERE a.id = t.account_id;
CREATE TRIGGER fill_account_ancestors BEFORE INSERT OR UPDATE ON host_map
  FOR EACH ROW EXECUTE FUNCTION app_fill_account_ancestors();
CREATE TRIGGER fill_account_ancestors BEFORE INSERT OR UPDATE ON account_logos
  FOR EACH ROW EXECUTE FUNCTION app_fill_account_ancestors();
CREATE TRIGGER fill_account_ancestors BEFORE INSERT OR UPDATE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION app_fill_account_ancestors();

-- Tenant tables --------------------------------------------------------------------------------------
-- Their old policies go; the procedure makes the standard ones; what an ancestor may do follows.

DROP POLICY tenant_isolation ON users;
DROP POLICY platform_owner ON users;
CALL app_make_tenant_table('users', ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']);

-- Append-only: the request role reads its log and inserts the columns granted in 20261123060000.
DROP POLICY tenant_isolation ON audit_entries;
DROP POLICY platform_owner ON audit_entries;
DROP POLICY record_below ON audit_entries;
CALL app_make_tenant_table('audit_entries', ARRAY['SELECT']);
-- A tenant acting on an account below it writes to that account's log.
CREATE POLICY record_below ON audit_entries FOR INSERT TO portal_app
  WITH CHECK (account_ancestors @> ARRAY[app_current_tenant()]);

DROP POLICY tenant_isolation ON account_logos;
DROP POLICY platform_owner ON account_logos;
DROP POLICY manage_below ON account_logos;
CALL app_make_tenant_table('account_logos', ARRAY['SELECT', 'INSERT']);
-- A reseller uploads the logo of an account below it; the logo belongs to that account.
CREATE POLICY manage_below ON account_logos TO portal_app
  USING (account_ancestors @> ARRAY[app_current_tenant()])
  WITH CHECK (account_ancestors @> ARRAY[app_current_tenant()]);

-- The tenant registry --------------------------------------------------------------------------------
-- An account reads its own row and its descendants'; it creates and manages accounts strictly below
-- it, and updates its own row's settings (accounts_guard_own_row narrows what).

DROP POLICY account_and_descendants ON accounts;
-- Descendants first: a filter evaluates the function for every row it reads (there is no InitPlan
-- any more), and a reseller reads many descendants for one own row, so most rows stop at the first
-- arm.
CREATE POLICY account_and_descendants ON accounts FOR SELECT
  USING (ancestors @> ARRAY[app_current_tenant()] OR id = app_current_tenant());

DROP POLICY create_below ON accounts;
CREATE POLICY create_below ON accounts FOR INSERT TO portal_app
  WITH CHECK (ancestors @> ARRAY[app_current_tenant()]);

DROP POLICY manage_below ON accounts;
CREATE POLICY manage_below ON accounts FOR UPDATE TO portal_app
  USING (ancestors @> ARRAY[app_current_tenant()])
  WITH CHECK (ancestors @> ARRAY[app_current_tenant()]);

DROP POLICY manage_own_settings ON accounts;
CREATE POLICY manage_own_settings ON accounts FOR UPDATE TO portal_app
  USING (id = app_current_tenant())
  WITH CHECK (id = app_current_tenant());

CREATE OR REPLACE FUNCTION accounts_guard_own_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id = app_current_tenant()
     AND (NEW.name, NEW.plan_id, NEW.max_in, NEW.max_out, NEW.max_dialer, NEW.status)
         IS DISTINCT FROM (OLD.name, OLD.plan_id, OLD.max_in, OLD.max_out, OLD.max_dialer, OLD.status) THEN
    RAISE EXCEPTION 'an account cannot change its own name, plan, limits or status; its parent does'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;

-- The global host map ----------------------------------------------------------------------------------
-- Shared, not a tenant table: an account reads, adds, re-primaries and removes the hosts of its own
-- account and of the accounts below it. New domains start unverified (only the platform verifies).

DROP POLICY account_and_descendants ON host_map;
CREATE POLICY account_and_descendants ON host_map FOR SELECT
  USING (account_ancestors @> ARRAY[app_current_tenant()] OR account_id = app_current_tenant());

DROP POLICY add_own_and_below ON host_map;
CREATE POLICY add_own_and_below ON host_map FOR INSERT TO portal_app
  WITH CHECK (
    NOT verified
    AND (account_id = app_current_tenant() OR account_ancestors @> ARRAY[app_current_tenant()])
  );

DROP POLICY change_own_and_below ON host_map;
CREATE POLICY change_own_and_below ON host_map FOR UPDATE TO portal_app
  USING (account_id = app_current_tenant() OR account_ancestors @> ARRAY[app_current_tenant()])
  WITH CHECK (account_id = app_current_tenant() OR account_ancestors @> ARRAY[app_current_tenant()]);

DROP POLICY remove_own_and_below ON host_map;
CREATE POLICY remove_own_and_below ON host_map FOR DELETE TO portal_app
  USING (account_id = app_current_tenant() OR account_ancestors @> ARRAY[app_current_tenant()]);

-- Only a reseller has children (accounts_check_tree_rules refuses a child below anyone else); this
-- keeps it so afterwards: an account with children stays a reseller. The child list counts children
-- of the resellers on a page only, and relies on it.
CREATE FUNCTION accounts_reseller_keeps_children() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.is_reseller AND NOT NEW.is_reseller AND EXISTS (SELECT 1 FROM accounts c WHERE c.parent_id = NEW.id) THEN
    RAISE EXCEPTION 'an account with child accounts stays a reseller' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER accounts_reseller_keeps_children BEFORE UPDATE OF is_reseller ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_reseller_keeps_children();
