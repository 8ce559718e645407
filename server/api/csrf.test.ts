import { describe, expect, it } from "vitest";
import { crossSiteProblem } from "./csrf";

const OWN = "http://voicereseller.localhost:3000";

// The Host always names the portal: the old check passed anything whose Origin had that host.
const post = (headers: Record<string, string>) =>
  new Request("http://voicereseller.localhost:3000/api/trpc/x", {
    method: "POST",
    headers: { host: "voicereseller.localhost:3000", ...headers },
  });

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
      post({ "content-type": "application/json; charset=utf-8", origin: OWN }),
      true,
      null,
    ],
  ])("allows %s", (_name, request, hasCookie, expected) => {
    expect(crossSiteProblem(request, hasCookie, OWN)).toBe(expected);
  });

  it.each([
    ["a form POST", post({ "content-type": "application/x-www-form-urlencoded" }), "application/json"],
    ["a POST with no content type", post({}), "application/json"],
    ["JSON with neither Origin nor Sec-Fetch-Site", post({ "content-type": "application/json" }), "Cross-site"],
    [
      "JSON from another origin",
      post({ "content-type": "application/json", origin: "http://evil.example" }),
      "Cross-site",
    ],
    [
      "JSON from the same host over another scheme",
      post({ "content-type": "application/json", origin: "https://voicereseller.localhost:3000" }),
      "Cross-site",
    ],
    [
      "JSON from the same host on another port",
      post({ "content-type": "application/json", origin: "http://voicereseller.localhost:4000" }),
      "Cross-site",
    ],
    [
      "JSON whose Origin disagrees with Sec-Fetch-Site",
      post({ "content-type": "application/json", origin: "http://evil.example", "sec-fetch-site": "same-origin" }),
      "Cross-site",
    ],
    ["JSON from an opaque origin", post({ "content-type": "application/json", origin: "null" }), "malformed"],
    [
      "JSON from a cross-site fetch",
      post({ "content-type": "application/json", "sec-fetch-site": "cross-site" }),
      "Cross-site",
    ],
    ["a malformed Origin", post({ "content-type": "application/json", origin: "::nonsense" }), "malformed"],
  ])("refuses %s", (_name, request, message) => {
    expect(crossSiteProblem(request, true, OWN)).toContain(message);
  });
});
