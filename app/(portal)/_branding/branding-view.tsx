import Link from "next/link";
import type { AppRouter } from "@/server/api/root";
import { BrandingEditor } from "./branding-editor";

type Editor = Awaited<ReturnType<AppRouter["branding"]["get"]>>;

/** The branding page of an account: its heading, the way back, and the editor (or why not). */
export function BrandingView(props: { back: { href: string; label: string }; result: Editor | { problem: string } }) {
  const { result } = props;
  return (
    <main className="flex flex-col gap-4">
      <Link className="text-sm font-medium text-brand underline" href={props.back.href}>
        {props.back.label}
      </Link>
      {"problem" in result ? (
        <p role="alert" className="text-sm text-red-700">
          {result.problem}
        </p>
      ) : (
        <>
          <div>
            <h1 className="text-2xl font-semibold">Branding and defaults of {result.account.name}</h1>
            <p className="text-sm text-slate-600">
              A field you do not override follows the account above ({result.account.isOwn ? "yours" : "its"} parent),
              or the platform. Accounts below {result.account.isOwn ? "yours" : "this one"} inherit what you set here
              unless they override it.
            </p>
          </div>
          <BrandingEditor initial={result} />
        </>
      )}
    </main>
  );
}
