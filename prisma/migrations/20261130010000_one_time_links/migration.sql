-- One-time links (issue 8): invitations and password resets, mailed as
-- https://<brand host>/<page>?token=<32 random bytes, base64url>. Only the token's SHA-256 is
-- stored, so a copy of the table signs nobody in.
--
--   one_time_links            a tenant table the request role may only read; written only through
--                             the SECURITY DEFINER functions below.
--   app_issue_one_time_link   a new link for a user of the tenant or of an account below it (a
--                             reseller inviting a new child's first owner); it retires the user's
--                             older unused links of the same purpose and returns the user's e-mail
--                             and name and the account's name for the mail. Another account: refused.
--   app_read_one_time_link    what a token names and whether it can still be used (valid, expired,
--                             used, replaced), for the public pages, before any tenant is known.
--   app_consume_one_time_link marks a link used, once: one UPDATE ... WHERE unused AND unexpired
--                             RETURNING, so two concurrent uses cannot both succeed.
--   app_password_reset_target the account and user a "forgot password" request names.
--   app_link_host             the nearest verified brand host of an account's chain, where its
--                             links point.
-- No policy has a subquery: the checks against the account tree are in the functions.

CREATE TYPE one_time_link_purpose AS ENUM ('invitation', 'password_reset');

CREATE TABLE one_time_links (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL,
  purpose    one_time_link_purpose NOT NULL,
  -- SHA-256 of the token; the token itself is only in the mail
  token_hash bytea NOT NULL CHECK (octet_length(token_hash) = 32),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  -- a newer link of the same purpose was issued for the user
  retired_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, id),
  CONSTRAINT one_time_links_token_hash_unique UNIQUE (token_hash),
  CONSTRAINT one_time_links_expire_after_creation CHECK (expires_at > created_at),
  -- A link is part of its user: deleting the user ends it.
  FOREIGN KEY (account_id, user_id) REFERENCES users (account_id, id) ON DELETE CASCADE
);
CREATE INDEX one_time_links_open_idx ON one_time_links (account_id, user_id, purpose)
  WHERE used_at IS NULL AND retired_at IS NULL;
CALL app_make_tenant_table('one_time_links', ARRAY['SELECT']);

