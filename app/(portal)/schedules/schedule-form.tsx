"use client";

import { useEffect, useId, useState } from "react";
import { FormSummary } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useFormAction } from "@/components/form/use-form-action";
import { useUnsavedChanges } from "@/components/form/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { WEEKDAYS } from "@/server/schedules/time-of-day";
import type { FormState } from "../form-state";

type Kind = "extension" | "department";

/** The two ends of an opening range, in the order a person reads them. */
const TIME_FIELDS = [
  { edge: "opens", placeholder: "09:00" },
  { edge: "closes", placeholder: "17:00" },
] as const;

export type DestinationOption = { kind: Kind; id: string; label: string };
type Range = { key: string; weekday: number; opens: string; closes: string };
type Holiday = { key: string; day: string; name: string };
type Values = {
  name: string;
  zoneMode: "inherit" | "own";
  zone: string;
  hours: Range[];
  holidays: Holiday[];
  open: string;
  closed: string;
};

export type ScheduleFormProps = {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  mode: "create" | "edit";
  timeZones: string[];
  /** The account's effective zone, which "inherit" follows, and where it comes from. */
  accountZone: { value: string; from: string };
  destinations: DestinationOption[];
  schedule?: {
    id: string;
    name: string;
    timezone: string | null;
    hours: { weekday: number; opens: string; closes: string }[];
    holidays: { day: string; name: string }[];
    open: { kind: Kind; id: string } | null;
    closed: { kind: Kind; id: string } | null;
  };
};

const destinationValue = (destination: { kind: Kind; id: string } | null) =>
  destination ? `${destination.kind}:${destination.id}` : "";

function destinationOf(value: string): { kind: Kind; id: string } | null {
  const [kind, id] = value.split(":");
  return (kind === "extension" || kind === "department") && id ? { kind, id } : null;
}

let counter = 0;
const nextKey = () => {
  counter += 1;
  return `row-${counter}`;
};

/** The hours in the order they are sent: by weekday, then as listed (problems name these indexes). */
const inSentOrder = (hours: Range[]) =>
  WEEKDAYS.flatMap(({ weekday }) => hours.filter((range) => range.weekday === weekday));

/**
 * A schedule's name, time zone (the account's, shown, or its own), weekly hours (several ranges a
 * day, 24:00 for midnight), holidays and where calls go while open and closed. Plain inputs and
 * buttons throughout, so the keyboard reaches everything, and rows that wrap at phone width. What
 * was typed stays after any refusal; each problem shows at its field and by the button.
 */
