import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { Badge } from "@/components/ui/badge";
import type { ValueSource } from "@/server/tenancy/inheritance";

type State = { open: boolean; holiday: string | null; changesAt: Date | null };

/** "Open now" / "Closed", and when that changes, in the schedule's own time zone. */
export function OpenState({ state, zone }: { state: State; zone: string }) {
  const when = state.changesAt ? format(new TZDate(state.changesAt.getTime(), zone), "EEE d MMM, HH:mm") : null;
  return (
    <span className="inline-flex flex-wrap items-center gap-2" data-testid="open-state" data-open={state.open}>
      <Badge tone={state.open ? "success" : "neutral"}>{state.open ? "Open now" : "Closed"}</Badge>
      <span className="text-sm text-slate-600">
        {state.holiday ? `${state.holiday}. ` : ""}
        {when ? `${state.open ? "Closes" : "Opens"} ${when}` : state.open ? "" : "No opening hours ahead"}
      </span>
    </span>
  );
}

type ZoneSource = { kind: "schedule" } | ValueSource;

/** Where a schedule's time zone comes from, in words. */
export function zoneSourceText(source: ZoneSource): string {
  if (source.kind === "schedule") return "its own";
  if (source.kind === "platform") return "the account's, from the platform default";
  if (source.depth === 0) return "the account's, set on this account";
  return `the account's, inherited from ${source.name}`;
}

export function EffectiveZone({ zone }: { zone: { value: string; source: ZoneSource } }) {
  return (
    <span data-testid="effective-zone">
      <strong>{zone.value}</strong> <small className="text-slate-600">({zoneSourceText(zone.source)})</small>
    </span>
  );
}
