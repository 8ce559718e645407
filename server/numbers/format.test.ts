import { describe, expect, it } from "vitest";
import { formatNumber, parseNumber } from "./format";

describe("parseNumber", () => {
  it.each([
    ["+33 1 23 45 67 89", "FR", "+33123456789"],
    ["01 23 45 67 89", "FR", "+33123456789"],
    ["0033 1 23 45 67 89", "FR", "+33123456789"],
    ["(212) 555-0123", "US", "+12125550123"],
    ["+1 212 555 0123", "FR", "+12125550123"],
    ["+33123456789", "US", "+33123456789"],
  ])("reads %j in %s as %s", (input, country, e164) => {
    expect(parseNumber(input, country)).toEqual({ ok: true, e164 });
  });

  it.each([
    ["01 23 45 67 89", "US"],
    ["12345", "FR"],
    ["+33 1 23", "FR"],
    ["+999 123 456 789", "FR"],
    ["not a number", "FR"],
    ["", "FR"],
    ["+1 212 555 01234", "US"],
  ])("refuses %j in %s as invalid_number at the field", (input, country) => {
    const parsed = parseNumber(input, country, "number");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem).toMatchObject({ reason: "invalid_number", field: "number" });
      expect(parsed.problem.message).toMatch(/not a valid phone number/);
    }
  });

  it("names the country it read national numbers for", () => {
    const parsed = parseNumber("99", "FR");
    expect(!parsed.ok && parsed.problem.message).toMatch(/France/);
  });
});

describe("formatNumber", () => {
  it("is international always, and national for a number of the holder's country", () => {
    expect(formatNumber("+33123456789", "FR")).toEqual({
      international: "+33 1 23 45 67 89",
      national: "01 23 45 67 89",
    });
    expect(formatNumber("+33123456789", "US")).toEqual({ international: "+33 1 23 45 67 89", national: null });
    expect(formatNumber("+12125550123", "US")).toEqual({
      international: "+1 212 555 0123",
      national: "(212) 555-0123",
    });
  });
});
