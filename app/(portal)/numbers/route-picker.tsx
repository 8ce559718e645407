"use client";

import { useState } from "react";
import { FormSummary } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import type { Destination, DestinationKind } from "@/server/routing/destinations";
import { routeNumberAction } from "./actions";

const GROUPS: { kind: DestinationKind; label: string }[] = [
  { kind: "extension", label: "Extensions" },
  { kind: "department", label: "Departments" },
  { kind: "schedule", label: "Schedules" },
];

/** Where one number routes: the account's default, or one of its extensions, departments or schedules. */
export function RoutePicker(props: {
  number: { id: string; international: string; route: { kind: DestinationKind; id: string } | null };
  destinations: readonly Destination[];
  /** The list's search and page, kept after saving. */
  query: { q?: string; after?: string };
}) {
  const { number } = props;
  const summaryId = `route-${number.id}-problems`;
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(routeNumberAction, { summaryId });
  // What the person chose stays chosen after a refusal.
  const [value, setValue] = useState(number.route ? `${number.route.kind}:${number.route.id}` : "");
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-2">
      <input type="hidden" name="numberId" value={number.id} />
      {props.query.q ? <input type="hidden" name="q" value={props.query.q} /> : null}
      {props.query.after ? <input type="hidden" name="after" value={props.query.after} /> : null}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <Field
          id={`route-${number.id}`}
          label={<span>Route {number.international} to</span>}
          error={problemAt(state.problems, "destination", "destination.id", "destination.kind", "numberId")}
          className="min-w-0 flex-1"
        >
          {(control) => (
            <Select
              {...control}
              name="destination"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              data-testid="route-picker"
            >
              <option value="">Account default</option>
              {GROUPS.map((group) => {
                const options = props.destinations.filter((destination) => destination.kind === group.kind);
                return options.length === 0 ? null : (
                  <optgroup key={group.kind} label={group.label}>
                    {options.map((destination) => (
                      <option key={destination.id} value={`${destination.kind}:${destination.id}`}>
                        {destination.label}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </Select>
          )}
        </Field>
        <Button type="submit" variant="secondary" disabled={!hydrated || pending} className="self-start sm:self-end">
          {pending ? "Saving…" : "Save route"}
          <span className="sr-only"> for {number.international}</span>
        </Button>
      </div>
      <FormSummary id={summaryId} problems={state.problems} />
    </form>
  );
}
