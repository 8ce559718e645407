import { z } from "zod";

// All configuration is read here, once, and nowhere else (lint forbids `process.env` elsewhere).
const commaList = z.string().transform((value) =>
  value
    .split(",")
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean),
);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Owner connection (runs migrations). Unset: an embedded PostgreSQL is started. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Request-role connection used by the web server; derived from DATABASE_URL when unset. */
  DATABASE_APP_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Password given to the request role `portal_app` when the migration runner creates it. */
  APP_DB_PASSWORD: z.string().min(12).optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  /** Mark session cookies Secure (set behind HTTPS). */
  SECURE_COOKIES: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  PLATFORM_HOSTS: commaList.default(["localhost", "127.0.0.1"]),
  PLATFORM_BRAND_NAME: z.string().trim().min(1).max(80).default("SIP.IO"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PORTAL_DATA_DIR: z.string().min(1).default(".data"),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  /** Most calls one tRPC HTTP batch may carry; a larger batch is refused with 400. */
  TRPC_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  /**
   * Requests one tenant may have in progress at once on one server instance (the database pool
   * has 10 connections): more wait briefly in a short queue, then answer 429.
   */
  TENANT_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).max(100).default(3),
  /** Requests one tenant may make per minute, counted across every server instance. */
  TENANT_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  /** Failed sign-ins one client address may make per hour before it is blocked for an hour. */
  SIGN_IN_FAILURES_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(100),
  /** Test-only: allow the test helpers to reach a non-default database; never read in production. */
  CI: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);

export function requireEnv<K extends keyof Env>(key: K, hint: string): NonNullable<Env[K]> {
  const value = env[key];
  if (value === undefined || value === null) {
    throw new Error(`${String(key)} is not set: ${hint}`);
  }
  return value as NonNullable<Env[K]>;
}

/** The environment for a child process this one starts (the web server), plus `extra`. */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
