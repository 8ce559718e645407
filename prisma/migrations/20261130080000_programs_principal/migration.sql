-- Programs as users: the request principal may be a user (browser session or access token) or an
-- API key, and audit entries name whichever acted.
--
-- * api_keys: per-account keys for server-to-server use. Only the SHA-256 of the secret is kept
--   (globally unique, so a key names its account by itself); `prefix` is the short visible part
--   people tell keys apart by. Scopes are permission names (server/auth/permissions.ts). Keys are
--   revoked, never deleted, so the audit entries they wrote keep their actor.
-- * app_api_key(hash, ip): the one lookup a request with a key makes, before any tenant is known:
--   the key, its account and the status in effect for the account's chain. It records the last
--   use (time and address) at most once a minute per key and address, so a busy program does not
--   write a row per request.
-- * audit_entries.actor_key_id: an entry is written by a user or by a key of the actor's account,
--   never both; the trigger snapshots the key's name as it snapshots a user's e-mail.
-- * app_session (restated with the account's slug, which tokens and X-Tenant name accounts by).
-- * app_session_refusal(): why app_session answered no row, for the 401's machine-readable reason;
--   asked only on the failure path.
-- * user_sessions.kind: `browser` (the session cookie) or `program` (the family of an access and
--   refresh token pair); the same checks and the same ways of ending apply to both.

-- API keys ----------------------------------------------------------------------------------------

CREATE TABLE api_keys (
  account_id         uuid        NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
  name               text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  prefix             text        NOT NULL CHECK (prefix ~ '^vrk_[0-9a-zA-Z]{8}$'),
  secret_hash        bytea       NOT NULL CHECK (length(secret_hash) = 32),
  scopes             text[]      NOT NULL CHECK (cardinality(scopes) > 0 AND array_position(scopes, NULL) IS NULL),
  created_by_user_id uuid        NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  expires_at         timestamptz CHECK (expires_at IS NULL OR expires_at > created_at),
  revoked_at         timestamptz,
  revoked_by_user_id uuid,
  last_used_at       timestamptz,
  last_used_ip       text,
  PRIMARY KEY (account_id, id),
  FOREIGN KEY (account_id, created_by_user_id) REFERENCES users (account_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (account_id, revoked_by_user_id) REFERENCES users (account_id, id) ON DELETE RESTRICT,
  CHECK ((revoked_at IS NULL) = (revoked_by_user_id IS NULL))
);
CREATE UNIQUE INDEX api_keys_secret_hash_key ON api_keys (secret_hash);
CREATE UNIQUE INDEX api_keys_prefix_key ON api_keys (prefix);
CREATE INDEX api_keys_account_created_idx ON api_keys (account_id, created_at DESC, id);

-- Keys are made and revoked by their account's people; none is ever deleted.
CALL app_make_tenant_table('api_keys', ARRAY['SELECT', 'INSERT', 'UPDATE']);

CREATE FUNCTION app_api_key(p_secret_hash bytea, p_ip text)
RETURNS TABLE (
  account_id uuid, account_slug text, account_name text, ancestors uuid[], chain_status account_status,
  key_id uuid, key_name text, scopes text[], expires_at timestamptz, revoked_at timestamptz
)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY
    SELECT a.id, a.slug, a.name, a.ancestors, account_chain_status(a.ancestors || a.id),
           k.id, k.name, k.scopes, k.expires_at, k.revoked_at
      FROM api_keys k JOIN accounts a ON a.id = k.account_id
     WHERE k.secret_hash = p_secret_hash;
  UPDATE api_keys k
     SET last_used_at = now(), last_used_ip = p_ip
   WHERE k.secret_hash = p_secret_hash AND k.revoked_at IS NULL
     AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute'
          OR k.last_used_ip IS DISTINCT FROM p_ip);
END
$$;
REVOKE ALL ON FUNCTION app_api_key(bytea, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_api_key(bytea, text) TO portal_app;

-- Audit entries written by a key --------------------------------------------------------------------

ALTER TABLE audit_entries
  ADD COLUMN actor_key_id uuid,
  -- the key's name when it acted: the log's reader may not see the key's account
  ADD COLUMN actor_key_name text;
ALTER TABLE audit_entries
  DROP CONSTRAINT audit_entries_actor_pair,
  DROP CONSTRAINT audit_entries_acting_with_actor,
  ADD CONSTRAINT audit_entries_actor_key_fkey FOREIGN KEY (actor_account_id, actor_key_id)
    REFERENCES api_keys (account_id, id) ON DELETE RESTRICT,
  ADD CONSTRAINT audit_entries_one_actor CHECK (actor_user_id IS NULL OR actor_key_id IS NULL),
  ADD CONSTRAINT audit_entries_actor_pair
    CHECK ((actor_user_id IS NULL AND actor_key_id IS NULL) = (actor_account_id IS NULL)),
  ADD CONSTRAINT audit_entries_acting_with_actor
    CHECK (actor_account_id IS NULL OR acting_account_id IS NOT NULL);
GRANT INSERT (actor_key_id) ON audit_entries TO portal_app;

-- Restated (20261123060000): the same checks for an entry a key wrote, and its name's snapshot.
CREATE OR REPLACE FUNCTION audit_entries_check_actor() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  log_chain uuid[];
  acting_chain uuid[];
BEGIN
  IF NEW.origin_account_id IS NOT NULL OR NEW.actor_account_id IS NULL THEN
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
  SELECT a.name INTO NEW.actor_account_name FROM accounts a WHERE a.id = NEW.actor_account_id;
  NEW.actor_email := (SELECT u.email FROM users u
                       WHERE u.account_id = NEW.actor_account_id AND u.id = NEW.actor_user_id);
  NEW.actor_key_name := (SELECT k.name FROM api_keys k
                          WHERE k.account_id = NEW.actor_account_id AND k.id = NEW.actor_key_id);
  RETURN NEW;
END
$$;

-- Restated (20261123060000): the copies carry the key too.
CREATE OR REPLACE FUNCTION audit_entries_roll_up() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO audit_entries (account_id, id, actor_account_id, actor_user_id, actor_key_id, acting_account_id,
                             actor_email, actor_key_name, actor_account_name, target_account_id, action, ip,
                             details, created_at, origin_account_id)
  SELECT ancestor, NEW.id, NEW.actor_account_id, NEW.actor_user_id, NEW.actor_key_id, NEW.acting_account_id,
         NEW.actor_email, NEW.actor_key_name, NEW.actor_account_name, NEW.target_account_id, NEW.action, NEW.ip,
         NEW.details, NEW.created_at, NEW.account_id
    FROM accounts a CROSS JOIN LATERAL unnest(a.ancestors) AS ancestor
   WHERE a.id = NEW.account_id;
  RETURN NULL;
END
$$;

-- Sessions of programs ---------------------------------------------------------------------------

ALTER TABLE user_sessions
  ADD COLUMN kind text NOT NULL DEFAULT 'browser' CHECK (kind IN ('browser', 'program'));

-- Restated (20261130020000) with the account's slug; a new column needs DROP.
DROP FUNCTION app_session(uuid, uuid, uuid, uuid);
CREATE FUNCTION app_session(p_account_id uuid, p_user_id uuid, p_session_id uuid, p_open_as uuid)
RETURNS TABLE (
  ancestors uuid[], account_slug text, account_name text,
  role user_role, email text, user_name text,
  open_as_id uuid, open_as_slug text, open_as_name text, open_as_status account_status
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.ancestors, a.slug, a.name, u.role, u.email, u.name, o.id, o.slug, o.name, o.status
  FROM accounts a
  JOIN users u ON u.account_id = a.id AND u.id = p_user_id AND u.status = 'active'
  JOIN user_sessions s ON s.account_id = a.id AND s.id = p_session_id AND s.user_id = u.id AND s.expires_at > now()
  LEFT JOIN accounts o ON o.id = p_open_as AND o.ancestors @> ARRAY[a.id]
  WHERE a.id = p_account_id
    AND NOT EXISTS (SELECT 1 FROM accounts c WHERE c.id = ANY (a.ancestors || a.id) AND c.status <> 'active')
$$;
REVOKE ALL ON FUNCTION app_session(uuid, uuid, uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_session(uuid, uuid, uuid, uuid) TO portal_app;

-- Why app_session answers nothing, in the order a person would fix it: the account (or one above
-- it) is not active, the user is not (or no longer) active, or the session itself has ended.
CREATE FUNCTION app_session_refusal(p_account_id uuid, p_user_id uuid, p_session_id uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE
    WHEN a.id IS NULL THEN 'session_ended'
    WHEN account_chain_status(a.ancestors || a.id) <> 'active' THEN 'account_suspended'
    WHEN NOT EXISTS (SELECT 1 FROM users u WHERE u.account_id = a.id AND u.id = p_user_id AND u.status = 'active')
      THEN 'user_inactive'
    ELSE 'session_ended'
  END
  FROM (SELECT 1) AS one LEFT JOIN accounts a ON a.id = p_account_id
$$;
REVOKE ALL ON FUNCTION app_session_refusal(uuid, uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_session_refusal(uuid, uuid, uuid) TO portal_app;
