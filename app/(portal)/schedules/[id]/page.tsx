import type { Metadata } from "next";
import { DoneNotice } from "@/components/form/done-notice";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { PageHeader } from "@/components/ui/page-header";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { notFoundOn } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { roleHas } from "@/server/auth/permissions";
import { timeZoneNames, WEEKDAYS } from "@/server/schedules/time-of-day";
import { DeleteButton } from "../../_lists/delete-button";
import { deleteScheduleAction, updateScheduleAction } from "../actions";
import { EffectiveZone, OpenState, zoneSourceText } from "../open-state";
import { ScheduleForm } from "../schedule-form";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { id } = await params;
  const schedule = await (await serverCaller()).schedules.get({ id }).catch(() => null);
  return { title: schedule ? schedule.name : "Schedule" };
}

const DONE: Record<string, string> = { created: "Schedule created.", saved: "Changes saved." };

export default async function SchedulePage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { user } = await loadCurrentAccount();
  const caller = await serverCaller();
  const schedule = await caller.schedules.get({ id }).catch((error: unknown) => {
    notFoundOn(error, ["NOT_FOUND", "BAD_REQUEST"]);
    throw error;
  });
  const canWrite = roleHas(user.role, "schedules:write");
  const done = typeof query.done === "string" ? DONE[query.done] : undefined;
  const accountZone = schedule.accountTimeZone;

  return (
    <main className="flex flex-col gap-4">
      <PageHeader
        back={<TextLink href="/schedules">Back to schedules</TextLink>}
        title={schedule.name}
        testId="schedule-name"
        description={
          <span className="flex flex-wrap items-center gap-3">
            <OpenState state={schedule.state} zone={schedule.effectiveTimeZone.value} />
            <span>
              Time zone: <EffectiveZone zone={schedule.effectiveTimeZone} />
            </span>
          </span>
        }
      />
      {done ? <DoneNotice key={Date.now()} message={done} /> : null}
      {canWrite ? (
        <>
          <Card aria-label="Schedule">
            <ScheduleForm
              key={schedule.updatedAt.toISOString()}
              action={updateScheduleAction}
              mode="edit"
              timeZones={timeZoneNames()}
              accountZone={{ value: accountZone.value, from: zoneSourceText(accountZone.source) }}
              destinations={(await caller.schedules.destinationOptions()).destinations}
              schedule={schedule}
            />
          </Card>
          <Card aria-labelledby="delete-title">
            <CardTitle id="delete-title">Delete</CardTitle>
            <CardDescription>
              A schedule that a number or the account's default destination routes to cannot be deleted: route those
              elsewhere first.
            </CardDescription>
            <DeleteButton action={deleteScheduleAction} id={schedule.id} what="schedule" name={schedule.name} />
          </Card>
        </>
      ) : (
        <Card aria-labelledby="hours-title">
          <CardTitle id="hours-title">Opening hours</CardTitle>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {WEEKDAYS.map(({ weekday, name }) => {
              const ranges = schedule.hours.filter((range) => range.weekday === weekday);
              return [
                <dt key={`${weekday}-day`} className="font-medium">
                  {name}
                </dt>,
                <dd key={`${weekday}-hours`}>
                  {ranges.length === 0 ? "Closed" : ranges.map((range) => `${range.opens}–${range.closes}`).join(", ")}
                </dd>,
              ];
            })}
          </dl>
        </Card>
      )}
    </main>
  );
}
