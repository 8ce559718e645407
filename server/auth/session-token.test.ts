import { jwtDecrypt } from "jose";
import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { decodeSessionToken } from "./session-token";

// jose's decryption, counted: a remembered token is not decrypted again.
vi.mock("jose", async (importOriginal) => {
  const actual = await importOriginal<typeof import("jose")>();
  return { ...actual, jwtDecrypt: vi.fn(actual.jwtDecrypt) };
});

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

describe("decodeSessionToken remembers the tokens it has read", () => {
  it("decrypts a token once, and answers later reads with the same claims", async () => {
    const decrypt = vi.mocked(jwtDecrypt);
    decrypt.mockClear();
    const token = await encode({ secret: SECRET, token: { ...claims, sid: "remembered" } });
    const first = await decodeSessionToken(token, SECRET);
    const second = await decodeSessionToken(token, SECRET);
    expect(second).toEqual(first);
    expect(decrypt).toHaveBeenCalledTimes(1);
  });

  it("reads a remembered token again once it has expired, and refuses it", async () => {
    const token = await encode({ secret: SECRET, token: { ...claims, sid: "expiring" }, maxAge: 60 });
    expect(await decodeSessionToken(token, SECRET)).toMatchObject({ sid: "expiring" });
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 80_000);
      await expect(decodeSessionToken(token, SECRET)).rejects.toThrow(/exp/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("remembers nothing under another secret", async () => {
    const token = await encode({ secret: SECRET, token: claims });
    await decodeSessionToken(token, SECRET);
    await expect(decodeSessionToken(token, `${SECRET}-other`)).rejects.toThrow();
  });

  it("hands out claims no reader can change for the next", async () => {
    const token = await encode({ secret: SECRET, token: { ...claims, sid: "frozen" } });
    const first = await decodeSessionToken(token, SECRET);
    expect(() => {
      (first as Record<string, unknown>).sid = "changed";
    }).toThrow(TypeError);
    expect(await decodeSessionToken(token, SECRET)).toMatchObject({ sid: "frozen" });
  });
});
