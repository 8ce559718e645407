import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { SMTP_URL } from "./e2e/mailbox";

// Playwright cannot download its browsers here; use the system Chromium when there is one.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const PORT = 3100;
export const STATE_DIR = ".data/e2e/state";

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
    // The machine has no outside network: keep Chromium from trying to reach it.
    args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  },
};

const origin = (host: string) => `http://${host}:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: { trace: "retain-on-failure" },
  // A real SMTP server for the run's mail (e2e/mailbox.ts); the e2e server sends to it.
  globalSetup: "./e2e/global-setup.ts",
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/, use: chromium },
    // One project per brand host, each with the sign-in state saved for it by the setup project.
    {
      name: "voicereseller.localhost",
      testMatch: /voicereseller\/.*\.spec\.ts/,
      dependencies: ["setup"],
      use: { ...chromium, baseURL: origin("voicereseller.localhost"), storageState: `${STATE_DIR}/bistro.json` },
    },
    {
      name: "acme.localhost",
      testMatch: /acme\/.*\.spec\.ts/,
      dependencies: ["setup"],
      use: { ...chromium, baseURL: origin("acme.localhost"), storageState: `${STATE_DIR}/acme.json` },
    },
    {
      name: "localhost",
      testMatch: /platform\/.*\.spec\.ts/,
      use: { ...chromium, baseURL: origin("localhost") },
    },
  ],
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `${origin("localhost")}/login`,
    // Access tokens of 10 s (the least server/env.ts allows): the example program's run
    // (e2e/voicereseller/example-program.spec.ts) waits one out and keeps working.
    // Low-balance alerts go out in rounds of half a second, so the specs wait on them briefly.
    env: {
      PORT: String(PORT),
      NEXT_TELEMETRY_DISABLED: "1",
      SMTP_URL,
      ACCESS_TOKEN_TTL_SECONDS: "10",
      LOW_BALANCE_ALERT_INTERVAL_MS: "500",
    },
    reuseExistingServer: false,
    timeout: 600_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
