import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { TextLink } from "@/components/ui/link";

/**
 * The search above a list: a GET form on the list's own page (so the search is in the address and
 * survives a reload), its box labelled for screen readers, any extra filters, and "Clear" while
 * something is filtered.
 */
export function ListSearch(props: {
  /** The list's page, where the form sends the search and where "Clear" goes. */
  action: string;
  id: string;
  label: string;
  placeholder: string;
  value: string | undefined;
  filtered: boolean;
  /** Extra filters, between the box and the button. */
  children?: ReactNode;
}) {
  return (
    <search>
      <form method="get" action={props.action} className="mb-4 flex flex-wrap gap-2">
        <label htmlFor={props.id} className="sr-only">
          {props.label}
        </label>
        <Input
          id={props.id}
          type="search"
          name="q"
          defaultValue={props.value ?? ""}
          maxLength={80}
          placeholder={props.placeholder}
          className="w-auto min-w-0 flex-1"
        />
        {props.children}
        <Button type="submit">Search</Button>
        {props.filtered ? (
          <TextLink className="self-center text-sm" href={props.action}>
            Clear
          </TextLink>
        ) : null}
      </form>
    </search>
  );
}
