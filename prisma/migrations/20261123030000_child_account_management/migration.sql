-- Resellers create and manage the accounts below them: create, rename, change plan and limits,
-- suspend, reactivate, close. The rules live in the database so that no code path can skip them.

-- The request role may insert and update only these columns; slug and parent stay immutable
-- (trigger accounts_maintain_tree), branding comes with its own feature. Prisma 7 sends every
-- column with a default on INSERT (id, ancestors, status, created_at, updated_at), so those are
-- granted too: the tree trigger recomputes `ancestors`, and a new account must start active.
GRANT INSERT (id, slug, name, parent_id, ancestors, is_reseller, status, plan_id, max_in, max_out, max_dialer,
              created_at, updated_at) ON accounts TO portal_app;
GRANT UPDATE (name, plan_id, max_in, max_out, max_dialer, status, updated_at) ON accounts TO portal_app;

-- Only strictly below the tenant: an account never creates a sibling or edits its own row or an
-- ancestor's. `ancestors` is filled by the BEFORE trigger, which runs under the same policies, so
-- a parent the tenant cannot see yields no ancestors and the check refuses the row.
CREATE POLICY create_below ON accounts FOR INSERT TO portal_app
  WITH CHECK (ancestors @> ARRAY[(SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)]);
CREATE POLICY manage_below ON accounts FOR UPDATE TO portal_app
  USING (ancestors @> ARRAY[(SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)])
  WITH CHECK (ancestors @> ARRAY[(SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)]);

-- Invariants of the tree, checked on every write whoever makes it:
-- * only a reseller has children;
-- * a child's limits never exceed its parent's, and a parent's never drop below a child's;
-- * a closed account stays closed, and an account with open children cannot be closed.
CREATE FUNCTION accounts_check_tree_rules() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  parent accounts%ROWTYPE;
BEGIN
  IF TG_OP = 'INSERT' AND NEW.status <> 'active' THEN
    RAISE EXCEPTION 'a new account starts active' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.parent_id IS NOT NULL
     AND (TG_OP = 'INSERT' OR (NEW.max_in, NEW.max_out, NEW.max_dialer) IS DISTINCT FROM (OLD.max_in, OLD.max_out, OLD.max_dialer)) THEN
    SELECT * INTO parent FROM accounts WHERE id = NEW.parent_id;
    IF TG_OP = 'INSERT' AND NOT parent.is_reseller THEN
      RAISE EXCEPTION 'only a reseller account can have child accounts' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.max_in > parent.max_in OR NEW.max_out > parent.max_out OR NEW.max_dialer > parent.max_dialer THEN
      RAISE EXCEPTION 'an account''s limits cannot exceed its parent''s' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF (NEW.max_in, NEW.max_out, NEW.max_dialer) IS DISTINCT FROM (OLD.max_in, OLD.max_out, OLD.max_dialer)
       AND EXISTS (SELECT 1 FROM accounts c WHERE c.parent_id = NEW.id
                   AND (c.max_in > NEW.max_in OR c.max_out > NEW.max_out OR c.max_dialer > NEW.max_dialer)) THEN
      RAISE EXCEPTION 'an account''s limits cannot drop below a child''s' USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.status = 'closed' AND NEW.status <> 'closed' THEN
      RAISE EXCEPTION 'a closed account cannot be reopened' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.status = 'closed' AND OLD.status <> 'closed'
       AND EXISTS (SELECT 1 FROM accounts c WHERE c.parent_id = NEW.id AND c.status <> 'closed') THEN
      RAISE EXCEPTION 'an account with open child accounts cannot be closed' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER accounts_check_tree_rules BEFORE INSERT OR UPDATE ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_check_tree_rules();

-- Audit entries name the account an action was taken on (the tenant's own, or one below it).
ALTER TABLE audit_entries ADD COLUMN target_account_id uuid REFERENCES accounts (id) ON DELETE RESTRICT;
CREATE INDEX audit_entries_target_idx ON audit_entries (account_id, target_account_id, created_at DESC);

-- Slugs are unique across the platform, but the request role sees only its own part of the tree:
-- this answers "is this slug free?" and nothing more.
CREATE FUNCTION app_slug_taken(p_slug text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM accounts WHERE slug = p_slug)
$$;
REVOKE ALL ON FUNCTION app_slug_taken(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_slug_taken(text) TO portal_app;
