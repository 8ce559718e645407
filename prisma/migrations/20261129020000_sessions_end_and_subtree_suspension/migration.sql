-- Sessions that end when they should, and suspension that holds for a whole subtree.
--
-- * user_sessions: one row per signed-in browser session; the session cookie (a next-auth JWT)
--   carries the row's id as `sid`. A session is valid while its row exists and has not expired.
--   Signing out deletes the row; changing a password, deleting a user, and suspending or closing
--   an account (and so every account below it) delete the rows of the users concerned, here in
--   the database, so that no code path can forget to.
-- * account_chain_status(): the status in effect for an account: the worst of its own and its
--   ancestors' (active < suspended < closed, the enum's order).
-- * app_credentials (restated, same signature): `account_status` is now the status in effect,
--   so the users of an account below a suspended reseller cannot sign in.
-- * app_session (restated with the session id): answers only for a live session whose account
--   and every ancestor are active. Still the one query each request already makes.

-- A tenant table (made by app_make_tenant_table below), but the request role may only read it:
-- sessions are created at sign-in and checked on every request before any tenant is known, and
-- ended by sign-out, by triggers and by reseller actions on accounts below, none of which runs
-- inside the session's own tenant. So they are written only through the SECURITY DEFINER
-- functions below, which take or return one session.
CREATE TABLE user_sessions (
  account_id uuid NOT NULL,
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, id),
  -- A session is part of its user: deleting the user ends it.
  FOREIGN KEY (account_id, user_id) REFERENCES users (account_id, id) ON DELETE CASCADE,
  CHECK (expires_at > created_at)
);
CREATE INDEX user_sessions_user_idx ON user_sessions (account_id, user_id);

-- Made like every tenant table; the request role may only read its own tenant's sessions (a
-- future "where you are signed in" page). An id alone signs nobody in: only a token signed with
-- the portal's secret names a session.
CALL app_make_tenant_table('user_sessions', ARRAY['SELECT']);

CREATE FUNCTION account_chain_status(p_chain uuid[]) RETURNS account_status
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(max(status), 'closed') FROM accounts WHERE id = ANY (p_chain)
$$;

-- Sign-in: starts a session for a user whose password the application has just verified, and
-- drops that user's expired sessions. Creating a row grants nothing by itself: only a token
-- signed with the portal's secret names it.
CREATE FUNCTION app_start_session(p_account_id uuid, p_user_id uuid, p_lifetime interval)
RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  session_id uuid;
BEGIN
  DELETE FROM user_sessions
   WHERE account_id = p_account_id AND user_id = p_user_id AND expires_at <= now();
  INSERT INTO user_sessions (account_id, user_id, expires_at)
  VALUES (p_account_id, p_user_id, now() + p_lifetime)
  RETURNING id INTO session_id;
  RETURN session_id;
END
$$;

-- Sign-out: ends the one session whose (secret, random) id the signed token carries.
CREATE FUNCTION app_end_session(p_account_id uuid, p_session_id uuid) RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH ended AS (DELETE FROM user_sessions WHERE account_id = p_account_id AND id = p_session_id RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM ended)
$$;

-- Every session of one user (deactivation, removal, a reset by an administrator). Only for a user
-- of the request's tenant or of an account below it: the tenant comes from the transaction's
-- app.account_id, as for row-level security, never from the arguments alone.
CREATE FUNCTION app_end_user_sessions(p_account_id uuid, p_user_id uuid) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tenant uuid := app_current_tenant();
  ended integer;
BEGIN
  IF tenant IS NULL OR NOT EXISTS (
    SELECT 1 FROM accounts a WHERE a.id = p_account_id AND (a.id = tenant OR a.ancestors @> ARRAY[tenant])
  ) THEN
    RAISE EXCEPTION 'sessions can be ended only for users of the tenant or of an account below it'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  DELETE FROM user_sessions WHERE account_id = p_account_id AND user_id = p_user_id;
  GET DIAGNOSTICS ended = ROW_COUNT;
  RETURN ended;
END
$$;

-- A new password ends every session of its user, whoever changed it and however.
CREATE FUNCTION users_end_sessions_on_new_password() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM user_sessions WHERE account_id = NEW.account_id AND user_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER users_end_sessions_on_new_password AFTER UPDATE OF password_hash ON users
  FOR EACH ROW WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash)
  EXECUTE FUNCTION users_end_sessions_on_new_password();

-- Suspending or closing an account ends the sessions of every user of it and of every account
-- below it. Reactivating it later does not bring them back: its users sign in again.
CREATE FUNCTION accounts_end_sessions_on_suspension() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM user_sessions s
   USING accounts a
   WHERE s.account_id = a.id AND (a.id = NEW.id OR a.ancestors @> ARRAY[NEW.id]);
  RETURN NULL;
END
$$;
CREATE TRIGGER accounts_end_sessions_on_suspension AFTER UPDATE OF status ON accounts
  FOR EACH ROW WHEN (NEW.status <> 'active' AND OLD.status = 'active')
  EXECUTE FUNCTION accounts_end_sessions_on_suspension();

-- Restated: account_status is the status in effect (the account's own or an ancestor's).
CREATE OR REPLACE FUNCTION app_credentials(p_slug text, p_email text)
RETURNS TABLE (
  account_id uuid, ancestors uuid[], account_status account_status,
  user_id uuid, role user_role, password_hash text
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id, a.ancestors, account_chain_status(a.ancestors || a.id), u.id, u.role, u.password_hash
  FROM accounts a LEFT JOIN users u ON u.account_id = a.id AND u.email = lower(p_email)
  WHERE a.slug = p_slug
$$;

-- Restated with the session id: no row unless the session is live, the user still exists and
-- the account and all its ancestors are active. The `account_status` column is gone: a row now
-- means the account is active in effect.
DROP FUNCTION app_session(uuid, uuid, uuid);
CREATE FUNCTION app_session(p_account_id uuid, p_user_id uuid, p_session_id uuid, p_open_as uuid)
RETURNS TABLE (
  ancestors uuid[], account_name text,
  role user_role, email text, user_name text,
  open_as_id uuid, open_as_slug text, open_as_name text, open_as_status account_status
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.ancestors, a.name, u.role, u.email, u.name, o.id, o.slug, o.name, o.status
  FROM accounts a
  JOIN users u ON u.account_id = a.id AND u.id = p_user_id
  JOIN user_sessions s ON s.account_id = a.id AND s.id = p_session_id AND s.user_id = u.id AND s.expires_at > now()
  LEFT JOIN accounts o ON o.id = p_open_as AND o.ancestors @> ARRAY[a.id]
  WHERE a.id = p_account_id
    AND NOT EXISTS (SELECT 1 FROM accounts c WHERE c.id = ANY (a.ancestors || a.id) AND c.status <> 'active')
$$;

REVOKE ALL ON FUNCTION
  account_chain_status(uuid[]), app_start_session(uuid, uuid, interval), app_end_session(uuid, uuid),
  app_end_user_sessions(uuid, uuid), users_end_sessions_on_new_password(), accounts_end_sessions_on_suspension(),
  app_session(uuid, uuid, uuid, uuid)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
  app_start_session(uuid, uuid, interval), app_end_session(uuid, uuid), app_end_user_sessions(uuid, uuid),
  app_session(uuid, uuid, uuid, uuid)
  TO portal_app;
