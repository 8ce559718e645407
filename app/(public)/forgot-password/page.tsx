import type { Metadata } from "next";
import { TextLink } from "@/components/ui/link";
import { Notice } from "@/components/ui/notice";
import { serverCaller } from "@/server/api/server-caller";
import { RESET_REQUESTED } from "@/server/people/password-reset";
import { PublicCard } from "../public-card";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

const param = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

/** "Forgot password?": asks for a link by e-mail; says the same whether or not the user exists. */
export default async function ForgotPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const { effective, fixedTenant } = await (await serverCaller()).branding.forHost();
  return (
    <PublicCard effective={effective} titleId="forgot-title" title="Forgot your password?">
      <div className="flex flex-col gap-4">
        {params.sent ? (
          <Notice tone="success">{RESET_REQUESTED}</Notice>
        ) : (
          <>
            <p className="text-sm text-slate-700">
              Enter the e-mail address you sign in with; we will send you a link to choose a new password.
            </p>
            <ForgotPasswordForm
              fixedTenant={fixedTenant}
              initialTenant={param(params.tenant)}
              initialEmail={param(params.email)}
            />
          </>
        )}
        <TextLink href="/login">Back to sign-in</TextLink>
      </div>
    </PublicCard>
  );
}
