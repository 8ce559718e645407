-- Wallets and their ledger (issue 11).
--
-- Every account has one WALLET in one currency, in integer minor units (cents). Its balance is the
-- sum of its LEDGER ENTRIES, which are only ever added: a correction is a new entry. The wallet
-- keeps that sum in `balance_minor`, and only the ledger's own trigger changes it, in the same
-- statement as the entry (app_post_ledger_entry): the request role has no grant on the column.
--
-- The parent bills its children: it tops up their wallets, posts refunds and adjustments to them
-- and sets their credit limits. The platform (the owner role) does the same for platform-direct
-- accounts. An account never posts to its own wallet, nor sets its own limit, nor touches a
-- grandchild's (the reseller in between bills it); restrictive policies say so to PostgreSQL.
--
-- The credit limit is how far below zero the balance may go. A top-up, refund or adjustment that
-- would leave the balance below -credit_limit is refused by the trigger (SQLSTATE BL001, its DETAIL
-- the balance before, the limit and the currency as JSON), under the wallet's row lock, so concurrent postings cannot pass it
-- together. A call charge always posts (the call has happened) and may leave the account OVER
-- CREDIT: app_can_spend(account) is then false for it and for every account below it.
--
-- Top-ups, refunds and adjustments carry an idempotency key, kept in idempotency_keys with the
-- hash of the request it was first used with: the same key again answers the first entry, and the
-- same key with another request is refused (server/billing/post-entry.ts).
--
-- Policies (no subquery in any; app_current_tenant() is the tenant; the parent of a row's account is
-- the last of its account_ancestors):
--   wallets          tenant_isolation: its own wallet; read_below: the wallets below it;
--                    parent_sets_limit (restrictive, UPDATE): only the parent changes a wallet
--                    (and only credit_limit_minor and updated_at are granted).
--   ledger_entries   tenant_isolation: its own entries; read_below: the entries below it;
--                    parent_posts (INSERT, and restrictive for INSERT): only the parent adds entries.
--   idempotency_keys tenant_isolation: the keys its own requests used.

CREATE TABLE wallets (
  -- An account that never had an entry may still be deleted (its wallet goes with it); one with
  -- entries may not (ledger_entries refers to the wallet, RESTRICT).
  account_id         uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  currency           char(3)     NOT NULL CONSTRAINT wallets_currency_code CHECK (currency ~ '^[A-Z]{3}$'),
  -- the sum of the wallet's ledger entries, kept by app_post_ledger_entry
  balance_minor      bigint      NOT NULL DEFAULT 0,
  -- how far below zero the balance may go; set by the parent
  credit_limit_minor bigint      NOT NULL DEFAULT 0
    CONSTRAINT wallets_credit_limit_range CHECK (credit_limit_minor BETWEEN 0 AND 1000000000000),
  account_ancestors  uuid[]      NOT NULL DEFAULT '{}',
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id)
);
CALL app_make_tenant_table('wallets', ARRAY['SELECT']);
GRANT UPDATE (credit_limit_minor, updated_at) ON wallets TO portal_app;
CREATE TRIGGER fill_account_ancestors BEFORE INSERT OR UPDATE ON wallets
  FOR EACH ROW EXECUTE FUNCTION app_fill_account_ancestors();
CREATE POLICY read_below ON wallets FOR SELECT TO portal_app
  USING (account_ancestors @> ARRAY[app_current_tenant()]);
CREATE POLICY parent_sets_limit ON wallets AS RESTRICTIVE FOR UPDATE TO portal_app
  USING (account_ancestors[cardinality(account_ancestors)] = app_current_tenant())
  WITH CHECK (account_ancestors[cardinality(account_ancestors)] = app_current_tenant());
-- The permissive side of the parent's update: tenant_isolation admits only the account's own row.
CREATE POLICY parent_updates ON wallets FOR UPDATE TO portal_app
  USING (account_ancestors[cardinality(account_ancestors)] = app_current_tenant())
  WITH CHECK (account_ancestors[cardinality(account_ancestors)] = app_current_tenant());
