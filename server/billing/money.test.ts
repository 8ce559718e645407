import { describe, expect, it } from "vitest";
import { amountText, formatMoney, MAX_AMOUNT_MINOR, minorDigits, parseAmount } from "./money";

describe("minorDigits", () => {
  it("knows each currency's minor unit", () => {
    expect(minorDigits("USD")).toBe(2);
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits("BHD")).toBe(3);
  });
});

describe("parseAmount", () => {
  it.each([
    ["12", "USD", 1200],
    ["12.3", "USD", 1230],
    ["12.30", "USD", 1230],
    [" 0.05 ", "USD", 5],
    ["1,234.50", "USD", 123450],
    ["1500", "JPY", 1500],
    ["1.234", "BHD", 1234],
    ["0", "USD", 0],
  ])("reads %s %s as %i minor units", (text, currency, minor) => {
    expect(parseAmount(text, currency)).toBe(minor);
  });

  it.each([
    ["12.345", "USD"],
    ["1.5", "JPY"],
    ["-5", "USD"],
    ["1e3", "USD"],
    ["12,34", "USD"],
    ["1,2345.00", "USD"],
    [".5", "USD"],
    ["", "USD"],
    ["abc", "USD"],
    ["10000000001", "USD"],
  ])("refuses %s %s", (text, currency) => {
    expect(parseAmount(text, currency)).toBeNull();
  });

  it("accepts the largest amount and nothing above it", () => {
    expect(parseAmount("10000000000", "USD")).toBe(MAX_AMOUNT_MINOR);
    expect(parseAmount("10000000000.01", "USD")).toBeNull();
  });
});

describe("formatMoney and amountText", () => {
  it("show minor units in the currency's own digits", () => {
    expect(formatMoney(1230, "USD")).toBe("$12.30");
    expect(formatMoney(-400, "EUR")).toBe("-€4.00");
    expect(formatMoney(1500, "JPY")).toBe("¥1,500");
    expect(amountText(1230, "USD")).toBe("12.30");
    expect(amountText(5, "USD")).toBe("0.05");
    expect(amountText(-5, "USD")).toBe("-0.05");
    expect(amountText(1500, "JPY")).toBe("1500");
  });
});
