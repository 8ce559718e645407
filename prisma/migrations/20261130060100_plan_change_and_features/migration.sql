-- A plan change that the account's current usage exceeds is refused by the database, and the
-- account switches for the plan's features (issue 8).
--
-- 1. accounts.call_recording, accounts.voicemail_transcription: the account's own switches for the
--    Voki plan features "Recording" and "AI transcription" (of voicemail). Switching one on is
--    allowed only where the plan has the feature (server/plans/features.ts requireFeature).
--
-- 2. app_plan_change_fits(): BEFORE UPDATE OF plan_id on accounts. Under the lock on the account's
--    row that app_enforce_plan_limit() (migration 20261130000000) also takes, it counts what the
--    account uses with app_plan_usage() and refuses the change when anything is over the new plan:
--    users, departments, and a feature switched on that the new plan lacks. It lists everything
--    over at once, raising SQLSTATE 'PL002' with the detail as JSON
--      {"plan": "Starter", "planId": "starter",
--       "over": [{"resource": "users", "limit": 5, "usage": 8}, {"resource": "aiTranscription"}]}
--    which server/plans/plan-change-error.ts turns into the `plan_over_usage` problem at planId.
--    An invitation waits for a plan change and counts against the new plan; a plan change waits
--    for an invitation and counts it: each statement of the functions reads after the lock.

ALTER TABLE accounts
  ADD COLUMN call_recording boolean NOT NULL DEFAULT false,
  ADD COLUMN voicemail_transcription boolean NOT NULL DEFAULT false;
GRANT UPDATE (call_recording, voicemail_transcription) ON accounts TO portal_app;

CREATE FUNCTION app_plan_change_fits() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  plan_row plans%ROWTYPE;
  over jsonb := '[]'::jsonb;
  used integer;
BEGIN
  -- The lock app_enforce_plan_limit() takes: writers of limited rows of this account wait for us.
  PERFORM 1 FROM accounts WHERE id = NEW.id FOR UPDATE;
  SELECT * INTO plan_row FROM plans WHERE id = NEW.plan_id;
  IF NOT FOUND THEN
    RETURN NEW; -- the foreign key refuses an unknown plan
  END IF;
  IF plan_row.max_users IS NOT NULL THEN
    used := app_plan_usage(NEW.id, 'users');
    IF used > plan_row.max_users THEN
      over := over || jsonb_build_object('resource', 'users', 'limit', plan_row.max_users, 'usage', used);
    END IF;
  END IF;
  IF plan_row.max_departments IS NOT NULL THEN
    used := app_plan_usage(NEW.id, 'departments');
    IF used > plan_row.max_departments THEN
      over := over || jsonb_build_object('resource', 'departments', 'limit', plan_row.max_departments, 'usage', used);
    END IF;
  END IF;
  IF NEW.call_recording AND NOT plan_row.recording THEN
    over := over || jsonb_build_object('resource', 'recording');
  END IF;
  IF NEW.voicemail_transcription AND NOT plan_row.ai_transcription THEN
    over := over || jsonb_build_object('resource', 'aiTranscription');
  END IF;
  IF jsonb_array_length(over) > 0 THEN
    RAISE EXCEPTION 'current usage exceeds plan %', plan_row.name
      USING ERRCODE = 'PL002',
            DETAIL = jsonb_build_object('plan', plan_row.name, 'planId', plan_row.id, 'over', over)::text;
  END IF;
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION app_plan_change_fits() FROM PUBLIC;

CREATE TRIGGER accounts_plan_change_fits BEFORE UPDATE OF plan_id ON accounts
  FOR EACH ROW WHEN (OLD.plan_id IS DISTINCT FROM NEW.plan_id) EXECUTE FUNCTION app_plan_change_fits();
