import NextLink from "next/link";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export const linkClass = "font-medium text-brand underline underline-offset-2 hover:opacity-80";

/** A link in the brand colour, underlined so it never relies on colour alone. */
export function TextLink({ className, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink className={cn(linkClass, className)} {...props} />;
}

/**
 * A link to a file the server makes (a CSV export): a plain anchor with `download`, never
 * Next's Link, which would prefetch the export when the link comes into view.
 */
export function DownloadLink({ className, ...props }: ComponentProps<"a"> & { href: string }) {
  return <a className={cn(linkClass, className)} download {...props} />;
}
