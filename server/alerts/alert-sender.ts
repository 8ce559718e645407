import type { PrismaClient } from "../db/client";
import { logger } from "../log";
import { type DeliveryOptions, type DeliveryResult, deliverDueAlerts } from "./deliver-alerts";

export type AlertSender = {
  /** Stops leasing alerts and waits for the round in progress to finish. */
  stop(): Promise<void>;
};

/**
 * Mails the alerts that are due, one round every `intervalMs`, and rounds back to back while a
 * round finds a full batch. Rounds never overlap in one process; several processes share the work
 * through the database's leases. A round that fails is logged and the next one runs as usual.
 */
export function startAlertSender(db: PrismaClient, options: DeliveryOptions & { intervalMs: number }): AlertSender {
  const limit = options.limit ?? 20;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  const runRound = async () => {
    try {
      let result: DeliveryResult;
      do {
        result = await deliverDueAlerts(db, { ...options, limit });
        if (result.claimed > 0) logger.info(result, "low-balance alerts mailed");
      } while (!stopped && result.claimed === limit);
    } catch (error) {
      logger.error({ err: error }, "the low-balance alert round failed");
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      round = runRound().then(schedule);
    }, options.intervalMs);
    // Waiting for the next round keeps no process alive on its own.
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
