import { loginEndpoint } from "@/server/auth/program-endpoints";
import { appDb } from "@/server/db/app-client";
import { resolvePortalFetchRequest } from "@/server/http/portal-request";

// A static segment: Next.js routes it before next-auth's catch-all app/api/auth/[...nextauth].
export function POST(request: Request): Promise<Response> {
  return loginEndpoint(request, { db: appDb(), resolve: resolvePortalFetchRequest });
}
