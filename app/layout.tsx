import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Toaster } from "@/components/ui/toaster";
import { ZodWithoutEval } from "@/components/zod-without-eval";
import "./globals.css";

export const metadata: Metadata = { title: "Portal" };
// Every page renders per request: its scripts need the nonce of that response's CSP.
export const dynamic = "force-dynamic";
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <ZodWithoutEval />
        {children}
        <Toaster />
      </body>
    </html>
  );
}
