import { startMailbox } from "./mailbox";

/** The run's SMTP server, up for the whole run (the e2e server sends to it through SMTP_URL). */
export default async function globalSetup() {
  return await startMailbox();
}
