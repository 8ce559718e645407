import type { Metadata } from "next";
import { queryText } from "@/app/(portal)/query-text";
import { DoneNotice } from "@/components/form/done-notice";
import { NextPageLink, pathWithQuery } from "@/components/next-page-link";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { roleHas } from "@/server/auth/permissions";
import { ListSearch } from "../_lists/list-search";
import { createExtensionAction } from "./actions";
import { ExtensionForm } from "./extension-form";

export const metadata: Metadata = { title: "Extensions" };

const DONE: Record<string, string> = { deleted: "Extension deleted." };

/** The account's extensions: search, pages, and a form to create one. */
export default async function ExtensionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { account, user } = await loadCurrentAccount();
  const params = await searchParams;
  const query = { q: queryText(params.q), after: queryText(params.after) };
  const done = queryText(params.done);
  const canWrite = roleHas(user.role, "extensions:write");
  const caller = await serverCaller();
  const page = await caller.extensions
    .list({ search: query.q, cursor: query.after, limit: 25 })
    // A hand-edited link: say what is wrong instead of failing the page.
    .catch((error: unknown) => problemFor(error, {}));
  const { realms } = await caller.devices.realms();
  const firstPage = !query.q && !query.after;

  return (
    <main className="flex flex-col gap-6">
      <PageHeader
        title="Extensions"
        description={`The numbers people dial inside ${account.name}, each with the phones (devices) that ring for it.`}
      />
      {done && DONE[done] ? <DoneNotice key={Date.now()} message={DONE[done]} /> : null}

      <Card aria-labelledby="extension-list">
        <CardTitle id="extension-list" className="mb-3">
          Your extensions
        </CardTitle>
        <ListSearch
          action="/extensions"
          id="extension-search"
          label="Search extensions by number or name"
          placeholder="Search by number or name"
          value={query.q}
          filtered={Boolean(query.q)}
        />

        {"problem" in page ? (
          <ErrorText role="alert">{page.problem}</ErrorText>
        ) : page.items.length === 0 ? (
          firstPage ? (
            <div className="flex flex-col gap-2 text-sm text-slate-700" data-testid="extensions-empty">
              <p className="font-medium">No extensions yet.</p>
              <p>
                {canWrite
                  ? "Create the first one below: give it the number people dial, like 1002, and a name. Then open it to add a device (a desk phone or a softphone) and get its SIP password."
                  : "Someone who manages the phone system (an owner, admin or manager) creates them."}
              </p>
              {canWrite && realms.length === 0 ? (
                <p>
                  Devices register to one of your SIP domains, and you have none yet:{" "}
                  {roleHas(user.role, "domains:read") ? (
                    <TextLink href="/settings/domains">add a SIP domain on the Domains page</TextLink>
                  ) : (
                    "ask an owner or admin to add one on the Domains page"
                  )}
                  .
                </p>
              ) : null}
            </div>
          ) : (
            <p className="text-sm text-slate-600">
              {query.q ? `No extension matches “${query.q}”.` : "No more extensions."}
            </p>
          )
        ) : (
          <Table stack data-testid="extensions">
            <TableHead>
              <tr>
                <TableHeader>Number</TableHeader>
                <TableHeader>Name</TableHeader>
                <TableHeader>Devices</TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {page.items.map((extension) => (
                <TableRow key={extension.id}>
                  <TableCell label="Number">
                    <TextLink href={`/extensions/${extension.id}`}>{extension.number}</TextLink>
                  </TableCell>
                  <TableCell label="Name">{extension.name}</TableCell>
                  <TableCell label="Devices">
                    {extension.deviceCount === 0
                      ? "none"
                      : `${extension.deviceCount} ${extension.deviceCount === 1 ? "device" : "devices"}`}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <NextPageLink
          href={
            "nextCursor" in page && page.nextCursor
              ? pathWithQuery("/extensions", { q: query.q, after: page.nextCursor })
              : null
          }
          label="Next page"
        />
      </Card>

      {canWrite ? (
        <Card aria-labelledby="new-extension">
          <CardTitle id="new-extension">New extension</CardTitle>
          <CardDescription>
            Its number is unique in {account.name}; other accounts may use the same number.
          </CardDescription>
          <ExtensionForm action={createExtensionAction} />
        </Card>
      ) : null}
    </main>
  );
}
