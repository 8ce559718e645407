import type { CSSProperties, ReactNode } from "react";
import type { ThemeVariables } from "@/server/tenancy/theme";

/** Applies the effective brand's CSS variables to everything inside. */
export function BrandTheme({ variables, children }: { variables: ThemeVariables; children: ReactNode }) {
  return (
    <div style={variables as CSSProperties} className="min-h-dvh" data-testid="brand-theme">
      {children}
    </div>
  );
}
