import { describe, expect, it } from "vitest";
import { withUuidLiterals } from "./tenant-start";

const uuids = Array.from({ length: 11 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`);

describe("withUuidLiterals", () => {
  it("writes each placeholder's UUID in as a literal, $10 apart from $1", () => {
    const text = Array.from({ length: 11 }, (_, index) => `$${index + 1}::uuid`).join(", ");
    const written = withUuidLiterals({ text: `SELECT ${text}`, values: uuids });
    expect(written).toBe(`SELECT ${uuids.map((uuid) => `'${uuid}'::uuid::uuid`).join(", ")}`);
  });

  it("lowers the UUID's case, as sqlUuid does", () => {
    expect(withUuidLiterals({ text: "SELECT $1", values: ["AAAAAAAA-0000-4000-8000-000000000000"] })).toBe(
      "SELECT 'aaaaaaaa-0000-4000-8000-000000000000'::uuid",
    );
  });

  it("refuses any value that is not a UUID: text a user typed never becomes SQL", () => {
    expect(() => withUuidLiterals({ text: "SELECT $1", values: ["x'); DROP TABLE accounts; --"] })).toThrow(
      /only a UUID/,
    );
    expect(() => withUuidLiterals({ text: "SELECT $1", values: [42] })).toThrow(/only UUIDs/);
    expect(() => withUuidLiterals({ text: "SELECT $1", values: [null] })).toThrow(/only UUIDs/);
  });

  it("refuses a placeholder without a value", () => {
    expect(() => withUuidLiterals({ text: "SELECT $1, $2", values: [uuids[0]] })).toThrow(/no value for \$2/);
  });
});
