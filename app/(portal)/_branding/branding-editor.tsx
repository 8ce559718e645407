"use client";

import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { browserTrpc } from "@/components/browser-trpc";
import { FormSummary, focusFirstProblem } from "@/components/form/form-summary";
import type { Problem } from "@/components/form/problems";
import { useUnsavedChanges } from "@/components/form/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import type { ControlProps } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { useHydrated } from "@/components/use-hydrated";
import type { AppRouter } from "@/server/api/root";
import { colourContrastProblems } from "@/server/branding/contrast";
import { DESTINATION_KINDS, type DestinationOption, destinationText } from "@/server/settings/destination";
import {
  CHANGEABLE_KEYS,
  type ChangeableKey,
  EDITABLE_KEYS,
  SETTINGS,
  type SettingEditor,
  type SettingGroup,
  type SettingSpec,
} from "@/server/settings/registry";
import { COUNTRIES } from "@/server/tenancy/countries";
import type { ValueSource } from "@/server/tenancy/inheritance";
import { SUPPORTED_LANGUAGES } from "@/server/tenancy/languages";
import { wholeColour } from "@/server/tenancy/theme";
import { FieldRow } from "./field-row";
import { LoginPreview } from "./login-preview";

type Editor = Awaited<ReturnType<AppRouter["branding"]["get"]>>;
type Fields = Editor["fields"];

/** The fields edited as one value each; the logo is a file. A destination's value is `kind:id`. */
type TextField = ChangeableKey;
type FieldName = TextField | "logoUrl";

type Draft = {
  text: Record<TextField, { override: boolean; value: string }>;
  logo: { override: boolean; preview: string | null; upload: string | null };
};

const GROUP_TITLES: Record<SettingGroup, string> = { branding: "Branding", defaults: "Defaults" };

const MAX_LOGO_BYTES = 256 * 1024;
const TIME_ZONES = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];

const GROUP_OF_KIND = { extension: "Extensions", department: "Departments", schedule: "Schedules" } as const;

const isDestination = (key: TextField) => SETTINGS[key].editor === "destination";

/** A stored value as the form holds it: text, a destination as `kind:id`, nothing as "". */
function formValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    const ref = value as { kind: string; id: string };
    return `${ref.kind}:${ref.id}`;
  }
  return String(value);
}

function draftOf(fields: Fields): Draft {
  const text = Object.fromEntries(
    CHANGEABLE_KEYS.map((key) => {
      const field = fields[key];
      return [key, { override: field.own !== null, value: formValue(field.own ?? field.inherited.value) }];
    }),
  ) as Draft["text"];
  return { text, logo: { override: fields.logoUrl.own !== null, preview: fields.logoUrl.own, upload: null } };
}

type Changes = NonNullable<Parameters<typeof browserTrpc.branding.update.mutate>[0]["changes"]>;

/** What the form sends for one field's value: a destination as its kind and id, anything else as typed. */
function changeValue(key: TextField, value: string): unknown {
  if (!isDestination(key)) return value;
  const [kind = "", id = ""] = value.split(":");
  return { kind, id };
}

/**
 * Only what the user changed: an override to set, or null to inherit again. Values go as typed;
 * the server checks each one (a select's value is one of its options, a text can be anything).
 */
function changesOf(fields: Fields, draft: Draft, keys: readonly TextField[]): Changes {
  const changes: Record<string, unknown> = {};
  for (const key of keys) {
    const { override, value } = draft.text[key];
    if (override && value.trim() !== formValue(fields[key].own)) changes[key] = changeValue(key, value);
    if (!override && fields[key].own !== null) changes[key] = null;
  }
  if (keys.length === CHANGEABLE_KEYS.length && !draft.logo.override && fields.logoUrl.own !== null) {
    changes.logoUrl = null;
  }
  return changes as Changes;
}

/** Which field of the form a problem is about, from the input path it names (`changes.brandName`, `logo.base64`). */
export function fieldOfProblem(problem: Problem): FieldName | null {
  const path = problem.field?.split(".") ?? [];
  const key = path[0] === "logo" ? "logoUrl" : path[0] === "changes" ? path[1] : undefined;
  if (key === "logoUrl") return key;
  if (typeof key === "string" && (CHANGEABLE_KEYS as readonly string[]).includes(key)) return key as TextField;
  return null;
}

