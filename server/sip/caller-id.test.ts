import { describe, expect, it } from "vitest";
import { DomainError } from "../domain-error";
import { readCallerId } from "./caller-id";

describe("readCallerId", () => {
  it.each([
    ["+1 415 555 0123", "US", "+14155550123"],
    ["01 42 68 53 00", "FR", "+33142685300"],
    ["+33142685300", "US", "+33142685300"],
  ])("reads %s in %s as %s", (typed, country, expected) => {
    expect(readCallerId(typed, country)).toBe(expected);
  });

  it.each([null, undefined, "", "   "])("takes %j as no caller ID of its own", (typed) => {
    expect(readCallerId(typed, "US")).toBeNull();
  });

  it.each(["12", "not a number", "+999"])("refuses %s at the field", (typed) => {
    expect(() => readCallerId(typed, "US")).toThrow(DomainError);
    try {
      readCallerId(typed, "US");
    } catch (error) {
      expect(error).toMatchObject({ reason: "caller_id_invalid", problems: [{ field: "callerIdNumber" }] });
    }
  });
});
