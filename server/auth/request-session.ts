import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { resolvePortalRequest } from "../http/portal-request";

/**
 * The request a page is rendering, resolved once per render: host, address and principal. Pages
 * serve people, so only the session cookie counts here.
 */
export const currentRequest = cache(async () => {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  return resolvePortalRequest({ headers: headerList, cookie: (name) => cookieStore.get(name)?.value }, "session");
});
