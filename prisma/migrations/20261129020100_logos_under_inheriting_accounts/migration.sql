-- Restates app_logo: a logo is served under the id of the account that uploaded it or of any
-- account below it, which inherits it. A brand host shows its inherited logo under its own
-- account's path, so nothing a visitor reads names the account above it (white label).
CREATE OR REPLACE FUNCTION app_logo(p_account_id uuid, p_id text)
RETURNS TABLE (content_type text, bytes bytea)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT l.content_type, l.bytes
    FROM accounts a JOIN account_logos l ON l.account_id = ANY (a.ancestors || a.id) AND l.id = p_id
   WHERE a.id = p_account_id
   LIMIT 1
$$;
