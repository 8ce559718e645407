import type { Metadata } from "next";
import { DoneNotice } from "@/components/form/done-notice";
import { Card, CardTitle } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { PageHeader } from "@/components/ui/page-header";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { notFoundOn } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { roleHas } from "@/server/auth/permissions";
import { mayManageRole } from "@/server/people/role-rules";
import { updateUserAction, userStatusAction } from "../actions";
import { RoleBadge, UserStatusBadge } from "../user-badges";
import { UserForm } from "../user-form";
import { UserStatusPanel } from "../user-status-panel";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { id } = await params;
  const person = await (await serverCaller()).users.get({ userId: id }).catch(() => null);
  return { title: person ? person.name : "User" };
}

const DONE: Record<string, string> = {
  invited: "Invitation sent.",
  saved: "Changes saved.",
  deactivated: "User deactivated.",
  reactivated: "User reactivated.",
  resent: "Invitation sent again.",
};

export default async function UserPage({ params, searchParams }: Props) {
  const [{ id }, query, { user }] = await Promise.all([params, searchParams, loadCurrentAccount()]);
  const person = await (await serverCaller()).users.get({ userId: id }).catch((error: unknown) => {
    // Not of this account, or not an id: no such page.
    notFoundOn(error, ["NOT_FOUND", "BAD_REQUEST"]);
    throw error;
  });
  const done = typeof query.done === "string" ? DONE[query.done] : undefined;
  const self = person.id === user.id;
  const mayWrite = roleHas(user.role, "users:write");
  const mayManage = mayWrite && mayManageRole(user.role, person.role);

  return (
    <main className="flex flex-col gap-4">
      <PageHeader
        back={<TextLink href="/users">Back to users</TextLink>}
        title={person.name}
        testId="user-name"
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="break-all">{person.email}</span> <RoleBadge role={person.role} />{" "}
            <UserStatusBadge status={person.status} />
          </span>
        }
      />
      {done ? <DoneNotice key={Date.now()} message={done} /> : null}
      {mayManage ? (
        <Card aria-label="Details">
          <UserForm
            key={`${person.name}|${person.role}`}
            action={updateUserAction}
            actorRole={user.role}
            self={self}
            person={person}
          />
        </Card>
      ) : null}
      {mayWrite ? (
        <Card aria-labelledby="user-status-title">
          <CardTitle id="user-status-title">Access</CardTitle>
          {mayManage ? (
            <UserStatusPanel key={person.status} action={userStatusAction} person={person} self={self} />
          ) : (
            <p className="text-sm text-slate-600">Only an owner can change, deactivate or reactivate an owner.</p>
          )}
        </Card>
      ) : null}
    </main>
  );
}
