import { describe, expect, it } from "vitest";
import { ApiRefusal, type AuthApi, type TokenPair } from "./auth-api";
import { type TokenEvent, TokenKeeper } from "./token-keeper";

/** A fake of the token endpoints: numbered tokens, one-use refresh tokens, like the portal. */
function fakeAuth(lifetime = 100) {
  let issued = 0;
  const live = new Set<string>();
  const calls: string[] = [];
  const pair = (): TokenPair => {
    issued += 1;
    live.add(`refresh-${issued}`);
    return {
      accessToken: `access-${issued}`,
      tokenType: "Bearer",
      expiresIn: lifetime,
      expiresAt: new Date(Date.now() + lifetime * 1000).toISOString(),
      refreshToken: `refresh-${issued}`,
      tenant: "voicereseller",
    };
  };
  const auth: AuthApi = {
    login: async () => {
      calls.push("login");
      return pair();
    },
    refresh: async (token) => {
      calls.push(`refresh ${token}`);
      if (!live.delete(token)) throw new ApiRefusal("POST /api/auth/refresh", 401, "refresh_reused", "reused");
      return pair();
    },
    logout: async (token) => {
      calls.push(`logout ${token}`);
    },
  };
  return { auth, calls };
}

const credentials = { email: "owner@voicereseller.test", password: "pw", tenant: "voicereseller" };

async function signedIn(lifetime = 100) {
  let now = 1_000_000;
  const { auth, calls } = fakeAuth(lifetime);
  const events: TokenEvent[] = [];
  const keeper = new TokenKeeper(auth, { clock: () => now, onEvent: (event) => events.push(event) });
  await keeper.login(credentials);
  return { keeper, calls, events, advance: (ms: number) => (now += ms) };
}

describe("TokenKeeper", () => {
  it("hands out the token it got while it has most of its life left", async () => {
    const { keeper, calls, advance } = await signedIn(100);
    expect(keeper.tenant()).toBe("voicereseller");
    expect(await keeper.accessToken()).toBe("access-1");
    advance(74_000);
    expect(await keeper.accessToken()).toBe("access-1");
    expect(calls).toEqual(["login"]);
  });

  it("refreshes before the token expires: in its last quarter, at most 30 s before", async () => {
    const short = await signedIn(100);
    short.advance(76_000);
    expect(await short.keeper.accessToken()).toBe("access-2");
    expect(short.calls).toEqual(["login", "refresh refresh-1"]);
    expect(short.events.at(-1)).toEqual({ kind: "refreshed", why: "expiring", secondsLeft: 24, expiresIn: 100 });

    const long = await signedIn(900);
    long.advance(860_000);
    expect(await long.keeper.accessToken()).toBe("access-1");
    long.advance(11_000);
    expect(await long.keeper.accessToken()).toBe("access-2");
  });

  it("refreshes once for callers that ask at the same time: a refresh token works only once", async () => {
    const { keeper, calls, advance } = await signedIn(100);
    advance(99_000);
    const tokens = await Promise.all([keeper.accessToken(), keeper.accessToken(), keeper.accessToken()]);
    expect(tokens).toEqual(["access-2", "access-2", "access-2"]);
    expect(calls).toEqual(["login", "refresh refresh-1"]);
    expect(keeper.refreshes).toBe(1);
  });

  it("a token the portal refused as expired is refreshed on the next call, a newer one is not", async () => {
    const { keeper, calls, events } = await signedIn(100);
    expect(keeper.rejected("access-1")).toBe(true);
    expect(await keeper.accessToken()).toBe("access-2");
    expect(events.at(-1)).toEqual({ kind: "refreshed", why: "rejected", secondsLeft: 100, expiresIn: 100 });
    // A call that went out with the old token fails late: the retry takes the token held now.
    expect(keeper.rejected("access-1")).toBe(true);
    expect(await keeper.accessToken()).toBe("access-2");
    expect(calls).toEqual(["login", "refresh refresh-1"]);
    expect(keeper.rejected(undefined)).toBe(false);
  });

  it("a refused refresh reaches the caller with its reason, and logout revokes the latest refresh token", async () => {
    const { keeper, calls, advance } = await signedIn(100);
    advance(80_000);
    await keeper.accessToken();
    await keeper.logout();
    expect(calls).toEqual(["login", "refresh refresh-1", "logout refresh-2"]);
    await expect(keeper.accessToken()).rejects.toThrow("not signed in");

    const again = fakeAuth(100);
    const broken = new TokenKeeper({
      ...again.auth,
      refresh: async () => Promise.reject(new ApiRefusal("x", 401, "session_ended", "ended")),
    });
    await broken.login(credentials);
    broken.rejected("access-1");
    await expect(broken.accessToken()).rejects.toMatchObject({ status: 401, reason: "session_ended" });
  });
});
