/** Work to finish before the process exits: writing what is held in memory, closing pools. */
export type ShutdownWork = () => Promise<void>;

// One registry per process: the work is registered from inside Next's bundles (one copy of this
// module per layer) and run by the portal's server (server/http/portal-server.ts), outside them.
// The logger is imported only when there is something to log: it reads the environment, and the
// server imports this module before Next has loaded the environment's files.
const globalForShutdown = globalThis as unknown as { portalShutdownWork?: Set<ShutdownWork> };
globalForShutdown.portalShutdownWork ??= new Set();
const registered = globalForShutdown.portalShutdownWork;

/** Runs `work` when the server shuts down; answers a function that takes it back. */
export function atShutdown(work: ShutdownWork): () => void {
  registered.add(work);
  return () => registered.delete(work);
}

/**
 * Runs every registered piece of work at once and waits for all of them, at most `withinMs`: a
 * failure is logged and does not stop the others; work still running then is given up, logged.
 * Answers how many pieces failed or did not finish.
 */
export async function runShutdownWork(withinMs: number): Promise<number> {
  const works = [...registered];
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), withinMs);
  });
  const outcomes = await Promise.all(
    works.map((work) =>
      Promise.race([work().then(() => "done" as const), late]).catch(async (error: unknown) => {
        const { logger } = await import("../log");
        logger.error({ err: error }, "shutdown work failed");
        return "failed" as const;
      }),
    ),
  );
  clearTimeout(timer);
  const unfinished = outcomes.filter((outcome) => outcome === "late").length;
  if (unfinished > 0) {
    const { logger } = await import("../log");
    logger.error({ unfinished, withinMs }, "shutdown work did not finish in time");
  }
  return outcomes.filter((outcome) => outcome !== "done").length;
}
