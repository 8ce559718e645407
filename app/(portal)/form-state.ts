import "server-only";
import { TRPCError } from "@trpc/server";
import { problemsOf } from "@/server/api/error-message";
import type { Problem } from "@/server/domain-error";

/**
 * What a form action answers: the problems with what was submitted (each with its reason and
 * field, empty on success), and on success the page to show next: the client navigates there
 * itself, because Next renders a server action's redirect() through an internal request that does
 * not keep the brand's host, and a session is valid on its own brand's host only.
 */
export type FormState = { problems: Problem[]; next?: string };

export const INITIAL_FORM_STATE: FormState = { problems: [] };

/** Runs a procedure call; a refusal becomes the form's problems, anything else stays an error. */
export async function attempt<T>(
  call: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; state: FormState }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
      return { ok: false, state: { problems: problemsOf(error) } };
    }
    throw error;
  }
}
