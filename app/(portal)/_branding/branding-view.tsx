import { TextLink } from "@/components/ui/link";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import type { AppRouter } from "@/server/api/root";
import { BrandingEditor } from "./branding-editor";

type Editor = Awaited<ReturnType<AppRouter["branding"]["get"]>>;

/** The branding page of an account: its heading, the way back, and the editor (or why not). */
export function BrandingView(props: { back: { href: string; label: string }; result: Editor | { problem: string } }) {
  const { result } = props;
  return (
    <main className="flex flex-col gap-4">
      {"problem" in result ? (
        <>
          <TextLink className="text-sm" href={props.back.href}>
            {props.back.label}
          </TextLink>
          <ErrorText role="alert">{result.problem}</ErrorText>
        </>
      ) : (
        <>
          <PageHeader
            back={<TextLink href={props.back.href}>{props.back.label}</TextLink>}
            title={`Branding and defaults of ${result.account.name}`}
            description={
              <p>
                A field you do not override follows the account above ({result.account.isOwn ? "yours" : "its"} parent),
                or the platform. Accounts below {result.account.isOwn ? "yours" : "this one"} inherit what you set here
                unless they override it.
              </p>
            }
          />
          <BrandingEditor initial={result} />
        </>
      )}
    </main>
  );
}
