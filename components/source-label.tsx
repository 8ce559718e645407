import type { ReactNode } from "react";
import type { ValueSource } from "@/server/tenancy/inheritance";

/** Where an effective value comes from: this account, an ancestor, or the platform. */
export function SourceLabel({ source }: { source: ValueSource }) {
  if (source.kind === "platform") return <span className="text-slate-500">platform default</span>;
  if (source.depth === 0) return <span className="font-medium text-slate-700">set here</span>;
  return <span className="text-slate-500">inherited from {source.name}</span>;
}

/** An effective value followed by where it comes from. */
export function InheritedValue({ source, children }: { source: ValueSource; children: ReactNode }) {
  return (
    <>
      {children}{" "}
      <small>
        (<SourceLabel source={source} />)
      </small>
    </>
  );
}
