import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BrandMark } from "@/components/brand-mark";
import { BrandTheme } from "@/components/brand-theme";
import { brandOf } from "@/components/portal-metadata";
import { Card } from "@/components/ui/card";
import { linkClass, TextLink } from "@/components/ui/link";
import { Notice } from "@/components/ui/notice";
import { serverCaller } from "@/server/api/server-caller";
import { currentRequest } from "@/server/auth/request-session";
import { brandIconHref } from "@/server/branding/brand-icon";
import { safeNextPath } from "@/server/http/safe-next";
import { themeVariables } from "@/server/tenancy/theme";
import { LoginForm } from "./login-form";

/** What the page says after a link brought the person here (`?done=`). */
const DONE_NOTICES: Record<string, string> = {
  "invitation-accepted": "Your account is ready. Sign in with your new password.",
  "password-reset": "Your password has been changed and you were signed out everywhere. Sign in with the new one.",
  "password-changed": "Your password was changed. Sign in again.",
};

export async function generateMetadata(): Promise<Metadata> {
  const branding = await (await serverCaller()).branding.forHost();
  return {
    title: `Sign in · ${branding.effective.brandName.value}`,
    icons: { icon: brandIconHref(brandOf(branding.effective)) },
  };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const { principal } = await currentRequest();
  const next = safeNextPath(params.next);
  // Only a session that still holds: an ended one (signed out elsewhere, suspended) would be sent
  // back here by the portal page, and round again.
  if (principal) redirect(next);
  const { effective, fixedTenant } = await (await serverCaller()).branding.forHost();
  const tenantParam = typeof params.tenant === "string" ? params.tenant : "";
  const emailParam = typeof params.email === "string" ? params.email : "";
  const done = typeof params.done === "string" ? DONE_NOTICES[params.done] : undefined;
  return (
    <BrandTheme variables={themeVariables(effective)}>
      <main className="flex min-h-dvh items-center justify-center p-4">
        <Card className="w-full max-w-sm p-6 sm:p-8" aria-labelledby="login-title">
          <div className="mb-6 flex flex-col gap-2">
            <BrandMark name={effective.brandName.value} logoUrl={effective.logoUrl.value} />
            <h1 id="login-title" className="text-xl font-semibold">
              Sign in
            </h1>
          </div>
          {done ? (
            <Notice tone="success" className="mb-4">
              {done}
            </Notice>
          ) : null}
          <LoginForm fixedTenant={fixedTenant} initialTenant={tenantParam} initialEmail={emailParam} next={next} />
          <p className="mt-4 text-sm">
            <TextLink
              href={`/forgot-password${tenantParam && !fixedTenant ? `?${new URLSearchParams({ tenant: tenantParam })}` : ""}`}
            >
              Forgot password?
            </TextLink>
          </p>
          {effective.supportEmail.value || effective.supportPhone.value ? (
            <p className="mt-6 text-sm text-slate-600" data-testid="support-contact">
              Need help?{" "}
              {effective.supportEmail.value ? (
                <a className={linkClass} href={`mailto:${effective.supportEmail.value}`}>
                  {effective.supportEmail.value}
                </a>
              ) : null}
              {effective.supportEmail.value && effective.supportPhone.value ? " · " : null}
              {effective.supportPhone.value ? (
                <a className={linkClass} href={`tel:${effective.supportPhone.value}`}>
                  {effective.supportPhone.value}
                </a>
              ) : null}
            </p>
          ) : null}
        </Card>
      </main>
    </BrandTheme>
  );
}
