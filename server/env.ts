import { isIP } from "node:net";
import { z } from "zod";
import { trustedProxyProblem } from "./http/client-ip";

// All configuration is read here, once, and nowhere else (lint forbids `process.env` elsewhere).
const commaList = z.string().transform((value) =>
  value
    .split(",")
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean),
);

/** `1.2.3.4`, `1.2.3.4:53`, `::1` or `[::1]:53`: what node's `Resolver.setServers` accepts. */
export function isDnsServer(entry: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(entry);
  if (bracketed) return isIP(bracketed[1] ?? "") === 6 && validPort(bracketed[2]);
  if (isIP(entry) !== 0) return true;
  const withPort = /^([^:]+):(\d{1,5})$/.exec(entry);
  return withPort !== null && isIP(withPort[1] ?? "") === 4 && validPort(withPort[2]);
}

function validPort(port: string | undefined): boolean {
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Owner connection (runs migrations). Unset: an embedded PostgreSQL is started. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Request-role connection used by the web server; derived from DATABASE_URL when unset. */
  DATABASE_APP_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Password given to the request role `portal_app` when the migration runner creates it. */
  APP_DB_PASSWORD: z.string().min(12).optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  /**
   * Serve the benchmark's do-nothing route (/api/bench/noop), which `npm run bench:http` compares
   * the real routes with. Off everywhere else: the route answers 404.
   */
  BENCH_ROUTES: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  /** How long an access token for programs lasts (POST /api/auth/login, /api/auth/refresh). */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  /**
   * How long a refresh token may go unused before it expires (each refresh issues a new one). Its
   * family (the login) lasts at most TOKEN_FAMILY_TTL_SECONDS whatever the refreshes: then log in again.
   */
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(7_776_000).default(1_209_600),
  /** How long a program's login (a token family) lasts from the login, refreshes included: 30 days. */
  TOKEN_FAMILY_TTL_SECONDS: z.coerce.number().int().min(60).max(31_536_000).default(2_592_000),
  /** Refreshes one client address may make per hour (every program behind that address together). */
  REFRESH_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Requests one account's API keys may make per minute together, across every server instance. */
  API_KEY_REQUESTS_PER_ACCOUNT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(3000),
  /** Failed API key lookups (unknown, revoked, expired keys) one client address may make per hour. */
  API_KEY_FAILURES_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(30),
  /** Mark session cookies Secure (set behind HTTPS). */
  SECURE_COOKIES: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  PLATFORM_HOSTS: commaList.default(["localhost", "127.0.0.1"]),
  /**
   * Reverse proxies (IPs or CIDR ranges, comma-separated) whose X-Forwarded-For and
   * X-Forwarded-Proto are believed. Default none: the client is the socket's peer.
   */
  TRUSTED_PROXIES: commaList.default([]).superRefine((entries, context) => {
    for (const entry of entries) {
      const problem = trustedProxyProblem(entry);
      if (problem) context.addIssue({ code: "custom", message: problem });
    }
  }),
  /**
   * DNS servers that domain verification asks for the TXT record (IP, or IP:port, [IPv6]:port).
   * Empty: the system's resolvers.
   */
  DOMAIN_DNS_SERVERS: commaList.pipe(z.array(z.string().refine(isDnsServer, "expected an IP or IP:port"))).default([]),
  /**
   * Names under these suffixes count as verified at once (no TXT record): `*.localhost` never leaves
   * the machine that asks for it. Set it empty in production if no such names should be served.
   */
  DOMAIN_DEV_SUFFIXES: commaList.default(["localhost"]),
  /** How many brand domains, and how many SIP domains, one account may have. */
  DOMAIN_LIMIT_BRAND: z.coerce.number().int().min(1).max(1000).default(10),
  DOMAIN_LIMIT_SIP: z.coerce.number().int().min(1).max(1000).default(10),
  PLATFORM_BRAND_NAME: z.string().trim().min(1).max(80).default("SIP.IO"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PORTAL_DATA_DIR: z.string().min(1).default(".data"),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  /** Server log level (pino): fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Most calls one tRPC HTTP batch may carry; a larger batch is refused with 400. */
  TRPC_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  /**
   * Requests one tenant may have in progress at once on one server instance (the database pool
   * has 10 connections): more wait briefly in a short queue, then answer 429.
   */
  TENANT_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).max(100).default(3),
  /**
   * How often (ms) each server instance writes the per-request counts (requests per tenant and per
   * key's account) to the shared table; 0 writes on every request. Instances see each other's
   * counts this much later (server/limits/batched-counter.ts).
   */
  LIMIT_WRITE_INTERVAL_MS: z.coerce.number().int().min(0).max(10_000).default(250),
  /** Requests one tenant may make per minute, counted across every server instance. */
  TENANT_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  /** Failed sign-ins one client address may make per hour before it is blocked for an hour. */
  SIGN_IN_FAILURES_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(100),
  /**
   * Where mail goes: an SMTP URL (`smtp://user:pass@host:587`, `smtps://...:465`). Unset: each
   * message is written as an .eml file under `<PORTAL_DATA_DIR>/mail/` and its link is logged.
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The sender of the portal's mail; the brand's name is shown as its display name. */
  MAIL_FROM: z.email().default("no-reply@portal.localhost"),
  /**
   * The scheme and port of the links in mail that no request causes (low-balance alerts), like
   * `https://portal.example.com`: each link goes to its reader's own brand host. Unset:
   * `http://localhost:<PORT>`.
   */
  MAIL_LINK_ORIGIN: z.url({ protocol: /^https?$/ }).optional(),
  /** How often (ms) each server looks for low-balance alerts to mail; 0: this server mails none. */
  LOW_BALANCE_ALERT_INTERVAL_MS: z.coerce
    .number()
    .int()
    .refine((value) => value === 0 || (value >= 100 && value <= 600_000), "0, or from 100 to 600000")
    .default(5000),
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
