"use client";

import { type FormEvent, startTransition, useActionState, useEffect, useRef, useState } from "react";
import { FormSummary, focusFirstProblem } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useSureNavigation } from "@/components/form/use-sure-navigation";
import { useUnsavedChanges } from "@/components/form/use-unsaved-changes";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { TextLink } from "@/components/ui/link";
import { useHydrated } from "@/components/use-hydrated";
import { changeDeviceAction, createDeviceAction, type DeviceSecretState } from "../actions";
import { extensionPage } from "../extension-page";
import { DeviceSecretDialog } from "./device-secret-dialog";
import { EditDevice } from "./edit-device";

export type DeviceRowData = {
  id: string;
  label: string;
  realm: string;
  authUsername: string;
  callerIdNumber: string | null;
  effectiveCallerIdNumber: string | null;
  status: "active" | "disabled";
};
export type RealmOption = { hostname: string; isPrimary: boolean; usable: boolean };

const INITIAL: DeviceSecretState = { problems: [] };

/**
 * A server action whose answer may hold a SIP password: like useFormAction (the form keeps what was
 * typed, the first field in error takes the focus, success may navigate), and the password, when
 * there is one, opens the dialog. Closing it refreshes the page.
 */
function useSecretAction(
  action: (state: DeviceSecretState, form: FormData) => Promise<DeviceSecretState>,
  summaryId: string,
  afterSecret: string,
) {
  const navigate = useSureNavigation();
  const [state, dispatch, pending] = useActionState(action, INITIAL);
  const [secret, setSecret] = useState<DeviceSecretState["secret"] | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const hydrated = useHydrated();
  useEffect(() => {
    if (state.secret) setSecret(state.secret);
    // One navigation, as in useFormAction: a refresh beside the push could undo it.
    else if (state.next) navigate(state.next);
    else if (state.problems.length > 0) focusFirstProblem(formRef.current, summaryId);
  }, [state, navigate, summaryId]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(data));
  };
  // A navigation rather than a refresh, as the API key dialog does: the list is rendered afresh
  // and a notice says what happened (a refresh alone was once dropped under load there).
  const closeSecret = () => {
    setSecret(null);
    navigate(afterSecret);
  };
  return { state, onSubmit, pending, hydrated, formRef, secret: secret ?? null, closeSecret };
}

/** The devices of one extension, each with its actions, and (for writers) the form to add one. */
export function DeviceManager(props: {
  extension: { id: string; number: string };
  devices: DeviceRowData[];
  realms: RealmOption[];
  canWrite: boolean;
  canManageDomains: boolean;
}) {
  return (
    <div className="flex flex-col gap-4">
      {props.devices.length === 0 ? (
        <p className="text-sm text-slate-700" data-testid="devices-empty">
          No devices yet.{" "}
          {props.canWrite
            ? "Add one below: it gets a SIP username and password to enter in a desk phone or softphone."
            : ""}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="devices">
          {props.devices.map((device) => (
            <DeviceRow key={device.id} extensionId={props.extension.id} device={device} canWrite={props.canWrite} />
          ))}
        </ul>
      )}
      {props.canWrite ? (
        <AddDeviceForm extension={props.extension} realms={props.realms} canManageDomains={props.canManageDomains} />
      ) : null}
    </div>
  );
}

function DeviceRow(props: { extensionId: string; device: DeviceRowData; canWrite: boolean }) {
  const { device } = props;
  const errorId = `device-${device.id}-error`;
  const { state, onSubmit, pending, hydrated, secret, closeSecret } = useSecretAction(
    changeDeviceAction,
    errorId,
    extensionPage(props.extensionId, "device-password"),
  );
  const [confirming, setConfirming] = useState<"regenerate" | "delete" | null>(null);
  const questionRef = useRef<HTMLSpanElement>(null);
  const identity = `${device.authUsername}@${device.realm}`;

  useEffect(() => {
    // The question takes the focus, not the confirming button: the key press that opened it must
    // never also confirm it.
    if (confirming) questionRef.current?.focus();
  }, [confirming]);

  return (
    <li className="flex flex-col gap-2 py-3" data-device={identity}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium">{device.label}</span>
        <code className="min-w-0 text-sm break-all">{identity}</code>
        <Badge tone={device.status === "active" ? "success" : "warning"}>
          {device.status === "active" ? "Active" : "Disabled"}
        </Badge>
      </div>
      <p className="text-sm text-slate-700">
        Caller ID: {device.effectiveCallerIdNumber ?? "none set"}
        {device.callerIdNumber === null ? " (the account's default)" : ""}
      </p>
      {props.canWrite ? (
        <EditDevice
          extensionId={props.extensionId}
          device={{ id: device.id, label: device.label, callerIdNumber: device.callerIdNumber, identity }}
        />
      ) : null}
      {props.canWrite ? (
        <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-2" aria-describedby={errorId}>
          <input type="hidden" name="deviceId" value={device.id} />
          <input type="hidden" name="extensionId" value={props.extensionId} />
          {confirming ? (
            <>
              <span key="question" ref={questionRef} tabIndex={-1} className="text-sm">
                {confirming === "regenerate"
                  ? `Make a new password for ${identity}? The current one stops working at once.`
                  : `Delete ${identity}? It stops registering, for good.`}
              </span>
              <Button
                key="confirm"
                type="submit"
                name="intent"
                value={confirming}
                variant={confirming === "delete" ? "danger" : "primary"}
                size="sm"
                disabled={!hydrated || pending}
              >
                {confirming === "regenerate" ? "Yes, regenerate" : "Yes, delete"}
              </Button>
              <Button key="cancel" variant="secondary" size="sm" onClick={() => setConfirming(null)} disabled={pending}>
                Cancel
              </Button>
            </>
          ) : (
            <>
              <Button
                key="regenerate"
                variant="secondary"
                size="sm"
                onClick={() => setConfirming("regenerate")}
                disabled={!hydrated || pending}
              >
                Regenerate password<span className="sr-only"> of {identity}</span>
              </Button>
              <Button
                key="status"
                type="submit"
                name="intent"
                value={device.status === "active" ? "disable" : "enable"}
                variant="secondary"
                size="sm"
                disabled={!hydrated || pending}
              >
                {device.status === "active" ? "Disable" : "Enable"}
                <span className="sr-only"> {identity}</span>
              </Button>
              <Button
                key="delete"
                variant="danger"
                size="sm"
                onClick={() => setConfirming("delete")}
                disabled={!hydrated || pending}
              >
                Delete<span className="sr-only"> {identity}</span>
              </Button>
            </>
          )}
        </form>
      ) : null}
      <FormSummary id={errorId} problems={state.problems} />
      <DeviceSecretDialog
        secret={secret}
        onClose={() => {
          setConfirming(null);
          closeSecret();
        }}
      />
    </li>
  );
}

