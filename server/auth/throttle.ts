import type { PrismaClient } from "@/server/db/types";
import { LIMITS } from "../limits/registry";
import { RetryLater } from "../limits/retry-later";
import { type SharedCounter, sharedCounter } from "../limits/shared-counter";

/** Who is trying to sign in as whom. `ip` is the client address as the request resolver derived it. */
export type SignInAttempt = { tenant: string; email: string; ip: string | null };

/** What the sign-in does once it knows whether the password was right. */
export type AdmittedAttempt = { succeeded(): Promise<void> };

type Counters = { perSource: SharedCounter; perSourceAndAccount: SharedCounter; perAccount: SharedCounter };

/**
 * The sign-in throttle, after OWASP's advice on brute-force protection without lock-out: failures
 * are counted per client address, per tenant and e-mail, and per both together, in PostgreSQL so
 * that every server instance counts the same. The client that has been failing is refused; an
 * account that is being guessed from many addresses makes each of them stop after a few failures,
 * but a client with no failures of its own (the owner, elsewhere) still signs in.
 *
 * Every attempt is counted before the password is hashed, as a failure until it is known to have
 * succeeded: attempts sent in parallel cannot all slip in under the limit.
 */
export class SignInThrottle {
  constructor(
    private readonly counters: Counters,
    private readonly underAttackPerSource: number = LIMITS.signIn.underAttackPerSource,
  ) {}

  /** The throttle with the portal's limits, counting in `db`. */
  static for(db: PrismaClient): SignInThrottle {
    return new SignInThrottle({
      perSource: sharedCounter(db, LIMITS.signIn.perSource),
      perSourceAndAccount: sharedCounter(db, LIMITS.signIn.perSourceAndAccount),
      perAccount: sharedCounter(db, LIMITS.signIn.perAccount),
    });
  }

  /** Counts the attempt; throws RetryLater when this client may not try now. */
  async admit(attempt: SignInAttempt): Promise<AdmittedAttempt> {
    const keys = keysOf(attempt);
    const { perSource, perSourceAndAccount, perAccount } = this.counters;
    const [source, sourceAndAccount, account] = await Promise.all([
      perSource.hit(keys.source),
      perSourceAndAccount.hit(keys.sourceAndAccount),
      perAccount.hit(keys.account),
    ]);
    if (!source.allowed) throw new RetryLater(source.msBeforeNext);
    if (!sourceAndAccount.allowed) throw new RetryLater(sourceAndAccount.msBeforeNext);
    // Under attack: only clients with few failures of their own (this attempt included) go on.
    if (!account.allowed && sourceAndAccount.consumed > this.underAttackPerSource) {
      throw new RetryLater(account.msBeforeNext);
    }
    return {
      // A success was not a failure: take its count back, and forget this client's run of failures.
      succeeded: async () => {
        await Promise.all([
          perSource.undo(keys.source),
          perSourceAndAccount.forget(keys.sourceAndAccount),
          perAccount.undo(keys.account),
        ]);
      },
    };
  }
}

function keysOf({ tenant, email, ip }: SignInAttempt) {
  const source = ip ?? "unknown";
  const account = `${tenant}\u0000${email}`;
  return { source, account, sourceAndAccount: `${account}\u0000${source}` };
}
