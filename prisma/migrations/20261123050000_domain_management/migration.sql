-- Domains: an account's brand and SIP domains are added, removed and made primary by the account
-- itself or by an account above it. The database refuses anything else, whatever code path writes.

-- Prisma 7 sends every column with a default on INSERT (is_primary, verified, created_at), so those
-- are granted too. Only `is_primary` may change afterwards: a hostname never moves to another
-- account or changes kind (remove it and add it again), and `verified` is not the tenant's to set.
GRANT INSERT (hostname, account_id, kind, is_primary, verified, created_at) ON host_map TO portal_app;
GRANT UPDATE (is_primary) ON host_map TO portal_app;
GRANT DELETE ON host_map TO portal_app;

-- The tenant's own account or one below it: one primary-key look-up of the row's account.
-- `verified` is the platform's statement that it has checked the domain's DNS. No such check exists
-- yet, so a tenant's new domain always starts unverified and only the platform (the owner role) can
-- mark one verified. Host resolution (app_resolve_host) does not wait for it: a brand domain works as
-- soon as it is added (in development at once, as *.localhost; elsewhere once its DNS points here).
CREATE POLICY add_own_and_below ON host_map FOR INSERT TO portal_app
  WITH CHECK (
    NOT verified
    AND EXISTS (
      SELECT 1 FROM accounts a
       WHERE a.id = host_map.account_id
         AND (a.id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)
              OR a.ancestors @> ARRAY[(SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)])
    )
  );

CREATE POLICY change_own_and_below ON host_map FOR UPDATE TO portal_app
  USING (
    EXISTS (
      SELECT 1 FROM accounts a
       WHERE a.id = host_map.account_id
         AND (a.id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)
              OR a.ancestors @> ARRAY[(SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)])
    )
  )
  WITH CHECK (
    EXISTS (
      SELECT 1 FROM accounts a
       WHERE a.id = host_map.account_id
         AND (a.id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)
              OR a.ancestors @> ARRAY[(SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)])
    )
  );

CREATE POLICY remove_own_and_below ON host_map FOR DELETE TO portal_app
  USING (
    EXISTS (
      SELECT 1 FROM accounts a
       WHERE a.id = host_map.account_id
         AND (a.id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)
              OR a.ancestors @> ARRAY[(SELECT NULLIF(current_setting('app.account_id', true), '')::uuid)])
    )
  );
