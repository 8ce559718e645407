"use server";

import { serverCaller } from "@/server/api/server-caller";
import { parseAmount } from "@/server/billing/money";
import { attempt, type FormState } from "../form-state";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * Sets or turns off the low-balance alert of the caller's own account (no accountId) or of one of
 * its children, then goes back to the page the form is on. An empty amount or the "Turn off"
 * button turns the alert off.
 */
export async function setAlertThresholdAction(_previous: FormState, form: FormData): Promise<FormState> {
  const accountId = text(form, "accountId") || undefined;
  const caller = await serverCaller();
  const wallet = await attempt(() => caller.billing.wallet({ accountId }));
  if (!wallet.ok) return wallet.state;
  const typed = text(form, "amount").trim();
  const off = text(form, "intent") === "off" || typed === "";
  const thresholdMinor = off ? null : parseAmount(typed, wallet.value.currency);
  if (!off && thresholdMinor === null) {
    return {
      problems: [
        {
          reason: "invalid_amount",
          field: "thresholdMinor",
          message: `Enter an amount in ${wallet.value.currency}, like 20 or 20.50, or leave it empty for no alert.`,
        },
      ],
    };
  }
  const result = await attempt(() => caller.billing.setAlertThreshold({ accountId, thresholdMinor }));
  if (!result.ok) return result.state;
  const done = off ? "alert_off" : "alert";
  return { problems: [], next: accountId ? `/accounts/${accountId}/wallet?done=${done}` : `/billing?done=${done}` };
}
