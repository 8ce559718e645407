import type { Metadata } from "next";
import { TextLink } from "@/components/ui/link";
import { Notice } from "@/components/ui/notice";
import { serverCaller } from "@/server/api/server-caller";
import { acceptInvitationAction } from "../actions";
import { linkProblemOf } from "../link-problem";
import { PasswordForm } from "../password-form";
import { PublicCard } from "../public-card";

export const metadata: Metadata = { title: "Accept your invitation" };

/**
 * The page an invitation link opens, on the brand's host: the account and e-mail the invitation
 * is for, and a form for the invitee's name and password. A link of an account that does not sign
 * in on this host is answered as unknown, so it reveals nothing about the account.
 */
export default async function InvitationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = (await searchParams).token;
  const caller = await serverCaller();
  const { effective } = await caller.branding.forHost();
  const invitation =
    typeof token === "string"
      ? await caller.invitation.read({ token }).catch((error: unknown) => ({ problem: linkProblemOf(error) }))
      : { problem: "This invitation link is not complete. Open the link from the e-mail again." };

  return (
    <PublicCard effective={effective} titleId="invitation-title" title="Accept your invitation">
      {"problem" in invitation ? (
        <div className="flex flex-col gap-4">
          <Notice tone="error">{invitation.problem}</Notice>
          <TextLink href="/login">Go to sign-in</TextLink>
        </div>
      ) : (
        <div className="flex flex-col gap-4">
          <p className="text-sm text-slate-700" data-testid="invitation-summary">
            You are invited to <strong>{invitation.accountName}</strong> as <strong>{invitation.email}</strong>. Choose
            your name and a password to start.
          </p>
          <PasswordForm
            action={acceptInvitationAction}
            token={typeof token === "string" ? token : ""}
            email={invitation.email}
            name={invitation.name}
            submitLabel="Accept and continue"
          />
        </div>
      )}
    </PublicCard>
  );
}
