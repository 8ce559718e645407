import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { refusal } from "../auth/principal";
import { RetryLater } from "../limits/retry-later";
import { trpcResponseMeta } from "./trpc-response-meta";

const limited = new TRPCError({ code: "TOO_MANY_REQUESTS", message: "slow down", cause: new RetryLater(2500) });

describe("the tRPC route's response headers", () => {
  it("challenge a program whose bearer credential was refused, naming the reason", () => {
    const meta = trpcResponseMeta({ bearer: true, refusal: refusal("token_expired") })({ errors: [] });
    expect(meta).toEqual({
      headers: { "WWW-Authenticate": 'Bearer error="invalid_token", error_description="token_expired"' },
    });
  });

  it("say nothing more to a browser, or to a program whose credential holds", () => {
    expect(trpcResponseMeta({ bearer: false, refusal: refusal("session_ended") })({ errors: [] })).toEqual({});
    expect(trpcResponseMeta({ bearer: true, refusal: null })({ errors: [] })).toEqual({});
  });

  it("keep Retry-After for a limit's refusal, beside a challenge when there is one", () => {
    expect(trpcResponseMeta({ bearer: true, refusal: null })({ errors: [limited] })).toEqual({
      headers: { "Retry-After": "3" },
    });
    expect(trpcResponseMeta({ bearer: true, refusal: refusal("key_revoked") })({ errors: [limited] })).toEqual({
      headers: {
        "Retry-After": "3",
        "WWW-Authenticate": 'Bearer error="invalid_token", error_description="key_revoked"',
      },
    });
  });
});
