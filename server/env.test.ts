import { describe, expect, it } from "vitest";
import { isDnsServer } from "./env";

describe("DOMAIN_DNS_SERVERS entries", () => {
  it.each([
    "127.0.0.1",
    "127.0.0.1:5353",
    "8.8.8.8:53",
    "::1",
    "2001:db8::53",
    "[::1]",
    "[::1]:53",
    "[2001:db8::53]:5353",
  ])("accepts %s", (entry) => {
    expect(isDnsServer(entry)).toBe(true);
  });

  it.each(["dns.example.com", "127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:", "[127.0.0.1]:53", "::1:53:x", ""])(
    "refuses %j",
    (entry) => {
      expect(isDnsServer(entry)).toBe(false);
    },
  );
});
