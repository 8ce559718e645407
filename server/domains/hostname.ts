import { domainToASCII, domainToUnicode } from "node:url";
import { z } from "zod";
import { brandHostnameProblem } from "../tenancy/host";
import { labelScriptProblem } from "./scripts";

/** What an account's domain is for: the portal's address (brand) or where its phones register (SIP). */
export const DOMAIN_KINDS = ["brand", "sip"] as const;
export type DomainKind = (typeof DOMAIN_KINDS)[number];

export const DOMAIN_KIND_LABEL: Record<DomainKind, string> = { brand: "brand domain", sip: "SIP domain" };

/** Longer input is refused before any parsing: no host name comes near it. */
export const MAX_DOMAIN_INPUT = 1_000;

/** Why a host name cannot be a domain, for clients to branch on (the message is for people). */
export const HOSTNAME_REASONS = [
  "hostname_required",
  "hostname_url",
  "hostname_path",
  "hostname_spaces",
  "hostname_control",
  "hostname_email",
  "hostname_ip",
  "hostname_port",
  "hostname_platform",
  "hostname_empty_label",
  "hostname_invalid",
  "hostname_idna_invalid",
  "hostname_idna_unmapped",
  "hostname_symbol",
  "hostname_script",
  "hostname_mixed_script",
  "hostname_confusable",
] as const;
export type HostnameReason = (typeof HOSTNAME_REASONS)[number];

/** A refusal: a stable reason and a sentence for the form (the field is always the host name). */
export type HostnameProblem = { reason: HostnameReason; message: string };

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function looksLikeIpAddress(host: string): boolean {
  // A bracketed IPv6 literal, with or without a port
  if (host.startsWith("[")) return true;
  if (IPV4.test(host.replace(/:\d*$/, ""))) return true;
  // A bare IPv6 address has at least two colons and only hex digits (and dots, for an embedded IPv4)
  return host.split(":").length > 2 && /^[0-9a-f:.]+$/.test(host);
}

/**
 * A host name as a person typed it: composed (NFC: a letter typed as letter + accent is one letter),
 * trimmed, lower case, no final dot. Not yet in ASCII form.
 */
export function normalizeDomainInput(raw: string): string {
  const host = raw.normalize("NFC").trim().toLowerCase();
  return host.endsWith(".") ? host.slice(0, -1) : host;
}

/**
 * The form the host map stores (and browsers send as Host): normalised and, for an international
 * name, its ASCII (xn--) form. A name that has no valid ASCII form comes back normalised only, so
 * that a look-up by it finds nothing.
 */
export function storedHostname(raw: string): string {
  const hostname = normalizeDomainInput(raw);
  if (/^[\x20-\x7e]*$/.test(hostname)) return hostname;
  return domainToASCII(hostname) || hostname;
}

/** The name to show people: an international name in its own letters. */
export function displayHostname(hostname: string): string {
  return domainToUnicode(hostname) || hostname;
}

function sentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

const problem = (reason: HostnameReason, message: string): HostnameProblem => ({ reason, message });

/**
 * One label through IDNA (UTS #46, as browsers do it): its ASCII form, or why it has none. A label
 * must already be in the form DNS uses: an `xn--` label must decode, and encode back to itself
 * (`xn--abc-` "decodes" to plain `abc`), and a Unicode label must survive the round trip unchanged
 * (`Ⅻ` would silently become `xii`).
 */
function idnaLabel(label: string): { ascii: string; unicode: string } | HostnameProblem {
  const isAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);
  if (isAscii(label) && !label.startsWith("xn--")) return { ascii: label, unicode: label };
  const invalid = problem("hostname_idna_invalid", `"${label}" is not a valid international host name label (IDNA).`);
  const ascii = domainToASCII(label);
  if (!ascii) return invalid;
  const unicode = domainToUnicode(ascii);
  if (domainToASCII(unicode) !== ascii) return invalid;
  if (label.startsWith("xn--")) return ascii === label && !isAscii(unicode) ? { ascii, unicode } : invalid;
  if (unicode !== label) {
    return problem("hostname_idna_unmapped", `"${label}" is not written the way DNS stores it; enter "${unicode}".`);
  }
  return { ascii, unicode };
}

