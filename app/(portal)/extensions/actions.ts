"use server";

import { serverCaller } from "@/server/api/server-caller";
import { problem } from "@/server/domain-error";
import { attempt, type FormState } from "../form-state";
import { extensionPage } from "./extension-page";

/** A form's answer that may carry a new SIP password: shown once in a dialog, never in a URL. */
export type DeviceSecretState = FormState & { secret?: { password: string; identity: string; label: string } };

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export async function createExtensionAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const result = await attempt(() =>
    caller.extensions.create({ number: text(form, "number"), name: text(form, "name") }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: extensionPage(result.value.id, "created") };
}

export async function updateExtensionAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const extensionId = text(form, "extensionId");
  const result = await attempt(() =>
    caller.extensions.update({ extensionId, number: text(form, "number"), name: text(form, "name") }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: extensionPage(extensionId, "saved") };
}

export async function deleteExtensionAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const result = await attempt(() => caller.extensions.delete({ extensionId: text(form, "extensionId") }));
  if (!result.ok) return result.state;
  return { problems: [], next: "/extensions?done=deleted" };
}

export async function createDeviceAction(_previous: DeviceSecretState, form: FormData): Promise<DeviceSecretState> {
  const caller = await serverCaller();
  const result = await attempt(() =>
    caller.devices.create({
      extensionId: text(form, "extensionId"),
      label: text(form, "label"),
      realm: text(form, "realm"),
      authUsername: text(form, "authUsername"),
      callerIdNumber: text(form, "callerIdNumber"),
    }),
  );
  if (!result.ok) return result.state;
  const { device, password } = result.value;
  return {
    problems: [],
    secret: { password, identity: `${device.authUsername}@${device.realm}`, label: device.label },
  };
}

/** One device's row: regenerate its password, disable, enable or delete it (the button pressed names which). */
export async function changeDeviceAction(_previous: DeviceSecretState, form: FormData): Promise<DeviceSecretState> {
  const caller = await serverCaller();
  const deviceId = text(form, "deviceId");
  const back = (done: string) => extensionPage(text(form, "extensionId"), done);
  switch (text(form, "intent")) {
    case "regenerate": {
      const result = await attempt(() => caller.devices.regenerateSecret({ deviceId }));
      if (!result.ok) return result.state;
      const { device, password } = result.value;
      return {
        problems: [],
        secret: { password, identity: `${device.authUsername}@${device.realm}`, label: device.label },
      };
    }
    case "disable":
    case "enable": {
      const intent = text(form, "intent") as "disable" | "enable";
      const result = await attempt(() => caller.devices[intent]({ deviceId }));
      return result.ok ? { problems: [], next: back(`device-${intent}d`) } : result.state;
    }
    case "delete": {
      const result = await attempt(() => caller.devices.delete({ deviceId }));
      return result.ok ? { problems: [], next: back("device-deleted") } : result.state;
    }
    default:
      return {
        problems: [problem("invalid_choice", "Choose Regenerate password, Disable, Enable or Delete.", "intent")],
      };
  }
}

export async function updateDeviceAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const result = await attempt(() =>
    caller.devices.update({
      deviceId: text(form, "deviceId"),
      label: text(form, "label"),
      callerIdNumber: text(form, "callerIdNumber"),
    }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: extensionPage(text(form, "extensionId"), "device-saved") };
}
