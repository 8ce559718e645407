"use client";

import { useEffect, useRef, useState } from "react";
import { useFormAction } from "../accounts/use-form-action";
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

const inputClass =
  "w-full rounded-lg border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30 aria-invalid:border-red-600";
const buttonClass =
  "rounded-lg px-3 py-1.5 text-sm font-semibold shadow-sm ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60";

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
          <section
            key={kind}
            aria-labelledby={`${kind}-domains`}
            className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
          >
            <h2 id={`${kind}-domains`} className="text-base font-semibold">
              {title}
            </h2>
            <p className="mb-3 text-sm text-slate-600">{help}</p>
            {domains.length === 0 ? (
              <p className="text-sm text-slate-600">{empty}</p>
            ) : (
              <ul className="divide-y divide-slate-100" data-testid={`${kind}-domains`}>
                {domains.map((domain) => (
                  <DomainRow key={domain.hostname} account={props.account} domain={domain} page={props.page} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <section aria-labelledby="add-domain" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <h2 id="add-domain" className="mb-3 text-base font-semibold">
          Add a domain
        </h2>
        <AddDomainForm account={props.account} page={props.page} />
      </section>
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
  const [state, formAction, pending] = useFormAction(changeDomainAction);
  const [confirming, setConfirming] = useState(false);
  const questionRef = useRef<HTMLSpanElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const errorId = `domain-${domain.hostname}-error`;

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
        {domain.isPrimary ? (
          <span className="rounded-full bg-brand px-2 py-0.5 text-xs font-semibold text-on-brand">Primary</span>
        ) : null}
        <span
          className={`rounded-full px-2 py-0.5 text-xs ${domain.verified ? "bg-emerald-50 text-emerald-800" : "bg-amber-50 text-amber-900"}`}
        >
          {VERIFICATION_LABEL[domain.verification ?? "none"]}
        </span>
      </div>
      {domain.record ? <VerificationRecordBox kind={domain.kind} record={domain.record} /> : null}
      <form action={formAction} className="flex flex-wrap items-center gap-2" aria-describedby={errorId}>
        <Hidden accountId={props.account.id} hostname={domain.hostname} page={props.page} />
        {/* Distinct keys: React must not turn the focused "Remove" button into "Yes, remove" in place,
            or the rest of the key press that opened the question would confirm it. */}
        {confirming ? (
          <>
            <span key="question" ref={questionRef} tabIndex={-1} className="text-sm">
              Remove <strong className="break-all">{domain.hostname}</strong> from {props.account.name}?
            </span>
            <button
              key="confirm-remove"
              type="submit"
              name="intent"
              value="remove"
              disabled={pending}
              className={`${buttonClass} text-red-700`}
            >
              {pending ? "Removing…" : "Yes, remove"}
            </button>
            <button key="cancel" type="button" onClick={cancel} disabled={pending} className={buttonClass}>
              Cancel
            </button>
          </>
        ) : (
          <>
            {domain.record ? (
              <button
                key="verify"
                type="submit"
                name="intent"
                value="verify"
                disabled={pending}
                className={buttonClass}
              >
                {pending ? "Checking…" : "Check now"}
                <span className="sr-only"> {domain.hostname}</span>
              </button>
            ) : null}
            {domain.isPrimary ? null : (
              <button
                key="make-primary"
                type="submit"
                name="intent"
                value="primary"
                disabled={pending}
                className={buttonClass}
              >
                Make primary<span className="sr-only"> {domain.hostname}</span>
              </button>
            )}
            <button
              key="remove"
              ref={removeRef}
              type="button"
              onClick={() => setConfirming(true)}
              disabled={pending}
              className={`${buttonClass} text-red-700`}
            >
              Remove<span className="sr-only"> {domain.hostname}</span>
            </button>
          </>
        )}
      </form>
      <p id={errorId} role="alert" className="text-sm text-red-700">
        {state.problems.map((problem) => problem.message).join(" ")}
      </p>
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
    <div className="flex flex-col gap-2 rounded-lg bg-amber-50 p-3 text-sm text-slate-800">
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
      <button type="button" onClick={copy} className={buttonClass}>
        Copy<span className="sr-only"> {props.what}</span>
      </button>
      <span aria-live="polite" className="text-xs text-slate-600">
        {copied === "copied" ? "Copied." : copied === "failed" ? "Could not copy: select the text instead." : ""}
      </span>
    </>
  );
}

function AddDomainForm(props: { account: { id: string; name: string }; page: DomainsPageKind }) {
  const [state, formAction, pending] = useFormAction(addDomainAction);
  const [hostname, setHostname] = useState("");
  const [kind, setKind] = useState<DomainKind>("brand");

  useEffect(() => {
    // Added: the page shows it in the list, so the field is ready for the next one.
    if (state.next) setHostname("");
  }, [state]);

  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4">
      <Hidden accountId={props.account.id} page={props.page} />
      <div className="flex flex-col gap-1 text-sm font-medium">
        <label htmlFor="domain-hostname">Host name</label>
        <input
          id="domain-hostname"
          name="hostname"
          className={inputClass}
          required
          maxLength={253}
          inputMode="url"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          placeholder="portal.example.com"
          value={hostname}
          onChange={(event) => setHostname(event.target.value)}
          aria-invalid={state.problems.length > 0 ? true : undefined}
          aria-describedby="domain-hostname-error domain-hostname-help"
        />
        <p id="domain-hostname-error" role="alert" className="min-h-5 text-sm font-normal text-red-700">
          {state.problems.map((problem) => problem.message).join(" ")}
        </p>
        <span id="domain-hostname-help" className="font-normal text-slate-600">
          Only the name, without http:// or a port. Each name can belong to one account only; you then prove it is yours
          with a DNS record.
        </span>
      </div>
      <div className="flex flex-col gap-1 text-sm font-medium">
        <label htmlFor="domain-kind">Kind</label>
        <select
          id="domain-kind"
          name="kind"
          className={inputClass}
          value={kind}
          onChange={(event) => setKind(event.target.value === "sip" ? "sip" : "brand")}
        >
          <option value="brand">Brand domain (portal address)</option>
          <option value="sip">SIP domain</option>
        </select>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="self-start rounded-lg bg-brand px-4 py-2 font-semibold text-on-brand shadow-sm disabled:opacity-60"
      >
        {pending ? "Adding…" : "Add domain"}
      </button>
    </form>
  );
}
