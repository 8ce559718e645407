"use client";

import { useEffect, useRef, useState } from "react";
import { FormSummary } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useFormAction } from "@/components/form/use-form-action";
import { useUnsavedChanges } from "@/components/form/use-unsaved-changes";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { addDomainAction, changeDomainAction } from "./actions";

export type DomainKind = "brand" | "sip";
export type DomainRowData = {
  hostname: string;
  displayName: string;
  kind: DomainKind;
  isPrimary: boolean;
  verified: boolean;
  verification: "dns" | "development" | null;
  /** The TXT record to publish while the domain is unverified. */
  record: { name: string; type: "TXT"; value: string } | null;
};
/** Which page the forms return to: the tenant's own domains, or an account's below it. */
export type DomainsPageKind = "settings" | "account";

const KINDS: { kind: DomainKind; title: string; help: string; empty: string }[] = [
  {
    kind: "brand",
    title: "Brand domains",
    help: "Addresses the portal answers on, with this account's branding. The primary one is the address shown in the portal and its links.",
    empty: "No brand domains yet.",
  },
  {
    kind: "sip",
    title: "SIP domains",
    help: "Domains phones and trunks register to. The primary one is given to new devices.",
    empty: "No SIP domains yet.",
  },
];

/** An account's brand and SIP domains: list with the primary marked, add, remove, make primary. */
export function DomainManager(props: {
  account: { id: string; name: string };
  domains: DomainRowData[];
  page: DomainsPageKind;
}) {
  return (
    <div className="flex flex-col gap-6">
      {KINDS.map(({ kind, title, help, empty }) => {
        const domains = props.domains.filter((domain) => domain.kind === kind);
        return (
          <Card key={kind} aria-labelledby={`${kind}-domains`}>
            <CardTitle id={`${kind}-domains`} className="mb-1">
              {title}
            </CardTitle>
            <CardDescription>{help}</CardDescription>
            {domains.length === 0 ? (
              <p className="text-sm text-slate-600">{empty}</p>
            ) : (
              <ul className="divide-y divide-slate-100" data-testid={`${kind}-domains`}>
                {domains.map((domain) => (
                  <DomainRow key={domain.hostname} account={props.account} domain={domain} page={props.page} />
                ))}
              </ul>
            )}
          </Card>
        );
      })}
      <Card aria-labelledby="add-domain">
        <CardTitle id="add-domain">Add a domain</CardTitle>
        <AddDomainForm account={props.account} page={props.page} />
      </Card>
    </div>
  );
}

function Hidden(props: { accountId: string; hostname?: string; page: DomainsPageKind }) {
  return (
    <>
      <input type="hidden" name="accountId" value={props.accountId} />
      <input type="hidden" name="page" value={props.page} />
      {props.hostname !== undefined ? <input type="hidden" name="hostname" value={props.hostname} /> : null}
    </>
  );
}

function DomainRow(props: { account: { id: string; name: string }; domain: DomainRowData; page: DomainsPageKind }) {
  const { domain } = props;
  const errorId = `domain-${domain.hostname}-error`;
  const { state, onSubmit, pending, hydrated } = useFormAction(changeDomainAction, { summaryId: errorId });
  const [confirming, setConfirming] = useState(false);
  const questionRef = useRef<HTMLSpanElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // The question takes the focus, not the "Yes, remove" button: the key press that opened the
    // question must never also confirm it, and a screen reader reads the question first.
    if (confirming) questionRef.current?.focus();
  }, [confirming]);

  const cancel = () => {
    setConfirming(false);
    // Back to where the keyboard was, once the button is there again.
    requestAnimationFrame(() => removeRef.current?.focus());
  };

  return (
    <li className="flex flex-col gap-2 py-3" data-hostname={domain.hostname}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <code className="min-w-0 break-all text-sm font-medium">{domain.displayName}</code>
        {domain.displayName !== domain.hostname ? (
          <code className="min-w-0 break-all text-xs text-slate-600">{domain.hostname}</code>
        ) : null}
        {domain.isPrimary ? <Badge tone="brand">Primary</Badge> : null}
        <Badge tone={domain.verified ? "success" : "warning"}>
          {VERIFICATION_LABEL[domain.verification ?? "none"]}
        </Badge>
      </div>
      {domain.record ? <VerificationRecordBox kind={domain.kind} record={domain.record} /> : null}
      <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-2" aria-describedby={errorId}>
        <Hidden accountId={props.account.id} hostname={domain.hostname} page={props.page} />
        {/* Distinct keys: React must not turn the focused "Remove" button into "Yes, remove" in place,
            or the rest of the key press that opened the question would confirm it. */}
        {confirming ? (
          <>
            <span key="question" ref={questionRef} tabIndex={-1} className="text-sm">
              Remove <strong className="break-all">{domain.hostname}</strong> from {props.account.name}?
            </span>
            <Button
              key="confirm-remove"
              type="submit"
              name="intent"
              value="remove"
              variant="danger"
              size="sm"
              disabled={!hydrated || pending}
            >
              {pending ? "Removing…" : "Yes, remove"}
            </Button>
            <Button key="cancel" variant="secondary" size="sm" onClick={cancel} disabled={pending}>
              Cancel
            </Button>
          </>
        ) : (
          <>
            {domain.record ? (
              <Button
                key="verify"
                type="submit"
                name="intent"
                value="verify"
                variant="secondary"
                size="sm"
                disabled={!hydrated || pending}
              >
                {pending ? "Checking…" : "Check now"}
                <span className="sr-only"> {domain.hostname}</span>
              </Button>
            ) : null}
            {domain.isPrimary ? null : (
              <Button
                key="make-primary"
                type="submit"
                name="intent"
                value="primary"
                variant="secondary"
                size="sm"
                disabled={!hydrated || pending}
              >
                Make primary<span className="sr-only"> {domain.hostname}</span>
              </Button>
            )}
            <Button
              key="remove"
              ref={removeRef}
              variant="danger"
              size="sm"
              onClick={() => setConfirming(true)}
              disabled={!hydrated || pending}
            >
              Remove<span className="sr-only"> {domain.hostname}</span>
            </Button>
          </>
        )}
      </form>
      <FormSummary id={errorId} problems={state.problems} />
    </li>
  );
}

