-- API keys as a product feature (the table came with 20261130080000_programs_principal).
--
-- * A limit of live keys per account (neither revoked nor expired): app_enforce_api_key_limit(),
--   checked under a lock on the account's row so that concurrent creators cannot together pass
--   it. Over the limit it raises SQLSTATE 'AK001' with the detail {"limit": 25}, which
--   server/keys/limit.ts turns into the `key_limit` problem.
-- * An expiry at most a year after the key's creation (the form and the service say the same).
-- * The request role may change a key only by revoking it: UPDATE is granted on the two revocation
--   columns alone (last use is recorded by app_api_key, SECURITY DEFINER), and a revoked key
--   stays revoked as it was.
-- * audit_entries.actor_key_prefix: the key's visible prefix when it acted, snapshotted like its
--   name, so that a log reader who cannot see the key's account (an ancestor) still tells keys of
--   the same name apart.
--
-- Restated (20261130080000): audit_entries_check_actor() also fills actor_key_prefix;
-- audit_entries_roll_up() also copies it. Nothing else in them changes.

-- The live-key limit ------------------------------------------------------------------------------

CREATE FUNCTION app_enforce_api_key_limit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  max_live constant integer := 25;
  live integer;
BEGIN
  -- NO KEY UPDATE: creators of one account take turns; foreign-key checks on the account's row
  -- (every other tenant table's inserts) are not held up.
  PERFORM 1 FROM accounts WHERE id = NEW.account_id FOR NO KEY UPDATE;
  SELECT count(*) INTO live FROM api_keys k
   WHERE k.account_id = NEW.account_id AND k.revoked_at IS NULL
     AND (k.expires_at IS NULL OR k.expires_at > now());
  IF live >= max_live THEN
    RAISE EXCEPTION 'api key limit reached: % live keys', live
      USING ERRCODE = 'AK001', DETAIL = json_build_object('limit', max_live)::text;
  END IF;
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION app_enforce_api_key_limit() FROM PUBLIC;

CREATE TRIGGER api_keys_live_limit BEFORE INSERT ON api_keys
  FOR EACH ROW EXECUTE FUNCTION app_enforce_api_key_limit();

ALTER TABLE api_keys
  ADD CONSTRAINT api_keys_expiry_within_a_year
    CHECK (expires_at IS NULL OR expires_at <= created_at + interval '1 year');

-- Revocation is the only change ------------------------------------------------------------------

REVOKE UPDATE ON api_keys FROM portal_app;
GRANT UPDATE (revoked_at, revoked_by_user_id) ON api_keys TO portal_app;

CREATE FUNCTION api_keys_stay_revoked() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF OLD.revoked_at IS NOT NULL AND (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
      OR NEW.revoked_by_user_id IS DISTINCT FROM OLD.revoked_by_user_id) THEN
    RAISE EXCEPTION 'a revoked API key stays revoked' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION api_keys_stay_revoked() FROM PUBLIC;

CREATE TRIGGER api_keys_stay_revoked BEFORE UPDATE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION api_keys_stay_revoked();

-- The key's prefix in audit entries ---------------------------------------------------------------

ALTER TABLE audit_entries ADD COLUMN actor_key_prefix text;

-- Restated (20261130080000): also snapshots the key's prefix.
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
  SELECT k.name, k.prefix INTO NEW.actor_key_name, NEW.actor_key_prefix FROM api_keys k
   WHERE k.account_id = NEW.actor_account_id AND k.id = NEW.actor_key_id;
  RETURN NEW;
END
$$;

-- Restated (20261130080000): the copies carry the key's prefix too.
CREATE OR REPLACE FUNCTION audit_entries_roll_up() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO audit_entries (account_id, id, actor_account_id, actor_user_id, actor_key_id, acting_account_id,
                             actor_email, actor_key_name, actor_key_prefix, actor_account_name, target_account_id,
                             action, ip, details, created_at, origin_account_id)
  SELECT ancestor, NEW.id, NEW.actor_account_id, NEW.actor_user_id, NEW.actor_key_id, NEW.acting_account_id,
         NEW.actor_email, NEW.actor_key_name, NEW.actor_key_prefix, NEW.actor_account_name, NEW.target_account_id,
         NEW.action, NEW.ip, NEW.details, NEW.created_at, NEW.account_id
    FROM accounts a CROSS JOIN LATERAL unnest(a.ancestors) AS ancestor
   WHERE a.id = NEW.account_id;
  RETURN NULL;
END
$$;
