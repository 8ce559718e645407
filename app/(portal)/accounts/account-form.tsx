"use client";

import { useState } from "react";
import { FormSummary } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useFormAction } from "@/components/form/use-form-action";
import { useUnsavedChanges } from "@/components/form/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { suggestSlug } from "@/server/tenancy/slug";
import { fieldLabel } from "../field-labels";
import type { FormState } from "../form-state";

type Limits = { maxIn: number; maxOut: number; maxDialer: number };
type Plan = { id: string; name: string; maxConcurrentCalls: number | null };

const LIMIT_KEYS: (keyof Limits)[] = ["maxIn", "maxOut", "maxDialer"];
const SUMMARY_ID = "account-form-problems";

/** Everything the form holds, as typed: controlled, so nothing is lost when the server refuses it. */
type Values = {
  name: string;
  slug: string;
  planId: string;
  isReseller: boolean;
  ownerName: string;
  ownerEmail: string;
} & Record<keyof Limits, string>;

function initialValues(props: Parameters<typeof AccountForm>[0]): Values {
  const plan = props.plans[0];
  // A new account starts within its parent's limits and what the first plan sells.
  const start = (suggested: number, key: keyof Limits) =>
    Math.min(suggested, props.parent.limits[key], plan?.maxConcurrentCalls ?? suggested);
  const limits = props.account?.limits ?? {
    maxIn: start(10, "maxIn"),
    maxOut: start(10, "maxOut"),
    maxDialer: start(2, "maxDialer"),
  };
  return {
    name: props.account?.name ?? "",
    slug: props.account?.slug ?? "",
    planId: props.account?.planId ?? plan?.id ?? "",
    isReseller: false,
    ownerName: "",
    ownerEmail: "",
    maxIn: String(limits.maxIn),
    maxOut: String(limits.maxOut),
    maxDialer: String(limits.maxDialer),
  };
}

/**
 * Create or edit an account below the reseller. The limits say which parent limit and which plan
 * bound them. What was typed stays after any refusal; every problem shows at its field and in the
 * summary by the button; leaving with unsaved changes asks first. The edit page remounts the form
 * (its key) when the saved account changes, so what it shows is what was saved.
 */
export function AccountForm(props: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  mode: "create" | "edit";
  plans: Plan[];
  parent: { id: string; name: string; limits: Limits };
  floor?: Limits;
  account?: { id: string; name: string; slug: string; planId: string; limits: Limits };
}) {
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(props.action, { summaryId: SUMMARY_ID });
  const [baseline] = useState(() => initialValues(props));
  const [values, setValues] = useState(baseline);
  const [slugEdited, setSlugEdited] = useState(false);
  const dirty = (Object.keys(values) as (keyof Values)[]).some((key) => values[key] !== baseline[key]);
  // Once saved, the page navigates: nothing is left unsaved then.
  useUnsavedChanges(dirty && !state.next);

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const plan = props.plans.find((each) => each.id === values.planId);
  const problems = state.problems;
  // Problems about a field of this form show there; the rest (and all of them) in the summary.
  const at = (field: string) => problemAt(problems, field);

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4">
      {props.account ? <input type="hidden" name="accountId" value={props.account.id} /> : null}
      {props.mode === "create" ? <input type="hidden" name="parentId" value={props.parent.id} /> : null}
      <Field id="account-name" label="Name" error={at("name")}>
        {(control) => (
          <Input
            {...control}
            name="name"
            required
            maxLength={120}
            value={values.name}
            onChange={(event) => {
              const name = event.target.value;
              setValues((current) => ({
                ...current,
                name,
                slug: props.mode === "create" && !slugEdited ? suggestSlug(name) : current.slug,
              }));
            }}
          />
        )}
      </Field>
      {props.mode === "create" ? (
        <Field
          id="account-slug"
          label="Slug"
          error={at("slug")}
          help="The tenant name users sign in with: 3 to 40 lowercase letters, digits or hyphens. It cannot be changed later."
        >
          {(control) => (
            <Input
              {...control}
              name="slug"
              required
              autoCapitalize="none"
              spellCheck={false}
              value={values.slug}
              onChange={(event) => {
                set("slug", event.target.value);
                setSlugEdited(true);
              }}
            />
          )}
        </Field>
      ) : null}
      <Field
        id="account-plan"
        label="Plan"
        error={at("planId")}
        help={
          plan
            ? `${plan.name}: ${plan.maxConcurrentCalls === null ? "unlimited" : plan.maxConcurrentCalls} concurrent calls.`
            : undefined
        }
      >
        {(control) => (
          <Select
            {...control}
            name="planId"
            value={values.planId}
            onChange={(event) => set("planId", event.target.value)}
          >
            {props.plans.map((each) => (
              <option key={each.id} value={each.id}>
                {each.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {props.mode === "create" ? (
        <Checkbox
          name="isReseller"
          checked={values.isReseller}
          onChange={(event) => set("isReseller", event.target.checked)}
          label="This account is a reseller (it can have accounts of its own)"
        />
      ) : null}
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-1 text-sm font-medium">Limits</legend>
        {LIMIT_KEYS.map((key) => {
          const ceiling = plan?.maxConcurrentCalls ?? null;
          const floor = props.floor?.[key] ?? 0;
          return (
            <Field
              key={key}
              id={`limit-${key}`}
              label={fieldLabel(key)}
              error={at(`limits.${key}`)}
              help={
                <>
                  At most {props.parent.limits[key]} ({props.parent.name})
                  {ceiling !== null && ceiling < props.parent.limits[key] ? ` and ${ceiling} (${plan?.name} plan)` : ""}
                  {floor > 0 ? `, at least ${floor} (a child account)` : ""}
                </>
              }
            >
              {(control) => (
                <Input
                  {...control}
                  name={key}
                  type="number"
                  inputMode="numeric"
                  min={floor}
                  max={ceiling === null ? props.parent.limits[key] : Math.min(props.parent.limits[key], ceiling)}
                  required
                  value={values[key]}
                  onChange={(event) => set(key, event.target.value)}
                />
              )}
            </Field>
          );
        })}
      </fieldset>
      {props.mode === "create" ? (
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-1 text-sm font-medium">First owner</legend>
          <p className="text-sm text-slate-600">
            They get an e-mail with a link to set their password and sign in; they can then invite the others.
          </p>
          <Field id="owner-name" label="Owner's name" error={at("owner.name")}>
            {(control) => (
              <Input
                {...control}
                name="ownerName"
                required
                maxLength={120}
                value={values.ownerName}
                onChange={(event) => set("ownerName", event.target.value)}
              />
            )}
          </Field>
          <Field id="owner-email" label="Owner's e-mail" error={at("owner.email")}>
            {(control) => (
              <Input
                {...control}
                name="ownerEmail"
                type="email"
                autoComplete="off"
                required
                maxLength={254}
                value={values.ownerEmail}
                onChange={(event) => set("ownerEmail", event.target.value)}
              />
            )}
          </Field>
        </fieldset>
      ) : null}
      <div className="flex flex-col gap-3">
        <FormSummary id={SUMMARY_ID} problems={problems} />
        <Button type="submit" disabled={!hydrated || pending} className="self-start">
          {pending ? "Saving…" : props.mode === "create" ? "Create account" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
