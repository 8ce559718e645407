-- "Open as" and the audit log of a reseller's whole tree.
--
-- An audit entry now records who acted (a user, with the account that user belongs to), for which
-- tenant the request ran (the acting account: the user's own, or a descendant opened with "open
-- as"), and which account was acted on. It is written to the log of the account acted on and
-- copied, by the database, to the log of every ancestor of that account: roll-ups are rows owned
-- by the parent (ARCHITECTURE), so reading a reseller's log never reads across tenants.

ALTER TABLE audit_entries
  ADD COLUMN actor_account_id   uuid,
  ADD COLUMN acting_account_id  uuid REFERENCES accounts (id) ON DELETE RESTRICT,
  -- what the actor was called when acting: the log's reader may not see the actor's account
  ADD COLUMN actor_email        text,
  ADD COLUMN actor_account_name text,
  -- set on the copies in ancestors' logs: the account whose log holds the original entry
  ADD COLUMN origin_account_id  uuid REFERENCES accounts (id) ON DELETE RESTRICT;

UPDATE audit_entries e
   SET actor_account_id = e.account_id,
       acting_account_id = e.account_id,
       actor_email = u.email,
       actor_account_name = a.name
  FROM users u, accounts a
 WHERE u.account_id = e.account_id AND u.id = e.actor_user_id AND a.id = e.account_id;

-- The actor is a user of the actor's account (no longer necessarily of the log's account).
ALTER TABLE audit_entries DROP CONSTRAINT audit_entries_account_id_actor_user_id_fkey;
ALTER TABLE audit_entries
  ADD CONSTRAINT audit_entries_actor_fkey FOREIGN KEY (actor_account_id, actor_user_id)
    REFERENCES users (account_id, id) ON DELETE RESTRICT,
  ADD CONSTRAINT audit_entries_actor_pair CHECK ((actor_user_id IS NULL) = (actor_account_id IS NULL)),
  ADD CONSTRAINT audit_entries_acting_with_actor CHECK (actor_user_id IS NULL OR acting_account_id IS NOT NULL);

CREATE INDEX audit_entries_origin_idx ON audit_entries (account_id, origin_account_id, created_at DESC);

-- Whoever inserts an original entry: the acting account is the log's account or above it, and
-- the actor's account is the acting account or above it (a reseller opening a descendant). The
-- snapshots are filled here, from the rows themselves, so no caller can write someone else's name.
-- SECURITY DEFINER: the acting user's own account is an ancestor, which the tenant cannot read.
CREATE FUNCTION audit_entries_check_actor() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  log_chain uuid[];
  acting_chain uuid[];
BEGIN
  IF NEW.origin_account_id IS NOT NULL OR NEW.actor_user_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT ancestors || id INTO log_chain FROM accounts WHERE id = NEW.account_id;
  SELECT ancestors || id INTO acting_chain FROM accounts WHERE id = NEW.acting_account_id;
  IF NOT (NEW.acting_account_id = ANY (log_chain)) THEN
    RAISE EXCEPTION 'an audit entry belongs to the acting account or an account below it'
      USING ERRCODE = 'check_violation';
  END IF;
  IF NOT (NEW.actor_account_id = ANY (acting_chain)) THEN
    RAISE EXCEPTION 'an audit entry''s actor belongs to the acting account or an account above it'
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT u.email, a.name INTO NEW.actor_email, NEW.actor_account_name
    FROM users u JOIN accounts a ON a.id = u.account_id
   WHERE u.account_id = NEW.actor_account_id AND u.id = NEW.actor_user_id;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_entries_check_actor BEFORE INSERT ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION audit_entries_check_actor();

-- The roll-up: one copy, with the same id, in the log of every ancestor of the entry's account.
-- It runs as the owner (the platform path), since the tenant may not write to its ancestors' logs.
CREATE FUNCTION audit_entries_roll_up() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO audit_entries (account_id, id, actor_account_id, actor_user_id, acting_account_id, actor_email,
                             actor_account_name, target_account_id, action, ip, details, created_at,
                             origin_account_id)
  SELECT ancestor, NEW.id, NEW.actor_account_id, NEW.actor_user_id, NEW.acting_account_id, NEW.actor_email,
         NEW.actor_account_name, NEW.target_account_id, NEW.action, NEW.ip, NEW.details, NEW.created_at,
         NEW.account_id
    FROM accounts a CROSS JOIN LATERAL unnest(a.ancestors) AS ancestor
   WHERE a.id = NEW.account_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER audit_entries_roll_up AFTER INSERT ON audit_entries
  FOR EACH ROW WHEN (NEW.origin_account_id IS NULL) EXECUTE FUNCTION audit_entries_roll_up();

-- A tenant writes entries to its own log and, when it acts on an account below it, to that
-- account's log. It can neither write copies (origin_account_id) nor the snapshots.
CREATE POLICY record_below ON audit_entries FOR INSERT TO portal_app
  WITH CHECK (EXISTS (
    SELECT 1 FROM accounts a
     WHERE a.id = audit_entries.account_id
       AND a.ancestors @> ARRAY[(SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)]
  ));
REVOKE INSERT ON audit_entries FROM portal_app;
GRANT INSERT (account_id, id, actor_account_id, actor_user_id, acting_account_id, target_account_id, action, ip,
              details, created_at)
  ON audit_entries TO portal_app;

-- The session check on every request, now also answering "open as": the signed-in user, their
-- account, and (when asked) the account they opened, if it is strictly below theirs.
DROP FUNCTION app_session_account(uuid, uuid);
CREATE FUNCTION app_session(p_account_id uuid, p_user_id uuid, p_open_as uuid)
RETURNS TABLE (
  ancestors uuid[], account_status account_status, account_name text,
  role user_role, email text, user_name text,
  open_as_id uuid, open_as_slug text, open_as_name text, open_as_status account_status
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.ancestors, a.status, a.name, u.role, u.email, u.name, o.id, o.slug, o.name, o.status
  FROM accounts a
  JOIN users u ON u.account_id = a.id AND u.id = p_user_id
  LEFT JOIN accounts o ON o.id = p_open_as AND o.ancestors @> ARRAY[a.id]
  WHERE a.id = p_account_id
$$;
REVOKE ALL ON FUNCTION app_session(uuid, uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_session(uuid, uuid, uuid) TO portal_app;
REVOKE ALL ON FUNCTION audit_entries_check_actor(), audit_entries_roll_up() FROM PUBLIC;
