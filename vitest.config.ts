import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React server bundles; tests run server code directly.
      "server-only": path.join(root, "tests/setup/server-only-stub.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "node_modules/**", "e2e/**", ".data/**", ".next/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.integration.test.ts"],
          exclude: ["node_modules/**", ".data/**", ".next/**"],
          globalSetup: ["tests/setup/integration-global-setup.ts"],
          // Callers sign their session cookies and access tokens as the server does (tests/helpers/callers.ts).
          env: {
            NEXTAUTH_SECRET: "integration-tests-session-secret-0123456789abcdef",
            // The files share one database, and with it the per-minute counters of the demo accounts:
            // the walks over every procedure make well over the portal's 1,200 calls a minute as
            // VoiceReseller. tests/integration/tenant-limits.integration.test.ts sets its own limit.
            TENANT_REQUESTS_PER_MINUTE: "1000000",
          },
          // One database for the suite: files run one after another, tests inside them in order.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
