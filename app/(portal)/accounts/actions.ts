"use server";

import { TRPCError } from "@trpc/server";
import { clientMessage } from "@/server/api/error-message";
import { serverCaller } from "@/server/api/server-caller";

/**
 * What a form action answers. On success it names the page to show next: the client navigates
 * there itself, because Next renders a server action's redirect() through an internal request
 * that does not keep the brand's host, and a session is valid on its own brand's host only.
 */
export type FormState = { error: string | null; next?: string };

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

// An empty field is not zero: let validation say that a number is missing.
const whole = (form: FormData, name: string) =>
  text(form, name).trim() === "" ? Number.NaN : Number(text(form, name));

const limitsFrom = (form: FormData) => ({
  maxIn: whole(form, "maxIn"),
  maxOut: whole(form, "maxOut"),
  maxDialer: whole(form, "maxDialer"),
});

/** Runs a procedure call; a refusal becomes the form's message, anything else stays an error. */
async function attempt<T>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; state: FormState }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
      return { ok: false, state: { error: clientMessage(error) } };
    }
    throw error;
  }
}

export async function createAccountAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const result = await attempt(() =>
    caller.accounts.create({
      parentId: text(form, "parentId") || undefined,
      name: text(form, "name"),
      slug: text(form, "slug"),
      planId: text(form, "planId"),
      isReseller: form.get("isReseller") === "on",
      limits: limitsFrom(form),
    }),
  );
  if (!result.ok) return result.state;
  return { error: null, next: `/accounts/${result.value.id}?done=created` };
}

export async function updateAccountAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const accountId = text(form, "accountId");
  const result = await attempt(() =>
    caller.accounts.update({
      accountId,
      name: text(form, "name"),
      planId: text(form, "planId"),
      limits: limitsFrom(form),
    }),
  );
  if (!result.ok) return result.state;
  return { error: null, next: `/accounts/${accountId}?done=saved` };
}

export async function setStatusAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const accountId = text(form, "accountId");
  const status = text(form, "status");
  const result = await attempt(() =>
    caller.accounts.setStatus({ accountId, status: status as "active" | "suspended" | "closed" }),
  );
  if (!result.ok) return result.state;
  return { error: null, next: `/accounts/${accountId}?done=${encodeURIComponent(status)}` };
}
