import { describe, expect, it } from "vitest";
import { DEFAULTS, parseOptions } from "./options";

describe("parseOptions", () => {
  it("defaults to the demo VoiceReseller owner", () => {
    expect(parseOptions([], {})).toEqual({ ok: true, options: { ...DEFAULTS, waitForExpiry: false } });
  });

  it("takes flags over variables over defaults", () => {
    const parsed = parseOptions(["--url", "http://localhost:3100", "--wait-for-expiry"], {
      PORTAL_URL: "http://elsewhere:1",
      PORTAL_TENANT: "bistro",
      PORTAL_EMAIL: "owner@bistro.test",
    });
    expect(parsed).toEqual({
      ok: true,
      options: {
        url: "http://localhost:3100",
        tenant: "bistro",
        email: "owner@bistro.test",
        password: DEFAULTS.password,
        waitForExpiry: true,
      },
    });
  });

  it("says what is wrong, and shows the usage when asked", () => {
    expect(parseOptions(["--url", "ftp://x"], {})).toMatchObject({ ok: false, help: false, message: /--url/ });
    expect(parseOptions(["--nope"], {})).toMatchObject({ ok: false, help: false, message: /nope/ });
    expect(parseOptions(["--help"], {})).toMatchObject({ ok: false, help: true, message: /Usage/ });
  });
});
