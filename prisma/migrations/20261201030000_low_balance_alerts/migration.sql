-- Low-balance alerts (issue 11).
--
-- An account may have a LOW-BALANCE THRESHOLD, set by the account itself or by its parent (the
-- reseller that bills it): one value, whichever side set it last. When a ledger entry takes the
-- balance from at or above the threshold to below it, the ledger's trigger writes one
-- LOW-BALANCE ALERT in the same statement as the entry: an alert exists exactly when its entry
-- does (an outbox). The portal's server mails each alert to the active owners and admins of the
-- account and of its parent (server/alerts/deliver-alerts.ts), then marks it sent. The balance
-- must come back to the threshold or above before the next crossing makes another alert.
--
-- Policies (no subquery; the parent of a row's account is the last of its account_ancestors):
--   low_balance_thresholds  tenant_isolation: its own threshold, every command;
--                           parent_sets_threshold: the direct parent's, every command;
--                           read_below: every account above reads it.
--   low_balance_alerts      tenant_isolation and read_below, SELECT only, and only the columns
--                           that say what happened (not whom it was mailed to, nor the mail
--                           server's errors). Written only by app_post_ledger_entry and the two
--                           delivery functions below.

CREATE TABLE low_balance_thresholds (
  account_id        uuid        NOT NULL REFERENCES wallets (account_id) ON DELETE CASCADE,
  threshold_minor   bigint      NOT NULL
    CONSTRAINT low_balance_thresholds_range CHECK (threshold_minor BETWEEN 0 AND 1000000000000),
  account_ancestors uuid[]      NOT NULL DEFAULT '{}',
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id)
);
CALL app_make_tenant_table('low_balance_thresholds');
CREATE TRIGGER fill_account_ancestors BEFORE INSERT OR UPDATE ON low_balance_thresholds
  FOR EACH ROW EXECUTE FUNCTION app_fill_account_ancestors();
CREATE POLICY read_below ON low_balance_thresholds FOR SELECT TO portal_app
  USING (account_ancestors @> ARRAY[app_current_tenant()]);
CREATE POLICY parent_sets_threshold ON low_balance_thresholds TO portal_app
  USING (account_ancestors[cardinality(account_ancestors)] = app_current_tenant())
  WITH CHECK (account_ancestors[cardinality(account_ancestors)] = app_current_tenant());
CREATE INDEX low_balance_thresholds_account_ancestors ON low_balance_thresholds USING gin (account_ancestors);

CREATE TABLE low_balance_alerts (
  account_id           uuid        NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  id                   uuid        NOT NULL DEFAULT gen_random_uuid(),
  -- the ledger entry that crossed the threshold
  entry_id             uuid        NOT NULL,
  currency             char(3)     NOT NULL,
  threshold_minor      bigint      NOT NULL,
  balance_before_minor bigint      NOT NULL,
  balance_after_minor  bigint      NOT NULL,
  account_ancestors    uuid[]      NOT NULL DEFAULT '{}',
  created_at           timestamptz NOT NULL DEFAULT now(),
  -- Delivery. A claim leases the alert (claimed_until) to one sender; the sender records whom it
  -- has mailed (sent_to, user ids), and the alert is done (sent_at) when it has mailed everyone.
  -- A failed attempt is tried again later, at most MAX_ATTEMPTS (8) times in all.
  attempts             integer     NOT NULL DEFAULT 0,
  next_attempt_at      timestamptz NOT NULL DEFAULT now(),
  claimed_until        timestamptz,
  sent_to              uuid[]      NOT NULL DEFAULT '{}',
  sent_at              timestamptz,
  last_error           text,
  PRIMARY KEY (account_id, id),
  CONSTRAINT low_balance_alerts_crossed CHECK (
    balance_before_minor >= threshold_minor AND balance_after_minor < threshold_minor
  ),
  -- Written by the ledger's BEFORE trigger, before its entry's row exists: checked at commit.
  FOREIGN KEY (account_id, entry_id) REFERENCES ledger_entries (account_id, id)
    ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED
);
CALL app_make_tenant_table('low_balance_alerts', ARRAY['SELECT']);
REVOKE SELECT ON low_balance_alerts FROM portal_app;
GRANT SELECT (account_id, id, entry_id, currency, threshold_minor, balance_before_minor, balance_after_minor,
              account_ancestors, created_at, sent_at)
   ON low_balance_alerts TO portal_app;
CREATE TRIGGER fill_account_ancestors BEFORE INSERT OR UPDATE ON low_balance_alerts
  FOR EACH ROW EXECUTE FUNCTION app_fill_account_ancestors();
CREATE POLICY read_below ON low_balance_alerts FOR SELECT TO portal_app
  USING (account_ancestors @> ARRAY[app_current_tenant()]);
CREATE INDEX low_balance_alerts_latest ON low_balance_alerts (account_id, created_at DESC);
CREATE INDEX low_balance_alerts_due ON low_balance_alerts (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX low_balance_alerts_account_ancestors ON low_balance_alerts USING gin (account_ancestors);

-- app_post_ledger_entry() as in migration 20261201000000, with the crossing added: after the
-- credit check (a refused entry makes no alert), an entry that takes the balance from at or above
-- the account's threshold to below it writes its alert.
CREATE OR REPLACE FUNCTION app_post_ledger_entry() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  new_balance bigint;
  credit_limit bigint;
  wallet_currency text;
  alert_threshold bigint;
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
  SELECT t.threshold_minor INTO alert_threshold FROM low_balance_thresholds t WHERE t.account_id = NEW.account_id;
  IF alert_threshold IS NOT NULL AND new_balance - NEW.amount_minor >= alert_threshold
     AND new_balance < alert_threshold THEN
    INSERT INTO low_balance_alerts (account_id, entry_id, currency, threshold_minor, balance_before_minor, balance_after_minor)
    VALUES (NEW.account_id, NEW.id, wallet_currency, alert_threshold, new_balance - NEW.amount_minor, new_balance);
  END IF;
  NEW.balance_after_minor := new_balance;
  RETURN NEW;
END
$$;

-- Leases up to p_limit alerts that are due to one sender for p_lease, counting the attempt, and
-- answers what the sender needs to find everyone else through the tenants' own rows: the alert,
-- the account's parent (none for a platform-direct account), and whom it has mailed already. An
-- alert leased by a sender that stopped is due again when the lease runs out. For the portal's
-- server; it reveals no names, amounts or addresses.
CREATE FUNCTION app_claim_low_balance_alerts(p_limit integer, p_lease interval)
RETURNS TABLE (account_id uuid, id uuid, parent_id uuid, sent_to uuid[], attempts integer)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH due AS (
    SELECT d.account_id, d.id
      FROM low_balance_alerts d
     WHERE d.sent_at IS NULL AND d.attempts < 8 AND d.next_attempt_at <= now()
       AND (d.claimed_until IS NULL OR d.claimed_until <= now())
     ORDER BY d.next_attempt_at
     LIMIT least(greatest(p_limit, 1), 100)
       FOR UPDATE SKIP LOCKED
  )
  UPDATE low_balance_alerts l
     SET claimed_until = now() + least(greatest(p_lease, interval '1 second'), interval '1 hour'),
         attempts = l.attempts + 1
    FROM due
   WHERE l.account_id = due.account_id AND l.id = due.id
  RETURNING l.account_id, l.id, l.account_ancestors[cardinality(l.account_ancestors)], l.sent_to, l.attempts
$$;
REVOKE ALL ON FUNCTION app_claim_low_balance_alerts(integer, interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_claim_low_balance_alerts(integer, interval) TO portal_app;

-- Records a leased alert's attempt: the users it mailed (added to those before), and either done
-- (p_error NULL) or failed, to be tried again after a wait that doubles with each attempt (1
-- minute, 2, 4, ... at most 6 hours). Answers false for an alert that is not leased (already
-- done, or its lease ran out and another sender holds it now).
CREATE FUNCTION app_settle_low_balance_alert(p_account uuid, p_id uuid, p_sent_to uuid[], p_error text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE low_balance_alerts l
     SET sent_to = ARRAY(SELECT DISTINCT u FROM unnest(l.sent_to || coalesce(p_sent_to, '{}')) AS u ORDER BY u),
         claimed_until = NULL,
         sent_at = CASE WHEN p_error IS NULL THEN now() END,
         last_error = left(p_error, 500),
         next_attempt_at = CASE
           WHEN p_error IS NULL THEN l.next_attempt_at
           ELSE now() + least(interval '1 minute' * power(2, greatest(l.attempts - 1, 0)), interval '6 hours')
         END
   WHERE l.account_id = p_account AND l.id = p_id AND l.sent_at IS NULL AND l.claimed_until > now();
  RETURN FOUND;
END
$$;
REVOKE ALL ON FUNCTION app_settle_low_balance_alert(uuid, uuid, uuid[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_settle_low_balance_alert(uuid, uuid, uuid[], text) TO portal_app;
