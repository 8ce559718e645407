import { describe, expect, it } from "vitest";
import { crossSiteProblem } from "./csrf";

const post = (headers: Record<string, string>) =>
  new Request("http://voicereseller.localhost:3000/api/trpc/x", { method: "POST", headers });

describe("crossSiteProblem", () => {
  it.each([
    ["GET requests", new Request("http://a.localhost/api/trpc/x"), true, null],
    ["POSTs without a session cookie (programs)", post({ "content-type": "text/plain" }), false, null],
    [
      "same-origin JSON by Sec-Fetch-Site",
      post({ "content-type": "application/json", "sec-fetch-site": "same-origin" }),
      true,
      null,
    ],
    [
      "same-origin JSON by Origin",
      post({
        "content-type": "application/json; charset=utf-8",
        origin: "http://voicereseller.localhost:3000",
        host: "voicereseller.localhost:3000",
      }),
      true,
      null,
    ],
  ])("allows %s", (_name, request, hasCookie, expected) => {
    expect(crossSiteProblem(request, hasCookie)).toBe(expected);
  });

  it.each([
    ["a form POST", post({ "content-type": "application/x-www-form-urlencoded" }), "application/json"],
    ["a POST with no content type", post({}), "application/json"],
    [
      "JSON from another origin",
      post({ "content-type": "application/json", origin: "http://evil.example", host: "voicereseller.localhost:3000" }),
      "Cross-site",
    ],
    [
      "JSON from a cross-site fetch",
      post({ "content-type": "application/json", "sec-fetch-site": "cross-site" }),
      "Cross-site",
    ],
    [
      "a malformed Origin",
      post({ "content-type": "application/json", origin: "::nonsense", host: "a.localhost" }),
      "malformed",
    ],
  ])("refuses %s", (_name, request, message) => {
    expect(crossSiteProblem(request, true)).toContain(message);
  });
});