CREATE INDEX wallets_account_ancestors ON wallets USING gin (account_ancestors);

CREATE TABLE ledger_entries (
  account_id          uuid        NOT NULL REFERENCES wallets (account_id) ON DELETE RESTRICT,
  id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
  -- the order entries were posted in, for the pages of a statement
  seq                 bigint      NOT NULL GENERATED ALWAYS AS IDENTITY,
  kind                text        NOT NULL CONSTRAINT ledger_entries_kind CHECK (kind IN ('top_up', 'charge', 'refund', 'adjustment')),
  amount_minor        bigint      NOT NULL,
  -- the wallet's balance once this entry posted, set by app_post_ledger_entry
  balance_after_minor bigint      NOT NULL DEFAULT 0,
  reason              text        NOT NULL CONSTRAINT ledger_entries_reason_length CHECK (length(reason) BETWEEN 1 AND 200),
  -- who posted it: a person or an API key of author_account_id; no author: the platform
  author_account_id   uuid,
  author_user_id      uuid,
  author_key_id       uuid,
  -- the person's e-mail or the key's name when it posted, for the author's side to read
  author_label        text,
  account_ancestors   uuid[]      NOT NULL DEFAULT '{}',
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, id),
  CONSTRAINT ledger_entries_amount_sign CHECK (
    CASE kind
      WHEN 'top_up' THEN amount_minor > 0
      WHEN 'refund' THEN amount_minor > 0
      WHEN 'charge' THEN amount_minor <= 0
      ELSE amount_minor <> 0
    END
  ),
  CONSTRAINT ledger_entries_amount_range CHECK (amount_minor BETWEEN -1000000000000 AND 1000000000000),
  CONSTRAINT ledger_entries_one_author CHECK (author_user_id IS NULL OR author_key_id IS NULL),
  CONSTRAINT ledger_entries_author_account CHECK (
    author_account_id IS NOT NULL OR (author_user_id IS NULL AND author_key_id IS NULL)
  ),
  FOREIGN KEY (author_account_id, author_user_id) REFERENCES users (account_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (author_account_id, author_key_id) REFERENCES api_keys (account_id, id) ON DELETE RESTRICT
);
CALL app_make_tenant_table('ledger_entries', ARRAY['SELECT', 'INSERT']);
CREATE TRIGGER fill_account_ancestors BEFORE INSERT OR UPDATE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION app_fill_account_ancestors();
CREATE POLICY read_below ON ledger_entries FOR SELECT TO portal_app
  USING (account_ancestors @> ARRAY[app_current_tenant()]);
CREATE POLICY parent_posts ON ledger_entries FOR INSERT TO portal_app
  WITH CHECK (account_ancestors[cardinality(account_ancestors)] = app_current_tenant());
CREATE POLICY only_parent_posts ON ledger_entries AS RESTRICTIVE FOR INSERT TO portal_app
  WITH CHECK (account_ancestors[cardinality(account_ancestors)] = app_current_tenant());
CREATE INDEX ledger_entries_statement ON ledger_entries (account_id, seq DESC);
CREATE INDEX ledger_entries_account_ancestors ON ledger_entries USING gin (account_ancestors);

-- Adds the entry to its wallet's balance under the wallet's row lock (the UPDATE takes it, and sees
-- the balance the previous holder committed), and refuses an entry other than a call charge that
-- would take the balance below the credit limit. SECURITY DEFINER: the request role cannot change
-- a balance by any other way.
CREATE FUNCTION app_post_ledger_entry() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  new_balance bigint;
  credit_limit bigint;
  wallet_currency text;
