import { TextLink } from "@/components/ui/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">404: Not found</h1>
      <p className="text-slate-600">This page does not exist.</p>
      <TextLink href="/dashboard">Go to your dashboard</TextLink>
    </main>
  );
}
