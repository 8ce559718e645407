import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { type ControlProps, Field } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";

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
  /** The switch's words; a setting that does not inherit says "Choose" and "Clear". */
  overrideLabel?: string;
  resetLabel?: string;
  /** Set elsewhere (the help says where): no switch. */
  locked?: boolean;
  error: string | null;
  children: (control: ControlProps) => ReactNode;
}) {
  // Until hydrated a press would do nothing: the switch waits for the script.
  const hydrated = useHydrated();
  return (
    <Field
      id={props.id}
      label={props.label}
      error={props.error}
      action={
        props.locked ? null : props.overridden ? (
          <Button variant="secondary" size="sm" onClick={props.onReset} disabled={!hydrated}>
            {props.resetLabel ?? "Reset to inherited"}
          </Button>
        ) : (
          <Button variant="secondary" size="sm" onClick={props.onOverride} disabled={!hydrated}>
            {props.overrideLabel ?? "Override"}
          </Button>
        )
      }
      help={
        <span className="text-xs">
          Now: <span data-testid={`${props.id}-now`}>{props.now}</span>
          {props.overridden ? <> · {props.inherited}</> : null}
          {props.help ? <> · {props.help}</> : null}
        </span>
      }
    >
      {props.children}
    </Field>
  );
}
