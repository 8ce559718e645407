import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken } from "./session-token";

const SECRET = "session-token-test-secret-that-is-long-enough-01";
const claims = { sub: "user", accountId: "account", role: "owner" as const, brand: "platform", sid: "session" };

describe("decodeSessionToken", () => {
  it("reads what next-auth writes", async () => {
    const token = await encode({ secret: SECRET, token: claims });
    expect(await decodeSessionToken(token, SECRET)).toMatchObject(claims);
    // Twice: the second read uses the key derived by the first.
    expect(await decodeSessionToken(token, SECRET)).toMatchObject(claims);
  });

  it("refuses a token written with another secret", async () => {
    const token = await encode({ secret: `${SECRET}-other`, token: claims });
    await expect(decodeSessionToken(token, SECRET)).rejects.toThrow();
  });

  it("refuses a token changed in transit", async () => {
    const token = await encode({ secret: SECRET, token: claims });
    const parts = token.split(".");
    const body = parts[3] ?? "";
    parts[3] = `${body.slice(0, -2)}${body.endsWith("AA") ? "BB" : "AA"}`;
    await expect(decodeSessionToken(parts.join("."), SECRET)).rejects.toThrow();
  });

  it("refuses an expired token, beyond next-auth's 15 s of tolerance", async () => {
    const expired = await encode({ secret: SECRET, token: claims, maxAge: -60 });
    await expect(decodeSessionToken(expired, SECRET)).rejects.toThrow(/exp/);
    const justExpired = await encode({ secret: SECRET, token: claims, maxAge: -5 });
    expect(await decodeSessionToken(justExpired, SECRET)).toMatchObject(claims);
  });
});
