import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** One message the inbox received, parsed. */
export type ReceivedMail = {
  to: string[];
  from: string;
  fromName: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
  /** Every http(s) address in the plain-text body, in order. */
  links: string[];
};

type Waiter = { to: string; resolve: (mail: ReceivedMail) => void };

const LINK = /https?:\/\/[^\s<>"]+/g;

/**
 * A real SMTP server on an ephemeral 127.0.0.1 port (smtp-server, no TLS, no auth), parsing each
 * message with mailparser. Tests send through `url` and wait for a recipient's next message.
 */
export class SmtpInbox {
  readonly messages: ReceivedMail[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly taken = new Set<ReceivedMail>();

  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
  ) {}

  /** Listens on `port` (0: any free one); `onMessage` sees each message as it arrives. */
  static async start(port = 0, onMessage?: (mail: ReceivedMail) => void | Promise<void>): Promise<SmtpInbox> {
    let inbox: SmtpInbox | undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then(async (parsed) => {
            const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
            const from = parsed.from?.value[0];
            const replyTo = parsed.replyTo?.value[0]?.address ?? null;
            const text = parsed.text ?? "";
            const mail: ReceivedMail = {
              to: recipients,
              from: from?.address ?? "",
              fromName: from?.name ?? "",
              replyTo,
              subject: parsed.subject ?? "",
              text,
              html: typeof parsed.html === "string" ? parsed.html : "",
              links: text.match(LINK) ?? [],
            };
            await onMessage?.(mail);
            inbox?.receive(mail);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    const address = server.server.address() as AddressInfo;
    inbox = new SmtpInbox(server, `smtp://127.0.0.1:${address.port}`);
    return inbox;
  }

  private receive(mail: ReceivedMail): void {
    this.messages.push(mail);
    const index = this.waiters.findIndex((waiter) => mail.to.includes(waiter.to));
    const waiter = index >= 0 ? this.waiters.splice(index, 1)[0] : undefined;
    if (waiter) {
      this.taken.add(mail);
      waiter.resolve(mail);
    }
  }

  /** The next message to `address` not handed out before (one already here, or the next to come). */
  waitForMessageTo(address: string): Promise<ReceivedMail> {
    const to = address.toLowerCase();
    const waiting = this.messages.find((mail) => mail.to.includes(to) && !this.taken.has(mail));
    if (waiting) {
      this.taken.add(waiting);
      return Promise.resolve(waiting);
    }
    return new Promise((resolve) => this.waiters.push({ to, resolve }));
  }

  /** Messages to `address` received so far. */
  messagesTo(address: string): ReceivedMail[] {
    const to = address.toLowerCase();
    return this.messages.filter((mail) => mail.to.includes(to));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
