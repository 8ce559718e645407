-- A refresh token outlives its family as a tombstone, so that a refresh after the family ended
-- says why (the login ended, the user was deactivated, the account suspended) instead of "unknown".
--
-- * refresh_tokens.user_id: whose token it is (the family's user), so the reason can be told once
--   the family is gone; the token goes when its user does.
-- * refresh_tokens.session_id: nulled, not deleted, when its family ends (ON DELETE SET NULL of that
--   column only: account_id stays). A token without a family refreshes nothing.
-- * app_start_program_session (restated): fills user_id, and drops the user's expired tokens and
--   tombstones with the user's expired sessions.
-- * app_rotate_refresh_token (restated): a token whose family has ended answers the reason
--   (account_suspended, user_inactive, session_ended) instead of being unknown; the rest unchanged.
-- * app_refresh_token_family (restated): no family for a tombstone.

ALTER TABLE refresh_tokens ADD COLUMN user_id uuid;
UPDATE refresh_tokens r SET user_id = s.user_id
  FROM user_sessions s WHERE s.account_id = r.account_id AND s.id = r.session_id;
DELETE FROM refresh_tokens WHERE user_id IS NULL;
ALTER TABLE refresh_tokens
  ALTER COLUMN user_id SET NOT NULL,
  ALTER COLUMN session_id DROP NOT NULL,
  DROP CONSTRAINT refresh_tokens_account_id_session_id_fkey,
  ADD CONSTRAINT refresh_tokens_session_fkey FOREIGN KEY (account_id, session_id)
    REFERENCES user_sessions (account_id, id) ON DELETE SET NULL (session_id),
  ADD CONSTRAINT refresh_tokens_user_fkey FOREIGN KEY (account_id, user_id)
    REFERENCES users (account_id, id) ON DELETE CASCADE;
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (account_id, user_id);

CREATE OR REPLACE FUNCTION app_start_program_session(
  p_account_id uuid, p_user_id uuid, p_lifetime interval, p_refresh_hash bytea, p_refresh_lifetime interval
) RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  family uuid;
  family_expires timestamptz := now() + p_lifetime;
BEGIN
  DELETE FROM user_sessions
   WHERE account_id = p_account_id AND user_id = p_user_id AND expires_at <= now();
  DELETE FROM refresh_tokens
   WHERE account_id = p_account_id AND user_id = p_user_id AND expires_at <= now();
  INSERT INTO user_sessions (account_id, user_id, expires_at, kind)
  VALUES (p_account_id, p_user_id, family_expires, 'program')
  RETURNING id INTO family;
  INSERT INTO refresh_tokens (account_id, user_id, session_id, token_hash, expires_at)
  VALUES (p_account_id, p_user_id, family, p_refresh_hash, least(now() + p_refresh_lifetime, family_expires));
  RETURN family;
END
$$;

CREATE OR REPLACE FUNCTION app_refresh_token_family(p_token_hash bytea)
RETURNS TABLE (account_id uuid, session_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT r.account_id, r.session_id FROM refresh_tokens r
   WHERE r.token_hash = p_token_hash AND r.session_id IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION app_rotate_refresh_token(p_token_hash bytea, p_new_hash bytea, p_lifetime interval)
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
  refusal text;
  successor uuid := gen_random_uuid();
BEGIN
  SELECT * INTO presented FROM refresh_tokens r WHERE r.token_hash = p_token_hash FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'refresh_invalid'::text, NULL::uuid, NULL::text, NULL::uuid, NULL::user_role, NULL::uuid;
    RETURN;
  END IF;
  IF presented.used_at IS NOT NULL AND presented.session_id IS NOT NULL THEN
    DELETE FROM user_sessions s WHERE s.account_id = presented.account_id AND s.id = presented.session_id;
    RETURN QUERY SELECT 'refresh_reused'::text, presented.account_id, NULL::text, presented.user_id,
                        NULL::user_role, presented.session_id;
    RETURN;
  END IF;
  SELECT * INTO family FROM user_sessions s WHERE s.account_id = presented.account_id AND s.id = presented.session_id;
  SELECT * INTO member FROM users u WHERE u.account_id = presented.account_id AND u.id = presented.user_id;
  SELECT * INTO home FROM accounts a WHERE a.id = presented.account_id;
  refusal := CASE
    WHEN account_chain_status(home.ancestors || home.id) <> 'active' THEN 'account_suspended'
    WHEN member.status <> 'active' THEN 'user_inactive'
    -- The family ended (logout, reuse, password change) or reached its absolute lifetime.
    WHEN family.id IS NULL OR family.expires_at <= now() THEN 'session_ended'
    WHEN presented.expires_at <= now() THEN 'refresh_expired'
  END;
  RETURN QUERY SELECT coalesce(refusal, 'rotated'), home.id, home.slug, member.id, member.role, family.id;
  IF refusal IS NOT NULL THEN
    RETURN;
  END IF;
  -- Used tokens are kept until they expire (a reuse is recognised until then), no longer.
  DELETE FROM refresh_tokens r
   WHERE r.account_id = presented.account_id AND r.session_id = presented.session_id
     AND r.expires_at <= now() AND r.id <> presented.id;
  INSERT INTO refresh_tokens (account_id, id, user_id, session_id, token_hash, expires_at)
  VALUES (presented.account_id, successor, presented.user_id, presented.session_id, p_new_hash,
          least(now() + p_lifetime, family.expires_at));
  UPDATE refresh_tokens r SET used_at = now(), replaced_by = successor
   WHERE r.account_id = presented.account_id AND r.id = presented.id;
END
$$;