const SUMMARY_ID = "branding-problems";

function sourceText(source: ValueSource): string {
  if (source.kind === "platform") return "the platform default";
  return source.depth === 0 ? "set here" : `from ${source.name}`;
}

/** The id of a field's row (the logo's is `branding-logo`, as the page has always named it). */
const rowId = (key: FieldName) => (key === "logoUrl" ? "branding-logo" : `branding-${key}`);

type InputProps = ControlProps & {
  disabled: boolean;
  value: string;
  onChange: (value: string) => void;
  label: string;
  destinations: readonly DestinationOption[] | null;
};

/** One way to draw each kind of editor of the registry; a new setting of a known kind needs nothing here. */
const INPUTS: Record<Exclude<SettingEditor, "logo" | "domain">, (props: InputProps) => ReactNode> = {
  text: ({ onChange, destinations: _, label: __, ...control }) => (
    <Input {...control} type="text" maxLength={80} onChange={(event) => onChange(event.target.value)} />
  ),
  email: ({ onChange, destinations: _, label: __, ...control }) => (
    <Input {...control} type="email" autoComplete="off" onChange={(event) => onChange(event.target.value)} />
  ),
  phone: ({ onChange, destinations: _, label: __, ...control }) => (
    <Input {...control} type="tel" placeholder="+14155550123" onChange={(event) => onChange(event.target.value)} />
  ),
  colour: ({ onChange, destinations: _, label, ...control }) => (
    <div className="flex items-center gap-2">
      <Input
        type="color"
        aria-label={`${label} picker`}
        disabled={control.disabled}
        value={wholeColour(control.value) ?? "#000000"}
        onChange={(event) => onChange(event.target.value)}
        className="h-10 w-12 shrink-0 cursor-pointer p-1"
      />
      <Input
        {...control}
        onChange={(event) => onChange(event.target.value)}
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  ),
  timezone: ({ onChange, destinations: _, label: __, ...control }) => (
    <>
      <Input
        {...control}
        list={`${control.id}-options`}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
      />
      <datalist id={`${control.id}-options`}>
        {TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  ),
  language: ({ onChange, destinations: _, label: __, ...control }) => (
    <Select {...control} onChange={(event) => onChange(event.target.value)}>
      {SUPPORTED_LANGUAGES.map((language) => (
        <option key={language.code} value={language.code}>
          {language.name}
        </option>
      ))}
    </Select>
  ),
  country: ({ onChange, destinations: _, label: __, ...control }) => (
    <Select {...control} onChange={(event) => onChange(event.target.value)}>
      {COUNTRIES.map((country) => (
        <option key={country.code} value={country.code}>
          {country.name}
        </option>
      ))}
    </Select>
  ),
  voice: ({ onChange, destinations: _, label: __, ...control }) => (
    <Select {...control} onChange={(event) => onChange(event.target.value)}>
      <option value="female">Female</option>
      <option value="male">Male</option>
    </Select>
  ),
  destination: ({ onChange, destinations, label: __, ...control }) => (
    <Select
      {...control}
      disabled={control.disabled || !destinations}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{destinations?.length === 0 ? "No destinations yet" : "Choose a destination"}</option>
      {DESTINATION_KINDS.map((kind) => {
        const options = (destinations ?? []).filter((option) => option.kind === kind);
        return options.length === 0 ? null : (
          <optgroup key={kind} label={GROUP_OF_KIND[kind]}>
            {options.map((option) => (
              <option key={`${option.kind}:${option.id}`} value={`${option.kind}:${option.id}`}>
                {option.label}
              </option>
            ))}
          </optgroup>
        );
      })}
    </Select>
  ),
};

/**
 * The settings of one account, drawn from the registry: each field shows what applies now and
 * where it comes from; "Override" sets the account's own value, "Reset to inherited" goes back to
 * the nearest ancestor's (or the platform's). A setting that does not inherit (the default
 * destination) is chosen or cleared. With the branding group, a preview of the login page
 * follows every keystroke.
 */
export function BrandingEditor({
  initial,
  groups = ["branding", "defaults"],
}: {
  initial: Editor;
  /** The registry's groups to show (the customer's settings page shows the defaults only). */
  groups?: readonly SettingGroup[];
}) {
  const router = useRouter();
  const [editor, setEditor] = useState(initial);
  const [draft, setDraftState] = useState(() => draftOf(initial.fields));
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const [status, setStatus] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const { fields, destinations } = editor;
  const shownKeys = CHANGEABLE_KEYS.filter((key) => groups.includes(SETTINGS[key].group));
  const showsLogo = groups.includes(SETTINGS.logoUrl.group);
  // Every edit makes an earlier "Changes saved." old news.
  const setDraft: typeof setDraftState = (update) => {
    setStatus(null);
    setDraftState(update);
  };
  const dirty = Object.keys(changesOf(fields, draft, shownKeys)).length > 0 || draft.logo.upload !== null;
  useUnsavedChanges(dirty);
  useEffect(() => {
    if (problems.length > 0) focusFirstProblem(formRef.current, SUMMARY_ID);
  }, [problems]);

  const shown = (key: TextField) =>
    draft.text[key].override ? draft.text[key].value : formValue(fields[key].inherited.value);
  // Checked as the user types, once a colour is whole; the server checks the same on save.
  const overriddenColour = (key: "primaryColor" | "accentColor") =>
    draft.text[key].override ? (wholeColour(draft.text[key].value) ?? undefined) : undefined;
  const colourWarnings = colourContrastProblems({
    primaryColor: overriddenColour("primaryColor"),
    accentColor: overriddenColour("accentColor"),
  });

  const setText = (key: TextField, patch: Partial<Draft["text"][TextField]>) =>
    setDraft((current) => ({ ...current, text: { ...current.text, [key]: { ...current.text[key], ...patch } } }));
  const reset = (key: TextField) => setText(key, { override: false, value: formValue(fields[key].inherited.value) });

  async function chooseLogo(file: File | undefined) {
    setProblems([]);
    if (!file) return;
    if (file.size > MAX_LOGO_BYTES) {
      setProblems([
        {
          reason: "too_large",
          field: "logo",
          message: `The logo is ${Math.ceil(file.size / 1024)} KB; it can be at most 256 KB.`,
        },
      ]);
      return;
    }
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
    setDraft((current) => ({
      ...current,
      logo: { override: true, preview: dataUrl, upload: dataUrl.slice(dataUrl.indexOf(",") + 1) },
    }));
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes = changesOf(fields, draft, shownKeys);
    const logo = draft.logo.upload ? { base64: draft.logo.upload } : undefined;
    if (Object.keys(changes).length === 0 && !logo) {
      setStatus("Nothing to save: no field was changed.");
      return;
    }
    setPending(true);
    setStatus(null);
    setProblems([]);
    try {
      const saved = await browserTrpc.branding.update.mutate({
        accountId: editor.account.id,
        changes,
        logo,
      });
      setEditor(saved);
      setDraftState(draftOf(saved.fields));
      setStatus("Changes saved.");
      toast.success(showsLogo ? "Branding and defaults saved." : "Settings saved.");
      router.refresh();
    } catch (caught) {
      if (!(caught instanceof TRPCClientError)) throw caught;
      const data = caught.data as { problems?: Problem[] } | undefined;
      setProblems(
        data?.problems?.length ? data.problems : [{ reason: "refused", field: null, message: caught.message }],
      );
    } finally {
      setPending(false);
    }
  }

  const errorFor = (field: FieldName) => {
    const messages = problems.filter((each) => fieldOfProblem(each) === field).map((each) => each.message);
    return messages.length > 0 ? messages.join(" ") : null;
  };
  /** A value as the page says it: a destination by its label. */
  const valueText = (key: TextField | "logoUrl", value: unknown) => {
    if (value === null || value === undefined) {
      return key !== "logoUrl" && isDestination(key) ? "none (unrouted numbers are not answered)" : "none";
    }
    if (key !== "logoUrl" && isDestination(key)) {
      const option = destinations?.find((each) => `${each.kind}:${each.id}` === formValue(value));
      return option ? destinationText(option) : "a destination of this account";
    }
    return String(value);
  };
  const row = (key: TextField) => {
    const spec: SettingSpec = SETTINGS[key];
    const field = fields[key];
    const draw = INPUTS[spec.editor as keyof typeof INPUTS];
    const own = !spec.inherits;
    const help =
      own && !destinations
        ? `${editor.account.name} chooses this in its own settings; its rows are not shown to accounts above it.`
        : spec.help;
    return (
      <FieldRow
        key={key}
        id={rowId(key)}
        label={spec.label}
        now={`${valueText(key, field.effective.value)}${own && field.effective.value === null ? "" : ` (${sourceText(field.effective.source)})`}`}
        inherited={
          own
            ? "Not inherited: a destination belongs to one account"
            : `Inherited: ${valueText(key, field.inherited.value)} (${sourceText(field.inherited.source)})`
        }
        overridden={draft.text[key].override}
        onOverride={() => setText(key, { override: true })}
        onReset={() => reset(key)}
        overrideLabel={own ? "Choose" : undefined}
        resetLabel={own ? "Clear" : undefined}
        locked={own && !destinations}
        help={help}
        error={errorFor(key) ?? colourWarnings.find((warning) => warning.field === key)?.message ?? null}
      >
        {(control) =>
          draw({
            ...control,
            disabled: !draft.text[key].override,
            value: shown(key),
            onChange: (value) => setText(key, { value }),
            label: spec.label,
            destinations,
          })
        }
      </FieldRow>
    );
  };
  const logoRow = () => (
    <FieldRow
      key="logoUrl"
      id={rowId("logoUrl")}
      label={SETTINGS.logoUrl.label}
      now={fields.logoUrl.effective.value ? `a logo (${sourceText(fields.logoUrl.effective.source)})` : "none"}
      inherited={
        fields.logoUrl.inherited.value
          ? `Inherited: a logo (${sourceText(fields.logoUrl.inherited.source)})`
          : "Inherited: none (the brand name alone)"
      }
      overridden={draft.logo.override}
      onOverride={() => setDraft((current) => ({ ...current, logo: { ...current.logo, override: true } }))}
      onReset={() => setDraft((current) => ({ ...current, logo: { override: false, preview: null, upload: null } }))}
      help={SETTINGS.logoUrl.help}
      error={errorFor("logoUrl")}
    >
      {(control) => (
        <Input
          {...control}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          disabled={!draft.logo.override}
          onChange={(event) => void chooseLogo(event.target.files?.[0])}
          className="text-sm file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-1 file:font-semibold"
        />
      )}
    </FieldRow>
  );

  const previewLogo = draft.logo.override ? draft.logo.preview : fields.logoUrl.inherited.value;
  return (
    <form
      ref={formRef}
      onSubmit={save}
      noValidate
      className={showsLogo ? "grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]" : "flex flex-col gap-6"}
    >
      <div className="flex flex-col gap-5">
        {groups.map((group) => (
          <Card key={group} aria-labelledby={`${group}-heading`}>
            <CardTitle id={`${group}-heading`} className="mb-4">
              {GROUP_TITLES[group]}
            </CardTitle>
            <div className="flex flex-col gap-5">
              {EDITABLE_KEYS.filter((key) => SETTINGS[key].group === group).map((key) =>
                key === "logoUrl" ? logoRow() : row(key),
              )}
            </div>
          </Card>
        ))}
        <div className="sticky bottom-0 z-10 -mx-1 flex flex-col gap-2 rounded-xl bg-slate-50/95 p-1 py-3">
          <FormSummary id={SUMMARY_ID} problems={problems} />
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={!hydrated || pending}>
              {pending ? "Saving…" : "Save changes"}
            </Button>
            <p role="status" className="text-sm text-emerald-800">
              {status}
            </p>
          </div>
        </div>
      </div>
      {showsLogo ? (
        <div className="lg:sticky lg:top-4 lg:self-start">
          <LoginPreview
            brand={{
              brandName: shown("brandName"),
              logoUrl: previewLogo,
              primaryColor: shown("primaryColor"),
              accentColor: shown("accentColor"),
              supportEmail: shown("supportEmail") || null,
              supportPhone: shown("supportPhone") || null,
            }}
          />
        </div>
      ) : null}
    </form>
  );
}
