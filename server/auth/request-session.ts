import "server-only";
import { cookies, headers } from "next/headers";
import { requestClientIp } from "../http/request-ip";
import { resolveRequestHost } from "../tenancy/request-host";
import { OPEN_AS_COOKIE, openAsFromCookie } from "./open-as";
import { readSession, SESSION_COOKIE } from "./session";

/** The host brand, the session (if valid on this host) and the opened account of the request. */
export async function currentRequest() {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  const host = await resolveRequestHost(headerList.get("host"));
  const session = await readSession(cookieStore.get(SESSION_COOKIE)?.value, host);
  const ip = requestClientIp(headerList);
  const openAs = openAsFromCookie(cookieStore.get(OPEN_AS_COOKIE)?.value, session?.userId);
  return { host, session, ip, openAs };
}
