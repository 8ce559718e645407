import { describe, expect, it } from "vitest";
import { brandIconHref, brandIconSvg, brandInitial } from "./brand-icon";

describe("brandInitial", () => {
  it.each([
    ["VoiceReseller", "V"],
    ["  acme corp", "A"],
    ["3CX Partners", "3"],
    ["élan", "É"],
    ["…", "?"],
  ])("%j starts with %j", (name, initial) => {
    expect(brandInitial(name)).toBe(initial);
  });
});

describe("brandIconSvg", () => {
  it("draws the initial in readable text on the brand colour", () => {
    const svg = brandIconSvg({ colour: "#7c3aed", initial: "V" });
    expect(svg).toContain('fill="#7c3aed"');
    expect(svg).toContain('fill="#ffffff">V</text>');
  });

  it.each([
    { colour: "red", initial: "V" },
    { colour: "#7c3aed", initial: "<" },
    { colour: "#7c3aed", initial: "VV" },
    { colour: '#7c3aed"/><script>', initial: "V" },
  ])("refuses %j", (input) => {
    expect(brandIconSvg(input)).toBeNull();
  });
});

describe("brandIconHref", () => {
  it("is the logo when there is one, else the generated icon", () => {
    expect(brandIconHref({ brandName: "Acme", primaryColor: "#0f766e", logoUrl: "/brand-assets/a/logo.png" })).toBe(
      "/brand-assets/a/logo.png",
    );
    expect(brandIconHref({ brandName: "Acme", primaryColor: "#0f766e", logoUrl: null })).toBe(
      "/brand-icon?c=0f766e&i=A",
    );
  });
});