/**
 * Checks a host name as typed for a new brand or SIP domain. Accepted: its ASCII form (what the
 * host map stores) and its Unicode form (what people read). Refused: the first problem found. What
 * is checked first are the mistakes people make when pasting an address; then every label through
 * IDNA and the script rules (server/domains/scripts.ts: one script per label, no letters that
 * imitate Latin ones); then the shared host rules (length, labels, platform hosts) of the one host
 * parser. Subdomains of a platform host stay allowed: `<brand>.localhost` is how brand hosts work
 * in development.
 */
export function checkDomainHostname(
  raw: string,
  platformHosts: readonly string[],
): { ok: true; hostname: string; unicode: string } | { ok: false; problem: HostnameProblem } {
  const refuse = (found: HostnameProblem) => ({ ok: false as const, problem: found });
  const hostname = normalizeDomainInput(raw);
  if (hostname === "") return refuse(problem("hostname_required", "Enter a host name, like portal.example.com."));
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(hostname)) {
    return refuse(problem("hostname_url", "Enter the host name only, without http:// or https://."));
  }
  if (/[/?#\\]/.test(hostname)) return refuse(problem("hostname_path", "Enter the host name only, without a path."));
  if (/\s/.test(hostname)) return refuse(problem("hostname_spaces", "A host name cannot contain spaces."));
  if (/[\p{Cc}\p{Cf}]/u.test(hostname)) {
    return refuse(problem("hostname_control", "A host name cannot contain control or invisible characters."));
  }
  if (hostname.includes("@")) return refuse(problem("hostname_email", "Enter a host name, not an e-mail address."));
  if (looksLikeIpAddress(hostname)) {
    return refuse(problem("hostname_ip", "An IP address cannot be a domain: enter a host name."));
  }
  if (hostname.includes(":")) return refuse(problem("hostname_port", "Enter the host name without a port."));
  if (hostname.startsWith(".") || hostname.includes("..")) {
    return refuse(
      problem("hostname_empty_label", "A host name cannot have an empty label (a leading dot or two dots in a row)."),
    );
  }

  const labels: { ascii: string; unicode: string }[] = [];
  for (const label of hostname.split(".")) {
    const converted = idnaLabel(label);
    if ("reason" in converted) return refuse(converted);
    labels.push(converted);
  }
  const topLevel = labels.at(-1)?.unicode ?? "";
  for (const label of labels) {
    const scripts = labelScriptProblem(label.unicode, topLevel);
    if (scripts) return refuse(scripts);
  }
  const stored = labels.map((label) => label.ascii).join(".");

  if (platformHosts.includes(stored)) {
    return refuse(
      problem(
        "hostname_platform",
        `${stored} is the platform's own address; use a host name of your own (a subdomain of it works too).`,
      ),
    );
  }
  const rule = brandHostnameProblem(stored, platformHosts);
  if (rule) return refuse(problem("hostname_invalid", sentence(rule)));
  return { ok: true, hostname: stored, unicode: labels.map((label) => label.unicode).join(".") };
}

/** Why `raw` cannot be a new domain, or null when it can. */
export function domainHostnameProblem(raw: string, platformHosts: readonly string[]): HostnameProblem | null {
  const checked = checkDomainHostname(raw, platformHosts);
  return checked.ok ? null : checked.problem;
}

/** The hostname of a new domain: its stored (ASCII) form, or an issue with the problem's sentence. */
export function domainHostnameSchema(platformHosts: readonly string[]) {
  return z
    .string({ message: "Enter a host name, like portal.example.com." })
    .max(MAX_DOMAIN_INPUT, "A host name has at most 253 characters.")
    .transform((raw, ctx) => {
      const checked = checkDomainHostname(raw, platformHosts);
      if (!checked.ok) {
        ctx.addIssue({ code: "custom", message: checked.problem.message, params: { reason: checked.problem.reason } });
        return z.NEVER;
      }
      return checked.hostname;
    });
}

/** Whether `hostname` lies under one of the development suffixes, which count as verified at once. */
export function isDevelopmentHostname(hostname: string, suffixes: readonly string[]): boolean {
  return suffixes.some((suffix) => hostname.endsWith(`.${suffix}`));
}
