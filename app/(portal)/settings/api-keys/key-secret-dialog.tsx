"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";

export type NewKeySecret = { key: string; name: string; prefix: string };

/**
 * A new API key, the one time it exists outside the program that will keep it: with a copy button,
 * how to send it, and saying plainly that it is not shown again (only its hash is stored).
 */
export function KeySecretDialog(props: { secret: NewKeySecret | null; tenant: string; onClose: () => void }) {
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
    clipboard.writeText(secret.key).then(
      () => setCopied("copied"),
      // A denied permission: the key is there to select by hand.
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
          title="Your new API key"
          description={`${secret.name} (${secret.prefix}) is ready.`}
          data-testid="api-key-dialog"
        >
          <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900">
            You will not see this key again. Copy it now and keep it where your program reads its secrets; if it is
            lost, revoke it and make a new one.
          </p>
          <div className="flex flex-col gap-1">
            <label className="text-sm font-medium" htmlFor="api-key-secret">
              API key
            </label>
            <Input
              id="api-key-secret"
              readOnly
              value={secret.key}
              className="font-mono text-sm"
              onFocus={(event) => event.currentTarget.select()}
              data-testid="api-key-secret"
            />
          </div>
          <p className="text-sm text-slate-700">
            Send it with every request as <code className="break-all">Authorization: Bearer {secret.prefix}_…</code> and{" "}
            <code>X-Tenant: {props.tenant}</code>.
          </p>
          <DialogFooter className="items-center">
            <span aria-live="polite" className="mr-auto text-sm text-slate-700" data-testid="api-key-copied">
              {copied === "copied" ? "Copied." : copied === "failed" ? "Could not copy: select the key instead." : ""}
            </span>
            <Button variant="secondary" onClick={copy}>
              Copy key
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
