-- Restated: app_resolve_device(text, text) (migration 20261130030000). It read the effective caller
-- ID through app_branding_chain's `default_cid_number` column, which migration 20261130060000
-- replaced by a `settings` jsonb; a LANGUAGE sql body is not tied to what it calls, so that change
-- broke it at run time. It now walks the device account's own chain in `accounts` (nearest first),
-- then the platform's setting. Nothing else changes.

CREATE OR REPLACE FUNCTION app_resolve_device(p_auth_username text, p_realm text)
RETURNS TABLE (
  device_id uuid, account_id uuid, extension_id uuid, extension_number text, label text,
  auth_username text, realm text, ha1_md5 text, ha1_sha256 text,
  caller_id_number text, device_status device_status, account_status account_status
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT d.id, d.account_id, d.extension_id, e.number, d.label, d.auth_username, d.realm,
         d.ha1_md5, d.ha1_sha256,
         coalesce(
           d.caller_id_number,
           (SELECT x.default_cid_number FROM accounts x
             WHERE x.id = ANY (a.ancestors || a.id) AND x.default_cid_number IS NOT NULL
             ORDER BY array_position(a.ancestors || a.id, x.id) DESC LIMIT 1),
           (SELECT p.default_cid_number FROM platform_settings p LIMIT 1)
         ),
         d.status,
         (SELECT CASE WHEN bool_or(x.status = 'closed') THEN 'closed'
                      WHEN bool_or(x.status = 'suspended') THEN 'suspended'
                      ELSE 'active' END::account_status
            FROM accounts x WHERE x.id = ANY (a.ancestors || a.id))
    FROM devices d
    JOIN extensions e ON e.account_id = d.account_id AND e.id = d.extension_id
    JOIN accounts a ON a.id = d.account_id
   WHERE d.realm = p_realm AND d.auth_username = p_auth_username
$$;
