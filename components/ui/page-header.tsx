import type { ReactNode } from "react";

/** A page's title, with an optional line under it and a link back above it. */
export function PageHeader(props: { title: ReactNode; description?: ReactNode; back?: ReactNode; testId?: string }) {
  return (
    <div className="flex flex-col gap-1">
      {props.back ? <div className="mb-2 text-sm">{props.back}</div> : null}
      <h1 className="text-2xl font-semibold break-words" data-testid={props.testId}>
        {props.title}
      </h1>
      {props.description ? <div className="text-sm text-slate-600">{props.description}</div> : null}
    </div>
  );
}
