import { describe, expect, it } from "vitest";
import { parseHost } from "./host";

const PLATFORM = ["localhost", "127.0.0.1"];

describe("parseHost", () => {
  it.each([
    ["localhost:3000", { kind: "platform", hostname: "localhost" }],
    ["acme.localhost", { kind: "brand", hostname: "acme.localhost" }],
  ])("%s", (raw, expected) => {
    expect(parseHost(raw, PLATFORM)).toEqual(expected);
  });
});
