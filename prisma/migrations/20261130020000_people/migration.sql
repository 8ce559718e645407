-- People: the rules about users that must hold whoever writes the row (issue 8).
--
-- * users_keep_an_active_owner (trigger): a user who is an active owner stops being one (demoted,
--   deactivated) only while another active owner of the account remains. It locks the account's
--   row first, like app_enforce_plan_limit, so two concurrent demotions take turns and the second
--   counts what the first committed: they cannot together leave the account without an owner.
--   Refusal: SQLSTATE 'LO001' (server/people/last-owner.ts turns it into the `last_owner` problem).
-- * users_end_sessions_on_deactivation (trigger): a user who stops being active (deactivated)
--   loses every session at once, like users_end_sessions_on_new_password (20261129020000).
-- * app_session (restated; same signature and columns): also requires the user to be `active`,
--   so a session that somehow outlived its user's deactivation still grants nothing.
-- * app_credentials (restated with one more column, `user_status`): sign-in refuses a user who is
--   not active with the same answer as a wrong password (server/auth/sign-in.ts).
-- * app_invite_first_owner(): the one way a reseller writes a user of another account: the first
--   owner (invited) of an account strictly below the request's tenant that has no users yet. No
--   policy lets an ancestor write users.

-- The last active owner ---------------------------------------------------------------------------

CREATE FUNCTION app_keep_an_active_owner() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  -- Only a row that stops being an active owner.
  IF OLD.role <> 'owner' OR OLD.status <> 'active' THEN
    RETURN NEW;
  END IF;
  IF NEW.role = 'owner' AND NEW.status = 'active' THEN
    RETURN NEW;
  END IF;
  PERFORM 1 FROM accounts WHERE id = OLD.account_id FOR UPDATE;
  -- Read after the lock: in READ COMMITTED this statement sees what a writer that held the lock
  -- before us committed.
  IF NOT EXISTS (
    SELECT 1 FROM users
     WHERE account_id = OLD.account_id AND id <> OLD.id AND role = 'owner' AND status = 'active'
  ) THEN
    RAISE EXCEPTION 'the last active owner of an account cannot be demoted or deactivated'
      USING ERRCODE = 'LO001';
  END IF;
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION app_keep_an_active_owner() FROM PUBLIC;

CREATE TRIGGER users_keep_an_active_owner BEFORE UPDATE OF role, status ON users
  FOR EACH ROW EXECUTE FUNCTION app_keep_an_active_owner();

-- Deactivation ends sessions ----------------------------------------------------------------------

CREATE FUNCTION users_end_sessions_on_deactivation() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM user_sessions WHERE account_id = NEW.account_id AND user_id = NEW.id;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION users_end_sessions_on_deactivation() FROM PUBLIC;

CREATE TRIGGER users_end_sessions_on_deactivation AFTER UPDATE OF status ON users
  FOR EACH ROW WHEN (NEW.status <> 'active' AND OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION users_end_sessions_on_deactivation();

-- Restated (20261129020000): the same, and the user must be active.
CREATE OR REPLACE FUNCTION app_session(p_account_id uuid, p_user_id uuid, p_session_id uuid, p_open_as uuid)
RETURNS TABLE (
  ancestors uuid[], account_name text,
  role user_role, email text, user_name text,
  open_as_id uuid, open_as_slug text, open_as_name text, open_as_status account_status
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.ancestors, a.name, u.role, u.email, u.name, o.id, o.slug, o.name, o.status
  FROM accounts a
  JOIN users u ON u.account_id = a.id AND u.id = p_user_id AND u.status = 'active'
  JOIN user_sessions s ON s.account_id = a.id AND s.id = p_session_id AND s.user_id = u.id AND s.expires_at > now()
  LEFT JOIN accounts o ON o.id = p_open_as AND o.ancestors @> ARRAY[a.id]
  WHERE a.id = p_account_id
    AND NOT EXISTS (SELECT 1 FROM accounts c WHERE c.id = ANY (a.ancestors || a.id) AND c.status <> 'active')
$$;

-- Restated (20261129020000) with the user's status, so sign-in can refuse an invited or
-- deactivated user; a new column needs DROP (CREATE OR REPLACE cannot change the result type).
DROP FUNCTION app_credentials(text, text);
CREATE FUNCTION app_credentials(p_slug text, p_email text)
RETURNS TABLE (
  account_id uuid, ancestors uuid[], account_status account_status,
  user_id uuid, role user_role, user_status user_status, password_hash text
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id, a.ancestors, account_chain_status(a.ancestors || a.id), u.id, u.role, u.status, u.password_hash
  FROM accounts a LEFT JOIN users u ON u.account_id = a.id AND u.email = lower(p_email)
  WHERE a.slug = p_slug
$$;
REVOKE ALL ON FUNCTION app_credentials(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_credentials(text, text) TO portal_app;

-- A new account's first owner ---------------------------------------------------------------------

-- The reseller that creates an account invites its first owner in the same transaction. The
-- tenant is the reseller, whose policies admit only its own users; this function writes one user
-- into an account strictly below the tenant (from app.account_id, never from the arguments alone)
-- and only while that account has no users, so it cannot be used to add people to an account
-- that already has some. The plan's user limit applies as to any insert (its trigger).
CREATE FUNCTION app_invite_first_owner(p_account_id uuid, p_email text, p_name text) RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tenant uuid := app_current_tenant();
  invited uuid;
BEGIN
  IF tenant IS NULL OR NOT EXISTS (
    SELECT 1 FROM accounts a WHERE a.id = p_account_id AND a.ancestors @> ARRAY[tenant]
  ) THEN
    RAISE EXCEPTION 'a first owner can be invited only into an account below the tenant'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM 1 FROM accounts WHERE id = p_account_id FOR UPDATE;
  IF EXISTS (SELECT 1 FROM users WHERE account_id = p_account_id) THEN
    RAISE EXCEPTION 'the account already has users: its own owners invite people'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO users (account_id, email, name, role, status)
  VALUES (p_account_id, lower(p_email), p_name, 'owner', 'invited')
  RETURNING id INTO invited;
  RETURN invited;
END
$$;
REVOKE ALL ON FUNCTION app_invite_first_owner(uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_invite_first_owner(uuid, text, text) TO portal_app;
