import { PageHeader } from "@/components/ui/page-header";

/** While the keys load: the page's title and a line that says so (announced to screen readers). */
export default function Loading() {
  return (
    <main className="flex flex-col gap-6">
      <PageHeader title="API keys" />
      <p role="status" className="text-sm text-slate-600">
        Loading the account's API keys…
      </p>
    </main>
  );
}
