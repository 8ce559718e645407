import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { storedKeyOf } from "./shared-counter";

const spec = { keyPrefix: "tenant:requests", points: 10, duration: 60 };

it("names a key by its prefix and its SHA-256, the same each time it is asked (remembered or not)", () => {
  const hash = createHash("sha256").update("203.0.113.7").digest("base64url");
  expect(storedKeyOf(spec, "203.0.113.7")).toBe(`tenant:requests:${hash}`);
  expect(storedKeyOf(spec, "203.0.113.7")).toBe(`tenant:requests:${hash}`);
  expect(storedKeyOf(spec, "203.0.113.8")).not.toBe(`tenant:requests:${hash}`);
  // More keys than are remembered: the first is worked out again, to the same name.
  for (let index = 0; index < 10_050; index++) storedKeyOf(spec, `client-${index}`);
  expect(storedKeyOf(spec, "203.0.113.7")).toBe(`tenant:requests:${hash}`);
});
