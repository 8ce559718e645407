"use server";

import { pathWithQuery } from "@/components/next-page-link";
import { serverCaller } from "@/server/api/server-caller";
import { problem } from "@/server/domain-error";
import { normalizeDomainInput } from "@/server/domains/hostname";
import { attempt, type FormState } from "../form-state";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** Back to the page the form was on (the tenant's own domains, or an account's), saying what was done. */
function nextPage(form: FormData, done: "added" | "removed" | "primary"): FormState {
  const path =
    text(form, "page") === "settings"
      ? "/settings/domains"
      : `/accounts/${encodeURIComponent(text(form, "accountId"))}/domains`;
  return { problems: [], next: pathWithQuery(path, { done, host: normalizeDomainInput(text(form, "hostname")) }) };
}

/** Runs a procedure call; a refusal becomes the form's problems, anything else stays an error. */
async function refusalOf(call: () => Promise<unknown>): Promise<FormState | null> {
  const result = await attempt(call);
  return result.ok ? null : result.state;
}

export async function addDomainAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const refused = await refusalOf(() =>
    caller.domains.add({
      accountId: text(form, "accountId"),
      hostname: text(form, "hostname"),
      // the procedure's schema refuses anything else with its own message
      kind: text(form, "kind") as "brand" | "sip",
    }),
  );
  return refused ?? nextPage(form, "added");
}

/** One domain's row: make it primary, or remove it (the button pressed names which). */
export async function changeDomainAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const input = { accountId: text(form, "accountId"), hostname: text(form, "hostname") };
  switch (text(form, "intent")) {
    case "remove":
      return (await refusalOf(() => caller.domains.remove(input))) ?? nextPage(form, "removed");
    case "primary":
      return (await refusalOf(() => caller.domains.makePrimary(input))) ?? nextPage(form, "primary");
    default:
      return { problems: [problem("invalid_choice", "Choose Make primary or Remove.", "intent")] };
  }
}
