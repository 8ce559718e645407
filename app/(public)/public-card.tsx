import type { ReactNode } from "react";
import { BrandMark } from "@/components/brand-mark";
import { BrandTheme } from "@/components/brand-theme";
import { Card } from "@/components/ui/card";
import type { EffectiveSettings } from "@/server/tenancy/branding";
import { themeVariables } from "@/server/tenancy/theme";

/** A page outside the portal (sign-in, invitation, password reset), themed as the host's brand like the login page. */
export function PublicCard({
  effective,
  titleId,
  title,
  children,
}: {
  effective: EffectiveSettings;
  titleId: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <BrandTheme variables={themeVariables(effective)}>
      <main className="flex min-h-dvh items-center justify-center p-4">
        <Card className="w-full max-w-sm p-6 sm:p-8" aria-labelledby={titleId}>
          <div className="mb-6 flex flex-col gap-2">
            <BrandMark name={effective.brandName.value} logoUrl={effective.logoUrl.value} />
            <h1 id={titleId} className="text-xl font-semibold">
              {title}
            </h1>
          </div>
          {children}
        </Card>
      </main>
    </BrandTheme>
  );
}
