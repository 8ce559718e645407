import { z } from "zod";
import { DomainError, problem } from "../domain-error";

/** The SQLSTATE app_plan_change_fits() raises (migration 20261130060100). */
const PLAN_CHANGE_SQLSTATE = "PL002";

const Over = z.discriminatedUnion("resource", [
  z.object({ resource: z.enum(["users", "departments"]), limit: z.number().int(), usage: z.number().int() }),
  z.object({ resource: z.enum(["recording", "aiTranscription"]) }),
]);
const ChangeDetail = z.object({ plan: z.string(), planId: z.string(), over: z.array(Over).min(1) });
export type PlanChangeDetail = z.infer<typeof ChangeDetail>;

const NOUNS = { users: ["user", "users"], departments: ["department", "departments"] } as const;
const SWITCHED_ON = {
  recording: "call recording switched on",
  aiTranscription: "AI transcription switched on",
} as const;
const REMEDIES = {
  users: "deactivate users",
  departments: "delete departments",
  recording: "switch call recording off",
  aiTranscription: "switch AI transcription off",
} as const;

/**
 * One sentence listing everything over the new plan: "Bistro Group uses more than the Starter plan
 * allows: 8 users (it allows 5) and 4 departments (it allows 3). Deactivate users and delete
 * departments first, or choose a larger plan."
 */
export function planChangeMessage(accountName: string, detail: PlanChangeDetail): string {
  const items = detail.over.map((over) => {
    if (over.resource === "users" || over.resource === "departments") {
      const [one, many] = NOUNS[over.resource];
      return `${over.usage} ${over.usage === 1 ? one : many} (it allows ${over.limit})`;
    }
    return `${SWITCHED_ON[over.resource]} (it does not include it)`;
  });
  const remedies = detail.over.map((over) => REMEDIES[over.resource]);
  const list = (words: string[]) =>
    words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
  const first = list(remedies);
  return `${accountName} uses more than the ${detail.plan} plan allows: ${list(items)}. ${first.charAt(0).toUpperCase()}${first.slice(1)} first, or choose a larger plan.`;
}

/** The database's refusal of a plan change over usage, wherever the driver put it. */
export function planChangeDetailOf(error: unknown): PlanChangeDetail | null {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth += 1) {
    if (typeof current !== "object") return null;
    const candidate = current as { originalCode?: unknown; detail?: unknown; cause?: unknown; meta?: unknown };
    if (candidate.originalCode === PLAN_CHANGE_SQLSTATE && typeof candidate.detail === "string") {
      const parsed = ChangeDetail.safeParse(JSON.parse(candidate.detail));
      return parsed.success ? parsed.data : null;
    }
    const meta = candidate.meta as { driverAdapterError?: unknown } | undefined;
    current = meta?.driverAdapterError ?? candidate.cause;
  }
  return null;
}

/**
 * Runs `work` (a write of accounts.plan_id) and turns the database's refusal into the
 * `plan_over_usage` problem at `field` (BAD_REQUEST: this plan does not fit the account now).
 */
export async function withPlanChangeCheck<T>(
  accountName: string,
  work: () => Promise<T>,
  field = "planId",
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const detail = planChangeDetailOf(error);
    if (!detail) throw error;
    throw new DomainError("BAD_REQUEST", problem("plan_over_usage", planChangeMessage(accountName, detail), field));
  }
}
