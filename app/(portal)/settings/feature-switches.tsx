"use client";

import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { browserTrpc } from "@/components/browser-trpc";
import type { Problem } from "@/components/form/problems";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { ErrorText } from "@/components/ui/notice";
import { toast } from "@/components/ui/toaster";
import { useHydrated } from "@/components/use-hydrated";
import type { AppRouter } from "@/server/api/root";

type Summary = Awaited<ReturnType<AppRouter["dashboard"]["summary"]>>;
type SwitchKey = keyof Summary["switches"];

/** Each switch, the plan feature it needs, and what it does. */
const SWITCHES: readonly { key: SwitchKey; feature: string; label: string; does: string }[] = [
  { key: "callRecording", feature: "recording", label: "Call recording", does: "Calls are recorded." },
  {
    key: "voicemailTranscription",
    feature: "aiTranscription",
    label: "AI transcription of voicemail",
    does: "Voicemail messages are transcribed to text.",
  },
];

/** The account's switches for plan features; one the plan lacks names the plan that has it. */
export function FeatureSwitches({ initial }: { initial: Summary }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [switches, setSwitches] = useState(initial.switches);
  const [pending, setPending] = useState<SwitchKey | null>(null);
  const [problem, setProblem] = useState<{ key: SwitchKey; message: string } | null>(null);

  async function flip(key: SwitchKey) {
    setPending(key);
    setProblem(null);
    try {
      const saved = await browserTrpc.dashboard.setFeature.mutate({ switch: key, enabled: !switches[key] });
      setSwitches(saved.switches);
      toast.success(saved.switches[key] ? "Switched on." : "Switched off.");
      router.refresh();
    } catch (caught) {
      if (!(caught instanceof TRPCClientError)) throw caught;
      const data = caught.data as { problems?: Problem[] } | undefined;
      setProblem({ key, message: data?.problems?.[0]?.message ?? caught.message });
    } finally {
      setPending(null);
    }
  }

  return (
    <Card aria-labelledby="features-heading">
      <CardTitle id="features-heading" className="mb-4">
        Plan features
      </CardTitle>
      <ul className="flex flex-col gap-4">
        {SWITCHES.map((each) => {
          const feature = initial.features.find((candidate) => candidate.feature === each.feature);
          const on = switches[each.key];
          return (
            <li key={each.key} className="flex flex-col gap-1" data-testid={`switch-${each.key}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="text-sm font-medium" id={`switch-${each.key}-label`}>
                  {each.label}: <span data-testid={`switch-${each.key}-state`}>{on ? "on" : "off"}</span>
                </span>
                {feature?.included || on ? (
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-describedby={`switch-${each.key}-label`}
                    disabled={!hydrated || pending !== null}
                    onClick={() => void flip(each.key)}
                  >
                    {pending === each.key ? "Saving…" : on ? "Switch off" : "Switch on"}
                  </Button>
                ) : (
                  <span className="text-sm text-slate-600">
                    Unavailable: {feature?.cheapestPlan ? `needs the ${feature.cheapestPlan.name} plan` : "in no plan"}
                  </span>
                )}
              </div>
              <p className="text-sm text-slate-600">{each.does}</p>
              {problem?.key === each.key ? <ErrorText role="alert">{problem.message}</ErrorText> : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
