"use server";

import { serverCaller } from "@/server/api/server-caller";
import { attempt, type FormState } from "../form-state";

export type { FormState };

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
      owner: { name: text(form, "ownerName"), email: text(form, "ownerEmail") },
    }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: `/accounts/${result.value.id}?done=created` };
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
  return { problems: [], next: `/accounts/${accountId}?done=saved` };
}

export async function setStatusAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const accountId = text(form, "accountId");
  const status = text(form, "status");
  const result = await attempt(() =>
    caller.accounts.setStatus({ accountId, status: status as "active" | "suspended" | "closed" }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: `/accounts/${accountId}?done=${encodeURIComponent(status)}` };
}
