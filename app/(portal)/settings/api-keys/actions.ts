"use server";

import { TZDate } from "@date-fns/tz";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { serverCaller } from "@/server/api/server-caller";
import type { KeyScope } from "@/server/auth/permissions";
import { problem } from "@/server/domain-error";
import { attempt, type FormState } from "../../form-state";

/** The create form's answer: on success the whole key, shown once in a dialog, never in a URL. */
export type ApiKeySecretState = FormState & { secret?: { key: string; name: string; prefix: string } };

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant a key chosen to expire "on" `day` stops: the end of that day (midnight after it) in
 * the account's time zone. Null for no day; a problem for anything that is not a calendar day.
 */
function endOfDay(day: string, timeZone: string): Date | null | "invalid" {
  if (day === "") return null;
  const match = DAY.exec(day);
  if (!match) return "invalid";
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, date));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
    return "invalid";
  }
  return new Date(new TZDate(year, month - 1, date + 1, 0, 0, 0, 0, timeZone).getTime());
}

export async function createApiKeyAction(_previous: ApiKeySecretState, form: FormData): Promise<ApiKeySecretState> {
  const { effective } = await loadCurrentAccount();
  const expiresAt = endOfDay(text(form, "expiresOn"), effective.timezone.value);
  if (expiresAt === "invalid") {
    return { problems: [problem("invalid_date", "Choose the expiry as a date, like 2027-01-31.", "expiresAt")] };
  }
  const scopes = form.getAll("scopes").filter((value): value is string => typeof value === "string");
  const caller = await serverCaller();
  const result = await attempt(() =>
    // The scopes are checked by the procedure: each must be one the person may grant.
    caller.apiKeys.create({ name: text(form, "name"), scopes: scopes as KeyScope[], expiresAt }),
  );
  if (!result.ok) return result.state;
  const { key, apiKey } = result.value;
  return { problems: [], secret: { key, name: apiKey.name, prefix: apiKey.prefix } };
}

export async function revokeApiKeyAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const result = await attempt(() => caller.apiKeys.revoke({ keyId: text(form, "keyId") }));
  if (!result.ok) return result.state;
  return { problems: [], next: "/settings/api-keys?done=revoked" };
}
