import type { ReactNode } from "react";

export const inputClass =
  "w-full rounded-lg border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30 disabled:bg-slate-50 disabled:text-slate-500 aria-invalid:border-red-600";
const buttonClass =
  "shrink-0 rounded-lg px-3 py-1.5 text-sm font-semibold shadow-sm ring-1 ring-slate-300 hover:bg-slate-50";

/**
 * One inheritable field: what applies now and where from, the input (disabled while inherited),
 * and the switch between overriding it here and inheriting it again.
 */
export function FieldRow(props: {
  id: string;
  label: string;
  now: string;
  inherited: string;
  overridden: boolean;
  onOverride: () => void;
  onReset: () => void;
  help?: string;
  error: string | null;
  children: ReactNode;
}) {
  const noteId = `${props.id}-note`;
  const errorId = `${props.id}-error`;
  return (
    <div className="flex flex-col gap-1.5" data-testid={`field-${props.id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label htmlFor={props.id} className="text-sm font-medium">
          {props.label}
        </label>
        {props.overridden ? (
          <button type="button" onClick={props.onReset} className={buttonClass}>
            Reset to inherited
          </button>
        ) : (
          <button type="button" onClick={props.onOverride} className={buttonClass}>
            Override
          </button>
        )}
      </div>
      {props.children}
      <p id={noteId} className="text-xs text-slate-600">
        Now: <span data-testid={`${props.id}-now`}>{props.now}</span>
        {props.overridden ? <> · {props.inherited}</> : null}
        {props.help ? <> · {props.help}</> : null}
      </p>
      {props.error ? (
        <p id={errorId} className="text-sm text-red-700" data-testid={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
