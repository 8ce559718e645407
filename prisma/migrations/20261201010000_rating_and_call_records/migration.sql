-- Rating and call records (issue 11): the platform's rate deck, what each reseller charges its
-- children, the voice platform's service keys, and the call records with their charges at every
-- level of the tree and their daily usage, each row owned by the account it is about.
--
-- Who writes what:
--   rate_deck, platform_service_keys  the platform (owner role: npm run db:service-key, the seed);
--                                      requests have no grant on them at all.
--   price_lists, price_list_overrides the reseller, for its children (its own rows).
--   call_ids, call_records, call_charges, usage_daily, and the charges' ledger entries
--                                      only app_record_calls(), for a live service key.
-- Readers: an account reads its own calls, charges and usage; an ancestor reads its descendants'
-- calls (read_below) and its own roll-ups, which are rows it owns (usage_daily.account_id is the
-- ancestor), so no report ever reads across tenants.

-- The rate deck --------------------------------------------------------------------------------

CREATE TABLE rate_deck (
  id                      uuid    PRIMARY KEY DEFAULT gen_random_uuid(),
  direction               text    NOT NULL CONSTRAINT rate_deck_direction CHECK (direction IN ('in', 'out', 'dialer')),
  -- digits the rated number starts with; '' prices every number of the direction
  prefix                  text    NOT NULL CONSTRAINT rate_deck_prefix CHECK (prefix ~ '^[0-9]{0,15}$'),
  -- per minute, in millionths of the currency's major unit
  price_per_minute_micros bigint  NOT NULL CONSTRAINT rate_deck_price CHECK (price_per_minute_micros BETWEEN 0 AND 100000000),
  increment_first         integer NOT NULL CONSTRAINT rate_deck_first CHECK (increment_first BETWEEN 1 AND 3600),
  increment_next          integer NOT NULL CONSTRAINT rate_deck_next CHECK (increment_next BETWEEN 1 AND 3600),
  CONSTRAINT rate_deck_one_rate UNIQUE (direction, prefix)
);

-- What a reseller charges its children ----------------------------------------------------------

CREATE TABLE price_lists (
  account_id          uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- on the reseller's own cost, where no override matches; 2500 = +25%
  markup_basis_points integer     NOT NULL DEFAULT 0 CONSTRAINT price_lists_markup CHECK (markup_basis_points BETWEEN 0 AND 100000),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id)
);
CALL app_make_tenant_table('price_lists', ARRAY['SELECT', 'INSERT', 'UPDATE']);

CREATE TABLE price_list_overrides (
  account_id              uuid    NOT NULL REFERENCES price_lists (account_id) ON DELETE CASCADE,
  id                      uuid    NOT NULL DEFAULT gen_random_uuid(),
  direction               text    NOT NULL CONSTRAINT price_list_overrides_direction CHECK (direction IN ('in', 'out', 'dialer')),
  prefix                  text    NOT NULL CONSTRAINT price_list_overrides_prefix CHECK (prefix ~ '^[0-9]{0,15}$'),
  price_per_minute_micros bigint  NOT NULL CONSTRAINT price_list_overrides_price CHECK (price_per_minute_micros BETWEEN 0 AND 100000000),
  increment_first         integer NOT NULL CONSTRAINT price_list_overrides_first CHECK (increment_first BETWEEN 1 AND 3600),
  increment_next          integer NOT NULL CONSTRAINT price_list_overrides_next CHECK (increment_next BETWEEN 1 AND 3600),
  PRIMARY KEY (account_id, id),
  CONSTRAINT price_list_overrides_one_rate UNIQUE (account_id, direction, prefix)
);
CALL app_make_tenant_table('price_list_overrides');

-- The voice platform's service keys -------------------------------------------------------------

CREATE TABLE platform_service_keys (
  id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text        NOT NULL CONSTRAINT platform_service_keys_name CHECK (length(name) BETWEEN 1 AND 100),
  prefix      text        NOT NULL CONSTRAINT platform_service_keys_prefix CHECK (prefix ~ '^vrs_[0-9a-zA-Z]{8}$'),
  -- sha256 of the whole key; the key itself is shown once, when it is made
  secret_hash bytea       NOT NULL CONSTRAINT platform_service_keys_hash CHECK (length(secret_hash) = 32),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  CONSTRAINT platform_service_keys_prefix_key UNIQUE (prefix),
  CONSTRAINT platform_service_keys_secret_key UNIQUE (secret_hash)
);

