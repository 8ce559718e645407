"use client";

import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { browserTrpc } from "@/components/browser-trpc";
import type { AppRouter } from "@/server/api/root";
import { colourContrastProblems } from "@/server/branding/contrast";
import { DID_DESTINATION_KINDS, EDITABLE_FIELDS, type EditableField } from "@/server/branding/fields";
import type { ValueSource } from "@/server/tenancy/inheritance";
import { SUPPORTED_LANGUAGES } from "@/server/tenancy/languages";
import { wholeColour } from "@/server/tenancy/theme";
import { FieldRow, inputClass } from "./field-row";
import { LoginPreview } from "./login-preview";

type Editor = Awaited<ReturnType<AppRouter["branding"]["get"]>>;
type Fields = Editor["fields"];

/** The fields edited as one text value each (the DID destination is a pair, the logo a file). */
const TEXT_FIELDS = EDITABLE_FIELDS.filter(
  (key): key is Exclude<EditableField, "logoUrl" | "didDefaultDestKind" | "didDefaultDestId"> =>
    key !== "logoUrl" && key !== "didDefaultDestKind" && key !== "didDefaultDestId",
);
type TextField = (typeof TEXT_FIELDS)[number];
type FieldName = TextField | "didDefaultDest" | "logoUrl";

type Draft = {
  text: Record<TextField, { override: boolean; value: string }>;
  did: { override: boolean; kind: string; id: string };
  logo: { override: boolean; preview: string | null; upload: string | null };
};

const LABELS: Record<FieldName, string> = {
  brandName: "Brand name",
  logoUrl: "Logo",
  primaryColor: "Primary colour",
  accentColor: "Accent colour",
  supportEmail: "Support e-mail",
  supportPhone: "Support phone",
  timezone: "Time zone",
  language: "Language",
  voiceGender: "Voice",
  defaultCidNumber: "Default caller ID",
  didDefaultDest: "Unrouted numbers go to",
};

const MAX_LOGO_BYTES = 256 * 1024;
const TIME_ZONES = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];

function draftOf(fields: Fields): Draft {
  const text = Object.fromEntries(
    TEXT_FIELDS.map((key) => {
      const field = fields[key];
      return [key, { override: field.own !== null, value: String(field.own ?? field.inherited.value ?? "") }];
    }),
  ) as Draft["text"];
  return {
    text,
    did: {
      override: fields.didDefaultDestKind.own !== null,
      kind: fields.didDefaultDestKind.own ?? fields.didDefaultDestKind.inherited.value ?? "extension",
      id: fields.didDefaultDestId.own ?? fields.didDefaultDestId.inherited.value ?? "",
    },
    logo: { override: fields.logoUrl.own !== null, preview: fields.logoUrl.own, upload: null },
  };
}

type Changes = NonNullable<Parameters<typeof browserTrpc.branding.update.mutate>[0]["changes"]>;

/**
 * Only what the user changed: an override to set, or null to inherit again. Values go as typed;
 * the server checks each one (a select's value is one of its options, a text can be anything).
 */
function changesOf(fields: Fields, draft: Draft): Changes {
  const changes: Record<string, unknown> = {};
  for (const key of TEXT_FIELDS) {
    const { override, value } = draft.text[key];
    if (override && value.trim() !== String(fields[key].own ?? "")) changes[key] = value;
    if (!override && fields[key].own !== null) changes[key] = null;
  }
  const { did } = draft;
  if (did.override && (did.kind !== fields.didDefaultDestKind.own || did.id.trim() !== fields.didDefaultDestId.own)) {
    changes.didDefaultDest = { kind: did.kind, id: did.id };
  }
  if (!did.override && fields.didDefaultDestKind.own !== null) changes.didDefaultDest = null;
  if (!draft.logo.override && fields.logoUrl.own !== null) changes.logoUrl = null;
  return changes as Changes;
}

/** Which field of the form an error from the server is about, from the input path it names. */
function fieldOfError(error: TRPCClientError<AppRouter>): FieldName | null {
  const path = error.data?.field?.split(".") ?? [];
  const key = path[0] === "logo" ? "logoUrl" : path[1];
  if (typeof key === "string" && key in LABELS) return key as FieldName;
  return null;
}

function sourceText(source: ValueSource): string {
  if (source.kind === "platform") return "the platform default";
  return source.depth === 0 ? "set here" : `from ${source.name}`;
}

/**
 * Branding and defaults of one account: each field shows what applies now and where it comes
 * from; "Override" sets the account's own value, "Reset to inherited" goes back to the nearest
 * ancestor's (or the platform's). A preview of the login page follows every keystroke.
 */
