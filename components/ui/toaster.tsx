"use client";

import { Toaster as Sonner } from "sonner";

/**
 * The one toast region (root layout). Toasts use the portal's card look; their text is dark on
 * white so it reads on every brand, and a bar in the brand colour (where one is set) marks them.
 */
export function Toaster() {
  return (
    <Sonner
      position="bottom-center"
      closeButton
      toastOptions={{
        unstyled: true,
        classNames: {
          toast:
            "flex w-full items-start gap-3 rounded-xl border-l-4 border-[var(--brand-primary,#0f172a)] bg-white p-4 text-sm text-slate-900 shadow-lg ring-1 ring-slate-200",
          title: "font-semibold",
          description: "text-slate-700",
          error: "border-red-700",
          success: "border-emerald-700",
          closeButton: "order-last rounded p-1 text-slate-700 hover:bg-slate-100",
        },
      }}
    />
  );
}

export { toast } from "sonner";
