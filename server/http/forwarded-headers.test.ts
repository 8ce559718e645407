import { describe, expect, it } from "vitest";
import { sanitizeForwardedHeaders } from "./forwarded-headers";

const SPOOFED = {
  forwarded: "for=203.0.113.9;host=evil.example;proto=https",
  "x-forwarded-for": "203.0.113.9",
  "x-forwarded-host": "evil.example",
  "x-forwarded-port": "443",
  "x-forwarded-proto": "https",
  "x-original-host": "evil.example",
  "x-real-ip": "203.0.113.9",
};

describe("sanitizeForwardedHeaders", () => {
  it("drops every proxy header a client sends and states the request's own host and protocol", () => {
    const headers = new Headers({ ...SPOOFED, host: "acme.localhost:3000", cookie: "a=b" });
    const result = sanitizeForwardedHeaders(headers, { authority: "acme.localhost:3000", fromTrustedProxy: false });
    expect(result).toEqual({ protocol: "http", origin: "http://acme.localhost:3000" });
    expect(Object.fromEntries(headers)).toEqual({
      host: "acme.localhost:3000",
      cookie: "a=b",
      "x-forwarded-host": "acme.localhost:3000",
      "x-forwarded-proto": "http",
    });
  });

  it("keeps a trusted proxy's X-Forwarded-For and protocol, never its host", () => {
    const headers = new Headers({ ...SPOOFED, "x-forwarded-proto": "http, https" });
    const result = sanitizeForwardedHeaders(headers, { authority: "acme.example.com", fromTrustedProxy: true });
    expect(result).toEqual({ protocol: "https", origin: "https://acme.example.com" });
    expect(headers.get("x-forwarded-for")).toBe("203.0.113.9");
    expect(headers.get("x-forwarded-host")).toBe("acme.example.com");
    expect(headers.get("forwarded")).toBeNull();
    expect(headers.get("x-real-ip")).toBeNull();
  });

  it.each(["ftp", "javascript", "https://evil.example", ""])("takes a trusted proxy's protocol %j as http", (proto) => {
    const headers = new Headers({ "x-forwarded-proto": proto });
    expect(sanitizeForwardedHeaders(headers, { authority: "a.localhost", fromTrustedProxy: true }).protocol).toBe(
      "http",
    );
  });
});
