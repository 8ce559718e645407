import { restDocument } from "@/server/api/rest/document";

/** The OpenAPI document of /api/v1, public like any API's reference: it holds no tenant data. */
export function GET() {
  return Response.json(restDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
