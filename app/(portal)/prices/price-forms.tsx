"use client";

import { FormSummary } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { FormState } from "../form-state";

type Action = (state: FormState, form: FormData) => Promise<FormState>;

/** The markup on the reseller's own cost, as a percentage. */
export function MarkupForm({ current, action }: { current: string; action: Action }) {
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(action, { summaryId: "markup-problems" });
  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="Markup">
      <Field
        id="markup"
        label="Markup on your cost (%)"
        error={problemAt(state.problems, "markupBasisPoints")}
        help="Every call your prices below do not cover costs your customer what it costs you, plus this."
        className="max-w-xs"
      >
        {(control) => <Input {...control} name="markup" inputMode="decimal" defaultValue={current} required />}
      </Field>
      <FormSummary id="markup-problems" problems={state.problems} />
      <div>
        <Button type="submit" disabled={!hydrated || pending}>
          {pending ? "Saving…" : "Save the markup"}
        </Button>
      </div>
    </form>
  );
}

/** A price of the reseller's own for a direction and number prefix. */
export function PriceForm({ currency, action }: { currency: string; action: Action }) {
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(action, { summaryId: "price-problems" });
  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="Add or change a price">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-4">
        <Field id="price-direction" label="Calls" error={problemAt(state.problems, "direction")}>
          {(control) => (
            <Select {...control} name="direction" defaultValue="out">
              <option value="out">Outgoing</option>
              <option value="in">Incoming</option>
              <option value="dialer">Dialer</option>
            </Select>
          )}
        </Field>
        <Field
          id="price-prefix"
          label="Numbers starting with"
          error={problemAt(state.problems, "prefix")}
          help="Country and area code, like 44 or 4420; empty: every number."
        >
          {(control) => <Input {...control} name="prefix" inputMode="numeric" autoComplete="off" placeholder="44" />}
        </Field>
        <Field
          id="price-amount"
          label={`Price per minute (${currency})`}
          error={problemAt(state.problems, "pricePerMinuteMicros")}
        >
          {(control) => <Input {...control} name="price" inputMode="decimal" placeholder="0.0125" required />}
        </Field>
        <Field
          id="price-increment"
          label="Billed in"
          error={problemAt(state.problems, "increment.first", "increment.next")}
        >
          {(control) => (
            <Select {...control} name="increment" defaultValue="60/60">
              <option value="60/60">Whole minutes (60/60)</option>
              <option value="30/6">30 s, then 6 s (30/6)</option>
              <option value="6/6">6 s (6/6)</option>
              <option value="1/1">Seconds (1/1)</option>
            </Select>
          )}
        </Field>
      </div>
      <FormSummary id="price-problems" problems={state.problems} />
      <div>
        <Button type="submit" variant="secondary" disabled={!hydrated || pending}>
          {pending ? "Saving…" : "Save the price"}
        </Button>
      </div>
    </form>
  );
}

/** Removes one price: the markup applies to those calls again. */
export function RemovePriceButton({
  overrideId,
  label,
  action,
}: {
  overrideId: string;
  label: string;
  action: Action;
}) {
  const { onSubmit, pending, hydrated, formRef, state } = useFormAction(action, { summaryId: `remove-${overrideId}` });
  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex items-center gap-2">
      <input type="hidden" name="overrideId" value={overrideId} />
      <Button
        type="submit"
        variant="secondary"
        disabled={!hydrated || pending}
        aria-label={`Remove the price for ${label}`}
      >
        Remove
      </Button>
      <FormSummary id={`remove-${overrideId}`} problems={state.problems} />
    </form>
  );
}
