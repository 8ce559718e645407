import { env } from "../env";

/** A counter shared by every server instance: `points` per `duration` seconds for one key. */
export type CounterSpec = {
  /** Names the counter in storage; each counter has its own. */
  keyPrefix: string;
  points: number;
  duration: number;
  /** Once over `points`, the key stays refused this many seconds (else until the window ends). */
  blockDuration?: number;
};

const HOUR = 60 * 60;

/**
 * Every limit of the portal, with its numbers, in one place. The tunable ones come from
 * server/env.ts; the rest are fixed here because changing them changes the security argument
 * written beside them.
 */
export const LIMITS = {
  signIn: {
    /**
     * Consecutive failed sign-ins of one client address for one tenant and e-mail. A success from
     * that client forgets them. Past the limit that client alone is refused, whatever password it
     * sends, for a quarter of an hour.
     */
    perSourceAndAccount: {
      keyPrefix: "sign-in:source-account",
      points: 10,
      duration: HOUR,
      blockDuration: 15 * 60,
    },
    /** Failed sign-ins from one client address for any accounts: guessing across accounts. */
    perSource: {
      keyPrefix: "sign-in:source",
      points: env.SIGN_IN_FAILURES_PER_IP_PER_HOUR,
      duration: HOUR,
      blockDuration: HOUR,
    },
    /**
     * Failed sign-ins for one tenant and e-mail from every address together. Past this the account
     * is under attack, and each client may fail only `underAttackPerSource` times for it; a client
     * that has not been failing (the owner) still signs in, so an attacker cannot lock anyone out.
     */
    perAccount: { keyPrefix: "sign-in:account", points: 20, duration: HOUR },
    underAttackPerSource: 3,
  },
  passwordReset: {
    /** "Forgot password?" requests from one client address, for any accounts: mail-bombing and probing. */
    perSource: { keyPrefix: "password-reset:source", points: 20, duration: HOUR },
    /**
     * Requests naming one tenant (any e-mail), from every address: one account's users are not
     * flooded with mail. Counted whether or not the e-mail exists, so the count reveals nothing.
     */
    perAccount: { keyPrefix: "password-reset:account", points: 50, duration: HOUR },
    /** Requests naming one tenant and e-mail: at most a few reset mails an hour to one person. */
    perUser: { keyPrefix: "password-reset:user", points: 5, duration: HOUR },
    /**
     * Attempts of one signed-in user to change their password (each checks the current one): a
     * stolen session cannot be used to guess the password behind it.
     */
    changePerUser: { keyPrefix: "password-change:user", points: 10, duration: HOUR },
  },
  tenant: {
    /**
     * Requests per minute of one tenant, across every server instance, counted in batches
     * (server/limits/batched-counter.ts): no round trip per request.
     */
    perMinute: {
      keyPrefix: "tenant:requests",
      points: env.TENANT_REQUESTS_PER_MINUTE,
      duration: 60,
    },
    /**
     * Requests of one tenant in progress at once on this server instance, and how many more may
     * wait (and how long) for a turn. A tenant never holds more than `running` of the database
     * pool's connections, so the other tenants always find one free.
     */
    concurrent: {
      running: env.TENANT_CONCURRENT_REQUESTS,
      queued: 4 * env.TENANT_CONCURRENT_REQUESTS,
      maxWaitMs: 3_000,
    },
  },
  refresh: {
    /** Refreshes from one client address, successful or not. */
    perSource: { keyPrefix: "refresh:source", points: env.REFRESH_PER_IP_PER_HOUR, duration: HOUR },
    /**
     * Refused refreshes (unknown or expired tokens) from one client address. A refresh token
     * cannot be guessed (about 285 bits); what this stops is a client hammering the database.
     */
    failuresPerSource: { keyPrefix: "refresh:source-failures", points: 30, duration: HOUR, blockDuration: 15 * 60 },
    /**
     * Refreshes of one token family (one login). A program refreshes once per access token
     * lifetime; four times that rate, and never less than 60 an hour, leaves room for retries.
     */
    perFamily: {
      keyPrefix: "refresh:family",
      points: Math.max(60, 4 * Math.ceil(HOUR / env.ACCESS_TOKEN_TTL_SECONDS)),
      duration: HOUR,
    },
  },
  apiKey: {
    /**
     * Strict: failed key lookups (no such key, revoked, expired) from one client address. Keys
     * cannot be guessed either; a client past this is blocked for an hour, with its good keys too.
     */
    failuresPerSource: {
      keyPrefix: "api-key:source-failures",
      points: env.API_KEY_FAILURES_PER_IP_PER_HOUR,
      duration: HOUR,
      blockDuration: HOUR,
    },
    /** Generous: requests made with any key of one account, per minute, counted in batches as the tenant's are. */
    perAccount: {
      keyPrefix: "api-key:account",
      points: env.API_KEY_REQUESTS_PER_ACCOUNT_PER_MINUTE,
      duration: 60,
    },
  },
  /** Calls in one tRPC HTTP batch. */
  trpcMaxBatchSize: env.TRPC_MAX_BATCH_SIZE,
} as const satisfies {
  signIn: Record<string, CounterSpec | number>;
  passwordReset: Record<string, CounterSpec>;
  refresh: Record<string, CounterSpec>;
  apiKey: Record<string, CounterSpec>;
  tenant: { perMinute: CounterSpec; concurrent: { running: number; queued: number; maxWaitMs: number } };
  trpcMaxBatchSize: number;
};
