"use server";

import { serverCaller } from "@/server/api/server-caller";
import { parseAmount } from "@/server/billing/money";
import { attempt, type FormState } from "../../../form-state";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** The typed amount in the wallet's minor units, or the problem to show at the amount field. */
async function amountOf(
  form: FormData,
  field: string,
  options: { allowZero: boolean },
): Promise<{ minor: number } | { state: FormState }> {
  const caller = await serverCaller();
  const accountId = text(form, "accountId");
  const wallet = await attempt(() => caller.billing.wallet({ accountId }));
  if (!wallet.ok) return { state: wallet.state };
  const minor = parseAmount(text(form, "amount"), wallet.value.currency);
  if (minor === 0 && !options.allowZero) {
    return { state: { problems: [{ reason: "invalid_amount", field, message: "Enter an amount above zero." }] } };
  }
  if (minor === null) {
    return {
      state: {
        problems: [
          {
            reason: "invalid_amount",
            field,
            message: `Enter an amount in ${wallet.value.currency}, like 25 or 25.50, with no more decimals than the currency has.`,
          },
        ],
      },
    };
  }
  return { minor };
}

const POSTINGS = {
  top_up: { kind: "top_up", sign: 1 },
  refund: { kind: "refund", sign: 1 },
  credit: { kind: "adjustment", sign: 1 },
  debit: { kind: "adjustment", sign: -1 },
} as const;

/** A top-up, refund or adjustment of a child's wallet, once per the form's idempotency key. */
export async function postEntryAction(_previous: FormState, form: FormData): Promise<FormState> {
  const accountId = text(form, "accountId");
  const posting = POSTINGS[text(form, "posting") as keyof typeof POSTINGS] ?? POSTINGS.top_up;
  const amount = await amountOf(form, "amountMinor", { allowZero: false });
  if ("state" in amount) return amount.state;
  const caller = await serverCaller();
  const common = {
    accountId,
    amountMinor: posting.sign * amount.minor,
    reason: text(form, "reason"),
    idempotencyKey: text(form, "idempotencyKey"),
  };
  const result = await attempt(() =>
    posting.kind === "top_up" ? caller.billing.topUp(common) : caller.billing.adjust({ ...common, kind: posting.kind }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: `/accounts/${accountId}/wallet?done=${posting.kind}` };
}

export async function setCreditLimitAction(_previous: FormState, form: FormData): Promise<FormState> {
  const accountId = text(form, "accountId");
  const amount = await amountOf(form, "creditLimitMinor", { allowZero: true });
  if ("state" in amount) return amount.state;
  const caller = await serverCaller();
  const result = await attempt(() => caller.billing.setCreditLimit({ accountId, creditLimitMinor: amount.minor }));
  if (!result.ok) return result.state;
  return { problems: [], next: `/accounts/${accountId}/wallet?done=credit_limit` };
}
