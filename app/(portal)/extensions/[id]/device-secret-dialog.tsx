"use client";

import { ShownOnceSecret } from "@/components/ui/shown-once-secret";

export type DeviceSecret = { password: string; identity: string; label: string };

/** The SIP password of a device, the one time it exists outside the phone. */
export function DeviceSecretDialog(props: { secret: DeviceSecret | null; onClose: () => void }) {
  const { secret } = props;
  return (
    <ShownOnceSecret
      value={secret?.password ?? null}
      noun="password"
      title="SIP password"
      description={secret ? `Enter it in ${secret.label} to register as ${secret.identity}.` : ""}
      warning="You will not see this password again. Copy it now; if it is lost, regenerate a new one."
      label={`Password for ${secret?.identity ?? ""}`}
      id="sip-password"
      onClose={props.onClose}
    />
  );
}
