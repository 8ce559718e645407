import { z } from "zod";
import { brandHostnameProblem } from "../tenancy/host";

/** What an account's domain is for: the portal's address (brand) or where its phones register (SIP). */
export const DOMAIN_KINDS = ["brand", "sip"] as const;
export type DomainKind = (typeof DOMAIN_KINDS)[number];

export const DOMAIN_KIND_LABEL: Record<DomainKind, string> = { brand: "brand domain", sip: "SIP domain" };

/** Longer input is refused before any parsing: no host name comes near it. */
export const MAX_DOMAIN_INPUT = 1_000;

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function looksLikeIpAddress(host: string): boolean {
  // A bracketed IPv6 literal, with or without a port
  if (host.startsWith("[")) return true;
  if (IPV4.test(host.replace(/:\d*$/, ""))) return true;
  // A bare IPv6 address has at least two colons and only hex digits (and dots, for an embedded IPv4)
  return host.split(":").length > 2 && /^[0-9a-f:.]+$/.test(host);
}

/** A host name as a person typed it, in the form the host map stores: trimmed, lower case, no final dot. */
export function normalizeDomainInput(raw: string): string {
  const host = raw.trim().toLowerCase();
  return host.endsWith(".") ? host.slice(0, -1) : host;
}

function sentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/**
 * Why `hostname` (already normalised) cannot be a brand or SIP domain, as a sentence for the form,
 * or null when it can. The shared host rules (length, labels, platform hosts) come from the one host
 * parser; what is checked here first are the mistakes people make when pasting an address.
 * Subdomains of a platform host stay allowed: `<brand>.localhost` is how brand hosts work in
 * development.
 */
export function domainHostnameProblem(hostname: string, platformHosts: readonly string[]): string | null {
  if (hostname === "") return "Enter a host name, like portal.example.com.";
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(hostname)) return "Enter the host name only, without http:// or https://.";
  if (/[/?#]/.test(hostname)) return "Enter the host name only, without a path.";
  if (/\s/.test(hostname)) return "A host name cannot contain spaces.";
  if (/[^\x20-\x7e]/.test(hostname)) {
    return "Enter an international host name in its ASCII form (the labels starting with xn--).";
  }
  if (hostname.includes("@")) return "Enter a host name, not an e-mail address.";
  if (looksLikeIpAddress(hostname)) return "An IP address cannot be a domain: enter a host name.";
  if (hostname.includes(":")) return "Enter the host name without a port.";
  if (platformHosts.includes(hostname)) {
    return `${hostname} is the platform's own address; use a host name of your own (a subdomain of it works too).`;
  }
  if (hostname.startsWith(".") || hostname.includes("..")) {
    return "A host name cannot have an empty label (a leading dot or two dots in a row).";
  }
  const problem = brandHostnameProblem(hostname, platformHosts);
  return problem ? sentence(problem) : null;
}

/** The hostname of a new domain: normalised, or an issue with the problem's sentence. */
export function domainHostnameSchema(platformHosts: readonly string[]) {
  return z
    .string({ message: "Enter a host name, like portal.example.com." })
    .max(MAX_DOMAIN_INPUT, "A host name has at most 253 characters.")
    .transform((raw, ctx) => {
      const hostname = normalizeDomainInput(raw);
      const problem = domainHostnameProblem(hostname, platformHosts);
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem, params: { reason: "invalid_hostname" } });
        return z.NEVER;
      }
      return hostname;
    });
}
