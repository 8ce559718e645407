// The portal's HTTP server: Next.js behind a plain Node server that knows each request's socket.
// Run by scripts/serve.ts as `portal-server.ts <port> [--dev]` instead of `next start`/`next dev`,
// so that the client address can come from the socket (see peer-address.ts).
import { createServer } from "node:http";
import next from "next";
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
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
