"use client";

import type { CSSProperties } from "react";
import { BrandMark } from "@/components/brand-mark";
import { readableTextOn, wholeColour } from "@/server/tenancy/theme";

export type PreviewBrand = {
  brandName: string;
  logoUrl: string | null;
  primaryColor: string;
  accentColor: string;
  supportEmail: string | null;
  supportPhone: string | null;
};

/**
 * The branded login page as this account's customers will see it, drawn from the form's current
 * values before anything is saved: same brand mark, colours and support line as the real page.
 */
export function LoginPreview({ brand }: { brand: PreviewBrand }) {
  // A half-typed colour keeps the last whole one out of the preview rather than breaking it.
  const primary = wholeColour(brand.primaryColor) ?? "#64748b";
  const accent = wholeColour(brand.accentColor) ?? "#94a3b8";
  const variables = {
    "--brand-primary": primary,
    "--brand-on-primary": readableTextOn(primary),
    "--brand-accent": accent,
    "--brand-on-accent": readableTextOn(accent),
  } as CSSProperties;
  return (
    <figure className="flex flex-col gap-2" aria-label="Preview of the login page">
      <figcaption className="text-sm font-medium text-slate-600">Login page preview</figcaption>
      <div style={variables} className="rounded-2xl bg-slate-100 p-4" data-testid="login-preview">
        <div className="mx-auto w-full max-w-xs rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <div className="mb-4 flex flex-col gap-2">
            <BrandMark name={brand.brandName || "—"} logoUrl={brand.logoUrl} />
            <p className="text-lg font-semibold">Sign in</p>
          </div>
          <div aria-hidden className="flex flex-col gap-2">
            <div className="h-9 rounded-lg border border-slate-300" />
            <div className="h-9 rounded-lg border border-slate-300" />
            <div className="rounded-lg bg-brand py-2 text-center text-sm font-semibold text-on-brand">Sign in</div>
          </div>
          {brand.supportEmail || brand.supportPhone ? (
            <p className="mt-4 text-xs text-slate-600">
              Need help?{" "}
              <span className="font-medium text-brand underline">
                {[brand.supportEmail, brand.supportPhone].filter(Boolean).join(" · ")}
              </span>
            </p>
          ) : null}
        </div>
      </div>
    </figure>
  );
}
