-- Domain verification (issue 7).
-- Restates app_resolve_host (from 20261123000000_init): it now also returns `verified`, and a
-- closed account's hosts resolve to nothing. Adds the verification token, the overlap check and
-- the one way a tenant's request marks a domain verified.

-- A random token per claim: a name removed and added again (perhaps by another account) gets a new
-- one, so a TXT record published for an earlier claim never verifies a later one. Not secret: it is
-- published in DNS. The database makes it, so a tenant cannot choose it (no INSERT grant on it).
ALTER TABLE host_map
  ADD COLUMN verification_token text NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', '')
  CHECK (verification_token ~ '^[0-9a-f]{32}$');

-- "Which names lie below this one?" as an index range: a name below `acme.com` reversed starts with
-- `moc.emca.`. COLLATE "C" so the range compares bytes, as the look-up below does.
CREATE INDEX host_map_reversed_idx ON host_map ((reverse(hostname) COLLATE "C"));

DROP FUNCTION app_resolve_host(text);
-- Host resolution: the account that owns a brand host, unless the account is closed. Whether the
-- host is verified is returned, not filtered: names under a development suffix count as verified,
-- and that list is configuration (server/env.ts), applied by server/tenancy/host-resolver.ts.
CREATE FUNCTION app_resolve_host(p_hostname text)
RETURNS TABLE (account_id uuid, slug text, is_reseller boolean, status account_status, verified boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id, a.slug, a.is_reseller, a.status, h.verified
  FROM host_map h JOIN accounts a ON a.id = h.account_id
  WHERE h.hostname = p_hostname AND h.kind = 'brand' AND a.status <> 'closed'
$$;

-- Whether `p_hostname` would sit above ('above') or below ('below') a name that an account outside
-- the line of `p_account_id` (its ancestors, itself and its descendants) holds and has verified (or
-- that lies under one of `p_dev_suffixes`, which count as verified). Unverified claims do not
-- count: otherwise claiming `co.uk` without proof would block every name under it. Equal names are
-- the primary key's business. Tenants cannot read other tenants' rows, hence SECURITY DEFINER; it
-- answers only for the request's own tenant or an account below it, and says nothing of whose
-- name it is.
CREATE FUNCTION app_domain_overlap(p_hostname text, p_account_id uuid, p_dev_suffixes text[])
RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH target AS (
    SELECT a.id, a.ancestors
      FROM accounts a
     WHERE a.id = p_account_id
       AND (a.id = app_current_tenant()
            OR a.ancestors @> ARRAY[app_current_tenant()])
  ),
  parents AS (
    -- every proper parent name of p_hostname: b.c for a.b.c, then c
    SELECT array_to_string((string_to_array(p_hostname, '.'))[i:], '.') AS name
      FROM generate_series(2, cardinality(string_to_array(p_hostname, '.'))) AS i
  ),
  others AS (
    -- names above: primary-key look-ups
    SELECT h.hostname, h.account_id, h.verified, true AS is_parent
      FROM host_map h WHERE h.hostname IN (SELECT name FROM parents)
    UNION ALL
    -- names below: one range of host_map_reversed_idx ('/' is the byte after '.')
    SELECT h.hostname, h.account_id, h.verified, false
      FROM host_map h
     WHERE reverse(h.hostname) COLLATE "C" >= reverse(p_hostname) || '.'
       AND reverse(h.hostname) COLLATE "C" < reverse(p_hostname) || '/'
  )
  SELECT CASE WHEN bool_or(o.is_parent) THEN 'below' ELSE 'above' END
    FROM others o JOIN accounts a ON a.id = o.account_id CROSS JOIN target t
   WHERE NOT (a.id = t.id OR a.id = ANY (t.ancestors) OR a.ancestors @> ARRAY[t.id])
     AND (o.verified OR EXISTS (SELECT 1 FROM unnest(p_dev_suffixes) AS s
                                 WHERE right(o.hostname, length(s) + 1) = '.' || s))
  HAVING count(*) > 0
$$;

-- Marks a domain verified after the application found its token in DNS. Tenants may not set
-- `verified` themselves (no UPDATE grant on it); this sets it only for a domain of the request's
-- own tenant or an account below it, and only for the claim whose token was found (a name removed
-- and added again meanwhile has another token). Returns whether it changed a row.
CREATE FUNCTION app_mark_domain_verified(p_hostname text, p_token text)
RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH marked AS (
    UPDATE host_map h SET verified = true
      FROM accounts a
     WHERE h.hostname = p_hostname AND h.verification_token = p_token AND NOT h.verified
       AND a.id = h.account_id
       AND (a.id = app_current_tenant()
            OR a.ancestors @> ARRAY[app_current_tenant()])
    RETURNING 1
  )
  SELECT count(*) = 1 FROM marked
$$;

REVOKE ALL ON FUNCTION app_resolve_host(text), app_domain_overlap(text, uuid, text[]), app_mark_domain_verified(text, text)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_resolve_host(text), app_domain_overlap(text, uuid, text[]), app_mark_domain_verified(text, text)
  TO portal_app;
