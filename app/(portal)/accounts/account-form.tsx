"use client";

import { useState } from "react";
import { suggestSlug } from "@/server/tenancy/slug";
import type { FormState } from "./actions";
import { useFormAction } from "./use-form-action";

type Limits = { maxIn: number; maxOut: number; maxDialer: number };
type Plan = { id: string; name: string };

const LIMITS: { key: keyof Limits; label: string }[] = [
  { key: "maxIn", label: "Inbound calls (max_in)" },
  { key: "maxOut", label: "Outbound calls (max_out)" },
  { key: "maxDialer", label: "Dialer calls (max_dialer)" },
];

const inputClass =
  "w-full rounded-lg border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30";

/** Create or edit an account below the reseller; the limits say which parent limit bounds them. */
export function AccountForm(props: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  mode: "create" | "edit";
  plans: Plan[];
  parent: { id: string; name: string; limits: Limits };
  floor?: Limits;
  account?: { id: string; name: string; slug: string; planId: string; limits: Limits };
}) {
  const [state, formAction, pending] = useFormAction(props.action);
  const [name, setName] = useState(props.account?.name ?? "");
  const [slug, setSlug] = useState(props.account?.slug ?? "");
  const [slugEdited, setSlugEdited] = useState(false);
  const limits = props.account?.limits ?? {
    maxIn: Math.min(10, props.parent.limits.maxIn),
    maxOut: Math.min(10, props.parent.limits.maxOut),
    maxDialer: Math.min(2, props.parent.limits.maxDialer),
  };

  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" aria-describedby="account-form-error">
      {props.account ? <input type="hidden" name="accountId" value={props.account.id} /> : null}
      {props.mode === "create" ? <input type="hidden" name="parentId" value={props.parent.id} /> : null}
      <div className="flex flex-col gap-1 text-sm font-medium">
        <label htmlFor="account-name">Name</label>
        <input
          id="account-name"
          className={inputClass}
          name="name"
          required
          maxLength={120}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            if (props.mode === "create" && !slugEdited) setSlug(suggestSlug(event.target.value));
          }}
        />
      </div>
      {props.mode === "create" ? (
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor="account-slug">Slug</label>
          <input
            id="account-slug"
            className={inputClass}
            name="slug"
            required
            pattern="[a-z0-9][a-z0-9\-]{1,38}[a-z0-9]"
            autoCapitalize="none"
            spellCheck={false}
            value={slug}
            aria-describedby="slug-help"
            onChange={(event) => {
              setSlug(event.target.value);
              setSlugEdited(true);
            }}
          />
          <span id="slug-help" className="font-normal text-slate-600">
            The tenant name users sign in with: 3 to 40 lowercase letters, digits or hyphens. It cannot be changed
            later.
          </span>
        </div>
      ) : null}
      <div className="flex flex-col gap-1 text-sm font-medium">
        <label htmlFor="account-plan">Plan</label>
        <select
          id="account-plan"
          className={inputClass}
          name="planId"
          defaultValue={props.account?.planId ?? props.plans[0]?.id}
        >
          {props.plans.map((plan) => (
            <option key={plan.id} value={plan.id}>
              {plan.name}
            </option>
          ))}
        </select>
      </div>
      {props.mode === "create" ? (
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="isReseller" className="h-4 w-4" />
          This account is a reseller (it can have accounts of its own)
        </label>
      ) : null}
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-1 text-sm font-medium">Limits</legend>
        {LIMITS.map(({ key, label }) => (
          <div key={key} className="flex flex-col gap-1 text-sm font-medium">
            <label htmlFor={`limit-${key}`}>{label}</label>
            <input
              id={`limit-${key}`}
              className={inputClass}
              name={key}
              type="number"
              inputMode="numeric"
              min={props.floor?.[key] ?? 0}
              max={props.parent.limits[key]}
              required
              defaultValue={limits[key]}
              aria-describedby={`${key}-help`}
            />
            <span id={`${key}-help`} className="font-normal text-slate-600">
              At most {props.parent.limits[key]} ({props.parent.name})
              {props.floor && props.floor[key] > 0 ? `, at least ${props.floor[key]} (a child account)` : ""}
            </span>
          </div>
        ))}
      </fieldset>
      <p id="account-form-error" role="alert" className="min-h-5 text-sm text-red-700">
        {state.problems.map((problem) => problem.message).join(" ")}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="self-start rounded-lg bg-brand px-4 py-2 font-semibold text-on-brand shadow-sm disabled:opacity-60"
      >
        {pending ? "Saving…" : props.mode === "create" ? "Create account" : "Save changes"}
      </button>
    </form>
  );
}
