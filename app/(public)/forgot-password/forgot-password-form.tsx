"use client";

import { FormSummary } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { requestPasswordResetAction } from "../actions";

const SUMMARY_ID = "forgot-password-problems";

/** Tenant (unless the host names it) and e-mail; the answer never says whether the user exists. */
export function ForgotPasswordForm({
  fixedTenant,
  initialTenant,
  initialEmail,
}: {
  fixedTenant: string | null;
  initialTenant: string;
  initialEmail: string;
}) {
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(requestPasswordResetAction, {
    summaryId: SUMMARY_ID,
  });
  const at = (field: string) => problemAt(state.problems, field);
  return (
    <form ref={formRef} onSubmit={onSubmit} method="post" noValidate className="flex flex-col gap-4">
      {fixedTenant ? (
        <input type="hidden" name="tenant" value={fixedTenant} />
      ) : (
        <Field id="forgot-tenant" label="Tenant" error={at("tenant")}>
          {(control) => (
            <Input
              {...control}
              name="tenant"
              autoComplete="organization"
              autoCapitalize="none"
              spellCheck={false}
              defaultValue={initialTenant}
              placeholder="your-company"
              required
            />
          )}
        </Field>
      )}
      <Field id="forgot-email" label="Email" error={at("email")}>
        {(control) => (
          <Input {...control} name="email" type="email" autoComplete="username" defaultValue={initialEmail} required />
        )}
      </Field>
      <FormSummary id={SUMMARY_ID} problems={state.problems} />
      <Button type="submit" disabled={!hydrated || pending}>
        {pending ? "Sending…" : "Send me a link"}
      </Button>
    </form>
  );
}
