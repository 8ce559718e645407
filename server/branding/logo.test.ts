import { crc32, deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DomainError } from "../domain-error";
import { inspectLogo, logoPath, MAX_LOGO_BYTES, parseLogoFile } from "./logo";

// A real 1x1 PNG and a real 1x1 GIF (a valid image, but not an accepted format).
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/** A PNG whose header declares `width` × `height` pixels, whatever its few bytes of pixel data hold. */
function pngDeclaring(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.alloc(5))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function refusal(bytes: Uint8Array): string {
  try {
    inspectLogo(bytes);
  } catch (error) {
    if (error instanceof DomainError && error.code === "BAD_REQUEST") return error.message;
    throw error;
  }
  throw new Error("expected the logo to be refused");
}

describe("inspectLogo", () => {
  it("accepts a PNG by its content, with its size and content hash", () => {
    expect(inspectLogo(PNG)).toEqual({
      contentType: "image/png",
      extension: "png",
      width: 1,
      height: 1,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it.each([
    ["an empty file", Buffer.alloc(0), "The logo file is empty."],
    ["a text file, whatever it is called", Buffer.from("<svg>not an image</svg>"), "this file is none of them"],
    ["a GIF", GIF, "must be a PNG, JPEG or WebP image"],
    ["a PNG cut short after its signature", PNG.subarray(0, 12), "looks like a PNG file but cannot be read"],
    ["a JPEG signature with nothing behind it", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), "looks like a JPG file"],
    [
      "a WebP container that holds no image",
      Buffer.concat([Buffer.from("RIFF"), Buffer.from([4, 0, 0, 0]), Buffer.from("WEBPXXXX")]),
      "looks like a WEBP file",
    ],
  ])("refuses %s", (_case, bytes, message) => {
    expect(refusal(bytes)).toContain(message);
  });

  it("refuses more than 256 KB before reading it, naming the size", () => {
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES)]);
    expect(refusal(big)).toBe("The logo is 257 KB; it can be at most 256 KB.");
    expect(() => inspectLogo(Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES - PNG.length)]))).not.toThrow();
  });
});

describe("logo dimensions", () => {
  it("refuses a tiny file that declares a huge image, with a reason and the field", () => {
    const bomb = pngDeclaring(100_000, 100_000);
    expect(bomb.length).toBeLessThan(100);
    let caught: unknown;
    try {
      inspectLogo(bomb);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).problems).toEqual([
      {
        reason: "image_too_large",
        field: "logo",
        message:
          "The logo is 100000 × 100000 pixels; it can be at most 4096 × 4096. Scale it down and upload it again.",
      },
    ]);
  });

  it.each([
    [4097, 1],
    [1, 4097],
  ])("refuses %i × %i: one side too long is enough", (width, height) => {
    expect(refusal(pngDeclaring(width, height))).toContain("it can be at most 4096 × 4096");
  });

  it("accepts 4096 × 4096", () => {
    expect(inspectLogo(pngDeclaring(4096, 4096))).toMatchObject({ width: 4096, height: 4096 });
  });
});

describe("logo paths", () => {
  it("name the account and the content, and parse back", () => {
    const logo = inspectLogo(PNG);
    const path = logoPath("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", logo);
    expect(path).toBe(`/brand-assets/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/${logo.sha256}.png`);
    expect(parseLogoFile(`${logo.sha256}.png`)).toEqual({ sha256: logo.sha256, contentType: "image/png" });
  });

  it.each(["logo.png", `${"a".repeat(64)}.gif`, `${"A".repeat(64)}.png`, `${"a".repeat(64)}.png/..`])(
    "refuse %s",
    (file) => {
      expect(parseLogoFile(file)).toBeNull();
    },
  );
});
