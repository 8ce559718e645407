import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { digestHa1, generateSipPassword, SIP_PASSWORD_LENGTH } from "./digest";

const hex = (algorithm: "md5" | "sha256", value: string) => createHash(algorithm).update(value).digest("hex");

describe("digestHa1", () => {
  it("matches RFC 2617's HA1 for Mufasa", () => {
    // RFC 2617 section 3.5: the response is built on this HA1.
    expect(digestHa1("Mufasa", "testrealm@host.com", "Circle Of Life").md5).toBe("939e7578ed9e3c518a452acee763bce9");
  });

  it.each([
    ["md5", "8ca523f5e9506fed4657c9700eebdbec"],
    ["sha256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"],
  ] as const)("gives RFC 7616 section 3.9.1's %s response", (algorithm, response) => {
    // The same example RFC 8760 relies on for SHA-256 in SIP.
    const ha1 = digestHa1("Mufasa", "http-auth@example.org", "Circle of Life")[algorithm];
    const ha2 = hex(algorithm, "GET:/dir/index.html");
    const nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    const cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    expect(hex(algorithm, `${ha1}:${nonce}:00000001:${cnonce}:auth:${ha2}`)).toBe(response);
  });
});

describe("generateSipPassword", () => {
  it("gives 24 base62 characters, different each time", () => {
    const passwords = Array.from({ length: 50 }, generateSipPassword);
    for (const password of passwords) expect(password).toMatch(new RegExp(`^[0-9A-Za-z]{${SIP_PASSWORD_LENGTH}}$`));
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
