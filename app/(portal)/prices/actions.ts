"use server";

import { serverCaller } from "@/server/api/server-caller";
import type { CallDirection } from "@/server/billing/rating";
import { attempt, type FormState } from "../form-state";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
};

/** "25" or "12.5" (percent, at most two decimals) as basis points; null when it is not one. */
async function percentToBasisPoints(value: string): Promise<number | null> {
  const match = /^(\d{1,4})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match?.[1]) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** "0.0125" (per minute, at most six decimals) as micros; null when it is not one. */
async function pricePerMinuteMicros(value: string): Promise<number | null> {
  const match = /^(\d{1,3})(?:\.(\d{1,6}))?$/.exec(value);
  if (!match?.[1]) return null;
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? "").padEnd(6, "0"));
}

export async function setMarkupAction(_previous: FormState, form: FormData): Promise<FormState> {
  const basisPoints = await percentToBasisPoints(text(form, "markup"));
  if (basisPoints === null) {
    return {
      problems: [
        { reason: "invalid_markup", field: "markupBasisPoints", message: "Enter a percentage like 25 or 12.5." },
      ],
    };
  }
  const caller = await serverCaller();
  const result = await attempt(() => caller.billing.setMarkup({ markupBasisPoints: basisPoints }));
  if (!result.ok) return result.state;
  return { problems: [], next: "/prices?done=markup" };
}

const INCREMENTS: Record<string, { first: number; next: number }> = {
  "60/60": { first: 60, next: 60 },
  "30/6": { first: 30, next: 6 },
  "6/6": { first: 6, next: 6 },
  "1/1": { first: 1, next: 1 },
};

export async function setPriceAction(_previous: FormState, form: FormData): Promise<FormState> {
  const micros = await pricePerMinuteMicros(text(form, "price"));
  if (micros === null) {
    return {
      problems: [
        {
          reason: "invalid_price",
          field: "pricePerMinuteMicros",
          message: "Enter a price per minute like 0.0125, with at most six decimals.",
        },
      ],
    };
  }
  const caller = await serverCaller();
  const result = await attempt(() =>
    caller.billing.setPrice({
      direction: text(form, "direction") as CallDirection,
      prefix: text(form, "prefix").replace(/^\+/, ""),
      pricePerMinuteMicros: micros,
      increment: INCREMENTS[text(form, "increment")] ?? { first: Number.NaN, next: Number.NaN },
    }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: "/prices?done=price" };
}

export async function removePriceAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const result = await attempt(() => caller.billing.removePrice({ overrideId: text(form, "overrideId") }));
  if (!result.ok) return result.state;
  return { problems: [], next: "/prices?done=removed" };
}
