import type { Metadata } from "next";
import { headers } from "next/headers";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { REST_BASE_PATH, restDocument } from "@/server/api/rest/document";
import { type ReferenceField, type ReferenceOperation, referenceOf } from "@/server/api/rest/reference";
import { requestOrigin } from "@/server/http/request-origin";

export const metadata: Metadata = { title: "REST API reference" };

const METHOD_TONE = { GET: "success", POST: "brand", PUT: "accent", PATCH: "accent", DELETE: "danger" } as const;

function Fields({ caption, fields }: { caption: string; fields: ReferenceField[] }) {
  if (fields.length === 0) return null;
  return (
    <Table stack className="mt-2">
      <caption className="text-left text-sm font-medium">{caption}</caption>
      <TableHead>
        <TableRow>
          <TableHeader>Name</TableHeader>
          <TableHeader>In</TableHeader>
          <TableHeader>Type</TableHeader>
          <TableHeader>Required</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {fields.map((field) => (
          <TableRow key={`${field.where}-${field.name}`}>
            <TableCell label="Name">
              <code className="break-all">{field.name}</code>
            </TableCell>
            <TableCell label="In">{field.where}</TableCell>
            <TableCell label="Type">
              <code className="break-all">{field.type}</code>
            </TableCell>
            <TableCell label="Required">{field.required ? "yes" : "no"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function OperationEntry({ operation }: { operation: ReferenceOperation }) {
  return (
    <article
      aria-labelledby={`op-${operation.id}`}
      className="flex flex-col gap-2 border-t border-slate-100 pt-4"
      data-testid="api-operation"
    >
      <h3 id={`op-${operation.id}`} className="flex flex-wrap items-center gap-2 text-sm font-semibold">
        <Badge tone={METHOD_TONE[operation.method as keyof typeof METHOD_TONE] ?? "neutral"}>{operation.method}</Badge>{" "}
        <code className="break-all">
          {REST_BASE_PATH}
          {operation.path}
        </code>
      </h3>
      {operation.summary ? <p className="text-sm text-slate-700">{operation.summary}</p> : null}
      <Fields caption="Parameters" fields={operation.parameters} />
      <Fields caption="Body (JSON)" fields={operation.body} />
      <p className="text-sm">
        <span className="font-medium">Responses: </span>
        {operation.responses.map((response) => `${response.status} ${response.description}`).join(" · ")}
      </p>
      <pre className="rounded-lg bg-slate-100 p-3 text-xs whitespace-pre-wrap break-all text-slate-900">
        <code>{operation.curl}</code>
      </pre>
    </article>
  );
}

/**
 * The REST API reference, rendered on the server from the OpenAPI document the API itself
 * serves (/api/v1/openapi.json): one card per noun, each operation with its parameters, body,
 * responses and a curl example for this portal and this account.
 */
export default async function ApiReferencePage() {
  const { account } = await loadCurrentAccount();
  const origin = requestOrigin(await headers());
  const groups = referenceOf(restDocument(), { tenant: account.slug, base: `${origin}${REST_BASE_PATH}` });
  return (
    <main className="flex flex-col gap-6">
      <PageHeader
        back={<TextLink href="/settings">Back to settings</TextLink>}
        title="REST API reference"
        description={
          <p>
            Programs in any language call the portal at <code>{REST_BASE_PATH}</code> with two headers:{" "}
            <code>Authorization: Bearer &lt;access token or API key&gt;</code> and <code>X-Tenant: {account.slug}</code>
            . Errors answer <code>{"{ error: { code, reason, field, message, problems, requestId } }"}</code>. The
            machine-readable description is <TextLink href={`${REST_BASE_PATH}/openapi.json`}>openapi.json</TextLink>.
          </p>
        }
      />
      <nav aria-label="Nouns">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {groups.map((group) => (
            <li key={group.tag}>
              <TextLink href={`#tag-${group.tag}`}>{group.tag}</TextLink>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((group) => (
        <Card key={group.tag} aria-labelledby={`tag-${group.tag}`} className="flex flex-col gap-4">
          <CardTitle id={`tag-${group.tag}`} className="mb-0 capitalize">
            {group.tag}
          </CardTitle>
          <CardDescription className="mb-0">
            {group.operations.length} {group.operations.length === 1 ? "operation" : "operations"}
          </CardDescription>
          {group.operations.map((operation) => (
            <OperationEntry key={operation.id} operation={operation} />
          ))}
        </Card>
      ))}
    </main>
  );
}
