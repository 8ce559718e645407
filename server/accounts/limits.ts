/** Concurrency ceilings of an account (max_in, max_out, max_dialer in the SIP.IO document). */
export type Limits = { maxIn: number; maxOut: number; maxDialer: number };

export const LIMIT_LABELS: Record<keyof Limits, string> = {
  maxIn: "inbound calls (max_in)",
  maxOut: "outbound calls (max_out)",
  maxDialer: "dialer calls (max_dialer)",
};

const LIMIT_KEYS = Object.keys(LIMIT_LABELS) as (keyof Limits)[];

/** Why `limits` cannot be set on a child of `parent`: one sentence per limit that is too high. */
export function limitsAboveParent(limits: Limits, parent: { name: string; limits: Limits }): string[] {
  return LIMIT_KEYS.filter((key) => limits[key] > parent.limits[key]).map(
    (key) => `${LIMIT_LABELS[key]} can be at most ${parent.limits[key]}: that is ${parent.name}'s limit.`,
  );
}

/** Why `limits` cannot be set on an account whose children need at least `floor`. */
export function limitsBelowChildren(limits: Limits, floor: Limits): string[] {
  return LIMIT_KEYS.filter((key) => limits[key] < floor[key]).map(
    (key) => `${LIMIT_LABELS[key]} must be at least ${floor[key]}: a child account has that limit.`,
  );
}