export function BrandingEditor({ initial }: { initial: Editor }) {
  const router = useRouter();
  const [editor, setEditor] = useState(initial);
  const [draft, setDraft] = useState(() => draftOf(initial.fields));
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; field: FieldName | null } | null>(null);
  const { fields } = editor;

  const shown = (key: TextField) =>
    draft.text[key].override ? draft.text[key].value : String(fields[key].inherited.value ?? "");
  // Checked as the user types, once a colour is whole; the server checks the same on save.
  const overriddenColour = (key: "primaryColor" | "accentColor") =>
    draft.text[key].override ? (wholeColour(draft.text[key].value) ?? undefined) : undefined;
  const colourWarnings = colourContrastProblems({
    primaryColor: overriddenColour("primaryColor"),
    accentColor: overriddenColour("accentColor"),
  });

  const setText = (key: TextField, patch: Partial<Draft["text"][TextField]>) =>
    setDraft((current) => ({ ...current, text: { ...current.text, [key]: { ...current.text[key], ...patch } } }));
  const reset = (key: TextField) => setText(key, { override: false, value: String(fields[key].inherited.value ?? "") });

  async function chooseLogo(file: File | undefined) {
    setError(null);
    if (!file) return;
    if (file.size > MAX_LOGO_BYTES) {
      setError({
        field: "logoUrl",
        message: `The logo is ${Math.ceil(file.size / 1024)} KB; it can be at most 256 KB.`,
      });
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
    const changes = changesOf(fields, draft);
    const logo = draft.logo.upload ? { base64: draft.logo.upload } : undefined;
    if (Object.keys(changes).length === 0 && !logo) {
      setStatus("Nothing to save: no field was changed.");
      return;
    }
    setPending(true);
    setStatus(null);
    setError(null);
    try {
      const saved = await browserTrpc.branding.update.mutate({
        accountId: editor.account.id,
        changes,
        logo,
      });
      setEditor(saved);
      setDraft(draftOf(saved.fields));
      setStatus("Changes saved.");
      router.refresh();
    } catch (caught) {
      if (!(caught instanceof TRPCClientError)) throw caught;
      setError({ message: caught.message, field: fieldOfError(caught) });
    } finally {
      setPending(false);
    }
  }

  const errorFor = (field: FieldName) => (error?.field === field ? error.message : null);
  const inheritedNote = (key: keyof Fields) =>
    `Inherited: ${String(fields[key].inherited.value ?? "none")} (${sourceText(fields[key].inherited.source)})`;
  const textRow = (
    key: TextField,
    input: (props: { id: string; disabled: boolean }) => React.ReactNode,
    help?: string,
  ) => (
    <FieldRow
      key={key}
      id={`branding-${key}`}
      label={LABELS[key]}
      now={`${String(fields[key].effective.value ?? "none")} (${sourceText(fields[key].effective.source)})`}
      inherited={inheritedNote(key)}
      overridden={draft.text[key].override}
      onOverride={() => setText(key, { override: true })}
      onReset={() => reset(key)}
      help={help}
      error={errorFor(key) ?? colourWarnings.find((warning) => warning.field === key)?.message ?? null}
    >
      {input({ id: `branding-${key}`, disabled: !draft.text[key].override })}
    </FieldRow>
  );
  const plainInput = (key: TextField, type: string, extra: Record<string, string> = {}) =>
    textRow(key, ({ id, disabled }) => (
      <input
        id={id}
        type={type}
        disabled={disabled}
        value={shown(key)}
        onChange={(event) => setText(key, { value: event.target.value })}
        aria-invalid={errorFor(key) ? true : undefined}
        className={inputClass}
        {...extra}
      />
    ));
  const colourInput = (key: "primaryColor" | "accentColor") =>
    textRow(
      key,
      ({ id, disabled }) => (
        <div className="flex items-center gap-2">
          <input
            type="color"
            aria-label={`${LABELS[key]} picker`}
            disabled={disabled}
            value={wholeColour(shown(key)) ?? "#000000"}
            onChange={(event) => setText(key, { value: event.target.value })}
            className="h-10 w-12 shrink-0 cursor-pointer rounded border border-slate-300 disabled:cursor-not-allowed"
          />
          <input
            id={id}
            disabled={disabled}
            value={shown(key)}
            onChange={(event) => setText(key, { value: event.target.value })}
            aria-invalid={errorFor(key) || colourWarnings.some((w) => w.field === key) ? true : undefined}
            className={inputClass}
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
          />
        </div>
      ),
      key === "primaryColor"
        ? "Header, buttons and links. Text must stay readable on it and it on white (WCAG AA)."
        : "Badges and highlights. Text must stay readable on it (WCAG AA).",
    );

  const previewLogo = draft.logo.override ? draft.logo.preview : fields.logoUrl.inherited.value;
  return (
    <form onSubmit={save} noValidate className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="flex flex-col gap-5">
        <section
          aria-labelledby="branding-heading"
          className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
        >
          <h2 id="branding-heading" className="mb-4 text-base font-semibold">
            Branding
          </h2>
          <div className="flex flex-col gap-5">
            {plainInput("brandName", "text", { maxLength: "80" })}
            <FieldRow
              id="branding-logo"
              label={LABELS.logoUrl}
              now={fields.logoUrl.effective.value ? `a logo (${sourceText(fields.logoUrl.effective.source)})` : "none"}
              inherited={
                fields.logoUrl.inherited.value
                  ? `Inherited: a logo (${sourceText(fields.logoUrl.inherited.source)})`
                  : "Inherited: none (the brand name alone)"
              }
              overridden={draft.logo.override}
              onOverride={() => setDraft((current) => ({ ...current, logo: { ...current.logo, override: true } }))}
              onReset={() =>
                setDraft((current) => ({ ...current, logo: { override: false, preview: null, upload: null } }))
              }
              help="PNG, JPEG or WebP, at most 256 KB."
              error={errorFor("logoUrl")}
            >
              <input
                id="branding-logo"
                type="file"
                accept="image/png,image/jpeg,image/webp"
                disabled={!draft.logo.override}
                onChange={(event) => void chooseLogo(event.target.files?.[0])}
                className="block w-full text-sm file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-semibold"
              />
            </FieldRow>
            {colourInput("primaryColor")}
            {colourInput("accentColor")}
            {plainInput("supportEmail", "email", { autoComplete: "off" })}
            {plainInput("supportPhone", "tel", { placeholder: "+14155550123" })}
          </div>
        </section>
        <section
          aria-labelledby="defaults-heading"
          className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
        >
          <h2 id="defaults-heading" className="mb-4 text-base font-semibold">
            Defaults
          </h2>
          <div className="flex flex-col gap-5">
            {textRow("timezone", ({ id, disabled }) => (
              <>
                <input
                  id={id}
                  list="branding-timezones"
                  disabled={disabled}
                  value={shown("timezone")}
                  onChange={(event) => setText("timezone", { value: event.target.value })}
                  aria-invalid={errorFor("timezone") ? true : undefined}
                  className={inputClass}
                  autoComplete="off"
                />
                <datalist id="branding-timezones">
                  {TIME_ZONES.map((zone) => (
                    <option key={zone} value={zone} />
                  ))}
                </datalist>
              </>
            ))}
            {textRow("language", ({ id, disabled }) => (
              <select
                id={id}
                disabled={disabled}
                value={shown("language")}
                onChange={(event) => setText("language", { value: event.target.value })}
                className={inputClass}
              >
                {SUPPORTED_LANGUAGES.map((language) => (
                  <option key={language.code} value={language.code}>
                    {language.name}
                  </option>
                ))}
              </select>
            ))}
            {textRow("voiceGender", ({ id, disabled }) => (
              <select
                id={id}
                disabled={disabled}
                value={shown("voiceGender")}
                onChange={(event) => setText("voiceGender", { value: event.target.value })}
                className={inputClass}
              >
                <option value="female">Female</option>
                <option value="male">Male</option>
              </select>
            ))}
            {plainInput("defaultCidNumber", "tel", { placeholder: "+14155550123" })}
            <FieldRow
              id="branding-did-kind"
              label={LABELS.didDefaultDest}
              now={
                fields.didDefaultDestKind.effective.value
                  ? `${fields.didDefaultDestKind.effective.value} ${fields.didDefaultDestId.effective.value ?? ""} (${sourceText(fields.didDefaultDestKind.effective.source)})`
                  : "nowhere set"
              }
              inherited={
                fields.didDefaultDestKind.inherited.value
                  ? `Inherited: ${fields.didDefaultDestKind.inherited.value} ${fields.didDefaultDestId.inherited.value ?? ""}`
                  : "Inherited: nowhere set"
              }
              overridden={draft.did.override}
              onOverride={() => setDraft((current) => ({ ...current, did: { ...current.did, override: true } }))}
              onReset={() =>
                setDraft((current) => ({
                  ...current,
                  did: {
                    override: false,
                    kind: fields.didDefaultDestKind.inherited.value ?? "extension",
                    id: fields.didDefaultDestId.inherited.value ?? "",
                  },
                }))
              }
              error={errorFor("didDefaultDest")}
            >
              <div className="flex flex-col gap-2 sm:flex-row">
                <select
                  id="branding-did-kind"
                  disabled={!draft.did.override}
                  value={draft.did.kind}
                  onChange={(event) =>
                    setDraft((current) => ({ ...current, did: { ...current.did, kind: event.target.value } }))
                  }
                  className={inputClass}
                >
                  {DID_DESTINATION_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {kind.replace("_", " ")}
                    </option>
                  ))}
                </select>
                <input
                  aria-label="Destination"
                  disabled={!draft.did.override}
                  value={draft.did.id}
                  placeholder={draft.did.kind === "external" ? "+14155550123" : "e.g. 100 or front-desk"}
                  onChange={(event) =>
                    setDraft((current) => ({ ...current, did: { ...current.did, id: event.target.value } }))
                  }
                  className={inputClass}
                />
              </div>
            </FieldRow>
          </div>
        </section>
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            disabled={pending}
            className="rounded-lg bg-brand px-4 py-2 font-semibold text-on-brand shadow-sm disabled:opacity-60"
          >
            {pending ? "Saving…" : "Save changes"}
          </button>
          <p role="status" className="text-sm text-emerald-800">
            {status}
          </p>
        </div>
        <p id="branding-error" role="alert" className="text-sm text-red-700 empty:hidden">
          {error && !error.field ? error.message : null}
        </p>
      </div>
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
    </form>
  );
}
