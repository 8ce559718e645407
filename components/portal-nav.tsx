"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { Button } from "./ui/button";
import { cn } from "./ui/cn";

export type NavItem = { href: string; label: string };

/** Whether `pathname` is `href` or a page under it. */
export function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The portal's menu, with the page the user is on marked (aria-current) and underlined. At phone
 * width it folds behind a "Menu" button (a disclosure: aria-expanded, Escape closes it and gives
 * the focus back), and closes again when a page is chosen.
 */
export function PortalNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const listId = useId();
  // A new page: the folded menu closes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page changes
  useEffect(() => setOpen(false), [pathname]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && open) {
      setOpen(false);
      toggle.current?.focus();
    }
  };
  return (
    <nav
      aria-label="Portal"
      className="order-last w-full text-sm font-medium sm:order-none sm:w-auto"
      onKeyDown={onKeyDown}
    >
      <Button
        ref={toggle}
        variant="onBrand"
        size="sm"
        className="sm:hidden"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((current) => !current)}
      >
        {open ? "Close menu" : "Menu"}
      </Button>
      <ul
        id={listId}
        className={cn(
          "mt-2 flex-col gap-1 sm:mt-0 sm:flex sm:flex-row sm:flex-wrap sm:items-center sm:gap-x-4 sm:gap-y-1",
          open ? "flex" : "hidden",
        )}
      >
        {items.map((item) => {
          const current = isCurrent(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "block rounded px-1 py-1.5 underline-offset-4 hover:underline sm:py-0.5",
                  current && "underline decoration-2",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
