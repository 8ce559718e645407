"use server";

import { pathWithQuery } from "@/components/next-page-link";
import { serverCaller } from "@/server/api/server-caller";
import { problem } from "@/server/domain-error";
import { DESTINATION_KINDS, type DestinationKind } from "@/server/routing/destinations";
import { attempt, type FormState } from "../form-state";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** The list page the form was on (its search and page kept), saying what was done to which number. */
function back(form: FormData, path: "/numbers" | "/numbers/pool", done: string, number: string): FormState {
  return {
    problems: [],
    next: pathWithQuery(path, { q: text(form, "q"), after: text(form, "after"), done, number }),
  };
}

const isKind = (kind: string): kind is DestinationKind => (DESTINATION_KINDS as readonly string[]).includes(kind);

/**
 * The route picker's value: "" for the account's default destination, else "<kind>:<id>". A value
 * that is neither is the picker's own problem, not a request the procedure could answer.
 */
function destinationOf(value: string): { kind: DestinationKind; id: string } | null | undefined {
  if (value === "") return null;
  const [kind = "", id = ""] = value.split(":");
  return isKind(kind) ? { kind, id } : undefined;
}

export async function routeNumberAction(_previous: FormState, form: FormData): Promise<FormState> {
  const destination = destinationOf(text(form, "destination"));
  if (destination === undefined) {
    return { problems: [problem("invalid_choice", "Choose where the number routes.", "destination")] };
  }
  const caller = await serverCaller();
  const result = await attempt(() => caller.numbers.route({ numberId: text(form, "numberId"), destination }));
  return result.ok ? back(form, "/numbers", "routed", result.value.international) : result.state;
}

export async function assignNumberAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const result = await attempt(() =>
    caller.numbers.assign({ numberId: text(form, "numberId"), accountId: text(form, "accountId") }),
  );
  return result.ok ? back(form, "/numbers/pool", "assigned", result.value.international) : result.state;
}

export async function takeBackNumberAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const result = await attempt(() => caller.numbers.takeBack({ numberId: text(form, "numberId") }));
  return result.ok ? back(form, "/numbers/pool", "taken-back", result.value.international) : result.state;
}
