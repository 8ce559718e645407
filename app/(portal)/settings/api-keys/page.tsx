import { TZDate } from "@date-fns/tz";
import { addDays, addYears, format } from "date-fns";
import type { Metadata } from "next";
import { queryText } from "@/app/(portal)/query-text";
import { DoneNotice } from "@/components/form/done-notice";
import { NextPageLink, pathWithQuery } from "@/components/next-page-link";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { ErrorText, Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { permissionsOfRole, roleHas } from "@/server/auth/permissions";
import { grantableScopes, scopePresets, scopesByNoun } from "@/server/keys/scopes";
import { formatWhen } from "../../audit/audit-changes";
import { KeyForm, type ScopeGroup } from "./key-form";
import { RevokeKey } from "./revoke-key";

export const metadata: Metadata = { title: "API keys" };

const DONE: Record<string, string> = {
  created: "Key created. It is listed below by its prefix; the whole key is not shown again.",
  revoked: "Key revoked: programs using it are refused from now on.",
};

const NOUNS: Record<string, string> = {
  account: "This account",
  accounts: "Accounts below",
  audit: "Audit log",
  settings: "Settings and branding",
  domains: "Domains",
  users: "Users",
  extensions: "Extensions and devices",
  numbers: "Numbers",
  departments: "Departments",
  schedules: "Schedules",
};

const scopeLabel = (scope: string) => (scope.endsWith(":read") ? "Read" : "Change");

/** "Read only", "Read and write" or the permissions themselves, for a key's row. */
function accessOf(scopes: readonly string[], presets: { read: string[]; write: string[] }): string {
  const same = (preset: string[]) => preset.length === scopes.length && preset.every((each) => scopes.includes(each));
  if (same(presets.write)) return "Read and write";
  if (same(presets.read)) return "Read only";
  return scopes.join(", ");
}

/** The account's API keys for programs: who made each, what it may do, its last use; make and revoke. */
export default async function ApiKeysPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { account, user, effective, openedFrom } = await loadCurrentAccount();
  const params = await searchParams;
  const after = queryText(params.after);
  const done = queryText(params.done);
  const timeZone = effective.timezone.value;
  const caller = await serverCaller();
  const page = await caller.apiKeys
    .list({ cursor: after, limit: 25 })
    .catch((error: unknown) =>
      problemFor(error, { FORBIDDEN: "Your role cannot see API keys; an owner or admin of the account can." }),
    );
  // Keys are made by the account's own people, with permissions they hold themselves.
  const canWrite = roleHas(user.role, "keys:write") && !openedFrom;
  const grantable = grantableScopes(permissionsOfRole(user.role));
  const presets = scopePresets(grantable);
  const groups: ScopeGroup[] = scopesByNoun(grantable).map(({ noun, scopes }) => ({
    noun,
    label: NOUNS[noun] ?? noun,
    scopes: scopes.map((scope) => ({ scope, label: scopeLabel(scope) })),
  }));
  const today = new TZDate(Date.now(), timeZone);
  const day = (date: Date) => format(date, "yyyy-MM-dd");
  const when = (date: Date | null) => (date ? formatWhen(date, timeZone) : null);

  return (
    <main className="flex flex-col gap-6">
      <PageHeader
        title="API keys"
        description={
          <p>
            Keys let your own programs use {account.name}&apos;s API without a person signing in. Send one as{" "}
            <code>Authorization: Bearer &lt;key&gt;</code> with <code>X-Tenant: {account.slug}</code>.
          </p>
        }
      />
      {done && DONE[done] ? <DoneNotice key={Date.now()} message={DONE[done]} /> : null}

      <Card aria-labelledby="key-list">
        <CardTitle id="key-list">Keys</CardTitle>
        {"problem" in page ? (
          <ErrorText role="alert">{page.problem}</ErrorText>
        ) : page.items.length === 0 ? (
          <div className="flex flex-col gap-1 text-sm text-slate-700" data-testid="api-keys-empty">
            <p className="font-medium">{after ? "No more keys." : "No API keys yet."}</p>
            {after ? null : (
              <p>
                {canWrite
                  ? "Create one below for each program, so that each can be revoked on its own."
                  : "An owner or admin of the account creates them."}
              </p>
            )}
          </div>
        ) : (
          <Table stack data-testid="api-keys">
            <TableHead>
              <tr>
                <TableHeader>Name</TableHeader>
                <TableHeader>Access</TableHeader>
                <TableHeader>Created</TableHeader>
                <TableHeader>Expires</TableHeader>
                <TableHeader>Last used</TableHeader>
                <TableHeader>Status</TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {page.items.map((key) => (
                <TableRow key={key.id} data-key={key.prefix}>
                  <TableCell label="Name">
                    <span className="font-medium break-words">{key.name}</span>
                    <code className="block text-sm text-slate-600">{key.prefix}</code>
                  </TableCell>
                  <TableCell label="Access" className="break-words">
                    {accessOf(key.scopes, presets)}
                  </TableCell>
                  <TableCell label="Created">
                    {when(key.createdAt)}
                    <span className="block break-all text-slate-600">by {key.createdBy.email}</span>
                  </TableCell>
                  <TableCell label="Expires">{when(key.expiresAt) ?? "Never"}</TableCell>
                  <TableCell label="Last used">
                    {key.lastUsedAt ? (
                      <>
                        {when(key.lastUsedAt)}
                        <span className="block break-all text-slate-600">
                          from {key.lastUsedIp ?? "an unknown address"}
                        </span>
                      </>
                    ) : (
                      "Never"
                    )}
                  </TableCell>
                  <TableCell label="Status">
                    {key.status === "revoked" ? (
                      <>
                        <Badge tone="danger">Revoked</Badge>
                        <span className="block text-sm text-slate-600">
                          {when(key.revokedAt)}
                          {key.revokedBy ? <span className="block break-all">by {key.revokedBy.email}</span> : null}
                        </span>
                      </>
                    ) : key.status === "expired" ? (
                      <Badge tone="warning">Expired</Badge>
                    ) : (
                      <div className="flex flex-col items-start gap-2">
                        <Badge tone="success">Active</Badge>
                        {canWrite ? <RevokeKey keyId={key.id} label={`${key.name} (${key.prefix})`} /> : null}
                      </div>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <NextPageLink
          href={
            "nextCursor" in page && page.nextCursor
              ? pathWithQuery("/settings/api-keys", { after: page.nextCursor })
              : null
          }
          label="Older keys"
        />
      </Card>

      {canWrite ? (
        <Card aria-labelledby="new-key">
          <CardTitle id="new-key">New key</CardTitle>
          <CardDescription>
            The key is shown once, when it is made; only a fingerprint of it is kept. It may do what you can do, or
            less.
          </CardDescription>
          <KeyForm
            groups={groups}
            presets={presets}
            tenant={account.slug}
            minDay={day(today)}
            maxDay={day(addDays(addYears(today, 1), -1))}
            timeZone={timeZone}
          />
        </Card>
      ) : openedFrom && roleHas(user.role, "keys:write") ? (
        <Notice>
          Keys are made and revoked by {account.name}&apos;s own people; acting as the account, you can read them.
        </Notice>
      ) : null}
    </main>
  );
}
