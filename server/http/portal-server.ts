// The portal's HTTP server: Next.js behind a plain Node server that knows each request's socket.
// Run by scripts/serve.ts as `portal-server.ts <port> [--dev]` instead of `next start`/`next dev`,
// so that the client address can come from the socket (see peer-address.ts).
import { createServer } from "node:http";
import next from "next";
import { runShutdownWork } from "../lifecycle/shutdown";
import { runWithPeerAddress } from "./peer-address";

const [portArgument, ...flags] = process.argv.slice(2);
const port = Number(portArgument);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error("usage: portal-server.ts <port> [--dev]");
  process.exit(2);
}
const dev = flags.includes("--dev");

const app = next({ dev, dir: process.cwd(), port });
await app.prepare();
// Loaded after prepare(): Next has read the environment's files by then.
const { startAlertsInServer } = await import("../alerts/start-in-server");
startAlertsInServer();
const handle = app.getRequestHandler();
const upgrade = app.getUpgradeHandler();

const server = createServer((request, response) => {
  runWithPeerAddress(request.socket.remoteAddress, () => {
    handle(request, response).catch((error: unknown) => {
      console.error("request failed", error);
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end("Internal Server Error");
    });
  });
});
server.on("upgrade", (request, socket, head) => {
  runWithPeerAddress(request.socket.remoteAddress, () => {
    upgrade(request, socket, head).catch((error: unknown) => {
      console.error("upgrade failed", error);
      socket.destroy();
    });
  });
});
server.listen(port, () => {
  console.log(`> Ready on port ${port}${dev ? " (development)" : ""}`);
});
// How long a stop waits for the requests in flight (none in development, where a stop is a person
// at the keyboard), then for the work registered to run at shutdown (the limits' hits not yet
// written): a deploy's stop should not cut either short, nor wait on them for ever.
const DRAIN_MS = dev ? 0 : 10_000;
const SHUTDOWN_WORK_MS = 5_000;

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void stop().then(() => process.exit(0));
  });
}

/**
 * Stops taking requests, lets those in flight end, then runs the shutdown work. Work that failed
 * is logged, and the exit is still a clean one: at a terminal's Ctrl-C the embedded database gets
 * the signal too and may be gone already.
 */
async function stop(): Promise<void> {
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Upgraded sockets (development's live reload) are not requests the server can end: the wait is
  // bounded whatever is still open.
  await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_MS))]);
  server.closeAllConnections();
  await runShutdownWork(SHUTDOWN_WORK_MS);
}
