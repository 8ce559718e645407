"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ErrorText } from "@/components/ui/notice";
import { useHydrated } from "@/components/use-hydrated";
import { safeNextPath } from "@/server/http/safe-next";

export function LoginForm({
  fixedTenant,
  initialTenant,
  initialEmail = "",
  next,
}: {
  fixedTenant: string | null;
  initialTenant: string;
  /** Filled in after an invitation or a password reset, which know who is signing in. */
  initialEmail?: string;
  next: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        redirect: false,
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        tenant: fixedTenant ?? String(form.get("tenant") ?? ""),
      });
      if (!result || result.error) {
        setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Sign-in failed.");
        return;
      }
      // Checked again here: the prop is the only way in, but this is where the browser goes.
      router.replace(safeNextPath(next));
      router.refresh();
    } catch (failure) {
      setError(failure instanceof Error ? `Sign-in failed: ${failure.message}` : "Sign-in failed.");
    } finally {
      setPending(false);
    }
  }

  return (
    // method="post": a press before hydration must never put the password in the address bar.
    <form onSubmit={onSubmit} method="post" className="flex flex-col gap-4" noValidate aria-describedby="login-error">
      {fixedTenant ? (
        <input type="hidden" name="tenant" value={fixedTenant} />
      ) : (
        <Field id="login-tenant" label="Tenant">
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
      <Field id="login-email" label="Email">
        {(control) => (
          <Input {...control} name="email" type="email" autoComplete="username" defaultValue={initialEmail} required />
        )}
      </Field>
      <Field id="login-password" label="Password">
        {(control) => <Input {...control} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      <ErrorText id="login-error" role="alert" className="min-h-5">
        {error}
      </ErrorText>
      <Button type="submit" disabled={!hydrated || pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
