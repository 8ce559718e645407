import { describe, expect, it } from "vitest";
import { OPEN_AS_COOKIE, openAsCookie, openAsFromCookie, requestCookie } from "./open-as";

const USER = "3f1c2b9e-8a4d-4c1e-9b2a-5d6e7f8a9b0c";
const OTHER_USER = "9b0c3f1c-2b9e-4a4d-8c1e-5d6e7f8a9b2a";
const ACCOUNT = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

describe("the open-as cookie", () => {
  it("names the opened account for the user who opened it", () => {
    const cookie = openAsCookie(USER, ACCOUNT);
    expect(cookie).toMatchObject({ name: OPEN_AS_COOKIE, path: "/", httpOnly: true, sameSite: "lax" });
    expect(cookie.maxAge).toBeUndefined();
    expect(openAsFromCookie(cookie.value, USER)).toBe(ACCOUNT);
  });

  it.each([
    ["another user's cookie (someone else signed in on this browser)", `${OTHER_USER}.${ACCOUNT}`, USER],
    ["no session", `${USER}.${ACCOUNT}`, undefined],
    ["no cookie", undefined, USER],
    ["an emptied cookie", "", USER],
    ["a value that is no pair of ids", `${USER}.not-an-account`, USER],
    ["an account id alone", ACCOUNT, USER],
    ["extra parts", `${USER}.${ACCOUNT}.${ACCOUNT}`, USER],
  ])("is ignored: %s", (_case, value, userId) => {
    expect(openAsFromCookie(value, userId)).toBeNull();
  });

  it("is emptied and expired on the way back", () => {
    expect(openAsCookie(USER, null)).toMatchObject({ name: OPEN_AS_COOKIE, value: "", maxAge: 0 });
  });

  it("is read from a Cookie header among other cookies", () => {
    const header = `portal.session-token=abc; ${OPEN_AS_COOKIE}=${USER}.${ACCOUNT}; theme=dark`;
    expect(requestCookie(header, OPEN_AS_COOKIE)).toBe(`${USER}.${ACCOUNT}`);
    expect(requestCookie(header, "portal.session-token")).toBe("abc");
    expect(requestCookie(null, OPEN_AS_COOKIE)).toBeUndefined();
  });
});
