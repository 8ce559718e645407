-- Departments' members and schedules' opening hours and holidays (issue 8). Restates no function.
--   * departments gain a ring strategy: all members at once, or one after another in their order;
--   * department_members: the account's users in a department, in ring order;
--   * schedule_hours: weekly opening ranges in the schedule's local time, as minutes from midnight,
--     half-open [opens, closes); ranges of one weekday may not overlap (an exclusion constraint);
--   * schedule_holidays: dated days on which the schedule is closed all day.
-- Every reference carries account_id, so the database refuses another tenant's user or schedule.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TYPE ring_strategy AS ENUM ('simultaneous', 'in_order');
ALTER TABLE departments ADD COLUMN ring_strategy ring_strategy NOT NULL DEFAULT 'simultaneous';

CREATE TABLE department_members (
  account_id    uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  department_id uuid NOT NULL,
  user_id       uuid NOT NULL,
  -- ring order, 0 first (used when the strategy is in_order)
  position      smallint NOT NULL CHECK (position >= 0),
  PRIMARY KEY (account_id, department_id, user_id),
  CONSTRAINT department_members_position_unique UNIQUE (account_id, department_id, position),
  -- Members go with their department; a user who is a member cannot be deleted (deactivate them).
  FOREIGN KEY (account_id, department_id) REFERENCES departments (account_id, id) ON DELETE CASCADE,
  FOREIGN KEY (account_id, user_id) REFERENCES users (account_id, id) ON DELETE RESTRICT
);
CALL app_make_tenant_table('department_members');
CREATE INDEX department_members_user ON department_members (account_id, user_id);

CREATE TABLE schedule_hours (
  account_id   uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  schedule_id  uuid NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  -- ISO weekday: 1 Monday ... 7 Sunday
  weekday      smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  -- minutes from local midnight; closes may be 1440 (open until midnight)
  opens_minute  smallint NOT NULL CHECK (opens_minute BETWEEN 0 AND 1439),
  closes_minute smallint NOT NULL CHECK (closes_minute BETWEEN 1 AND 1440),
  PRIMARY KEY (account_id, id),
  CONSTRAINT schedule_hours_not_empty CHECK (opens_minute < closes_minute),
  CONSTRAINT schedule_hours_no_overlap EXCLUDE USING gist (
    account_id WITH =, schedule_id WITH =, weekday WITH =,
    int4range(opens_minute, closes_minute) WITH &&
  ),
  FOREIGN KEY (account_id, schedule_id) REFERENCES schedules (account_id, id) ON DELETE CASCADE
);
CALL app_make_tenant_table('schedule_hours');

CREATE TABLE schedule_holidays (
  account_id  uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  schedule_id uuid NOT NULL,
  day         date NOT NULL,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  PRIMARY KEY (account_id, schedule_id, day),
  FOREIGN KEY (account_id, schedule_id) REFERENCES schedules (account_id, id) ON DELETE CASCADE
);
CALL app_make_tenant_table('schedule_holidays');
