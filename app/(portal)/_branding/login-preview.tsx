"use client";

import type { CSSProperties } from "react";
import { BrandMark } from "@/components/brand-mark";
import { buttonVariants } from "@/components/ui/button";
import { cardClass } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { controlClass } from "@/components/ui/input";
import { linkClass } from "@/components/ui/link";
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
        <div className={cn(cardClass, "mx-auto w-full max-w-xs")}>
          <div className="mb-4 flex flex-col gap-2">
            <BrandMark name={brand.brandName || "—"} logoUrl={brand.logoUrl} />
            <p className="text-lg font-semibold">Sign in</p>
          </div>
          <div aria-hidden className="flex flex-col gap-2">
            <div className={cn(controlClass, "h-9")} />
            <div className={cn(controlClass, "h-9")} />
            <div className={buttonVariants({ size: "sm" })}>Sign in</div>
          </div>
          {brand.supportEmail || brand.supportPhone ? (
            <p className="mt-4 text-xs text-slate-600">
              Need help?{" "}
              <span className={linkClass}>{[brand.supportEmail, brand.supportPhone].filter(Boolean).join(" · ")}</span>
            </p>
          ) : null}
        </div>
      </div>
    </figure>
  );
}
