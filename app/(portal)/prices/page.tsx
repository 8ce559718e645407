import type { Metadata } from "next";
import { DoneNotice } from "@/components/form/done-notice";
import { Card, CardTitle } from "@/components/ui/card";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import type { CallDirection } from "@/server/billing/rating";
import { removePriceAction, setMarkupAction, setPriceAction } from "./actions";
import { MarkupForm, PriceForm, RemovePriceButton } from "./price-forms";

export const metadata: Metadata = { title: "Prices" };

const DONE: Record<string, string> = {
  markup: "Markup saved.",
  price: "Price saved.",
  removed: "Price removed.",
};
const DIRECTIONS: Record<CallDirection, string> = { in: "Incoming", out: "Outgoing", dialer: "Dialer" };

/** A price per minute in micros as people write it: 12500 USD -> "0.0125 USD". */
const perMinute = (micros: number, currency: string) =>
  `${(micros / 1_000_000).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 6 })} ${currency}`;

/** What the reseller charges its children for calls: its markup, and its own prices by prefix. */
export default async function PricesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const list = await (await serverCaller()).billing
    .priceList()
    .catch((error: unknown) =>
      problemFor(error, { FORBIDDEN: "Prices are for resellers, and for the roles that may read billing." }),
    );
  const done = typeof query.done === "string" ? DONE[query.done] : undefined;

  return (
    <main className="flex flex-col gap-4">
      <PageHeader
        title="Prices"
        description="What your customers pay for their calls: what each call costs you, plus your markup, or your own price for the numbers you choose."
      />
      {done ? <DoneNotice key={Date.now()} message={done} /> : null}
      {"problem" in list ? (
        <ErrorText role="alert">{list.problem}</ErrorText>
      ) : (
        <>
          <Card aria-labelledby="markup-title">
            <CardTitle id="markup-title">Markup</CardTitle>
            <MarkupForm
              key={list.markupBasisPoints}
              current={String(list.markupBasisPoints / 100)}
              action={setMarkupAction}
            />
          </Card>
          <Card aria-labelledby="prices-title">
            <CardTitle id="prices-title">Your own prices</CardTitle>
            {list.overrides.length === 0 ? (
              <p className="mb-4 text-sm text-slate-600" data-testid="prices-empty">
                None yet: every call costs your customers your cost plus your markup.
              </p>
            ) : (
              <div className="mb-4">
                <Table stack data-testid="prices">
                  <TableHead>
                    <tr>
                      <TableHeader>Calls</TableHeader>
                      <TableHeader>Numbers starting with</TableHeader>
                      <TableHeader className="sm:text-right">Per minute</TableHeader>
                      <TableHeader>Billed in</TableHeader>
                      <TableHeader>
                        <span className="sr-only">Remove</span>
                      </TableHeader>
                    </tr>
                  </TableHead>
                  <TableBody>
                    {list.overrides.map((price) => {
                      const label = `${DIRECTIONS[price.direction].toLowerCase()} calls to ${price.prefix ? `+${price.prefix}` : "every number"}`;
                      return (
                        <TableRow key={price.id}>
                          <TableCell label="Calls">{DIRECTIONS[price.direction]}</TableCell>
                          <TableCell label="Numbers starting with">
                            {price.prefix ? `+${price.prefix}` : "Any"}
                          </TableCell>
                          <TableCell label="Per minute" className="tabular-nums sm:text-right">
                            {perMinute(price.pricePerMinuteMicros, list.currency)}
                          </TableCell>
                          <TableCell label="Billed in">
                            {price.increment.first}/{price.increment.next}
                          </TableCell>
                          <TableCell label="Remove">
                            <RemovePriceButton overrideId={price.id} label={label} action={removePriceAction} />
                          </TableCell>
                        </TableRow>
                      );
                    })}
                  </TableBody>
                </Table>
              </div>
            )}
            <PriceForm
              // A fresh form after every change: a saved price is not offered again.
              key={list.overrides.map((price) => `${price.id}:${price.pricePerMinuteMicros}`).join("|")}
              currency={list.currency}
              action={setPriceAction}
            />
          </Card>
        </>
      )}
    </main>
  );
}
