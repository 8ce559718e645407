import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BrandingEditorOutput } from "../api/schemas/branding.schema";
import { EffectiveSettingsOutput, PublicSettingsOutput } from "../api/schemas/effective-settings.schema";
import { BrandingChanges, BrandingValues } from "../branding/fields";
import {
  CHANGEABLE_KEYS,
  EDITABLE_KEYS,
  PUBLIC_KEYS,
  readStored,
  SETTING_KEYS,
  SETTING_LABELS,
  SETTINGS,
  type SettingSpec,
  settingColumns,
  writeStored,
} from "./registry";

const EDITORS = [
  "text",
  "logo",
  "colour",
  "email",
  "phone",
  "timezone",
  "language",
  "country",
  "voice",
  "destination",
  "domain",
];
const specs = SETTING_KEYS.map((key) => [key, SETTINGS[key] as SettingSpec] as const);

describe("the settings registry", () => {
  it.each(specs)("describes %s completely: storage, label, value, editor and group", (key, spec) => {
    expect(spec.label.trim()).not.toBe("");
    expect(EDITORS).toContain(spec.editor);
    expect(["branding", "defaults"]).toContain(spec.group);
    expect(spec.value).toBeInstanceOf(z.ZodType);
    if (spec.storage.kind === "column" || spec.storage.kind === "derived") {
      expect(spec.storage.column).toMatch(/^[a-z][a-z0-9_]*$/);
      // The generated client's field is the column in camel case (the editor writes through it).
      expect(spec.storage.column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())).toBe(key);
    } else {
      expect(Object.keys(spec.storage.columns).sort()).toEqual(["department", "extension", "schedule"]);
    }
    // Its example is a valid value, and a valid override where it can be set.
    expect(spec.value.safeParse(spec.example).success).toBe(true);
    if (spec.input) expect(spec.input.safeParse(spec.example).success).toBe(true);
    // Everything an account sets is validated; only the uploaded logo and the derived domain are not set as values.
    if (spec.input === null) expect(["logo", "domain"]).toContain(spec.editor);
    else expect(spec.input).toBeInstanceOf(z.ZodType);
  });

  it("has one label per setting, and no two settings share one", () => {
    const labels = Object.values(SETTING_LABELS);
    expect(labels).toHaveLength(SETTING_KEYS.length);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("names each column once", () => {
    const columns = settingColumns().map((each) => each.column);
    expect(new Set(columns).size).toBe(columns.length);
    expect(columns).toContain("default_schedule_id");
    expect(columns).not.toContain("brand_domain");
  });

  it("derives the output schemas: every setting, the public ones for visitors, and the editor's fields", () => {
    expect(Object.keys(EffectiveSettingsOutput.shape)).toEqual(SETTING_KEYS);
    expect(Object.keys(PublicSettingsOutput.shape)).toEqual(PUBLIC_KEYS);
    expect(PUBLIC_KEYS).not.toContain("defaultDestination");
    expect(Object.keys(BrandingEditorOutput.shape.fields.shape)).toEqual(EDITABLE_KEYS);
    expect(EDITABLE_KEYS).not.toContain("brandDomain");
  });

  it("derives the validation of a change from each setting's input", () => {
    expect(Object.keys(BrandingValues.shape)).toEqual(CHANGEABLE_KEYS);
    expect(Object.keys(BrandingChanges.shape).sort()).toEqual([...CHANGEABLE_KEYS, "logoUrl"].sort());
    for (const key of CHANGEABLE_KEYS) {
      // null inherits again, absent leaves it
      expect(BrandingChanges.safeParse({ [key]: null }).success).toBe(true);
    }
    expect(BrandingChanges.safeParse({ timezone: "Mars/Olympus" }).success).toBe(false);
    expect(BrandingChanges.parse({ primaryColor: " #1D4ED8 " })).toEqual({ primaryColor: "#1d4ed8" });
  });

  it.each<[string, unknown, boolean]>([
    ["an extension of the account", { kind: "extension", id: "00000000-0000-4000-8000-000000000001" }, true],
    ["a schedule of the account", { kind: "schedule", id: "00000000-0000-4000-8000-000000000001" }, true],
    ["free text, as it used to be", { kind: "extension", id: "100" }, false],
    ["a kind that is not a destination", { kind: "voicemail", id: "00000000-0000-4000-8000-000000000001" }, false],
  ])("takes as the default destination %s: %s", (_case, value, valid) => {
    expect(BrandingChanges.safeParse({ defaultDestination: value }).success).toBe(valid);
  });

  it("stores a destination in its kind's column, the others cleared, and reads it back", () => {
    const ref = { kind: "department", id: "00000000-0000-4000-8000-000000000002" } as const;
    const columns = writeStored("defaultDestination", ref);
    expect(columns).toEqual({
      default_extension_id: null,
      default_department_id: ref.id,
      default_schedule_id: null,
    });
    expect(readStored("defaultDestination", columns)).toEqual(ref);
    expect(readStored("defaultDestination", writeStored("defaultDestination", null))).toBeNull();
    expect(writeStored("timezone", "Europe/Paris")).toEqual({ timezone: "Europe/Paris" });
  });

  it("inherits every column setting, and not the reference to one account's own row", () => {
    const own = SETTING_KEYS.filter((key) => !SETTINGS[key].inherits);
    expect(own).toEqual(["defaultDestination"]);
  });
});
