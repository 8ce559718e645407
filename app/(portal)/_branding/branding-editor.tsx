"use client";

import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";
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
import { DID_DESTINATION_KINDS, EDITABLE_FIELDS, type EditableField } from "@/server/branding/fields";
import { COUNTRIES } from "@/server/tenancy/countries";
import type { ValueSource } from "@/server/tenancy/inheritance";
import { SUPPORTED_LANGUAGES } from "@/server/tenancy/languages";
import { wholeColour } from "@/server/tenancy/theme";
import { fieldLabel } from "../field-labels";
import { FieldRow } from "./field-row";
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

const FIELD_NAMES: readonly FieldName[] = [...TEXT_FIELDS, "didDefaultDest", "logoUrl"];
/** The labels of the shared registry (the audit log names the fields the same way). */
const LABELS = Object.fromEntries(FIELD_NAMES.map((key) => [key, fieldLabel(key)])) as Record<FieldName, string>;

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

/** Which field of the form a problem is about, from the input path it names (`changes.brandName`, `logo.base64`). */
export function fieldOfProblem(problem: Problem): FieldName | null {
  const path = problem.field?.split(".") ?? [];
  const key = path[0] === "logo" ? "logoUrl" : path[0] === "changes" ? path[1] : undefined;
  if (key === "didDefaultDestKind" || key === "didDefaultDestId") return "didDefaultDest";
  if (typeof key === "string" && key in LABELS) return key as FieldName;
  return null;
}

const SUMMARY_ID = "branding-problems";

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
  const [draft, setDraftState] = useState(() => draftOf(initial.fields));
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const [status, setStatus] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const { fields } = editor;
  // Every edit makes an earlier "Changes saved." old news.
  const setDraft: typeof setDraftState = (update) => {
    setStatus(null);
    setDraftState(update);
  };
  const dirty = Object.keys(changesOf(fields, draft)).length > 0 || draft.logo.upload !== null;
  useUnsavedChanges(dirty);
  useEffect(() => {
    if (problems.length > 0) focusFirstProblem(formRef.current, SUMMARY_ID);
  }, [problems]);

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
    const changes = changesOf(fields, draft);
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
      toast.success("Branding and defaults saved.");
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
  const inheritedNote = (key: keyof Fields) =>
    `Inherited: ${String(fields[key].inherited.value ?? "none")} (${sourceText(fields[key].inherited.source)})`;
  const textRow = (
    key: TextField,
    input: (props: ControlProps & { disabled: boolean }) => React.ReactNode,
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
      {(control) => input({ ...control, disabled: !draft.text[key].override })}
    </FieldRow>
  );
  const plainInput = (key: TextField, type: string, extra: Record<string, string> = {}) =>
    textRow(key, (control) => (
      <Input
        {...control}
        type={type}
        value={shown(key)}
        onChange={(event) => setText(key, { value: event.target.value })}
        {...extra}
      />
    ));
  const colourInput = (key: "primaryColor" | "accentColor") =>
    textRow(
      key,
      (control) => (
        <div className="flex items-center gap-2">
          <Input
            type="color"
            aria-label={`${LABELS[key]} picker`}
            disabled={control.disabled}
            value={wholeColour(shown(key)) ?? "#000000"}
            onChange={(event) => setText(key, { value: event.target.value })}
            className="h-10 w-12 shrink-0 cursor-pointer p-1"
          />
          <Input
            {...control}
            value={shown(key)}
            onChange={(event) => setText(key, { value: event.target.value })}
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
    <form ref={formRef} onSubmit={save} noValidate className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="flex flex-col gap-5">
        <Card aria-labelledby="branding-heading">
          <CardTitle id="branding-heading" className="mb-4">
            Branding
          </CardTitle>
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
            {colourInput("primaryColor")}
            {colourInput("accentColor")}
            {plainInput("supportEmail", "email", { autoComplete: "off" })}
            {plainInput("supportPhone", "tel", { placeholder: "+14155550123" })}
          </div>
        </Card>
        <Card aria-labelledby="defaults-heading">
          <CardTitle id="defaults-heading" className="mb-4">
            Defaults
          </CardTitle>
          <div className="flex flex-col gap-5">
            {textRow("timezone", (control) => (
              <>
                <Input
                  {...control}
                  list="branding-timezones"
                  value={shown("timezone")}
                  onChange={(event) => setText("timezone", { value: event.target.value })}
                  autoComplete="off"
                />
                <datalist id="branding-timezones">
                  {TIME_ZONES.map((zone) => (
                    <option key={zone} value={zone} />
                  ))}
                </datalist>
              </>
            ))}
            {textRow("language", (control) => (
              <Select
                {...control}
                value={shown("language")}
                onChange={(event) => setText("language", { value: event.target.value })}
              >
                {SUPPORTED_LANGUAGES.map((language) => (
                  <option key={language.code} value={language.code}>
                    {language.name}
                  </option>
                ))}
              </Select>
            ))}
            {textRow("country", (control) => (
              <Select
                {...control}
                value={shown("country")}
                onChange={(event) => setText("country", { value: event.target.value })}
              >
                {COUNTRIES.map((country) => (
                  <option key={country.code} value={country.code}>
                    {country.name}
                  </option>
                ))}
              </Select>
            ))}
            {textRow("voiceGender", (control) => (
              <Select
                {...control}
                value={shown("voiceGender")}
                onChange={(event) => setText("voiceGender", { value: event.target.value })}
              >
                <option value="female">Female</option>
                <option value="male">Male</option>
              </Select>
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
              {(control) => (
                <div className="flex flex-col gap-2 sm:flex-row">
                  <Select
                    {...control}
                    disabled={!draft.did.override}
                    value={draft.did.kind}
                    onChange={(event) =>
                      setDraft((current) => ({ ...current, did: { ...current.did, kind: event.target.value } }))
                    }
                  >
                    {DID_DESTINATION_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {kind.replace("_", " ")}
                      </option>
                    ))}
                  </Select>
                  <Input
                    aria-label="Destination"
                    aria-invalid={control["aria-invalid"]}
                    aria-describedby={control["aria-describedby"]}
                    disabled={!draft.did.override}
                    value={draft.did.id}
                    placeholder={draft.did.kind === "external" ? "+14155550123" : "e.g. 100 or front-desk"}
                    onChange={(event) =>
                      setDraft((current) => ({ ...current, did: { ...current.did, id: event.target.value } }))
                    }
                  />
                </div>
              )}
            </FieldRow>
          </div>
        </Card>
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