function AddDeviceForm(props: {
  extension: { id: string; number: string };
  realms: RealmOption[];
  canManageDomains: boolean;
}) {
  const summaryId = "device-add-problems";
  const { state, onSubmit, pending, hydrated, formRef, secret, closeSecret } = useSecretAction(
    createDeviceAction,
    summaryId,
    extensionPage(props.extension.id, "device-added"),
  );
  const usable = props.realms.filter((realm) => realm.usable);
  const initial = {
    label: "Desk phone",
    realm: usable[0]?.hostname ?? "",
    authUsername: props.extension.number,
    callerIdNumber: "",
  };
  const [values, setValues] = useState(initial);
  const set = (key: keyof typeof initial, value: string) => setValues((current) => ({ ...current, [key]: value }));
  useUnsavedChanges(
    (Object.keys(initial) as (keyof typeof initial)[]).some((key) => values[key] !== initial[key]) && !secret,
  );
  const at = (field: string) => problemAt(state.problems, field);

  if (usable.length === 0) {
    return (
      <div className="flex flex-col gap-1 text-sm text-slate-700" data-testid="no-sip-domain">
        <h3 className="font-semibold">Add a device</h3>
        <p>
          A device registers to one of your account's SIP domains, and{" "}
          {props.realms.length === 0 ? "you have none yet" : "none of yours is verified yet"}.{" "}
          {props.canManageDomains ? (
            <>
              Add or verify one on the <TextLink href="/settings/domains">Domains page</TextLink>, then come back here.
            </>
          ) : (
            "Ask an owner or admin to add one on the Domains page."
          )}
        </p>
      </div>
    );
  }

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      className="flex max-w-xl flex-col gap-4"
      aria-labelledby="add-device"
    >
      <h3 id="add-device" className="font-semibold">
        Add a device
      </h3>
      <input type="hidden" name="extensionId" value={props.extension.id} />
      <Field
        id="device-label"
        label="Label"
        error={at("label")}
        help="Which phone this is, like Desk phone or Softphone."
      >
        {(control) => (
          <Input
            {...control}
            name="label"
            required
            maxLength={80}
            value={values.label}
            onChange={(event) => set("label", event.target.value)}
          />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="device-username" label="SIP username" error={at("authUsername")} help="Unique in its SIP domain.">
          {(control) => (
            <Input
              {...control}
              name="authUsername"
              required
              maxLength={64}
              autoCapitalize="none"
              autoComplete="off"
              spellCheck={false}
              value={values.authUsername}
              onChange={(event) => set("authUsername", event.target.value)}
            />
          )}
        </Field>
        <Field id="device-realm" label="SIP domain" error={at("realm")} help="The digest realm the phone registers to.">
          {(control) => (
            <Select
              {...control}
              name="realm"
              value={values.realm}
              onChange={(event) => set("realm", event.target.value)}
            >
              {usable.map((realm) => (
                <option key={realm.hostname} value={realm.hostname}>
                  {realm.hostname}
                  {realm.isPrimary ? " (primary)" : ""}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <Field
        id="device-caller-id"
        label="Caller ID (optional)"
        error={at("callerIdNumber")}
        help="The number its calls show. Empty: the account's default caller ID."
      >
        {(control) => (
          <Input
            {...control}
            name="callerIdNumber"
            type="tel"
            autoComplete="off"
            maxLength={32}
            value={values.callerIdNumber}
            onChange={(event) => set("callerIdNumber", event.target.value)}
          />
        )}
      </Field>
      <div className="flex flex-col gap-3">
        <FormSummary id={summaryId} problems={state.problems} />
        <Button type="submit" disabled={!hydrated || pending} className="self-start">
          {pending ? "Adding…" : "Add device"}
        </Button>
      </div>
      <DeviceSecretDialog
        secret={secret}
        onClose={() => {
          setValues(initial);
          closeSecret();
        }}
      />
    </form>
  );
}
