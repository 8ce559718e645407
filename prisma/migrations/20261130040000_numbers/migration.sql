-- Numbers (DIDs) and where they route (issue 8).
--
-- A number is E.164 and globally unique. It is HELD by one account at a time (`account_id`, which
-- leads the primary key like every tenant table: the holder reads it and routes it) and belongs to
-- the POOL of one reseller (`pool_account_id`), which the platform gave it to. The reseller assigns
-- the numbers of its pool to accounts below it and takes them back: both move `account_id`.
-- The holder is always the pool's reseller or an account below it (CHECK numbers_held_in_pool_tree,
-- tested on `account_ancestors`, which the trigger fills before the check runs).
--
-- A number routes to at most one destination of its HOLDER: an extension, a department or a
-- schedule, each a composite foreign key (account_id, route_x_id), so the database refuses another
-- tenant's destination, and a move to another holder must clear the route in the same statement (the
-- old route would name a destination of the old holder). No route: the holder's default destination.
--
-- Requests never add or delete numbers (no INSERT or DELETE grant): the platform seeds pools as the
-- owner role (server/numbers/pool.ts). Requests may change only the holder and the route (column
-- grants); e164 and pool_account_id are fixed.
--
-- Policies (no subquery in any; app_current_tenant() is the tenant):
--   tenant_isolation (app_make_tenant_table) the holder reads its numbers and changes their route
--                    (WITH CHECK keeps account_id its own: a holder cannot give a number away);
--   platform_owner   (app_make_tenant_table) the owner role, for the seed and platform jobs;
--   read_below       an ancestor reads the numbers held below it (a reseller sees its customers'
--                    numbers and so every number of its pool, which is held by it or below it);
--   manage_pool      the pool's reseller changes a number of its pool held below it, and may leave
--                    it below it or bring it back (tenant_isolation admits the row held by itself):
--                    assign = its own row -> below, take back = below -> its own row. A number it
--                    leaves below it has no route: routing is the holder's (the reseller opens the
--                    account, "open as", to do it for them).
-- Nothing else changes.

CREATE TABLE numbers (
  -- the holder: routes the number; the pool's reseller itself while it is not assigned
  account_id          uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  id                  uuid NOT NULL DEFAULT gen_random_uuid(),
  e164                text NOT NULL CONSTRAINT numbers_e164_format CHECK (e164 ~ '^\+[1-9][0-9]{6,14}$'),
  pool_account_id     uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
  route_extension_id  uuid,
  route_department_id uuid,
  route_schedule_id   uuid,
  -- the ancestors of the holder, filled by app_fill_account_ancestors() for the policies
  account_ancestors   uuid[] NOT NULL DEFAULT '{}',
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, id),
  CONSTRAINT numbers_e164_unique UNIQUE (e164),
  CONSTRAINT numbers_one_route CHECK (num_nonnulls(route_extension_id, route_department_id, route_schedule_id) <= 1),
  CONSTRAINT numbers_held_in_pool_tree CHECK (account_id = pool_account_id OR account_ancestors @> ARRAY[pool_account_id]),
  CONSTRAINT numbers_route_extension FOREIGN KEY (account_id, route_extension_id)
    REFERENCES extensions (account_id, id) ON DELETE RESTRICT,
  CONSTRAINT numbers_route_department FOREIGN KEY (account_id, route_department_id)
    REFERENCES departments (account_id, id) ON DELETE RESTRICT,
  CONSTRAINT numbers_route_schedule FOREIGN KEY (account_id, route_schedule_id)
    REFERENCES schedules (account_id, id) ON DELETE RESTRICT
);
CALL app_make_tenant_table('numbers', ARRAY['SELECT']);
GRANT UPDATE (account_id, route_extension_id, route_department_id, route_schedule_id, updated_at) ON numbers TO portal_app;

CREATE TRIGGER fill_account_ancestors BEFORE INSERT OR UPDATE ON numbers
  FOR EACH ROW EXECUTE FUNCTION app_fill_account_ancestors();

CREATE POLICY read_below ON numbers FOR SELECT TO portal_app
  USING (account_ancestors @> ARRAY[app_current_tenant()]);

CREATE POLICY manage_pool ON numbers FOR UPDATE TO portal_app
  USING (pool_account_id = app_current_tenant() AND account_ancestors @> ARRAY[app_current_tenant()])
  WITH CHECK (
    pool_account_id = app_current_tenant() AND account_ancestors @> ARRAY[app_current_tenant()]
    AND route_extension_id IS NULL AND route_department_id IS NULL AND route_schedule_id IS NULL
  );

-- The list pages run in e164 order per holder and per pool; the policies test account_ancestors.
CREATE INDEX numbers_holder_e164 ON numbers (account_id, e164);
CREATE INDEX numbers_pool_e164 ON numbers (pool_account_id, e164);
CREATE INDEX numbers_account_ancestors ON numbers USING gin (account_ancestors);
-- A destination that is deleted is checked against the numbers routed to it.
CREATE INDEX numbers_route_extension ON numbers (account_id, route_extension_id) WHERE route_extension_id IS NOT NULL;
CREATE INDEX numbers_route_department ON numbers (account_id, route_department_id) WHERE route_department_id IS NOT NULL;
CREATE INDEX numbers_route_schedule ON numbers (account_id, route_schedule_id) WHERE route_schedule_id IS NOT NULL;
