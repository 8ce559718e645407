import { handleRestRequest } from "@/server/api/rest/handler";
import { appDb } from "@/server/db/app-client";
import { resolvePortalRequest } from "@/server/http/portal-request";

/** The REST face for programs (server/api/rest/handler.ts): the published procedures under /api/v1. */
function handler(request: Request) {
  return handleRestRequest(request, { db: appDb(), resolve: (parts) => resolvePortalRequest(parts) });
}

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT };
