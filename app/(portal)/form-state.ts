import "server-only";
import { TRPCError } from "@trpc/server";
import { clientMessage } from "@/server/api/error-message";

/**
 * What a form action answers. On success it names the page to show next: the client navigates
 * there itself, because Next renders a server action's redirect() through an internal request
 * that does not keep the brand's host, and a session is valid on its own brand's host only.
 */
export type FormState = { error: string | null; next?: string };

/** Runs a procedure call; a refusal becomes the form's message, anything else stays an error. */
export async function attempt<T>(
  call: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; state: FormState }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
      return { ok: false, state: { error: clientMessage(error) } };
    }
    throw error;
  }
}
