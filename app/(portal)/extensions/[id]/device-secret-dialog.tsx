"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";

export type DeviceSecret = { password: string; identity: string; label: string };

/**
 * The SIP password of a device, the one time it exists outside the phone: with a copy button, and
 * saying plainly that it is not shown again. Closing it is the only way on (the page then shows
 * the device without it).
 */
export function DeviceSecretDialog(props: { secret: DeviceSecret | null; onClose: () => void }) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const secret = props.secret;
  const copy = () => {
    if (!secret) return;
    // The clipboard exists only on secure origins (https, localhost).
    const clipboard: Clipboard | undefined = window.isSecureContext ? navigator.clipboard : undefined;
    if (!clipboard) {
      setCopied("failed");
      return;
    }
    clipboard.writeText(secret.password).then(
      () => setCopied("copied"),
      // A denied permission: the password is there to select by hand.
      () => setCopied("failed"),
    );
  };
  return (
    <Dialog
      open={secret !== null}
      onOpenChange={(open) => {
        if (!open) {
          setCopied(null);
          props.onClose();
        }
      }}
    >
      {secret ? (
        <DialogContent
          title="SIP password"
          description={`Enter it in ${secret.label} to register as ${secret.identity}.`}
          data-testid="sip-password-dialog"
        >
          <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900">
            You will not see this password again. Copy it now; if it is lost, regenerate a new one.
          </p>
          <div className="flex flex-col gap-1">
            <label className="text-sm font-medium" htmlFor="sip-password">
              Password for {secret.identity}
            </label>
            <Input
              id="sip-password"
              readOnly
              value={secret.password}
              className="font-mono"
              onFocus={(event) => event.currentTarget.select()}
              data-testid="sip-password"
            />
          </div>
          <DialogFooter className="items-center">
            <span aria-live="polite" className="mr-auto text-sm text-slate-700" data-testid="sip-password-copied">
              {copied === "copied"
                ? "Copied."
                : copied === "failed"
                  ? "Could not copy: select the password instead."
                  : ""}
            </span>
            <Button variant="secondary" onClick={copy}>
              Copy password
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
