import { describe, expect, it } from "vitest";
import { colourContrastProblems } from "./contrast";

describe("colourContrastProblems", () => {
  it.each([
    ["the demo reseller's violet", "#7c3aed"],
    ["a dark teal", "#0f766e"],
    ["navy", "#1e3a8a"],
    ["black", "#000000"],
  ])("accepts %s as the primary colour", (_name, colour) => {
    expect(colourContrastProblems({ primaryColor: colour })).toEqual([]);
  });

  it.each([
    ["amber, too light for links on the page", "#f59e0b", "contrast 2.0:1"],
    ["white itself", "#ffffff", "contrast 1.0:1"],
    ["a mid grey, too light for links", "#8a8a8a", "contrast 3.2:1"],
    // 4.5:1 on white cards, but links also sit on the slate-50 page, where it is 4.3:1
    ["a grey that passes on white only", "#767676", "contrast 4.3:1"],
  ])("refuses %s as the primary colour, saying why", (_name, colour, found) => {
    const [problem] = colourContrastProblems({ primaryColor: colour });
    expect(problem?.field).toBe("primaryColor");
    expect(problem?.message).toContain(colour);
    expect(problem?.message).toContain(found);
    expect(problem?.message).toContain("WCAG AA needs 4.5:1");
  });

  it("accepts a light accent (dark text reads on it) and refuses a mid-tone one", () => {
    expect(colourContrastProblems({ accentColor: "#f59e0b" })).toEqual([]);
    expect(colourContrastProblems({ accentColor: "#fde68a" })).toEqual([]);
    // #6b6b6b: white text 5.3:1 passes; #777777 sits where neither white nor near-black reaches 4.5:1.
    expect(colourContrastProblems({ accentColor: "#6b6b6b" })).toEqual([]);
    const [problem] = colourContrastProblems({ accentColor: "#777777" });
    expect(problem).toMatchObject({ field: "accentColor" });
    expect(problem?.message).toMatch(/^Text on the accent colour #777777 is hard to read: contrast 4\.\d:1 at best/);
  });

  it("checks only the colours it is given", () => {
    expect(colourContrastProblems({})).toEqual([]);
  });
});
