import { pathWithQuery } from "@/components/next-page-link";
import { TextLink } from "@/components/ui/link";

/** "Page 2 of 5" with links to the pages before and after, keeping the search. */
export function PageLinks(props: {
  basePath: string;
  query: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  if (pages <= 1) return null;
  const href = (page: number) =>
    pathWithQuery(props.basePath, { ...props.query, page: page > 1 ? String(page) : undefined });
  return (
    <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center gap-4 text-sm">
      {props.page > 1 ? <TextLink href={href(props.page - 1)}>Previous page</TextLink> : null}
      <span>
        Page {props.page} of {pages}
      </span>
      {props.page < pages ? <TextLink href={href(props.page + 1)}>Next page</TextLink> : null}
    </nav>
  );
}

/** A page number from the address, 1 when absent or not a whole number. */
export function pageFrom(value: string | string[] | undefined): number {
  const page = typeof value === "string" ? Number(value) : 1;
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

export function textFrom(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && value.trim() ? value : undefined;
}
