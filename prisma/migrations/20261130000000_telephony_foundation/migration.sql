-- The end customer's phone system, first the parts several features share (issue 8):
--   * users gain the role `manager` and a status: `invited` (no password yet, an invitation link is
--     out), `active`, `deactivated` (kept for the audit log, cannot sign in);
--   * extensions, departments (ring groups) and schedules: the destinations a number, a schedule
--     or the account's default can route to, each a tenant table made by app_make_tenant_table;
--   * app_enforce_plan_limit(): the plan's user and department limits, enforced by the database
--     under a lock on the account's row, so concurrent writers cannot together pass a limit and a
--     plan change waits for them (and they for it).
-- Features add their own tables (devices, numbers, department members, opening hours, holidays,
-- one-time links) in later migrations; a reference to any of these rows carries `account_id`, so
-- the database refuses another tenant's row.

ALTER TYPE user_role ADD VALUE 'manager' BEFORE 'member';

CREATE TYPE user_status AS ENUM ('invited', 'active', 'deactivated');
ALTER TABLE users
  ADD COLUMN status user_status NOT NULL DEFAULT 'active',
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ALTER COLUMN password_hash DROP NOT NULL,
  -- An invited user has no password until they accept, an active one has one; a deactivated user
  -- may be either (an invitation withdrawn, or a person who left).
  ADD CONSTRAINT users_password_when_active CHECK (
    CASE status WHEN 'invited' THEN password_hash IS NULL WHEN 'active' THEN password_hash IS NOT NULL ELSE true END
  );

-- Destinations ---------------------------------------------------------------------------------------

CREATE TABLE extensions (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  -- dialled inside the account: 2 to 6 digits, not starting with 0
  number     text NOT NULL CHECK (number ~ '^[1-9][0-9]{1,5}$'),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  -- the person it belongs to, if any
  user_id    uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, id),
  CONSTRAINT extensions_number_unique UNIQUE (account_id, number),
  FOREIGN KEY (account_id, user_id) REFERENCES users (account_id, id) ON DELETE RESTRICT
);
CALL app_make_tenant_table('extensions');
CREATE INDEX extensions_user ON extensions (account_id, user_id) WHERE user_id IS NOT NULL;

CREATE TABLE departments (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, id),
  CONSTRAINT departments_name_unique UNIQUE (account_id, name)
);
CALL app_make_tenant_table('departments');

-- While open a call goes to the open destination, otherwise to the closed one; each is an
-- extension or a department of the same account (a schedule never routes to a schedule).
CREATE TABLE schedules (
  account_id            uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  id                    uuid NOT NULL DEFAULT gen_random_uuid(),
  name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  -- null: the account's effective time zone
  timezone              text,
  open_extension_id     uuid,
  open_department_id    uuid,
  closed_extension_id   uuid,
  closed_department_id  uuid,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, id),
  CONSTRAINT schedules_name_unique UNIQUE (account_id, name),
  CONSTRAINT schedules_one_open_destination CHECK (num_nonnulls(open_extension_id, open_department_id) <= 1),
  CONSTRAINT schedules_one_closed_destination CHECK (num_nonnulls(closed_extension_id, closed_department_id) <= 1),
  FOREIGN KEY (account_id, open_extension_id) REFERENCES extensions (account_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (account_id, open_department_id) REFERENCES departments (account_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (account_id, closed_extension_id) REFERENCES extensions (account_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (account_id, closed_department_id) REFERENCES departments (account_id, id) ON DELETE RESTRICT
);
CALL app_make_tenant_table('schedules');

-- Plan limits ----------------------------------------------------------------------------------------

-- How many of a limited resource an account uses, as the limit counts them: users who are not
-- deactivated (an open invitation holds a seat), and departments.
CREATE FUNCTION app_plan_usage(p_account_id uuid, p_resource text) RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  CASE p_resource
    WHEN 'users' THEN
      RETURN (SELECT count(*) FROM users WHERE account_id = p_account_id AND status <> 'deactivated');
    WHEN 'departments' THEN
      RETURN (SELECT count(*) FROM departments WHERE account_id = p_account_id);
    ELSE
      RAISE EXCEPTION 'unknown plan resource %', p_resource USING ERRCODE = 'invalid_parameter_value';
  END CASE;
END
$$;
REVOKE ALL ON FUNCTION app_plan_usage(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_plan_usage(uuid, text) TO portal_app;

-- A row trigger, BEFORE INSERT (and BEFORE UPDATE where a row can start counting again), whose
-- argument names the resource: `users` or `departments`. It locks the account's row, so writers of
-- one account take turns and each counts what the others committed; a plan change locks the same
-- row. Over the limit it raises SQLSTATE 'PL001' with the detail as JSON
--   {"resource": "users", "limit": 5, "plan": "Starter", "planId": "starter"}
-- which server/plans/limit-error.ts turns into the `plan_limit` problem.
CREATE FUNCTION app_enforce_plan_limit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  resource text := TG_ARGV[0];
  plan_row plans%ROWTYPE;
  max_allowed integer;
BEGIN
  -- Nested, not AND: PL/pgSQL may evaluate both sides, and a department row has no status.
  IF resource = 'users' THEN
    -- Only a row that starts to count: a new user who is not deactivated, or one brought back.
    IF NEW.status = 'deactivated' THEN
      RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' THEN
      IF OLD.status <> 'deactivated' THEN
        RETURN NEW;
      END IF;
    END IF;
  END IF;
  PERFORM 1 FROM accounts WHERE id = NEW.account_id FOR UPDATE;
  SELECT p.* INTO plan_row FROM plans p JOIN accounts a ON a.plan_id = p.id WHERE a.id = NEW.account_id;
  max_allowed := CASE resource WHEN 'users' THEN plan_row.max_users WHEN 'departments' THEN plan_row.max_departments END;
  IF max_allowed IS NOT NULL AND app_plan_usage(NEW.account_id, resource) >= max_allowed THEN
    RAISE EXCEPTION 'plan limit reached: % on %', resource, plan_row.name
      USING ERRCODE = 'PL001',
            DETAIL = json_build_object('resource', resource, 'limit', max_allowed,
                                       'plan', plan_row.name, 'planId', plan_row.id)::text;
  END IF;
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION app_enforce_plan_limit() FROM PUBLIC;

CREATE TRIGGER users_plan_limit BEFORE INSERT OR UPDATE OF status ON users
  FOR EACH ROW EXECUTE FUNCTION app_enforce_plan_limit('users');
CREATE TRIGGER departments_plan_limit BEFORE INSERT ON departments
  FOR EACH ROW EXECUTE FUNCTION app_enforce_plan_limit('departments');
