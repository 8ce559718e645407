import { describe, expect, it } from "vitest";
import { foreignOriginProblem } from "./origin-check";
import { requestOrigin } from "./request-origin";

const OWN = "http://acme.localhost:3000";

describe("foreignOriginProblem", () => {
  it.each<[string, Record<string, string>, string | null]>([
    ["the own origin", { origin: OWN }, null],
    ["the own origin, written with upper case", { origin: "http://ACME.localhost:3000" }, null],
    ["no Origin from a same-origin fetch", { "sec-fetch-site": "same-origin" }, null],
    ["no Origin and no Sec-Fetch-Site (not a browser)", {}, null],
    ["a typed address (Sec-Fetch-Site: none)", { "sec-fetch-site": "none" }, null],
    ["another site", { origin: "http://evil.example" }, "Cross-site"],
    ["another scheme", { origin: "https://acme.localhost:3000" }, "Cross-site"],
    ["another port", { origin: "http://acme.localhost:3001" }, "Cross-site"],
    ["a sibling brand", { origin: "http://voicereseller.localhost:3000" }, "Cross-site"],
    ["no Origin from a cross-site request", { "sec-fetch-site": "cross-site" }, "Cross-site"],
    ["no Origin from a same-site request", { "sec-fetch-site": "same-site" }, "Cross-site"],
    ["an opaque origin", { origin: "null" }, "malformed"],
    ["garbage", { origin: "::" }, "malformed"],
  ])("%s", (_name, headers, problem) => {
    const answer = foreignOriginProblem(new Headers(headers), OWN);
    if (problem === null) expect(answer).toBeNull();
    else expect(answer).toContain(problem);
  });
});

describe("requestOrigin", () => {
  it.each<[Record<string, string>, string]>([
    [{ host: "acme.localhost:3000", "x-forwarded-proto": "http" }, "http://acme.localhost:3000"],
    [{ host: "ACME.localhost.:3000", "x-forwarded-proto": "https" }, "https://acme.localhost:3000"],
    [{ host: "acme.localhost" }, "http://acme.localhost"],
    [{ host: "acme.localhost", "x-forwarded-proto": "gopher" }, "http://acme.localhost"],
    [{ host: "acme.localhost:3000@evil.example" }, "http://invalid.invalid"],
    [{}, "http://invalid.invalid"],
  ])("%j -> %s", (headers, origin) => {
    expect(requestOrigin(new Headers(headers))).toBe(origin);
  });
});
