import Link from "next/link";
import { DomainManager, type DomainRowData, type DomainsPageKind } from "./domain-manager";

const DONE: Record<string, (host: string) => string> = {
  added: (host) => `Added ${host}.`,
  removed: (host) => `Removed ${host}.`,
  primary: (host) => `${host} is now primary.`,
  verified: (host) => `${host} is verified.`,
};

/** The done=…&host=… a domain form came back with, as the sentence to show. */
export function doneMessage(params: Record<string, string | string[] | undefined>): string | undefined {
  const { done, host } = params;
  return typeof done === "string" && typeof host === "string" ? DONE[done]?.(host) : undefined;
}

/** A domains page: heading, what was just done, then the domains or why they cannot be shown. */
export function DomainsView(props: {
  title: string;
  back: { href: string; label: string };
  page: DomainsPageKind;
  done: string | undefined;
  result: { account: { id: string; slug: string; name: string }; domains: DomainRowData[] } | { problem: string };
}) {
  const { result } = props;
  return (
    <main className="flex flex-col gap-4">
      <Link className="text-sm font-medium text-brand underline" href={props.back.href}>
        {props.back.label}
      </Link>
      <h1 className="text-2xl font-semibold">{props.title}</h1>
      {props.done ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {props.done}
        </p>
      ) : null}
      {"problem" in result ? (
        <p role="alert" className="rounded-lg bg-white p-5 text-sm text-red-700 shadow-sm ring-1 ring-slate-200">
          {result.problem}
        </p>
      ) : (
        <DomainManager account={result.account} domains={result.domains} page={props.page} />
      )}
    </main>
  );
}
