import { endOpenAsAction } from "./actions";
import { ReturnButton } from "./return-button";

/**
 * Shown on every page while a reseller user has an account below theirs open: who they really
 * are, which account they act as, and the way back. Not themed by the brand, so it always stands out.
 */
export function OpenAsBanner(props: { userEmail: string; userAccount: string; openedAccount: string }) {
  return (
    <section aria-label="Open as" data-testid="open-as-banner" className="bg-slate-900 text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
        <p>
          You are working in <strong>{props.openedAccount}</strong> as {props.userEmail} of{" "}
          <strong>{props.userAccount}</strong>. Everything you do is recorded under both.
        </p>
        <ReturnButton label={`Return to ${props.userAccount}`} variant="inverse" action={endOpenAsAction} />
      </div>
    </section>
  );
}
