import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { type ControlProps, Field } from "@/components/ui/field";

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
  children: (control: ControlProps) => ReactNode;
}) {
  return (
    <Field
      id={props.id}
      label={props.label}
      error={props.error}
      action={
        props.overridden ? (
          <Button variant="secondary" size="sm" onClick={props.onReset}>
            Reset to inherited
          </Button>
        ) : (
          <Button variant="secondary" size="sm" onClick={props.onOverride}>
            Override
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
