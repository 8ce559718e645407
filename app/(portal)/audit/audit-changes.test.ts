import { describe, expect, it } from "vitest";
import { changeLines, formatWhen } from "./audit-changes";

const plans = new Map([
  ["starter", "Starter"],
  ["business", "Business"],
]);

describe("changeLines", () => {
  it("names fields by their labels and plans by their names", () => {
    expect(
      changeLines({ before: { planId: "starter", maxIn: 5 }, after: { planId: "business", maxIn: 8 } }, plans),
    ).toEqual([
      { field: "planId", label: "Plan", before: "Starter", after: "Business" },
      { field: "maxIn", label: "Inbound calls (max_in)", before: "5", after: "8" },
    ]);
  });

  it("shows what was set, what was removed, flags and empty values in words", () => {
    expect(changeLines({ after: { isReseller: true, language: "de" }, before: { supportEmail: null } }, plans)).toEqual(
      [
        { field: "isReseller", label: "Reseller", after: "yes" },
        { field: "language", label: "Language", after: "German" },
        { field: "supportEmail", label: "Support e-mail", before: "none" },
      ],
    );
  });

  it("keeps an unknown field's own name rather than dropping it", () => {
    expect(changeLines({ after: { somethingNew: 1 } }, plans)).toEqual([
      { field: "somethingNew", label: "somethingNew", after: "1" },
    ]);
  });

  it("shows a list (a key's permissions) as words a narrow column can wrap", () => {
    expect(changeLines({ after: { scopes: ["account:read", "extensions:write"] } }, plans)).toEqual([
      { field: "scopes", label: "Permissions", after: "account:read, extensions:write" },
    ]);
  });

  it("reads nothing from malformed details", () => {
    expect(changeLines({ before: "x", after: [1] }, plans)).toEqual([]);
  });
});

describe("formatWhen", () => {
  const instant = new Date("2026-07-01T12:30:05Z");
  it("shows the time in the account's time zone, with the zone", () => {
    expect(formatWhen(instant, "UTC")).toBe("1 Jul 2026, 12:30:05 UTC");
    expect(formatWhen(instant, "America/New_York")).toBe("1 Jul 2026, 08:30:05 GMT-4");
  });
});
