import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { TextLink } from "@/components/ui/link";

/** Search a list of numbers: typed any way (international, national, some digits), or by holder in the pool. */
export function NumberSearch(props: { action: "/numbers" | "/numbers/pool"; q: string | undefined; label: string }) {
  return (
    <search>
      <form method="get" action={props.action} className="mb-4 flex flex-wrap gap-2">
        <label htmlFor="number-search" className="sr-only">
          {props.label}
        </label>
        <Input
          id="number-search"
          type="search"
          name="q"
          defaultValue={props.q ?? ""}
          maxLength={40}
          inputMode="search"
          placeholder={props.label}
          className="w-auto min-w-0 flex-1"
        />
        <Button type="submit">Search</Button>
        {props.q ? (
          <TextLink className="self-center text-sm" href={props.action}>
            Clear
          </TextLink>
        ) : null}
      </form>
    </search>
  );
}
