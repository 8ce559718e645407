import { z } from "zod";
import type { PrismaClient } from "../db/types";
import { parseLogoFile } from "./logo";

const AccountId = z.uuid();

/**
 * The response for a logo URL. A logo's name is its content's hash, so a response is valid for
 * good (immutable, a year); `nosniff` keeps browsers from reading it as anything but an image.
 */
export async function logoResponse(db: PrismaClient, accountId: string, file: string, ifNoneMatch: string | null) {
  const parsed = parseLogoFile(file);
  if (!parsed || !AccountId.safeParse(accountId).success) return new Response("Not found", { status: 404 });
  const rows = await db.$queryRaw<{ content_type: string; bytes: Uint8Array }[]>`
    SELECT content_type, bytes FROM app_logo(${accountId}::uuid, ${parsed.sha256})`;
  const logo = rows[0];
  if (!logo || logo.content_type !== parsed.contentType) return new Response("Not found", { status: 404 });
  const headers = {
    "Content-Type": logo.content_type,
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: `"${parsed.sha256}"`,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'",
  };
  if (ifNoneMatch === headers.ETag) return new Response(null, { status: 304, headers });
  return new Response(Buffer.from(logo.bytes), { status: 200, headers });
}
