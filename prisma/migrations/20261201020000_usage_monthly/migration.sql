-- Monthly usage (issue 11): the daily roll-ups summed by month, owned by the same account, so that
-- a report over a year reads twelve rows per child instead of 365 (docs/PERFORMANCE.md, "A
-- reseller's report"). app_record_calls() now writes both, in the same transaction; a report reads
-- whole months here and the days of a month it covers only in part from usage_daily.

CREATE TABLE usage_monthly (
  account_id         uuid    NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  -- the first day of the month (UTC)
  month              date    NOT NULL CONSTRAINT usage_monthly_first_day CHECK (extract(day FROM month) = 1),
  subject_account_id uuid    NOT NULL,
  direction          text    NOT NULL,
  calls              integer NOT NULL,
  seconds            bigint  NOT NULL,
  billed_seconds     bigint  NOT NULL,
  cost_minor         bigint  NOT NULL,
  revenue_minor      bigint  NOT NULL,
  PRIMARY KEY (account_id, month, subject_account_id, direction)
);
CALL app_make_tenant_table('usage_monthly', ARRAY['SELECT']);

INSERT INTO usage_monthly (account_id, month, subject_account_id, direction, calls, seconds, billed_seconds,
                           cost_minor, revenue_minor)
SELECT account_id, date_trunc('month', day)::date, subject_account_id, direction, sum(calls), sum(seconds),
       sum(billed_seconds), sum(cost_minor), sum(revenue_minor)
  FROM usage_daily
 GROUP BY 1, 2, 3, 4;

-- app_record_calls() as in migration 20261201010000, with the monthly roll-up added (and its loop
-- variable renamed: `month` is now a column it writes).
CREATE OR REPLACE FUNCTION app_record_calls(p_secret_hash bytea, p_calls jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  conflicts jsonb;
  fresh integer;
  call_month date;
BEGIN
  IF app_service_key(p_secret_hash) IS NULL THEN
    RAISE EXCEPTION 'the service key is not live' USING ERRCODE = 'SK001';
  END IF;

  CREATE TEMP TABLE IF NOT EXISTS pg_temp.batch_calls (
    call_id text, account_id uuid, content_hash text, direction text, started_at timestamptz,
    answered_at timestamptz, ended_at timestamptz, duration_seconds integer, from_number text,
    to_number text, device text, charges jsonb, is_new boolean DEFAULT false
  ) ON COMMIT DROP;
  TRUNCATE pg_temp.batch_calls;
  INSERT INTO pg_temp.batch_calls (call_id, account_id, content_hash, direction, started_at, answered_at, ended_at,
                                   duration_seconds, from_number, to_number, device, charges)
  SELECT c."callId", c."accountId", c."contentHash", c.direction, c."startedAt", c."answeredAt", c."endedAt",
         c."durationSeconds", c."from", c."to", c.device, c.charges
    FROM jsonb_to_recordset(p_calls) AS c(
      "callId" text, "accountId" uuid, "contentHash" text, direction text, "startedAt" timestamptz,
      "answeredAt" timestamptz, "endedAt" timestamptz, "durationSeconds" integer, "from" text, "to" text,
      device text, charges jsonb);

  -- Claim the call ids in order; a concurrent batch claiming the same id waits for this one.
  WITH claimed AS (
    INSERT INTO call_ids (call_id, account_id, content_hash)
    SELECT call_id, account_id, content_hash FROM pg_temp.batch_calls ORDER BY call_id
    ON CONFLICT (call_id) DO NOTHING
    RETURNING call_id
  )
  UPDATE pg_temp.batch_calls b SET is_new = true FROM claimed WHERE claimed.call_id = b.call_id;

  SELECT jsonb_agg(b.call_id ORDER BY b.call_id) INTO conflicts
    FROM pg_temp.batch_calls b JOIN call_ids i ON i.call_id = b.call_id
   WHERE NOT b.is_new AND (i.content_hash <> b.content_hash OR i.account_id <> b.account_id);
  IF conflicts IS NOT NULL THEN
    RAISE EXCEPTION 'call ids already recorded with other content' USING ERRCODE = 'CR001', DETAIL = conflicts::text;
  END IF;
  SELECT count(*) INTO fresh FROM pg_temp.batch_calls WHERE is_new;
  IF fresh = 0 THEN
    RETURN jsonb_build_object('recorded', 0, 'repeated', (SELECT count(*) FROM pg_temp.batch_calls));
  END IF;

  FOR call_month IN SELECT DISTINCT date_trunc('month', started_at)::date FROM pg_temp.batch_calls WHERE is_new LOOP
    PERFORM app_call_records_partition(call_month);
  END LOOP;

  -- Each new call's charges, one row per level, with the account below it in the chain.
  CREATE TEMP TABLE IF NOT EXISTS pg_temp.batch_charges (
    call_id text, started_at timestamptz, direction text, duration_seconds integer, caller uuid,
    account_id uuid, via uuid, price bigint, billed integer, amount bigint, revenue bigint
  ) ON COMMIT DROP;
  TRUNCATE pg_temp.batch_charges;
  INSERT INTO pg_temp.batch_charges
  SELECT b.call_id, b.started_at, b.direction, b.duration_seconds, b.account_id,
         (ch.value ->> 'accountId')::uuid,
         coalesce((b.charges -> (ch.ordinality::int) ->> 'accountId')::uuid, b.account_id),
         (ch.value ->> 'pricePerMinuteMicros')::bigint,
         (ch.value ->> 'billedSeconds')::integer,
         (ch.value ->> 'amountMinor')::bigint,
         (b.charges -> (ch.ordinality::int) ->> 'amountMinor')::bigint
    FROM pg_temp.batch_calls b
   CROSS JOIN LATERAL jsonb_array_elements(b.charges) WITH ORDINALITY AS ch(value, ordinality)
   WHERE b.is_new;

  INSERT INTO call_records (account_id, started_at, call_id, direction, answered_at, ended_at, duration_seconds,
                            from_number, to_number, device, billed_seconds, charged_minor, account_ancestors)
  SELECT b.account_id, b.started_at, b.call_id, b.direction, b.answered_at, b.ended_at, b.duration_seconds,
         b.from_number, b.to_number, b.device, c.billed, c.amount, a.ancestors
    FROM pg_temp.batch_calls b
    JOIN pg_temp.batch_charges c ON c.call_id = b.call_id AND c.account_id = b.account_id
    JOIN accounts a ON a.id = b.account_id
   WHERE b.is_new;

  INSERT INTO call_charges (account_id, call_id, started_at, caller_account_id, via_account_id,
                            price_per_minute_micros, billed_seconds, charged_minor, revenue_minor)
  SELECT account_id, call_id, started_at, caller, via, price, billed, amount, revenue FROM pg_temp.batch_charges;

  -- Daily usage at every level, in key order.
  INSERT INTO usage_daily AS u (account_id, day, subject_account_id, direction, calls, seconds, billed_seconds,
                                cost_minor, revenue_minor)
  SELECT c.account_id, (c.started_at AT TIME ZONE 'UTC')::date, c.via, c.direction, count(*), sum(c.duration_seconds),
         sum(c.billed), sum(c.amount), sum(coalesce(c.revenue, c.amount))
    FROM pg_temp.batch_charges c
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (account_id, day, subject_account_id, direction) DO UPDATE
    SET calls = u.calls + excluded.calls, seconds = u.seconds + excluded.seconds,
        billed_seconds = u.billed_seconds + excluded.billed_seconds,
        cost_minor = u.cost_minor + excluded.cost_minor, revenue_minor = u.revenue_minor + excluded.revenue_minor;

  -- Monthly usage at every level, in key order: what long reports read.
  INSERT INTO usage_monthly AS u (account_id, month, subject_account_id, direction, calls, seconds, billed_seconds,
                                  cost_minor, revenue_minor)
  SELECT c.account_id, date_trunc('month', c.started_at AT TIME ZONE 'UTC')::date, c.via, c.direction, count(*),
         sum(c.duration_seconds), sum(c.billed), sum(c.amount), sum(coalesce(c.revenue, c.amount))
    FROM pg_temp.batch_charges c
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (account_id, month, subject_account_id, direction) DO UPDATE
    SET calls = u.calls + excluded.calls, seconds = u.seconds + excluded.seconds,
        billed_seconds = u.billed_seconds + excluded.billed_seconds,
        cost_minor = u.cost_minor + excluded.cost_minor, revenue_minor = u.revenue_minor + excluded.revenue_minor;

  -- One charge entry per wallet for the batch, wallets in account order (the ledger's trigger locks each).
  INSERT INTO ledger_entries (account_id, kind, amount_minor, reason)
  SELECT c.account_id, 'charge', -sum(c.amount),
         CASE WHEN count(*) = 1 THEN 'Call charges: 1 call' ELSE format('Call charges: %s calls', count(*)) END
    FROM pg_temp.batch_charges c
   GROUP BY c.account_id
  HAVING sum(c.amount) <> 0
   ORDER BY c.account_id;

  RETURN jsonb_build_object('recorded', fresh, 'repeated', (SELECT count(*) FROM pg_temp.batch_calls) - fresh);
END
$$;
