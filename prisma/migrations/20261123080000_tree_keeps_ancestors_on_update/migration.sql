-- An account may now update its own row (its branding, migration 20261123070000). The tree
-- trigger recomputed `ancestors` from the parent row on every UPDATE, and the tenant cannot read
-- its parent's row, so an account editing its own branding came out with no ancestors: cut off
-- from its reseller. The parent never changes after INSERT (the same trigger refuses a move), so
-- on UPDATE the stored ancestors stay as they are.
CREATE OR REPLACE FUNCTION accounts_maintain_tree() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  parent_ancestors uuid[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.slug IS DISTINCT FROM OLD.slug THEN
      RAISE EXCEPTION 'account slug is immutable' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.parent_id IS DISTINCT FROM OLD.parent_id THEN
      RAISE EXCEPTION 'an account cannot be moved to another parent' USING ERRCODE = 'check_violation';
    END IF;
    NEW.ancestors := OLD.ancestors;
  ELSIF NEW.parent_id IS NULL THEN
    NEW.ancestors := '{}';
  ELSE
    SELECT a.ancestors || a.id INTO parent_ancestors FROM accounts a WHERE a.id = NEW.parent_id;
    NEW.ancestors := coalesce(parent_ancestors, '{}');
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
