import { DoneNotice } from "@/components/form/done-notice";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
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
      <PageHeader back={<TextLink href={props.back.href}>{props.back.label}</TextLink>} title={props.title} />
      {props.done ? <DoneNotice key={Date.now()} message={props.done} /> : null}
      {"problem" in result ? (
        <Card>
          <ErrorText role="alert">{result.problem}</ErrorText>
        </Card>
      ) : (
        <DomainManager account={result.account} domains={result.domains} page={props.page} />
      )}
    </main>
  );
}
