import { TextLink } from "@/components/ui/link";

const PAGES = [
  { href: "/billing", label: "Balance and transactions" },
  { href: "/billing/calls", label: "Calls" },
  { href: "/billing/usage", label: "Usage by day" },
  { href: "/billing/statement", label: "Monthly statement" },
] as const;

/** The billing pages, the current one marked. */
export function BillingNav({ current }: { current: (typeof PAGES)[number]["href"] }) {
  return (
    <nav aria-label="Billing" className="flex flex-wrap gap-4 text-sm">
      {PAGES.map((page) =>
        page.href === current ? (
          <span key={page.href} aria-current="page" className="font-semibold">
            {page.label}
          </span>
        ) : (
          <TextLink key={page.href} href={page.href}>
            {page.label}
          </TextLink>
        ),
      )}
    </nav>
  );
}
