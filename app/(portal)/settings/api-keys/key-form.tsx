"use client";

import { type FormEvent, startTransition, useActionState, useEffect, useRef, useState } from "react";
import { FormSummary, focusFirstProblem } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useSureNavigation } from "@/components/form/use-sure-navigation";
import { useUnsavedChanges } from "@/components/form/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { Field, fieldIds } from "@/components/ui/field";
import { Checkbox, Input } from "@/components/ui/input";
import { useHydrated } from "@/components/use-hydrated";
import { type ApiKeySecretState, createApiKeyAction } from "./actions";
import { KeySecretDialog, type NewKeySecret } from "./key-secret-dialog";

export type ScopeGroup = { noun: string; label: string; scopes: { scope: string; label: string }[] };
type Access = "read" | "write" | "custom";

const INITIAL: ApiKeySecretState = { problems: [] };
const SUMMARY_ID = "api-key-problems";

/**
 * Name, access and an optional expiry. "Read only" and "Read and write" are the person's own
 * grantable permissions (read halves, or all); "Custom" shows them as checkboxes by noun. What was
 * typed stays after a refusal; the new key opens in a dialog, once.
 */
export function KeyForm(props: {
  groups: ScopeGroup[];
  presets: { read: string[]; write: string[] };
  tenant: string;
  /** the first and last day the expiry may be, as YYYY-MM-DD in the account's time zone */
  minDay: string;
  maxDay: string;
  timeZone: string;
}) {
  const navigate = useSureNavigation();
  const [state, dispatch, pending] = useActionState(createApiKeyAction, INITIAL);
  const [secret, setSecret] = useState<NewKeySecret | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const hydrated = useHydrated();
  const initial = { name: "", access: "read" as Access, custom: [] as string[], expiresOn: "" };
  const [values, setValues] = useState(initial);
  useUnsavedChanges((values.name !== "" || values.expiresOn !== "" || values.custom.length > 0) && !secret);

  useEffect(() => {
    if (state.secret) setSecret(state.secret);
    else if (state.problems.length > 0) focusFirstProblem(formRef.current, SUMMARY_ID);
  }, [state]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(() => dispatch(new FormData(event.currentTarget)));
  };
  const at = (field: string) => problemAt(state.problems, field);
  const scopesProblem = problemAt(state.problems, "scopes", ...values.custom.map((_, index) => `scopes.${index}`));
  const chosen = values.access === "custom" ? values.custom : props.presets[values.access];
  const toggle = (scope: string, on: boolean) =>
    setValues((current) => ({
      ...current,
      custom: on ? [...current.custom, scope] : current.custom.filter((each) => each !== scope),
    }));
  const accessIds = fieldIds("api-key-access");

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      className="flex max-w-xl flex-col gap-4"
      aria-labelledby="new-key"
    >
      <Field id="api-key-name" label="Name" error={at("name")} help="What uses it, like Billing export.">
        {(control) => (
          <Input
            {...control}
            name="name"
            required
            maxLength={100}
            autoComplete="off"
            value={values.name}
            onChange={(event) => setValues((current) => ({ ...current, name: event.target.value }))}
          />
        )}
      </Field>

      <fieldset className="flex flex-col gap-2" aria-describedby={scopesProblem ? accessIds.error : undefined}>
        <legend className="mb-1 text-sm font-medium">Access</legend>
        {(
          [
            ["read", "Read only", "Reads everything you can read; changes nothing."],
            ["write", "Read and write", "Does everything you can do, except manage people's keys."],
            ["custom", "Custom", "Choose the permissions one by one."],
          ] as const
        ).map(([access, label, help]) => (
          <label key={access} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="access"
              value={access}
              className="mt-1 h-4 w-4 shrink-0 accent-brand"
              checked={values.access === access}
              onChange={() => setValues((current) => ({ ...current, access }))}
            />
            <span>
              <span className="font-medium">{label}</span>
              <span className="block text-slate-600">{help}</span>
            </span>
          </label>
        ))}
        {scopesProblem ? (
          <p id={accessIds.error} className="text-sm font-medium text-red-700" data-testid={accessIds.error}>
            {scopesProblem}
          </p>
        ) : null}
      </fieldset>

      {values.access === "custom" ? (
        <div className="grid gap-3 sm:grid-cols-2" data-testid="api-key-custom-scopes">
          {props.groups.map((group) => (
            <fieldset key={group.noun} className="flex flex-col gap-1">
              <legend className="text-sm font-medium">{group.label}</legend>
              {group.scopes.map(({ scope, label }) => (
                <Checkbox
                  key={scope}
                  name="scopes"
                  value={scope}
                  label={label}
                  checked={values.custom.includes(scope)}
                  onChange={(event) => toggle(scope, event.target.checked)}
                />
              ))}
            </fieldset>
          ))}
        </div>
      ) : (
        chosen.map((scope) => <input key={scope} type="hidden" name="scopes" value={scope} />)
      )}

      <Field
        id="api-key-expires"
        label="Expires on (optional)"
        error={at("expiresAt")}
        help={`At the end of that day (${props.timeZone}), within a year. Empty: it works until revoked.`}
      >
        {(control) => (
          <Input
            {...control}
            name="expiresOn"
            type="date"
            min={props.minDay}
            max={props.maxDay}
            className="w-auto max-w-full"
            value={values.expiresOn}
            onChange={(event) => setValues((current) => ({ ...current, expiresOn: event.target.value }))}
          />
        )}
      </Field>

      <div className="flex flex-col gap-3">
        <FormSummary id={SUMMARY_ID} problems={state.problems} />
        <Button type="submit" disabled={!hydrated || pending} className="self-start">
          {pending ? "Creating…" : "Create key"}
        </Button>
      </div>
      <KeySecretDialog
        secret={secret}
        tenant={props.tenant}
        onClose={() => {
          setSecret(null);
          setValues(initial);
          // A navigation rather than a refresh: the list is rendered afresh with the new key, and
          // the notice says where it went.
          navigate("/settings/api-keys?done=created");
        }}
      />
    </form>
  );
}
