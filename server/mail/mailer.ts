import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createTransport, type Transporter } from "nodemailer";
import { env } from "../env";
import { logger } from "../log";

/** One message the portal sends: both bodies, and the link it carries (logged when mail stays local). */
export type MailMessage = {
  to: string;
  /** The brand's name, shown as the sender's display name. */
  fromName: string;
  replyTo?: string | null;
  subject: string;
  text: string;
  html: string;
  /** The link it carries, if any. */
  link: string | null;
};

export type Mailer = { send(message: MailMessage): Promise<void> };

/** Sends through any nodemailer transport (SMTP in production, a test server's in tests). */
export function transportMailer(transport: Transporter, from: string = env.MAIL_FROM): Mailer {
  return {
    async send(message) {
      await transport.sendMail({
        from: { name: message.fromName, address: from },
        to: message.to,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
  };
}

/**
 * Without an SMTP server: nodemailer's stream transport builds the message (MIME and all), and it
 * is written as an .eml file under `directory`; one log line names the recipient and the link, so
 * the two-command set-up works end to end.
 */
export function folderMailer(directory: string, from: string = env.MAIL_FROM): Mailer {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      const info = await transport.sendMail({
        from: { name: message.fromName, address: from },
        to: message.to,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      await mkdir(directory, { recursive: true });
      const file = path.join(
        directory,
        `${new Date().toISOString().replace(/[:.]/g, "-")}-${info.messageId.replace(/[^A-Za-z0-9.-]/g, "")}.eml`,
      );
      await writeFile(file, info.message, { mode: 0o600 });
      logger.info(
        { to: message.to, subject: message.subject, link: message.link, file },
        "mail written to a file (SMTP_URL is unset)",
      );
    },
  };
}

let current: Mailer | undefined;

/** The portal's mailer: SMTP_URL's server, else the mail folder under the data directory. */
export function mailer(): Mailer {
  current ??= env.SMTP_URL
    ? transportMailer(createTransport(env.SMTP_URL))
    : folderMailer(path.resolve(env.PORTAL_DATA_DIR, "mail"));
  return current;
}

/** Replaces the mailer (tests send through their own SMTP server); undefined restores the default. */
export function setMailer(replacement: Mailer | undefined): void {
  current = replacement;
}
