import { createHash } from "node:crypto";
import { imageSize } from "image-size";
import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";

export const MAX_LOGO_BYTES = 256 * 1024;

const FORMATS = {
  png: { contentType: "image/png", extension: "png" },
  jpg: { contentType: "image/jpeg", extension: "jpg" },
  webp: { contentType: "image/webp", extension: "webp" },
} as const;
type Format = keyof typeof FORMATS;

export type InspectedLogo = {
  contentType: (typeof FORMATS)[Format]["contentType"];
  extension: (typeof FORMATS)[Format]["extension"];
  width: number;
  height: number;
  sha256: string;
};

/** A refused upload: always about the `logo` input. */
function refused(reason: string, message: string): DomainError {
  return new DomainError("BAD_REQUEST", problem(reason, message, "logo"));
}

/** The format the first bytes announce, whatever the file was called. */
function signature(bytes: Uint8Array): Format | null {
  const starts = (offset: number, expected: number[]) => expected.every((byte, i) => bytes[offset + i] === byte);
  if (starts(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (starts(0, [0xff, 0xd8, 0xff])) return "jpg";
  if (starts(0, [0x52, 0x49, 0x46, 0x46]) && starts(8, [0x57, 0x45, 0x42, 0x50])) return "webp";
  return null;
}

/**
 * Checks an uploaded logo by its content: a PNG, JPEG or WebP of at most 256 KB whose header
 * parses to real dimensions. The magic bytes say which format it claims to be; the parse (by
 * `image-size`) says the header is whole and of that same format.
 */
export function inspectLogo(bytes: Uint8Array): InspectedLogo {
  if (bytes.length === 0) throw refused("empty_file", "The logo file is empty.");
  if (bytes.length > MAX_LOGO_BYTES) {
    const kb = Math.ceil(bytes.length / 1024);
    throw refused("file_too_large", `The logo is ${kb} KB; it can be at most 256 KB.`);
  }
  const format = signature(bytes);
  if (!format) {
    throw refused("unsupported_format", "The logo must be a PNG, JPEG or WebP image; this file is none of them.");
  }
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch (error) {
    throw refused(
      "unreadable_image",
      `The logo looks like a ${format.toUpperCase()} file but cannot be read (${error instanceof Error ? error.message : "damaged"}).`,
    );
  }
  if (size.type !== format || !size.width || !size.height) {
    throw refused("unreadable_image", `The logo looks like a ${format.toUpperCase()} file but cannot be read.`);
  }
  return {
    ...FORMATS[format],
    width: size.width,
    height: size.height,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

/** Where a stored logo is served; the name is its content's hash, so the URL never changes meaning. */
export function logoPath(accountId: string, logo: Pick<InspectedLogo, "sha256" | "extension">): string {
  return `/brand-assets/${accountId}/${logo.sha256}.${logo.extension}`;
}

/** A logo path's parts, or null when it is not one this portal serves. */
export function parseLogoFile(file: string): { sha256: string; contentType: InspectedLogo["contentType"] } | null {
  const match = /^([0-9a-f]{64})\.(png|jpg|webp)$/.exec(file);
  if (!match?.[1] || !match[2]) return null;
  return { sha256: match[1], contentType: FORMATS[match[2] as Format].contentType };
}

/** Stores an inspected logo for `accountId` (once per content) and returns its path. */
export async function storeLogo(db: TenantDb, accountId: string, bytes: Uint8Array): Promise<string> {
  const logo = inspectLogo(bytes);
  await db.accountLogo.upsert({
    where: { accountId_id: { accountId, id: logo.sha256 } },
    create: {
      accountId,
      id: logo.sha256,
      contentType: logo.contentType,
      bytes: Buffer.from(bytes),
      width: logo.width,
      height: logo.height,
    },
    update: {},
  });
  return logoPath(accountId, logo);
}
