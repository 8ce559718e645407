import type { Metadata } from "next";
import { DoneNotice } from "@/components/form/done-notice";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { roleHas } from "@/server/auth/permissions";
import { timeZoneNames } from "@/server/schedules/time-of-day";
import { ListSearch } from "../_lists/list-search";
import { PageLinks, pageFrom, textFrom } from "../_lists/page-links";
import { createScheduleAction } from "./actions";
import { EffectiveZone, OpenState, zoneSourceText } from "./open-state";
import { ScheduleForm } from "./schedule-form";

export const metadata: Metadata = { title: "Schedules" };

/** The account's schedules, each open or closed now, in its effective time zone; and a new one. */
export default async function SchedulesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const query = { q: textFrom(params.q), page: pageFrom(params.page) };
  const { user } = await loadCurrentAccount();
  const caller = await serverCaller();
  const list = await caller.schedules
    .list({ search: query.q, page: query.page, pageSize: 20 })
    .catch((error: unknown) => problemFor(error, {}));
  const canWrite = roleHas(user.role, "schedules:write");
  const destinations = canWrite ? (await caller.schedules.destinationOptions()).destinations : [];

  return (
    <main className="flex flex-col gap-6">
      <PageHeader
        title="Schedules"
        description="Opening hours and holidays: while open a call goes to one destination, while closed to another."
      />
      {params.done === "deleted" ? <DoneNotice key={Date.now()} message="Schedule deleted." /> : null}
      <Card aria-labelledby="schedules-title">
        <CardTitle id="schedules-title">Your schedules</CardTitle>
        {"accountTimeZone" in list ? (
          <CardDescription data-testid="account-zone">
            Schedules without a time zone of their own follow the account's:{" "}
            <EffectiveZone zone={{ value: list.accountTimeZone.value, source: list.accountTimeZone.source }} />.
          </CardDescription>
        ) : null}
        <ListSearch
          action="/schedules"
          id="schedule-search"
          label="Search schedules by name"
          placeholder="Search by name"
          value={query.q}
          filtered={Boolean(query.q)}
        />
        {"problem" in list ? (
          <ErrorText role="alert">{list.problem}</ErrorText>
        ) : list.items.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="schedules-empty">
            {query.q
              ? `No schedule matches “${query.q}”.`
              : canWrite
                ? "No schedules yet. Create one below with your opening hours, then route a number to it."
                : "No schedules yet."}
          </p>
        ) : (
          <Table stack data-testid="schedules">
            <TableHead>
              <tr>
                <TableHeader>Schedule</TableHeader>
                <TableHeader>Now</TableHeader>
                <TableHeader>Time zone</TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {list.items.map((schedule) => (
                <TableRow key={schedule.id}>
                  <TableCell label="Schedule">
                    <TextLink href={`/schedules/${schedule.id}`}>{schedule.name}</TextLink>
                  </TableCell>
                  <TableCell label="Now">
                    <OpenState state={schedule.state} zone={schedule.effectiveTimeZone.value} />
                  </TableCell>
                  <TableCell label="Time zone">
                    <EffectiveZone zone={schedule.effectiveTimeZone} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {"items" in list ? (
          <PageLinks
            basePath="/schedules"
            query={{ q: query.q }}
            page={list.page}
            pageSize={list.pageSize}
            total={list.total}
          />
        ) : null}
      </Card>
      {canWrite && "accountTimeZone" in list ? (
        <Card aria-labelledby="new-schedule-title">
          <CardTitle id="new-schedule-title">New schedule</CardTitle>
          <ScheduleForm
            action={createScheduleAction}
            mode="create"
            timeZones={timeZoneNames()}
            accountZone={{ value: list.accountTimeZone.value, from: zoneSourceText(list.accountTimeZone.source) }}
            destinations={destinations}
          />
        </Card>
      ) : null}
    </main>
  );
}
