"use client";

import { ShownOnceSecret } from "@/components/ui/shown-once-secret";

export type NewKeySecret = { key: string; name: string; prefix: string };

/**
 * A new API key, the one time it exists outside the program that will keep it (only its hash is
 * stored), with how to send it.
 */
export function KeySecretDialog(props: { secret: NewKeySecret | null; tenant: string; onClose: () => void }) {
  const { secret } = props;
  return (
    <ShownOnceSecret
      value={secret?.key ?? null}
      noun="key"
      title="Your new API key"
      description={secret ? `${secret.name} (${secret.prefix}) is ready.` : ""}
      warning="You will not see this key again. Copy it now and keep it where your program reads its secrets; if it is lost, revoke it and make a new one."
      label="API key"
      id="api-key-secret"
      onClose={props.onClose}
    >
      {secret ? (
        <p className="text-sm text-slate-700">
          Send it with every request as <code className="break-all">Authorization: Bearer {secret.prefix}_…</code> and{" "}
          <code>X-Tenant: {props.tenant}</code>.
        </p>
      ) : null}
    </ShownOnceSecret>
  );
}
