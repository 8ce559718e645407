import { describe, expect, it } from "vitest";
import type { Role } from "../auth/permissions";
import { editProblem, inviteProblem, mayManageRole, roleChangeProblem, statusChangeProblem } from "./role-rules";

const actor = (role: Role) => ({ userId: "actor", role });
const target = (role: Role) => ({ id: "target", role });

describe("mayManageRole", () => {
  it.each([
    ["owner", "owner", true],
    ["owner", "admin", true],
    ["owner", "member", true],
    ["admin", "owner", false],
    ["admin", "admin", true],
    ["admin", "manager", true],
    ["admin", "member", true],
    ["manager", "member", false],
    ["member", "member", false],
  ] as const)("%s acting on %s: %s", (who, whom, allowed) => {
    expect(mayManageRole(who, whom)).toBe(allowed);
  });
});

describe("inviting", () => {
  it("only an owner invites an owner", () => {
    expect(inviteProblem(actor("owner"), "owner")).toBeNull();
    expect(inviteProblem(actor("admin"), "owner")?.reason).toBe("owner_role_reserved");
    expect(inviteProblem(actor("admin"), "admin")).toBeNull();
  });
});

describe("changing a role", () => {
  it.each([
    ["owner", "member", "owner", null],
    ["owner", "owner", "admin", null],
    ["admin", "member", "admin", null],
    ["admin", "admin", "member", null],
    ["admin", "member", "owner", "owner_role_reserved"],
    ["admin", "owner", "admin", "owner_role_reserved"],
    ["admin", "owner", "owner", null],
  ] as const)("%s changing a %s to %s: %s", (who, from, to, reason) => {
    expect(roleChangeProblem(actor(who), target(from), to)?.reason ?? null).toBe(reason);
  });

  it("nobody changes their own role, an owner neither", () => {
    const self = { id: "actor", role: "owner" as const };
    expect(roleChangeProblem(actor("owner"), self, "admin")).toEqual({
      reason: "own_role",
      field: "role",
      message: "You cannot change your own role; ask another owner or admin.",
    });
    expect(roleChangeProblem(actor("owner"), self, "owner")).toBeNull();
  });
});

describe("deactivating, reactivating, resending", () => {
  it("only an owner acts on an owner", () => {
    for (const change of ["deactivate", "reactivate", "resend"] as const) {
      expect(statusChangeProblem(actor("owner"), target("owner"), change)).toBeNull();
      expect(statusChangeProblem(actor("admin"), target("owner"), change)?.reason).toBe("owner_role_reserved");
      expect(statusChangeProblem(actor("admin"), target("manager"), change)).toBeNull();
    }
  });

  it("nobody deactivates themselves", () => {
    expect(statusChangeProblem(actor("admin"), { id: "actor", role: "admin" }, "deactivate")?.reason).toBe(
      "own_status",
    );
  });
});

describe("editing a person", () => {
  it("an admin renames admins, managers and members, not an owner", () => {
    expect(editProblem(actor("admin"), target("owner"))?.reason).toBe("owner_role_reserved");
    expect(editProblem(actor("admin"), target("member"))).toBeNull();
    expect(editProblem(actor("owner"), target("owner"))).toBeNull();
  });
});
