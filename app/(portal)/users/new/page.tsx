import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { PageHeader } from "@/components/ui/page-header";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { roleHas } from "@/server/auth/permissions";
import { inviteUserAction } from "../actions";
import { InviteForm } from "../invite-form";

export const metadata: Metadata = { title: "Invite a user" };

export default async function InviteUserPage() {
  const { account, user } = await loadCurrentAccount();
  if (!roleHas(user.role, "users:write")) notFound();
  return (
    <main className="flex flex-col gap-4">
      <PageHeader
        back={<TextLink href="/users">Back to users</TextLink>}
        title={`Invite a user to ${account.name}`}
        description="They get an e-mail with a link to set their name and password. Until then they hold a seat of the plan."
      />
      <Card aria-label="Invitation">
        <InviteForm action={inviteUserAction} actorRole={user.role} />
      </Card>
    </main>
  );
}