export function ScheduleForm(props: ScheduleFormProps) {
  const summaryId = `schedule-${props.mode}-problems`;
  const prefix = useId().replace(/:/g, "");
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(props.action, { summaryId });
  const [baseline] = useState<Values>(() => ({
    name: props.schedule?.name ?? "",
    zoneMode: props.schedule?.timezone ? "own" : "inherit",
    zone: props.schedule?.timezone ?? props.accountZone.value,
    hours: (props.schedule?.hours ?? []).map((range) => ({ ...range, key: nextKey() })),
    holidays: (props.schedule?.holidays ?? []).map((holiday) => ({ ...holiday, key: nextKey() })),
    open: destinationValue(props.schedule?.open ?? null),
    closed: destinationValue(props.schedule?.closed ?? null),
  }));
  const [values, setValues] = useState(baseline);
  // Keyboard users land where they work next: a new row's first input, or after a removal the
  // button that adds one again (the removed button would otherwise drop the focus to the page).
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);
  const strip = (current: Values) => ({
    ...current,
    hours: current.hours.map(({ key: _key, ...rest }) => rest),
    holidays: current.holidays.map(({ key: _key, ...rest }) => rest),
  });
  const dirty = JSON.stringify(strip(values)) !== JSON.stringify(strip(baseline));
  useUnsavedChanges(dirty && !state.next);

  const sentHours = inSentOrder(values.hours);
  const payload = JSON.stringify({
    name: values.name,
    timezone: values.zoneMode === "own" ? values.zone : null,
    hours: sentHours.map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
    holidays: values.holidays.map(({ day, name }) => ({ day, name })),
    open: destinationOf(values.open),
    closed: destinationOf(values.closed),
  });
  const at = (field: string) => problemAt(state.problems, field);
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const changeRange = (key: string, change: Partial<Range>) =>
    set(
      "hours",
      values.hours.map((range) => (range.key === key ? { ...range, ...change } : range)),
    );
  const changeHoliday = (key: string, change: Partial<Holiday>) =>
    set(
      "holidays",
      values.holidays.map((holiday) => (holiday.key === key ? { ...holiday, ...change } : holiday)),
    );

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      {props.schedule ? <input type="hidden" name="id" value={props.schedule.id} /> : null}
      <input type="hidden" name="payload" value={payload} />
      <Field id={`${prefix}-name`} label="Name" error={at("name")} className="max-w-xl">
        {(control) => (
          <Input
            {...control}
            required
            maxLength={80}
            value={values.name}
            onChange={(event) => set("name", event.target.value)}
          />
        )}
      </Field>

      <fieldset className="flex max-w-xl flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Time zone</legend>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name={`${prefix}-zone-mode`}
            className="mt-1 accent-brand"
            checked={values.zoneMode === "inherit"}
            onChange={() => set("zoneMode", "inherit")}
          />
          <span>
            The account's time zone: <strong>{props.accountZone.value}</strong> ({props.accountZone.from})
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name={`${prefix}-zone-mode`}
            className="mt-1 accent-brand"
            checked={values.zoneMode === "own"}
            onChange={() => set("zoneMode", "own")}
          />
          <span>Its own time zone</span>
        </label>
        {values.zoneMode === "own" ? (
          <Field id={`${prefix}-zone`} label="Own time zone" error={at("timezone")}>
            {(control) => (
              <Select {...control} value={values.zone} onChange={(event) => set("zone", event.target.value)}>
                {props.timeZones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ) : null}
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 text-sm font-medium">Opening hours</legend>
        <p className="text-sm text-slate-600">
          In the schedule's local time, as 24-hour times like 09:00; 24:00 is midnight at the end of the day. A day with
          no hours is closed.
        </p>
        {at("hours") ? <p className="text-sm font-medium text-red-700">{at("hours")}</p> : null}
        {WEEKDAYS.map(({ weekday, name }) => {
          const ranges = values.hours.filter((range) => range.weekday === weekday);
          return (
            <section
              key={weekday}
              aria-label={name}
              className="flex flex-col gap-2 border-t border-slate-200 pt-2"
              data-testid={`hours-${weekday}`}
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 className="text-sm font-semibold">{name}</h3>
                {ranges.length === 0 ? <span className="text-sm text-slate-600">Closed</span> : null}
              </div>
              {ranges.map((range, nth) => {
                const index = sentHours.indexOf(range);
                const label = `${name}${ranges.length > 1 ? ` (${nth + 1})` : ""}`;
                return (
                  <div key={range.key} className="flex flex-wrap items-end gap-3">
                    {TIME_FIELDS.map(({ edge, placeholder }) => (
                      <Field
                        key={edge}
                        id={`${prefix}-${range.key}-${edge}`}
                        label={`${label} ${edge}`}
                        error={at(`hours.${index}.${edge}`)}
                      >
                        {(control) => (
                          <Input
                            {...control}
                            className="w-28"
                            inputMode="numeric"
                            placeholder={placeholder}
                            maxLength={5}
                            value={range[edge]}
                            onChange={(event) => changeRange(range.key, { [edge]: event.target.value })}
                          />
                        )}
                      </Field>
                    ))}
                    <Button
                      variant="secondary"
                      size="sm"
                      onClick={() => {
                        set(
                          "hours",
                          values.hours.filter((each) => each.key !== range.key),
                        );
                        setFocusId(`${prefix}-add-${weekday}`);
                      }}
                      aria-label={`Remove ${label} hours`}
                    >
                      Remove
                    </Button>
                  </div>
                );
              })}
              <Button
                id={`${prefix}-add-${weekday}`}
                variant="link"
                size="sm"
                className="self-start"
                onClick={() => {
                  const key = nextKey();
                  const first = ranges.length === 0;
                  set("hours", [
                    ...values.hours,
                    { key, weekday, opens: first ? "09:00" : "", closes: first ? "17:00" : "" },
                  ]);
                  setFocusId(`${prefix}-${key}-opens`);
                }}
                aria-label={`Add hours on ${name}`}
              >
                Add hours
              </Button>
            </section>
          );
        })}
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 text-sm font-medium">Holidays</legend>
        <p className="text-sm text-slate-600">Closed all day on these dates (in the schedule's time zone).</p>
        {values.holidays.length === 0 ? <p className="text-sm text-slate-600">No holidays.</p> : null}
        {values.holidays.map((holiday, index) => (
          <div key={holiday.key} className="flex flex-wrap items-end gap-3">
            <Field id={`${prefix}-${holiday.key}-day`} label="Date" error={at(`holidays.${index}.day`)}>
              {(control) => (
                <Input
                  {...control}
                  type="date"
                  className="w-44"
                  value={holiday.day}
                  onChange={(event) => changeHoliday(holiday.key, { day: event.target.value })}
                />
              )}
            </Field>
            <Field id={`${prefix}-${holiday.key}-name`} label="Holiday" error={at(`holidays.${index}.name`)}>
              {(control) => (
                <Input
                  {...control}
                  className="w-56"
                  maxLength={80}
                  value={holiday.name}
                  onChange={(event) => changeHoliday(holiday.key, { name: event.target.value })}
                />
              )}
            </Field>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                set(
                  "holidays",
                  values.holidays.filter((each) => each.key !== holiday.key),
                );
                setFocusId(`${prefix}-add-holiday`);
              }}
              aria-label={`Remove the holiday ${holiday.name || holiday.day || index + 1}`}
            >
              Remove
            </Button>
          </div>
        ))}
        <Button
          id={`${prefix}-add-holiday`}
          variant="link"
          size="sm"
          className="self-start"
          onClick={() => {
            const key = nextKey();
            set("holidays", [...values.holidays, { key, day: "", name: "" }]);
            setFocusId(`${prefix}-${key}-day`);
          }}
        >
          Add a holiday
        </Button>
      </fieldset>

      <div className="grid max-w-xl gap-4 sm:grid-cols-2">
        {(["open", "closed"] as const).map((which) => (
          <Field
            key={which}
            id={`${prefix}-${which}`}
            label={which === "open" ? "While open, calls go to" : "While closed, calls go to"}
            error={at(`${which}.id`) ?? at(which) ?? at(`${which}.kind`)}
          >
            {(control) => (
              <Select {...control} value={values[which]} onChange={(event) => set(which, event.target.value)}>
                <option value="">Not set</option>
                {(["extension", "department"] as const).map((kind) => {
                  const options = props.destinations.filter((each) => each.kind === kind);
                  return options.length > 0 ? (
                    <optgroup key={kind} label={kind === "extension" ? "Extensions" : "Departments"}>
                      {options.map((each) => (
                        <option key={each.id} value={`${each.kind}:${each.id}`}>
                          {each.label}
                        </option>
                      ))}
                    </optgroup>
                  ) : null;
                })}
              </Select>
            )}
          </Field>
        ))}
      </div>

      <div className="flex flex-col gap-3">
        <FormSummary id={summaryId} problems={state.problems} />
        <Button type="submit" disabled={!hydrated || pending} className="self-start">
          {pending ? "Saving…" : props.mode === "create" ? "Create schedule" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
