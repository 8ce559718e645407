import { logoResponse } from "@/server/branding/serve-logo";
import { appDb } from "@/server/db/app-client";

/** Uploaded logos, on every known host (login pages show them before anyone signs in). */
export async function GET(request: Request, { params }: { params: Promise<{ accountId: string; file: string }> }) {
  const { accountId, file } = await params;
  return logoResponse(appDb(), accountId, file, request.headers.get("if-none-match"));
}
