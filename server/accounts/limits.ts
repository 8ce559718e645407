import { type Problem, problem } from "../domain-error";

/** Concurrency ceilings of an account (max_in, max_out, max_dialer in the SIP.IO document). */
export type Limits = { maxIn: number; maxOut: number; maxDialer: number };

export const LIMIT_LABELS: Record<keyof Limits, string> = {
  maxIn: "inbound calls (max_in)",
  maxOut: "outbound calls (max_out)",
  maxDialer: "dialer calls (max_dialer)",
};

const LIMIT_KEYS = Object.keys(LIMIT_LABELS) as (keyof Limits)[];

/** Why `limits` cannot be set on a child of `parent`: one problem per limit that is too high. */
export function limitsAboveParent(limits: Limits, parent: { name: string; limits: Limits }): Problem[] {
  return LIMIT_KEYS.filter((key) => limits[key] > parent.limits[key]).map((key) =>
    problem(
      "limit_above_parent",
      `${LIMIT_LABELS[key]} can be at most ${parent.limits[key]}: that is ${parent.name}'s limit.`,
      `limits.${key}`,
    ),
  );
}

/** Why `limits` cannot be set on an account whose children need at least `floor`. */
export function limitsBelowChildren(limits: Limits, floor: Limits): Problem[] {
  return LIMIT_KEYS.filter((key) => limits[key] < floor[key]).map((key) =>
    problem(
      "limit_below_children",
      `${LIMIT_LABELS[key]} must be at least ${floor[key]}: a child account has that limit.`,
      `limits.${key}`,
    ),
  );
}

/** A plan's ceiling on concurrent calls; null is unlimited. */
export type PlanCeiling = { name: string; maxConcurrentCalls: number | null };

/**
 * Why `limits` exceed what `plan` allows: no single limit may be above the plan's concurrent calls
 * (Starter's 2 with limits of 25 would promise calls the plan does not sell). One problem per
 * limit, at `field(key)` (the limit's own field, or the plan's when only the plan changes).
 */
export function limitsAbovePlan(
  limits: Limits,
  plan: PlanCeiling,
  field: (key: keyof Limits) => string = (key) => `limits.${key}`,
): Problem[] {
  const ceiling = plan.maxConcurrentCalls;
  if (ceiling === null) return [];
  return LIMIT_KEYS.filter((key) => limits[key] > ceiling).map((key) =>
    problem(
      "limit_above_plan",
      `${LIMIT_LABELS[key]} can be at most ${ceiling}: the ${plan.name} plan allows ${ceiling} concurrent ${ceiling === 1 ? "call" : "calls"}.`,
      field(key),
    ),
  );
}
