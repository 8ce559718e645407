import { TextLink } from "./ui/link";

/** `path` with the non-empty `query` values as its search string. */
export function pathWithQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The link to the next keyset page, when there is one. */
export function NextPageLink({ href, label }: { href: string | null; label: string }) {
  if (!href) return null;
  return (
    <TextLink className="mt-3 inline-block text-sm" href={href}>
      {label}
    </TextLink>
  );
}
