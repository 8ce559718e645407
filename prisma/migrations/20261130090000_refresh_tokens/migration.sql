-- Refresh tokens of programs: the other half of a token family (a `program` row of user_sessions).
-- Nothing is restated; everything here is new.
--
-- * refresh_tokens: one row per refresh token ever issued in a family, holding only the SHA-256 of
--   the token's text (globally unique, so a token names its family by itself). A token is used
--   once: rotating it sets `used_at` and `replaced_by` (the token issued in its place). Rows go
--   with their family (ON DELETE CASCADE), so every way a session ends (sign-out, password change,
--   deactivation, suspension, reuse) ends its refresh tokens in the same statement.
-- * app_start_program_session(): login. Starts the family and its first refresh token.
-- * app_rotate_refresh_token(): refresh. Under a lock on the presented token's row: an unknown
--   token, a used one (its family is deleted: reuse means a copy is in someone else's hands), an
--   expired one, a family that ended, a user or account no longer active; else the token is
--   marked used and its successor inserted. Two concurrent refreshes of one token queue on the
--   lock, and the second sees the token used.
-- * app_refresh_token_family(): which family a token belongs to (for the per-family rate limit),
--   read before the rotation.
-- * app_end_program_session(): logout by refresh token; ends the family.
--
-- The request role may only SELECT its own tenant's rows of refresh_tokens: tokens are written and
-- looked up only through these SECURITY DEFINER functions, which run before any tenant is known.

CREATE TABLE refresh_tokens (
  account_id  uuid        NOT NULL,
  id          uuid        NOT NULL DEFAULT gen_random_uuid(),
  session_id  uuid        NOT NULL,
  token_hash  bytea       NOT NULL CHECK (length(token_hash) = 32),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  replaced_by uuid,
  PRIMARY KEY (account_id, id),
  FOREIGN KEY (account_id, session_id) REFERENCES user_sessions (account_id, id) ON DELETE CASCADE,
  FOREIGN KEY (account_id, replaced_by) REFERENCES refresh_tokens (account_id, id),
  CHECK (expires_at > created_at),
  CHECK ((used_at IS NULL) = (replaced_by IS NULL))
);
CREATE UNIQUE INDEX refresh_tokens_token_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (account_id, session_id);

-- Made like every tenant table; like user_sessions, the request role may only read its own
-- tenant's rows (hashes of long random secrets, which sign nobody in). Every write goes through
-- the functions below.
CALL app_make_tenant_table('refresh_tokens', ARRAY['SELECT']);

-- Login: the application has just verified the user's password (server/auth/sign-in.ts). Drops the
-- user's expired sessions, as app_start_session does.
CREATE FUNCTION app_start_program_session(
  p_account_id uuid, p_user_id uuid, p_lifetime interval, p_refresh_hash bytea, p_refresh_lifetime interval
) RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  family uuid;
  family_expires timestamptz := now() + p_lifetime;
BEGIN
  DELETE FROM user_sessions
   WHERE account_id = p_account_id AND user_id = p_user_id AND expires_at <= now();
  INSERT INTO user_sessions (account_id, user_id, expires_at, kind)
  VALUES (p_account_id, p_user_id, family_expires, 'program')
  RETURNING id INTO family;
  INSERT INTO refresh_tokens (account_id, session_id, token_hash, expires_at)
  VALUES (p_account_id, family, p_refresh_hash, least(now() + p_refresh_lifetime, family_expires));
  RETURN family;
END
$$;

CREATE FUNCTION app_refresh_token_family(p_token_hash bytea)
RETURNS TABLE (account_id uuid, session_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT r.account_id, r.session_id FROM refresh_tokens r WHERE r.token_hash = p_token_hash
$$;

-- `outcome` is 'rotated' or the refusal's reason (server/auth/principal.ts REFUSALS). It answers
-- rather than raising, so that a reuse's deletion of the family commits.
CREATE FUNCTION app_rotate_refresh_token(p_token_hash bytea, p_new_hash bytea, p_lifetime interval)
RETURNS TABLE (
  outcome text, account_id uuid, account_slug text, user_id uuid, role user_role, session_id uuid
)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  presented refresh_tokens%ROWTYPE;
  family user_sessions%ROWTYPE;
  member users%ROWTYPE;
  home accounts%ROWTYPE;
  successor uuid := gen_random_uuid();
BEGIN
  SELECT * INTO presented FROM refresh_tokens r WHERE r.token_hash = p_token_hash FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'refresh_invalid'::text, NULL::uuid, NULL::text, NULL::uuid, NULL::user_role, NULL::uuid;
    RETURN;
  END IF;
  SELECT * INTO family FROM user_sessions s WHERE s.account_id = presented.account_id AND s.id = presented.session_id;
  IF presented.used_at IS NOT NULL THEN
    DELETE FROM user_sessions s WHERE s.account_id = presented.account_id AND s.id = presented.session_id;
    RETURN QUERY SELECT 'refresh_reused'::text, presented.account_id, NULL::text, family.user_id, NULL::user_role,
                        presented.session_id;
    RETURN;
  END IF;
  SELECT * INTO member FROM users u WHERE u.account_id = family.account_id AND u.id = family.user_id;
  SELECT * INTO home FROM accounts a WHERE a.id = family.account_id;
  RETURN QUERY SELECT
    CASE
      WHEN account_chain_status(home.ancestors || home.id) <> 'active' THEN 'account_suspended'
      WHEN member.status <> 'active' THEN 'user_inactive'
      WHEN family.expires_at <= now() THEN 'session_ended'
      WHEN presented.expires_at <= now() THEN 'refresh_expired'
      ELSE 'rotated'
    END,
    home.id, home.slug, member.id, member.role, family.id;
  IF presented.expires_at <= now() OR family.expires_at <= now() OR member.status <> 'active'
     OR account_chain_status(home.ancestors || home.id) <> 'active' THEN
    RETURN;
  END IF;
  -- Used tokens are kept until they expire (a reuse is recognised until then), no longer.
  DELETE FROM refresh_tokens r
   WHERE r.account_id = presented.account_id AND r.session_id = presented.session_id
     AND r.expires_at <= now() AND r.id <> presented.id;
  INSERT INTO refresh_tokens (account_id, id, session_id, token_hash, expires_at)
  VALUES (presented.account_id, successor, presented.session_id, p_new_hash,
          least(now() + p_lifetime, family.expires_at));
  UPDATE refresh_tokens r SET used_at = now(), replaced_by = successor
   WHERE r.account_id = presented.account_id AND r.id = presented.id;
END
$$;

-- Logout: ends the family of a refresh token, used or not. False when the token is unknown (or its
-- family had already ended, which took the token with it).
CREATE FUNCTION app_end_program_session(p_token_hash bytea) RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH ended AS (
    DELETE FROM user_sessions s USING refresh_tokens r
     WHERE r.token_hash = p_token_hash AND s.account_id = r.account_id AND s.id = r.session_id
    RETURNING 1
  )
  SELECT EXISTS (SELECT 1 FROM ended)
$$;

REVOKE ALL ON FUNCTION
  app_start_program_session(uuid, uuid, interval, bytea, interval), app_refresh_token_family(bytea),
  app_rotate_refresh_token(bytea, bytea, interval), app_end_program_session(bytea)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
  app_start_program_session(uuid, uuid, interval, bytea, interval), app_refresh_token_family(bytea),
  app_rotate_refresh_token(bytea, bytea, interval), app_end_program_session(bytea)
  TO portal_app;
