"use client";

import type { Problem } from "./problems";

/**
 * Every problem with the form, next to its submit button: the person who pressed it reads here
 * what went wrong even when the fields concerned are a screen away (each is also shown at its field).
 */
export function FormSummary({ id, problems }: { id: string; problems: readonly Problem[] }) {
  return (
    <div id={id} role="alert" tabIndex={-1} className="text-sm text-red-700 empty:hidden" data-testid={id}>
      {problems.length === 0 ? null : problems.length === 1 ? (
        <p className="font-medium">{problems[0]?.message}</p>
      ) : (
        <>
          <p className="font-medium">{problems.length} things to fix:</p>
          <ul className="list-disc pl-5">
            {problems.map((each) => (
              <li key={`${each.field ?? ""}:${each.reason}:${each.message}`}>{each.message}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** After a refused submit: the first field marked invalid takes the focus, else the summary. */
export function focusFirstProblem(form: HTMLElement | null, summaryId: string): void {
  if (!form) return;
  const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]:not([disabled])');
  const target = invalid ?? document.getElementById(summaryId);
  target?.focus();
}
