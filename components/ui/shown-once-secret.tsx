"use client";

import { type ReactNode, useState } from "react";
import { Button } from "./button";
import { Dialog, DialogClose, DialogContent, DialogFooter } from "./dialog";
import { Input } from "./input";

/**
 * A secret the portal shows exactly once (a SIP password, an API key): in a dialog with a copy
 * button and a plain warning that it is not shown again. Closing it is the only way on.
 */
export function ShownOnceSecret(props: {
  /** The secret, or null while there is none to show (the dialog is closed). */
  value: string | null;
  /** What the secret is, in the words of the buttons and messages: "password", "key". */
  noun: string;
  title: string;
  description: string;
  warning: string;
  label: string;
  /** The id of the field and the prefix of the test ids (`<id>`, `<id>-copied`, `<id>-dialog`). */
  id: string;
  onClose: () => void;
  /** More to say below the secret (how to use it). */
  children?: ReactNode;
}) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const { value, noun, id } = props;
  const copy = () => {
    if (value === null) return;
    // The clipboard exists only on secure origins (https, localhost).
    const clipboard: Clipboard | undefined = window.isSecureContext ? navigator.clipboard : undefined;
    if (!clipboard) {
      setCopied("failed");
      return;
    }
    clipboard.writeText(value).then(
      () => setCopied("copied"),
      // A denied permission: the secret is there to select by hand.
      () => setCopied("failed"),
    );
  };
  return (
    <Dialog
      open={value !== null}
      onOpenChange={(open) => {
        if (!open) {
          setCopied(null);
          props.onClose();
        }
      }}
    >
      {value !== null ? (
        <DialogContent title={props.title} description={props.description} data-testid={`${id}-dialog`}>
          <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900">{props.warning}</p>
          <div className="flex flex-col gap-1">
            <label className="text-sm font-medium" htmlFor={id}>
              {props.label}
            </label>
            <Input
              id={id}
              readOnly
              value={value}
              className="font-mono text-sm"
              onFocus={(event) => event.currentTarget.select()}
              data-testid={id}
            />
          </div>
          {props.children}
          <DialogFooter className="items-center">
            <span aria-live="polite" className="mr-auto text-sm text-slate-700" data-testid={`${id}-copied`}>
              {copied === "copied"
                ? "Copied."
                : copied === "failed"
                  ? `Could not copy: select the ${noun} instead.`
                  : ""}
            </span>
            <Button variant="secondary" onClick={copy}>
              Copy {noun}
            </Button>
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      ) : null}
    </Dialog>
  );
}