-- Call records -----------------------------------------------------------------------------------

-- Which calls have been recorded, and with what content: a call id is the voice platform's, unique
-- across all accounts, and a repeat must match what was recorded.
CREATE TABLE call_ids (
  call_id      text        PRIMARY KEY CONSTRAINT call_ids_shape CHECK (call_id ~ '^[\x21-\x7e]{1,128}$'),
  account_id   uuid        NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  content_hash text        NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per call, partitioned by month of its start (PostgreSQL's own partitioning). Partitions
-- exist from 2025 to 2027 and are added as months come (app_call_records_partition); a default
-- partition keeps anything outside them.
CREATE TABLE call_records (
  account_id        uuid        NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  started_at        timestamptz NOT NULL,
  call_id           text        NOT NULL,
  direction         text        NOT NULL CONSTRAINT call_records_direction CHECK (direction IN ('in', 'out', 'dialer')),
  answered_at       timestamptz,
  ended_at          timestamptz NOT NULL,
  duration_seconds  integer     NOT NULL CONSTRAINT call_records_duration CHECK (duration_seconds BETWEEN 0 AND 604800),
  from_number       text        NOT NULL,
  to_number         text        NOT NULL,
  device            text,
  -- what the account was charged, at its parent's price
  billed_seconds    integer     NOT NULL,
  charged_minor     bigint      NOT NULL,
  account_ancestors uuid[]      NOT NULL,
  recorded_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, started_at, call_id)
) PARTITION BY RANGE (started_at);
CALL app_make_tenant_table('call_records', ARRAY['SELECT']);
CREATE POLICY read_below ON call_records FOR SELECT TO portal_app
  USING (account_ancestors @> ARRAY[app_current_tenant()]);
CREATE TABLE call_records_default PARTITION OF call_records DEFAULT;

-- The partition of one month, made when it is missing (SECURITY DEFINER: only the owner makes
-- tables). A month whose rows already went to the default partition stays there.
CREATE FUNCTION app_call_records_partition(p_month date) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  first_day date := date_trunc('month', p_month)::date;
  name text := format('call_records_%s', to_char(p_month, 'YYYY_MM'));
BEGIN
  IF to_regclass(name) IS NOT NULL THEN
    RETURN;
  END IF;
  IF EXISTS (
    SELECT 1 FROM call_records_default
     WHERE started_at >= first_day AND started_at < (first_day + interval '1 month')
  ) THEN
    RETURN;
  END IF;
  EXECUTE format(
    'CREATE TABLE %I PARTITION OF call_records FOR VALUES FROM (%L) TO (%L)',
    name, first_day::timestamptz, (first_day + interval '1 month')::timestamptz
  );
END
$$;
REVOKE ALL ON FUNCTION app_call_records_partition(date) FROM PUBLIC;

SELECT app_call_records_partition(month::date)
  FROM generate_series('2025-01-01'::date, '2027-12-01'::date, interval '1 month') AS month;

-- What each account was charged for each call: one row per call per level, owned by the account
-- charged. `revenue_minor` is what the account below it in the call's chain paid it (null for the
-- account that made the call), so a reseller's margin is read from its own rows.
CREATE TABLE call_charges (
  account_id              uuid        NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  call_id                 text        NOT NULL,
  started_at              timestamptz NOT NULL,
  -- the account that made the call, and the child of this account its charge came through
  caller_account_id       uuid        NOT NULL,
  via_account_id          uuid        NOT NULL,
  price_per_minute_micros bigint      NOT NULL,
  billed_seconds          integer     NOT NULL,
  charged_minor           bigint      NOT NULL,
  revenue_minor           bigint,
  PRIMARY KEY (account_id, call_id)
);
CALL app_make_tenant_table('call_charges', ARRAY['SELECT']);
CREATE INDEX call_charges_by_start ON call_charges (account_id, started_at);

