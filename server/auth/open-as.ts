import { parseCookie } from "cookie";
import { z } from "zod";
import { env } from "../env";
import { REFUSALS } from "./principal";

/**
 * "Open as": a reseller user works in the portal as an account below their own. The browser keeps
 * which account in this cookie; every request checks again that it is below the user's account,
 * so the cookie grants nothing by itself. It names the user too, so that it is ignored after
 * someone else signs in on the same browser.
 */
export const OPEN_AS_COOKIE = "portal.open-as";

/** The refusal when the opened account is no longer open to the user; pages offer the way back. */
export const OPENED_ACCOUNT_GONE = REFUSALS.opened_account_gone;

const OpenAsValue = z.string().regex(/^[0-9a-f-]{36}\.[0-9a-f-]{36}$/);
const Uuid = z.uuid();

/** The account the signed-in user asked to open, if the cookie is theirs. */
export function openAsFromCookie(value: string | undefined, userId: string | undefined): string | null {
  if (!value || !userId || !OpenAsValue.safeParse(value).success) return null;
  const [owner, accountId] = value.split(".");
  return owner === userId && Uuid.safeParse(accountId).success ? (accountId ?? null) : null;
}

export type OpenAsCookie = {
  name: string;
  value: string;
  path: "/";
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  maxAge?: number;
};

/** The cookie that opens `accountId` for `userId`, or (null) returns them to their own account. */
export function openAsCookie(userId: string, accountId: string | null): OpenAsCookie {
  // Host-only (no Domain) and Lax, like the session cookie; it lasts as long as the browser session.
  return {
    name: OPEN_AS_COOKIE,
    value: accountId ? `${userId}.${accountId}` : "",
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env.SECURE_COOKIES,
    ...(accountId ? {} : { maxAge: 0 }),
  };
}

/** One cookie's value from a request's `Cookie` header. */
export function requestCookie(header: string | null, name: string): string | undefined {
  return header ? parseCookie(header)[name] : undefined;
}
