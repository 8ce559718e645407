-- Audit entries keep their time to the millisecond, the precision of the page cursor (and of
-- JavaScript's Date). With microseconds, an entry older than the cursor's entry by a few
-- microseconds of the same millisecond compared neither older than nor equal to the cursor's
-- (truncated) time, and fell between two pages. Rounding keeps the order of existing entries
-- (ties are ordered by id, as the cursor already does). The indexes on created_at are rebuilt.
ALTER TABLE audit_entries ALTER COLUMN created_at TYPE timestamptz(3);