-- Daily usage, per account that owns the row and per `subject`: the account itself (its own
-- calls) or the child its descendants' calls came through. A reseller's report over its children
-- reads only its own rows; the rows of a day for one owner add up to that owner's own calls plus
-- each child's own row for the same day (tested against a recomputation from the raw records).
CREATE TABLE usage_daily (
  account_id         uuid    NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  day                date    NOT NULL,
  subject_account_id uuid    NOT NULL,
  direction          text    NOT NULL,
  calls              integer NOT NULL,
  seconds            bigint  NOT NULL,
  billed_seconds     bigint  NOT NULL,
  -- what the owner was charged for these calls, and what the subject paid it (its revenue; equal
  -- to the cost for the owner's own calls)
  cost_minor         bigint  NOT NULL,
  revenue_minor      bigint  NOT NULL,
  PRIMARY KEY (account_id, day, subject_account_id, direction)
);
CALL app_make_tenant_table('usage_daily', ARRAY['SELECT']);

-- The rating context -----------------------------------------------------------------------------

-- Whether a service key is live; the id of the key, or NULL.
CREATE FUNCTION app_service_key(p_secret_hash bytea) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT id FROM platform_service_keys WHERE secret_hash = p_secret_hash AND revoked_at IS NULL
$$;
REVOKE ALL ON FUNCTION app_service_key(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_service_key(bytea) TO portal_app;

-- For a live service key, what rating a batch needs, as one jsonb value: for each account named,
-- its chain from the platform-direct account down (ids, currency, each one's price list), and the
-- deck's and price lists' rates whose prefix matches one of the numbers. Unknown accounts are
-- simply absent. Raises SK001 for a key that is not live.
CREATE FUNCTION app_rating_context(p_secret_hash bytea, p_accounts uuid[], p_numbers text[]) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  result jsonb;
BEGIN
  IF app_service_key(p_secret_hash) IS NULL THEN
    RAISE EXCEPTION 'the service key is not live' USING ERRCODE = 'SK001';
  END IF;
  WITH named AS (
    SELECT a.id, a.ancestors || a.id AS chain, w.currency
      FROM accounts a JOIN wallets w ON w.account_id = a.id
     WHERE a.id = ANY (p_accounts)
  ), members AS (
    SELECT DISTINCT unnest(chain) AS id FROM named
  )
  SELECT jsonb_build_object(
    'accounts', coalesce((SELECT jsonb_object_agg(n.id, jsonb_build_object('chain', to_jsonb(n.chain), 'currency', n.currency)) FROM named n), '{}'),
    'priceLists', coalesce((
      SELECT jsonb_object_agg(p.account_id, jsonb_build_object(
        'markupBasisPoints', p.markup_basis_points,
        'overrides', coalesce((
          SELECT jsonb_agg(jsonb_build_object(
            'direction', o.direction, 'prefix', o.prefix, 'pricePerMinuteMicros', o.price_per_minute_micros,
            'increment', jsonb_build_object('first', o.increment_first, 'next', o.increment_next)))
            FROM price_list_overrides o
           WHERE o.account_id = p.account_id
             AND EXISTS (SELECT 1 FROM unnest(p_numbers) AS n(number) WHERE starts_with(n.number, o.prefix))
        ), '[]')))
        FROM price_lists p WHERE p.account_id IN (SELECT id FROM members)
    ), '{}'),
    'deck', coalesce((
      SELECT jsonb_agg(jsonb_build_object(
        'direction', d.direction, 'prefix', d.prefix, 'pricePerMinuteMicros', d.price_per_minute_micros,
        'increment', jsonb_build_object('first', d.increment_first, 'next', d.increment_next)))
        FROM rate_deck d
       WHERE EXISTS (SELECT 1 FROM unnest(p_numbers) AS n(number) WHERE starts_with(n.number, d.prefix))
    ), '[]')
  ) INTO result;
  RETURN result;
END
$$;
REVOKE ALL ON FUNCTION app_rating_context(bytea, uuid[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_rating_context(bytea, uuid[], text[]) TO portal_app;

-- Recording ----------------------------------------------------------------------------------------

-- Records a rated batch for a live service key, all of it or nothing, and answers how many calls
-- were new and how many were repeats. `p_calls` holds one object per call (its record, its content
-- hash, and its charges top first: account, price, billed seconds, amount). A call id already
-- recorded with the same content is a repeat and changes nothing; with other content the whole
-- batch is refused (SQLSTATE CR001, DETAIL the call ids as JSON). Rows are written in key order
-- (call ids, then usage rows, then wallets by account id) so that concurrent batches never
-- deadlock; the charges of the batch post to each wallet as one ledger entry.
CREATE FUNCTION app_record_calls(p_secret_hash bytea, p_calls jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  conflicts jsonb;
  fresh integer;
  month date;
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

  FOR month IN SELECT DISTINCT date_trunc('month', started_at)::date FROM pg_temp.batch_calls WHERE is_new LOOP
    PERFORM app_call_records_partition(month);
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
REVOKE ALL ON FUNCTION app_record_calls(bytea, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_record_calls(bytea, jsonb) TO portal_app;
