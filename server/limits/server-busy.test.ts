import { describe, expect, it } from "vitest";
import { RetryLater } from "./retry-later";
import { ServerBusy, waitedForConnection } from "./server-busy";

describe("waitedForConnection", () => {
  it("knows pg-pool's wait for a connection, however deep it is wrapped", () => {
    const pool = new Error("timeout exceeded when trying to connect");
    expect(waitedForConnection(pool)).toBe(true);
    expect(waitedForConnection(new Error("request failed", { cause: pool }))).toBe(true);
    // As Prisma's driver adapter reports it: the pool's error in meta.driverAdapterError.cause.
    const prisma = Object.assign(new Error("Invalid `prisma.$queryRaw()` invocation"), {
      code: "P2010",
      meta: { driverAdapterError: { name: "DriverAdapterError", cause: { message: pool.message } } },
    });
    expect(waitedForConnection(new Error("wrapped", { cause: prisma }))).toBe(true);
  });

  it("knows Prisma's interactive transaction that could not start in time, and only that P2028", () => {
    const notStarted = Object.assign(
      new Error("Transaction API error: Unable to start a transaction in the given time."),
      { code: "P2028" },
    );
    expect(waitedForConnection(notStarted)).toBe(true);
    const closed = Object.assign(new Error("Transaction API error: Transaction already closed"), { code: "P2028" });
    expect(waitedForConnection(closed)).toBe(false);
  });

  it("is false for a statement that failed on its connection, and for things that are not errors", () => {
    const failed = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
      code: "23505",
    });
    expect(waitedForConnection(failed)).toBe(false);
    expect(waitedForConnection(null)).toBe(false);
    expect(waitedForConnection("timeout exceeded when trying to connect")).toBe(false);
  });

  it("ends on an error that is its own cause", () => {
    const looped: Error & { cause?: unknown } = new Error("looped");
    looped.cause = looped;
    expect(waitedForConnection(looped)).toBe(false);
  });
});

it("ServerBusy is a RetryLater of one second, so that the answer carries Retry-After: 1", () => {
  const busy = new ServerBusy();
  expect(busy).toBeInstanceOf(RetryLater);
  expect(busy.retryAfterSeconds).toBe(1);
  expect(busy.message).toBe("The portal is busy, try again in 1 s.");
});