BEGIN
  UPDATE wallets SET balance_minor = balance_minor + NEW.amount_minor, updated_at = now()
   WHERE account_id = NEW.account_id
  RETURNING balance_minor, credit_limit_minor, currency INTO new_balance, credit_limit, wallet_currency;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'account % has no wallet', NEW.account_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF NEW.kind <> 'charge' AND NEW.amount_minor < 0 AND new_balance < -credit_limit THEN
    RAISE EXCEPTION 'the entry would take the balance to % below the credit limit of %', new_balance, credit_limit
      USING ERRCODE = 'BL001',
            DETAIL = json_build_object(
              'balanceMinor', new_balance - NEW.amount_minor, 'creditLimitMinor', credit_limit, 'currency', wallet_currency
            )::text;
  END IF;
  NEW.balance_after_minor := new_balance;
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION app_post_ledger_entry() FROM PUBLIC;
-- After fill_account_ancestors (triggers fire in name order), so the policies see the ancestors.
CREATE TRIGGER post_ledger_entry BEFORE INSERT ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION app_post_ledger_entry();

-- Entries are never changed or removed, by anyone: a correction is a new entry.
CREATE FUNCTION app_ledger_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger entries are never changed or removed; post a correcting entry'
    USING ERRCODE = 'prohibited_sql_statement_attempted';
END
$$;
CREATE TRIGGER ledger_is_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION app_ledger_is_append_only();
CREATE TRIGGER ledger_is_never_truncated BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION app_ledger_is_append_only();

CREATE TABLE idempotency_keys (
  -- whose requests used the key: the requester's tenant (for the platform: the wallet's account)
  account_id        uuid        NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  by_platform       boolean     NOT NULL DEFAULT false,
  key               text        NOT NULL CONSTRAINT idempotency_keys_key_shape CHECK (key ~ '^[\x21-\x7e]{1,255}$'),
  -- sha256 of the operation and its input, as first sent
  request_hash      text        NOT NULL CONSTRAINT idempotency_keys_hash_shape CHECK (request_hash ~ '^[0-9a-f]{64}$'),
  entry_account_id  uuid        NOT NULL,
  entry_id          uuid        NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, by_platform, key),
  -- The key is written before its entry, in the same transaction.
  FOREIGN KEY (entry_account_id, entry_id) REFERENCES ledger_entries (account_id, id)
    ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED
);
CALL app_make_tenant_table('idempotency_keys', ARRAY['SELECT', 'INSERT']);
-- A request never speaks for the platform.
CREATE POLICY requests_are_not_the_platform ON idempotency_keys AS RESTRICTIVE FOR INSERT TO portal_app
  WITH CHECK (NOT by_platform AND account_id = app_current_tenant());

-- Every account has its wallet from the start, in its parent's currency (platform-direct: USD).
CREATE FUNCTION app_open_wallet() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO wallets (account_id, currency)
  VALUES (NEW.id, coalesce((SELECT w.currency FROM wallets w WHERE w.account_id = NEW.parent_id), 'USD'));
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION app_open_wallet() FROM PUBLIC;
CREATE TRIGGER open_wallet AFTER INSERT ON accounts
  FOR EACH ROW EXECUTE FUNCTION app_open_wallet();

-- The accounts that exist already, parents before children (shorter ancestor lists first).
INSERT INTO wallets (account_id, currency)
SELECT a.id, 'USD' FROM accounts a ORDER BY cardinality(a.ancestors);

-- Whether `p_account` may spend: false when it or any account above it is over its credit limit.
-- For the call admission of the voice platform and for the portal's own pages; it answers only
-- that one bit about the accounts above. An account that does not exist may not spend.
CREATE FUNCTION app_can_spend(p_account uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM accounts WHERE id = p_account) AND NOT EXISTS (
    SELECT 1
      FROM accounts a
      JOIN wallets w ON w.account_id = a.id OR w.account_id = ANY (a.ancestors)
     WHERE a.id = p_account AND w.balance_minor < -w.credit_limit_minor
  )
$$;
REVOKE ALL ON FUNCTION app_can_spend(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_can_spend(uuid) TO portal_app;
