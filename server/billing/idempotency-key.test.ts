import { describe, expect, it } from "vitest";
import { DomainError } from "../domain-error";
import { idempotencyKeyOf } from "./idempotency-key";

const reasonOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return { reason: error.reason, field: error.problems[0].field };
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("idempotencyKeyOf", () => {
  it("takes the input's key, or the header's", () => {
    expect(idempotencyKeyOf("abc-1", null)).toBe("abc-1");
    expect(idempotencyKeyOf(undefined, "abc-2")).toBe("abc-2");
    expect(idempotencyKeyOf(undefined, "  abc-3 ")).toBe("abc-3");
    expect(idempotencyKeyOf("same", "same")).toBe("same");
  });

  it("refuses no key, two keys that differ, and a header that is not a key", () => {
    expect(reasonOf(() => idempotencyKeyOf(undefined, null))).toEqual({
      reason: "idempotency_key_required",
      field: "idempotencyKey",
    });
    expect(reasonOf(() => idempotencyKeyOf(undefined, ""))).toMatchObject({ reason: "idempotency_key_required" });
    expect(reasonOf(() => idempotencyKeyOf("one", "two"))).toMatchObject({ reason: "idempotency_key_mismatch" });
    expect(reasonOf(() => idempotencyKeyOf(undefined, "has space"))).toMatchObject({
      reason: "invalid_idempotency_key",
    });
    expect(reasonOf(() => idempotencyKeyOf(undefined, "x".repeat(256)))).toMatchObject({
      reason: "invalid_idempotency_key",
    });
  });
});
