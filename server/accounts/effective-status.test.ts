import { describe, expect, it } from "vitest";
import { type AccountStatus, effectiveStatus } from "./effective-status";

const ROOT = "00000000-0000-4000-8000-000000000001";
const MIDDLE = "00000000-0000-4000-8000-000000000002";

const inactive = (entries: [string, string, AccountStatus][]) =>
  new Map(entries.map(([id, name, status]) => [id, { id, name, status }]));

describe("effectiveStatus", () => {
  it.each<[string, AccountStatus, string[], ReturnType<typeof inactive>, ReturnType<typeof effectiveStatus>]>([
    ["active with active ancestors", "active", [ROOT, MIDDLE], inactive([]), { status: "active", by: null }],
    ["active without ancestors", "active", [], inactive([]), { status: "active", by: null }],
    ["its own suspension", "suspended", [ROOT], inactive([]), { status: "suspended", by: null }],
    [
      "its own, even below a suspended one",
      "suspended",
      [ROOT],
      inactive([[ROOT, "Root", "suspended"]]),
      {
        status: "suspended",
        by: null,
      },
    ],
    ["its own closing", "closed", [ROOT], inactive([[ROOT, "Root", "suspended"]]), { status: "closed", by: null }],
    [
      "a suspended parent",
      "active",
      [ROOT, MIDDLE],
      inactive([[MIDDLE, "Middle", "suspended"]]),
      {
        status: "suspended",
        by: { id: MIDDLE, name: "Middle" },
      },
    ],
    [
      "the topmost of two suspended ancestors",
      "active",
      [ROOT, MIDDLE],
      inactive([
        [MIDDLE, "Middle", "suspended"],
        [ROOT, "Root", "suspended"],
      ]),
      { status: "suspended", by: { id: ROOT, name: "Root" } },
    ],
    [
      "an inactive account that is not an ancestor",
      "active",
      [ROOT],
      inactive([[MIDDLE, "Middle", "suspended"]]),
      {
        status: "active",
        by: null,
      },
    ],
  ])("%s", (_case, own, ancestors, known, expected) => {
    expect(effectiveStatus(own, ancestors, known)).toEqual(expected);
  });
});
