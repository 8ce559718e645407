import type { Metadata } from "next";
import { DoneNotice } from "@/components/form/done-notice";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/api/server-caller";
import { NameForm, PasswordChangeForm } from "./profile-forms";

export const metadata: Metadata = { title: "Your profile" };

const DONE: Record<string, string> = {
  name: "Your name was saved.",
  password: "Your password was changed. You stay signed in here; every other device was signed out.",
};

/** The signed-in person's own name and password (in their own account, whatever account is open). */
export default async function ProfilePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const done = (await searchParams).done;
  const profile = await (await serverCaller()).profile.get();
  const notice = typeof done === "string" ? DONE[done] : undefined;
  return (
    <main className="flex flex-col gap-4">
      <PageHeader title="Your profile" />
      {notice ? <DoneNotice key={Date.now()} message={notice} /> : null}
      <Card aria-labelledby="profile-name-title" className="flex flex-col gap-4">
        <h2 id="profile-name-title" className="text-lg font-semibold">
          Name
        </h2>
        <p className="text-sm text-slate-600">
          You sign in as <strong>{profile.email}</strong> ({profile.role}).
        </p>
        <NameForm key={profile.name} name={profile.name} />
      </Card>
      <Card aria-labelledby="profile-password-title" className="flex flex-col gap-4">
        <h2 id="profile-password-title" className="text-lg font-semibold">
          Password
        </h2>
        <PasswordChangeForm email={profile.email} />
      </Card>
    </main>
  );
}
