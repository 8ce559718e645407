// Started by the portal's server (server/http/portal-server.ts) once Next has loaded the
// environment: the low-balance alerts go out from every server process, sharing the work.

import { createPrismaClient } from "../db/client";
import { env } from "../env";
import { atShutdown } from "../lifecycle/shutdown";
import { logger } from "../log";
import { mailer } from "../mail/mailer";
import { startAlertSender } from "./alert-sender";

/** The sender on its own small pool of the request role, stopped and closed at shutdown. */
export function startAlertsInServer(): void {
  if (env.LOW_BALANCE_ALERT_INTERVAL_MS === 0) {
    logger.info("low-balance alerts are not mailed by this server (LOW_BALANCE_ALERT_INTERVAL_MS=0)");
    return;
  }
  if (!env.DATABASE_APP_URL) {
    logger.warn("low-balance alerts are not mailed: DATABASE_APP_URL is not set (start the portal with npm start)");
    return;
  }
  const db = createPrismaClient(env.DATABASE_APP_URL, { max: 2 });
  const sender = startAlertSender(db, {
    mailer: mailer(),
    linkOrigin: env.MAIL_LINK_ORIGIN ?? `http://localhost:${env.PORT}`,
    intervalMs: env.LOW_BALANCE_ALERT_INTERVAL_MS,
  });
  atShutdown(async () => {
    await sender.stop();
    await db.$disconnect();
  });
}
