import type { ReactNode } from "react";
import { cn } from "./cn";

/** What a control needs to be tied to its label, help and error. */
export type ControlProps = {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

/** The ids a field's help and error carry, so a control outside <Field> can point to them too. */
export const fieldIds = (id: string) => ({ help: `${id}-help`, error: `${id}-error` });

/** The props that tie a control to its help and error line. */
export function controlProps(id: string, { help, error }: { help?: ReactNode; error?: string | null }): ControlProps {
  const ids = fieldIds(id);
  const describedBy = [error ? ids.error : null, help ? ids.help : null].filter(Boolean).join(" ");
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined };
}

/**
 * A label, the control, a help line and an error line. The control gets its id, aria-invalid and
 * aria-describedby from here (a render prop: works in server and client components alike).
 */
export function Field(props: {
  id: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string | null;
  className?: string;
  /** Beside the label, e.g. "Override". */
  action?: ReactNode;
  children: (control: ControlProps) => ReactNode;
}) {
  const ids = fieldIds(props.id);
  return (
    <div className={cn("flex flex-col gap-1", props.className)} data-testid={`field-${props.id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label htmlFor={props.id} className="text-sm font-medium">
          {props.label}
        </label>
        {props.action}
      </div>
      {props.children(controlProps(props.id, props))}
      {props.error ? <FieldError id={ids.error}>{props.error}</FieldError> : null}
      {props.help ? (
        <p id={ids.help} className="text-sm text-slate-600">
          {props.help}
        </p>
      ) : null}
    </div>
  );
}

export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="text-sm font-medium text-red-700" data-testid={id}>
      {children}
    </p>
  );
}
