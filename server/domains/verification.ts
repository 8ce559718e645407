/**
 * Domain ownership by DNS: the TXT record a domain's owner publishes, and what a look-up of it
 * means. Pure; the look-up itself is in dns.ts, the service in verify.ts.
 */
import { isDevelopmentHostname } from "./hostname";

export const VERIFICATION_RECORD_PREFIX = "_portal-verify";
export const VERIFICATION_VALUE_PREFIX = "portal-verify=";

/** Where the TXT record goes, and what it holds. */
export type VerificationRecord = { name: string; type: "TXT"; value: string };

export function verificationRecord(hostname: string, token: string): VerificationRecord {
  return {
    name: `${VERIFICATION_RECORD_PREFIX}.${hostname}`,
    type: "TXT",
    value: `${VERIFICATION_VALUE_PREFIX}${token}`,
  };
}

/** How a domain counts as verified: its TXT record was found, or it lies under a development suffix. */
export type Verification = "dns" | "development" | null;

export function verificationOf(
  domain: { hostname: string; verified: boolean },
  developmentSuffixes: readonly string[],
): Verification {
  if (domain.verified) return "dns";
  return isDevelopmentHostname(domain.hostname, developmentSuffixes) ? "development" : null;
}

/** What a TXT look-up answered: the records' texts (each record's strings joined), or a DNS error code. */
export type TxtAnswer = { records: string[] } | { error: string };

export const VERIFICATION_REASONS = [
  "verification_record_missing",
  "verification_token_mismatch",
  "verification_lookup_failed",
] as const;
export type VerificationReason = (typeof VERIFICATION_REASONS)[number];

/** Error codes of node's resolver that mean "no such record", not "DNS did not answer". */
const NO_RECORD = new Set(["ENODATA", "ENOTFOUND"]);

/**
 * Why the answer does not verify the domain (a reason and a sentence for the page), or null when
 * one of the records is exactly the expected value.
 */
export function verificationProblem(
  record: VerificationRecord,
  answer: TxtAnswer,
): { reason: VerificationReason; message: string } | null {
  if ("error" in answer) {
    if (NO_RECORD.has(answer.error)) {
      return {
        reason: "verification_record_missing",
        message: `No TXT record found at ${record.name}. Publish it with the value ${record.value}, then check again (DNS changes can take a while to appear).`,
      };
    }
    return {
      reason: "verification_lookup_failed",
      message: `The DNS look-up of ${record.name} failed (${answer.error}). Try again in a few minutes.`,
    };
  }
  if (answer.records.some((text) => text.trim() === record.value)) return null;
  return {
    reason: "verification_token_mismatch",
    message: `The TXT record at ${record.name} does not hold this domain's value: set it to ${record.value}, then check again.`,
  };
}
