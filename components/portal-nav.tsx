"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "./ui/cn";

export type NavItem = { href: string; label: string };

/** Whether `pathname` is `href` or a page under it. */
export function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The portal's menu, with the page the user is on marked (aria-current) and underlined. */
export function PortalNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Portal" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm font-medium">
      {items.map((item) => {
        const current = isCurrent(pathname, item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? "page" : undefined}
            className={cn(
              "rounded px-1 py-0.5 underline-offset-4 hover:underline",
              current && "underline decoration-2",
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
