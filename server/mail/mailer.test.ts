import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { folderMailer } from "./mailer";

let directory: string | undefined;

afterEach(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe("folderMailer (SMTP_URL unset)", () => {
  it("writes each message as an .eml file that a mail reader parses, with both bodies", async () => {
    directory = await mkdtemp(path.join(tmpdir(), "portal-mail-"));
    const folder = path.join(directory, "mail");
    await folderMailer(folder, "no-reply@portal.test").send({
      to: "ada@example.test",
      fromName: "Voice <Reseller>",
      replyTo: "help@brand.test",
      subject: "Reset your password",
      text: "Open http://brand.localhost:3000/reset-password?token=abc",
      html: "<p>Open it</p>",
      link: "http://brand.localhost:3000/reset-password?token=abc",
    });
    const files = await readdir(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const parsed = await simpleParser(await readFile(path.join(folder, files[0] ?? "")));
    expect(parsed.subject).toBe("Reset your password");
    expect(parsed.from?.value[0]).toEqual({ address: "no-reply@portal.test", name: "Voice <Reseller>" });
    expect(parsed.replyTo?.value[0]?.address).toBe("help@brand.test");
    expect(parsed.text).toContain("reset-password?token=abc");
    expect(parsed.html).toContain("<p>Open it</p>");
  });
});
