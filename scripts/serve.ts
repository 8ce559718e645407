import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { loadLocalSecrets } from "@/server/db/bootstrap";
import { childProcessEnv, env } from "@/server/env";
import { BUILD_STAMP, buildIsCurrent, sourceHash } from "./build-freshness";

// Next's own CLI, run by this Node.js: no npx in between, which would not pass signals on and
// would leave the server running after this process stops.
const NEXT_BIN = createRequire(import.meta.url).resolve("next/dist/bin/next");
// The portal's own server (Next.js inside a Node server that knows each socket), run by tsx.
const TSX_CLI = createRequire(import.meta.url).resolve("tsx/cli");
const PORTAL_SERVER = path.resolve("server/http/portal-server.ts");

function run(args: string[], childEnv: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT_BIN, ...args], { stdio: "inherit", env: childEnv });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Builds when the sources changed since the last build, then starts Next.js on `port` connected
 * as the request role. Resolves with the server process, or rejects when the build fails.
 */
export async function buildAndServe(options: {
  appUrl: string;
  port: number;
  dev: boolean;
  log: (line: string) => void;
  /** More settings for the server (the HTTP benchmark's do-nothing route and limits). */
  extraEnv?: Record<string, string>;
  /** Node.js flags for the server process itself (the benchmark's `--cpu-prof`). */
  nodeArgs?: string[];
}): Promise<ChildProcess> {
  const secrets = await loadLocalSecrets();
  const serverEnv = childProcessEnv({
    DATABASE_APP_URL: options.appUrl,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? secrets.authSecret,
    // Many brand hosts share one server: next-auth takes the origin from the request's Host.
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    ...options.extraEnv,
  });
  if (!options.dev) {
    const hash = sourceHash();
    if (buildIsCurrent(hash)) {
      options.log("build is up to date");
    } else {
      options.log("building (next build)…");
      const code = await run(["build"], serverEnv);
      if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
      writeFileSync(BUILD_STAMP, hash);
    }
  }
  options.log(`serving on http://localhost:${options.port}`);
  const serverArgs = [PORTAL_SERVER, String(options.port), ...(options.dev ? ["--dev"] : [])];
  // With Node flags, tsx is a loader of the one server process (the CLI would start another).
  const server = spawn(
    process.execPath,
    options.nodeArgs ? [...options.nodeArgs, "--import", "tsx", ...serverArgs] : [TSX_CLI, ...serverArgs],
    { stdio: "inherit", env: { ...serverEnv, NODE_ENV: options.dev ? "development" : "production" } },
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => server.kill(signal));
  }
  return server;
}
