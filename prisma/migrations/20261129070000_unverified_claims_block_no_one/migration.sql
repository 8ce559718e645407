-- A verified claim wins; an unverified claim blocks no one else (issue 7, squatting on exact names).
--
-- Before: host_map's primary key was the host name, so whoever added a name first held it for good,
-- verified or not: a tenant adding `bigcustomer.com` without proof kept the real customer out.
--
-- The design: several account trees may each hold an UNVERIFIED claim of one name, each with its own
-- token; at most one claim of a name is VERIFIED, which the database enforces with a partial unique
-- index (host_map_one_verified_idx). The first tree to verify wins: app_mark_domain_verified drops
-- the other claims in the same transaction and writes `domain.claim_released` to each losing
-- account's log (and, by the roll-up, its ancestors'), naming no one.
-- Chosen over "a new claim releases the old one": there, an attacker re-adding the name every
-- minute would release the real owner's claim (and its token, which the owner had just published
-- in DNS) faster than DNS can propagate, so the owner could never verify. Here no claim ever touches
-- another before it is proved, and host resolution stays one primary-key range: an unverified
-- host never serves the portal anyway.
-- Names under the development suffixes (DOMAIN_DEV_SUFFIXES, configuration) count as verified
-- without a record, so they stay first come, first served: the add refuses one that any account
-- holds (app_hostname_held), under the platform-wide hostname lock (server/domains/domains.ts).
-- A name verified by another tree is refused the same way, as before, without saying by whom.
--
-- Changes:
--   host_map primary key: (hostname) -> (hostname, account_id); one account claims a name once.
--   Added: host_map_one_verified_idx; app_hostname_held(text, text[]).
--   Restated app_resolve_host (20261129060000): with several claims of a name, only the verified
--     one resolves, or the only claim when there is a single one (a development name); several
--     unverified claims resolve to nothing. Columns unchanged.
--   Restated app_mark_domain_verified (20261129060000): now plpgsql; it locks the name's claims
--     first (concurrent checks of one name queue there), refuses when the name is already verified
--     elsewhere, and releases the other trees' unverified claims, audited in their logs.

ALTER TABLE host_map DROP CONSTRAINT host_map_pkey;
ALTER TABLE host_map ADD PRIMARY KEY (hostname, account_id);
CREATE UNIQUE INDEX host_map_one_verified_idx ON host_map (hostname) WHERE verified;

-- Whether some account holds `p_hostname` so that no one else may claim it: a verified claim, or
-- any claim of a name under one of `p_dev_suffixes` (they count as verified at once). It says
-- nothing of whose it is; the add's refusal says as much ("in use by another account").
CREATE FUNCTION app_hostname_held(p_hostname text, p_dev_suffixes text[])
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM host_map h
     WHERE h.hostname = p_hostname
       AND (h.verified OR EXISTS (SELECT 1 FROM unnest(p_dev_suffixes) AS s
                                   WHERE right(h.hostname, length(s) + 1) = '.' || s))
  )
$$;

DROP FUNCTION app_resolve_host(text);
CREATE FUNCTION app_resolve_host(p_hostname text)
RETURNS TABLE (account_id uuid, slug text, is_reseller boolean, status account_status, verified boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id, a.slug, a.is_reseller, a.status, h.verified
  FROM host_map h JOIN accounts a ON a.id = h.account_id
  WHERE h.hostname = p_hostname AND h.kind = 'brand' AND a.status <> 'closed'
    AND (h.verified
         OR NOT EXISTS (SELECT 1 FROM host_map o WHERE o.hostname = h.hostname AND o.account_id <> h.account_id))
$$;

DROP FUNCTION app_mark_domain_verified(text, text);
-- Marks a domain verified after the application found its token in DNS. Tenants may not set
-- `verified` themselves (no UPDATE grant on it); this sets it only for a domain of the request's
-- own tenant or an account below it, and only for the claim whose token was found. The other
-- claims of the name (other accounts', necessarily unverified) are released, each audited in its
-- account's log without naming the winner. Returns whether it marked the claim: false when the
-- claim is gone (removed, or released because another claim was verified first).
CREATE FUNCTION app_mark_domain_verified(p_hostname text, p_token text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  claim_account uuid;
BEGIN
  -- Not a claim of the tenant's line with this token: nothing to do, and nothing of anyone else's
  -- gets locked on its behalf.
  IF NOT EXISTS (
    SELECT 1 FROM host_map h JOIN accounts a ON a.id = h.account_id
     WHERE h.hostname = p_hostname AND h.verification_token = p_token
       AND (a.id = app_current_tenant() OR a.ancestors @> ARRAY[app_current_tenant()])
  ) THEN
    RETURN false;
  END IF;

  -- Every claim of the name, locked in one order: a second check of the same name waits here and
  -- then sees the first one's outcome (its claim released, or the name verified).
  PERFORM 1 FROM host_map h WHERE h.hostname = p_hostname ORDER BY h.account_id FOR UPDATE;

  SELECT h.account_id INTO claim_account
    FROM host_map h JOIN accounts a ON a.id = h.account_id
   WHERE h.hostname = p_hostname AND h.verification_token = p_token AND NOT h.verified
     AND (a.id = app_current_tenant() OR a.ancestors @> ARRAY[app_current_tenant()]);
  IF claim_account IS NULL
     OR EXISTS (SELECT 1 FROM host_map h WHERE h.hostname = p_hostname AND h.verified) THEN
    RETURN false;
  END IF;

  WITH released AS (
    DELETE FROM host_map h
     WHERE h.hostname = p_hostname AND h.account_id <> claim_account AND NOT h.verified
    RETURNING h.account_id, h.kind, h.is_primary
  )
  INSERT INTO audit_entries (account_id, target_account_id, action, details)
  SELECT r.account_id, r.account_id, 'domain.claim_released',
         jsonb_build_object(
           'before', jsonb_build_object('hostname', p_hostname, 'kind', r.kind, 'isPrimary', r.is_primary),
           'reason', 'verified_by_another_account')
    FROM released r;

  UPDATE host_map SET verified = true WHERE hostname = p_hostname AND account_id = claim_account;
  RETURN true;
END
$$;

REVOKE ALL ON FUNCTION app_resolve_host(text), app_hostname_held(text, text[]), app_mark_domain_verified(text, text)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_resolve_host(text), app_hostname_held(text, text[]), app_mark_domain_verified(text, text)
  TO portal_app;
