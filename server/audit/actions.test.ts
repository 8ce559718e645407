import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, auditActionLabel } from "./actions";

describe("audit actions", () => {
  it("are all names the database accepts (audit_entries.action check)", () => {
    for (const action of Object.keys(AUDIT_ACTIONS)) expect(action).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
  });

  it("have a label, and an unknown action shows its own name", () => {
    expect(auditActionLabel("account.open_as")).toBe("Opened an account (open as)");
    expect(auditActionLabel("something.new")).toBe("something.new");
  });
});
