import "server-only";
import { cookies, headers } from "next/headers";
import { resolveRequestHost } from "../tenancy/request-host";
import { readSession, SESSION_COOKIE } from "./session";

/** The host brand and the session (if valid on this host) of the request a page is rendering. */
export async function currentRequest() {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  const host = await resolveRequestHost(headerList.get("host"));
  const session = await readSession(cookieStore.get(SESSION_COOKIE)?.value, host);
  const ip = headerList.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
  return { host, session, ip };
}