const VERIFICATION_LABEL = {
  dns: "Verified",
  development: "Verified (development name)",
  none: "Not verified",
} as const;

/** What to publish in DNS for an unverified domain, each value with a copy button. */
function VerificationRecordBox(props: { kind: DomainKind; record: { name: string; type: "TXT"; value: string } }) {
  const { record } = props;
  return (
    <div className="flex flex-col gap-2 rounded-lg bg-amber-50 p-3 text-sm text-slate-900">
      <p>
        {props.kind === "brand"
          ? "The portal does not answer on this address until the domain is verified. "
          : "This domain is not verified. "}
        To prove it is yours, publish this DNS record, then press “Check now”:
      </p>
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1">
        <dt className="font-medium">Name</dt>
        <dd className="flex min-w-0 flex-wrap items-center gap-2">
          <code className="min-w-0 break-all" data-testid="record-name">
            {record.name}
          </code>
          <CopyButton text={record.name} what="record name" />
        </dd>
        <dt className="font-medium">Type</dt>
        <dd>
          <code>{record.type}</code>
        </dd>
        <dt className="font-medium">Value</dt>
        <dd className="flex min-w-0 flex-wrap items-center gap-2">
          <code className="min-w-0 break-all" data-testid="record-value">
            {record.value}
          </code>
          <CopyButton text={record.value} what="record value" />
        </dd>
      </dl>
    </div>
  );
}

function CopyButton(props: { text: string; what: string }) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const copy = () => {
    // The clipboard exists only on secure origins (https, localhost).
    const clipboard: Clipboard | undefined = window.isSecureContext ? navigator.clipboard : undefined;
    if (!clipboard) {
      setCopied("failed");
      return;
    }
    clipboard.writeText(props.text).then(
      () => setCopied("copied"),
      // No clipboard (an insecure origin, a denied permission): the text is there to select by hand.
      () => setCopied("failed"),
    );
  };
  return (
    <>
      <Button variant="secondary" size="sm" onClick={copy}>
        Copy<span className="sr-only"> {props.what}</span>
      </Button>
      <span aria-live="polite" className="text-xs text-slate-600">
        {copied === "copied" ? "Copied." : copied === "failed" ? "Could not copy: select the text instead." : ""}
      </span>
    </>
  );
}

function AddDomainForm(props: { account: { id: string; name: string }; page: DomainsPageKind }) {
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(addDomainAction, {
    summaryId: "domain-add-problems",
  });
  const [hostname, setHostname] = useState("");
  const [kind, setKind] = useState<DomainKind>("brand");
  useUnsavedChanges(hostname.trim() !== "" && !state.next);

  useEffect(() => {
    // Added: the page shows it in the list, so the field is ready for the next one.
    if (state.next) setHostname("");
  }, [state]);

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4">
      <Hidden accountId={props.account.id} page={props.page} />
      <Field
        id="domain-hostname"
        label="Host name"
        error={problemAt(state.problems, "hostname")}
        help="Only the name, without http:// or a port. Each name can belong to one account only; you then prove it is yours with a DNS record."
      >
        {(control) => (
          <Input
            {...control}
            name="hostname"
            required
            maxLength={253}
            inputMode="url"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            placeholder="portal.example.com"
            value={hostname}
            onChange={(event) => setHostname(event.target.value)}
          />
        )}
      </Field>
      <Field id="domain-kind" label="Kind" error={problemAt(state.problems, "kind")}>
        {(control) => (
          <Select
            {...control}
            name="kind"
            value={kind}
            onChange={(event) => setKind(event.target.value === "sip" ? "sip" : "brand")}
          >
            <option value="brand">Brand domain (portal address)</option>
            <option value="sip">SIP domain</option>
          </Select>
        )}
      </Field>
      <FormSummary id="domain-add-problems" problems={state.problems} />
      <Button type="submit" disabled={!hydrated || pending} className="self-start">
        {pending ? "Adding…" : "Add domain"}
      </Button>
    </form>
  );
}
