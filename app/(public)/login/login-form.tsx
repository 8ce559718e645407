"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { safeNextPath } from "@/server/http/safe-next";

const inputClass =
  "w-full rounded-lg border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30";

export function LoginForm({
  fixedTenant,
  initialTenant,
  next,
}: {
  fixedTenant: string | null;
  initialTenant: string;
  next: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

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
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-describedby="login-error">
      {fixedTenant ? (
        <input type="hidden" name="tenant" value={fixedTenant} />
      ) : (
        <label className="flex flex-col gap-1 text-sm font-medium">
          Tenant
          <input
            className={inputClass}
            name="tenant"
            autoComplete="organization"
            autoCapitalize="none"
            spellCheck={false}
            defaultValue={initialTenant}
            placeholder="your-company"
            required
          />
        </label>
      )}
      <label className="flex flex-col gap-1 text-sm font-medium">
        Email
        <input className={inputClass} name="email" type="email" autoComplete="username" required />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Password
        <input className={inputClass} name="password" type="password" autoComplete="current-password" required />
      </label>
      <p id="login-error" role="alert" className="min-h-5 text-sm text-red-700">
        {error}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-brand px-4 py-2 font-semibold text-on-brand shadow-sm hover:opacity-90 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
