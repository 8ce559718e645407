import type { Metadata } from "next";
import { TextLink } from "@/components/ui/link";
import { Notice } from "@/components/ui/notice";
import { serverCaller } from "@/server/api/server-caller";
import { resetPasswordAction } from "../actions";
import { linkProblemOf } from "../link-problem";
import { PasswordForm } from "../password-form";
import { PublicCard } from "../public-card";

export const metadata: Metadata = { title: "Choose a new password" };

/** The page a password reset link opens: a new password, after which every session of the user ends. */
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = (await searchParams).token;
  const caller = await serverCaller();
  const { effective } = await caller.branding.forHost();
  const link =
    typeof token === "string"
      ? await caller.passwordReset.check({ token }).catch((error: unknown) => ({ problem: linkProblemOf(error) }))
      : { problem: "This password reset link is not complete. Open the link from the e-mail again." };

  return (
    <PublicCard effective={effective} titleId="reset-title" title="Choose a new password">
      {"problem" in link ? (
        <div className="flex flex-col gap-4">
          <Notice tone="error">{link.problem}</Notice>
          <TextLink href="/forgot-password">Ask for a new link</TextLink>
        </div>
      ) : (
        <div className="flex flex-col gap-4">
          <p className="text-sm text-slate-700">
            For <strong>{link.email}</strong>. Setting it signs you out on every device.
          </p>
          <PasswordForm
            action={resetPasswordAction}
            token={typeof token === "string" ? token : ""}
            email={link.email}
            submitLabel="Set the new password"
          />
        </div>
      )}
    </PublicCard>
  );
}
