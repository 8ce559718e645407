import type { Metadata } from "next";
import { DoneNotice } from "@/components/form/done-notice";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { PageHeader } from "@/components/ui/page-header";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { notFoundOn } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { roleHas } from "@/server/auth/permissions";
import { updateExtensionAction } from "../actions";
import { ExtensionForm } from "../extension-form";
import { DeleteExtension } from "./delete-extension";
import { DeviceManager } from "./device-manager";

export const metadata: Metadata = { title: "Extension" };

const DONE: Record<string, string> = {
  created: "Extension created. Add a device to it below.",
  saved: "Changes saved.",
  "device-disabled": "Device disabled: it can no longer register.",
  "device-enabled": "Device enabled.",
  "device-deleted": "Device deleted.",
  "device-saved": "Device saved.",
  "device-added": "Device added. Its password is not shown again; regenerate it if it is lost.",
  "device-password": "New password set: the phone registers with it from now on, the old one no longer works.",
};

/** One extension: its details, its devices (SIP identities) and what can be done with them. */
export default async function ExtensionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const done = (await searchParams).done;
  const { user } = await loadCurrentAccount();
  const caller = await serverCaller();
  const extension = await caller.extensions.get({ extensionId: id }).catch((error: unknown) => {
    notFoundOn(error, ["NOT_FOUND", "BAD_REQUEST"]);
    throw error;
  });
  const devices = await caller.devices.list({ extensionId: extension.id });
  const { realms } = await caller.devices.realms();
  const canWrite = roleHas(user.role, "extensions:write");

  return (
    <main className="flex flex-col gap-6">
      <PageHeader
        back={<TextLink href="/extensions">Back to extensions</TextLink>}
        title={`${extension.number} · ${extension.name}`}
        testId="extension-title"
      />
      {typeof done === "string" && DONE[done] ? <DoneNotice key={Date.now()} message={DONE[done]} /> : null}

      <Card aria-labelledby="devices-title">
        <CardTitle id="devices-title">Devices</CardTitle>
        <CardDescription>
          Phones and softphones that ring for this extension, each registering with its own SIP username and password.
        </CardDescription>
        <DeviceManager
          extension={{ id: extension.id, number: extension.number }}
          devices={devices.items}
          realms={realms}
          canWrite={canWrite}
          canManageDomains={roleHas(user.role, "domains:read")}
        />
      </Card>

      {canWrite ? (
        <Card aria-labelledby="extension-settings">
          <CardTitle id="extension-settings">Number and name</CardTitle>
          <ExtensionForm
            key={`${extension.number}:${extension.name}`}
            action={updateExtensionAction}
            extension={{ id: extension.id, number: extension.number, name: extension.name }}
          />
          <div className="mt-6 border-t border-slate-100 pt-4">
            <DeleteExtension extension={{ id: extension.id, number: extension.number }} />
          </div>
        </Card>
      ) : null}
    </main>
  );
}
