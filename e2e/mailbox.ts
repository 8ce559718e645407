import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "@playwright/test";
import { type ReceivedMail, SmtpInbox } from "../tests/helpers/smtp-inbox";

/**
 * The e2e run's mail: a real SMTP server (smtp-server) that the run starts (global-setup.ts) on
 * MAIL_PORT, to which the e2e server sends (SMTP_URL in playwright.config.ts). Each message is
 * parsed (mailparser) and written as JSON under MAILBOX_DIR, where specs, in other processes,
 * read it.
 */
export const MAIL_PORT = 3100 + 25;
export const MAILBOX_DIR = path.resolve(".data", "e2e", "mailbox");
export const SMTP_URL = `smtp://127.0.0.1:${MAIL_PORT}`;

/** Starts the run's SMTP server with an empty mailbox; returns how to stop it. */
export async function startMailbox(): Promise<() => Promise<void>> {
  await rm(MAILBOX_DIR, { recursive: true, force: true });
  await mkdir(MAILBOX_DIR, { recursive: true });
  let count = 0;
  const inbox = await SmtpInbox.start(MAIL_PORT, async (mail) => {
    count += 1;
    await writeFile(path.join(MAILBOX_DIR, `${String(count).padStart(6, "0")}.json`), JSON.stringify(mail));
  });
  return () => inbox.close();
}

async function messagesTo(address: string): Promise<ReceivedMail[]> {
  const files = (await readdir(MAILBOX_DIR)).filter((file) => file.endsWith(".json")).sort();
  const messages = await Promise.all(
    files.map(async (file) => JSON.parse(await readFile(path.join(MAILBOX_DIR, file), "utf8")) as ReceivedMail),
  );
  return messages.filter((mail) => mail.to.includes(address.toLowerCase()));
}

/**
 * The latest message to `address`, once there are more than `after` of them (waits for it, up to
 * 20 s: some mail leaves a request's path, like the low-balance alerts the server sends in rounds).
 */
export async function waitForMailTo(address: string, after = 0): Promise<ReceivedMail> {
  await expect
    .poll(async () => (await messagesTo(address)).length, { message: `mail to ${address}`, timeout: 20_000 })
    .toBeGreaterThan(after);
  const messages = await messagesTo(address);
  const latest = messages.at(-1);
  if (!latest) throw new Error(`no mail to ${address}`);
  return latest;
}

/** How many messages `address` has received so far. */
export async function mailCount(address: string): Promise<number> {
  return (await messagesTo(address)).length;
}