CREATE FUNCTION app_issue_one_time_link(
  p_account_id uuid, p_user_id uuid, p_purpose one_time_link_purpose, p_token_hash bytea, p_lifetime interval
) RETURNS TABLE (email text, user_name text, account_name text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tenant uuid := app_current_tenant();
  target_status user_status;
BEGIN
  IF tenant IS NULL OR NOT EXISTS (
    SELECT 1 FROM accounts a WHERE a.id = p_account_id AND (a.id = tenant OR a.ancestors @> ARRAY[tenant])
  ) THEN
    RAISE EXCEPTION 'links can be issued only for users of the tenant or of an account below it'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- The user's row, locked: concurrent issues for one user take turns, so one link stays open.
  SELECT u.status INTO target_status FROM users u
   WHERE u.account_id = p_account_id AND u.id = p_user_id FOR UPDATE;
  IF target_status IS NULL THEN
    RAISE EXCEPTION 'no such user' USING ERRCODE = 'LK002';
  END IF;
  IF (p_purpose = 'invitation' AND target_status <> 'invited')
     OR (p_purpose = 'password_reset' AND target_status <> 'active') THEN
    RAISE EXCEPTION 'a % link is not for a user who is %', p_purpose, target_status
      USING ERRCODE = 'LK001';
  END IF;
  UPDATE one_time_links SET retired_at = now()
   WHERE account_id = p_account_id AND user_id = p_user_id AND purpose = p_purpose
     AND used_at IS NULL AND retired_at IS NULL;
  INSERT INTO one_time_links (account_id, user_id, purpose, token_hash, expires_at)
  VALUES (p_account_id, p_user_id, p_purpose, p_token_hash, now() + p_lifetime);
  -- What the mail needs; the tenant may not read the users of an account below it.
  RETURN QUERY SELECT u.email, u.name, a.name FROM users u JOIN accounts a ON a.id = u.account_id
                WHERE u.account_id = p_account_id AND u.id = p_user_id;
END
$$;

CREATE FUNCTION app_read_one_time_link(p_token_hash bytea, p_purpose one_time_link_purpose)
RETURNS TABLE (
  account_id uuid, ancestors uuid[], account_slug text, account_name text, user_id uuid, email text,
  user_name text, user_status user_status, state text, expires_at timestamptz
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT l.account_id, a.ancestors, a.slug, a.name, u.id, u.email, u.name, u.status,
         CASE WHEN l.used_at IS NOT NULL THEN 'used'
              WHEN l.retired_at IS NOT NULL THEN 'replaced'
              WHEN l.expires_at <= now() THEN 'expired'
              ELSE 'valid' END,
         l.expires_at
  FROM one_time_links l
  JOIN accounts a ON a.id = l.account_id
  JOIN users u ON u.account_id = l.account_id AND u.id = l.user_id
  WHERE l.token_hash = p_token_hash AND l.purpose = p_purpose
$$;

CREATE FUNCTION app_consume_one_time_link(p_token_hash bytea, p_purpose one_time_link_purpose)
RETURNS TABLE (account_id uuid, user_id uuid)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE one_time_links l SET used_at = now()
   WHERE l.token_hash = p_token_hash AND l.purpose = p_purpose
     AND l.used_at IS NULL AND l.retired_at IS NULL AND l.expires_at > now()
  RETURNING l.account_id, l.user_id
$$;

-- "Forgot password?": the user a tenant slug and an e-mail name, with the status in effect of the
-- account (its own or an ancestor's). Nothing for an unknown slug or e-mail.
CREATE FUNCTION app_password_reset_target(p_slug text, p_email text)
RETURNS TABLE (account_id uuid, ancestors uuid[], account_status account_status, user_id uuid, user_status user_status)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id, a.ancestors, account_chain_status(a.ancestors || a.id), u.id, u.status
  FROM accounts a JOIN users u ON u.account_id = a.id AND u.email = lower(p_email)
  WHERE a.slug = p_slug
$$;

-- Where an account's links point: the nearest brand host of the account or an ancestor that is
-- verified (or lies under one of `p_dev_suffixes`, which count as verified), the primary first at
-- each level. NULL when the chain has none. Only for the tenant or an account below it.
CREATE FUNCTION app_link_host(p_account_id uuid, p_dev_suffixes text[]) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tenant uuid := app_current_tenant();
  chain uuid[];
BEGIN
  SELECT a.ancestors || a.id INTO chain FROM accounts a
   WHERE a.id = p_account_id AND (a.id = tenant OR a.ancestors @> ARRAY[tenant]);
  IF tenant IS NULL OR chain IS NULL THEN
    RAISE EXCEPTION 'link hosts are known only for the tenant or an account below it'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN (
    SELECT h.hostname FROM host_map h
     WHERE h.account_id = ANY (chain) AND h.kind = 'brand'
       AND (h.verified OR EXISTS (SELECT 1 FROM unnest(p_dev_suffixes) AS s WHERE h.hostname LIKE '%.' || s))
     ORDER BY array_position(chain, h.account_id) DESC, h.is_primary DESC, h.hostname
     LIMIT 1
  );
END
$$;

REVOKE ALL ON FUNCTION app_issue_one_time_link(uuid, uuid, one_time_link_purpose, bytea, interval),
  app_read_one_time_link(bytea, one_time_link_purpose), app_consume_one_time_link(bytea, one_time_link_purpose),
  app_password_reset_target(text, text), app_link_host(uuid, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_issue_one_time_link(uuid, uuid, one_time_link_purpose, bytea, interval),
  app_read_one_time_link(bytea, one_time_link_purpose), app_consume_one_time_link(bytea, one_time_link_purpose),
  app_password_reset_target(text, text), app_link_host(uuid, text[]) TO portal_app;
