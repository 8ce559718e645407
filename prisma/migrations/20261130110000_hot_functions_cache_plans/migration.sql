-- The functions every signed-in request calls (app_session, and for account.current
-- app_branding_chain and app_platform_defaults) become PL/pgSQL with the same signatures, bodies,
-- owners, search paths and grants. A SQL-language function that cannot be inlined (these are
-- SECURITY DEFINER) has its body parsed and planned again on every call: about 0.2-0.35 ms of
-- the database's CPU each, over a millisecond per request (docs/PERFORMANCE.md). PL/pgSQL keeps
-- each statement's plan for the life of the connection, and the portal keeps its connections open.
--
-- `#variable_conflict use_column`: the OUT columns of RETURNS TABLE share names with the columns the
-- queries read (ancestors, role, ...); in these bodies a bare name always means the column.

CREATE OR REPLACE FUNCTION app_session(p_account_id uuid, p_user_id uuid, p_session_id uuid, p_open_as uuid)
RETURNS TABLE (
  ancestors uuid[], account_slug text, account_name text,
  role user_role, email text, user_name text,
  open_as_id uuid, open_as_slug text, open_as_name text, open_as_status account_status
)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    SELECT a.ancestors, a.slug, a.name, u.role, u.email, u.name, o.id, o.slug, o.name, o.status
    FROM accounts a
    JOIN users u ON u.account_id = a.id AND u.id = p_user_id AND u.status = 'active'
    JOIN user_sessions s ON s.account_id = a.id AND s.id = p_session_id AND s.user_id = u.id AND s.expires_at > now()
    LEFT JOIN accounts o ON o.id = p_open_as AND o.ancestors @> ARRAY[a.id]
    WHERE a.id = p_account_id
      AND NOT EXISTS (SELECT 1 FROM accounts c WHERE c.id = ANY (a.ancestors || a.id) AND c.status <> 'active');
END
$$;

CREATE OR REPLACE FUNCTION app_branding_chain(p_account_id uuid)
RETURNS TABLE (account_id uuid, depth integer, slug text, name text, brand_domain text, settings jsonb)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    WITH self AS (SELECT a.ancestors || a.id AS chain FROM accounts a WHERE a.id = p_account_id)
    SELECT a.id, (cardinality(self.chain) - array_position(self.chain, a.id))::integer,
           a.slug, a.name,
           (SELECT h.hostname FROM host_map h
             WHERE h.account_id = a.id AND h.kind = 'brand' AND h.is_primary),
           -- Only the registry's columns; an account's own-only settings for the account itself.
           (SELECT coalesce(jsonb_object_agg(c.column_name, row_json.value), '{}'::jsonb)
              FROM jsonb_each(to_jsonb(a)) AS row_json
              JOIN setting_columns c ON c.column_name = row_json.key
             WHERE c.inherits OR a.id = p_account_id)
    FROM self JOIN accounts a ON a.id = ANY (self.chain)
    ORDER BY 2;
END
$$;

CREATE OR REPLACE FUNCTION app_platform_defaults() RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN (
    SELECT (SELECT coalesce(jsonb_object_agg(c.column_name, row_json.value), '{}'::jsonb)
              FROM jsonb_each(to_jsonb(p)) AS row_json
              JOIN setting_columns c ON c.column_name = row_json.key AND c.inherits)
      FROM platform_settings p
  );
END
$$;
