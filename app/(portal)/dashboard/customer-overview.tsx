import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import type { AppRouter } from "@/server/api/root";
import { auditActionLabel } from "@/server/audit/actions";
import { destinationText } from "@/server/settings/destination";

type Summary = Awaited<ReturnType<AppRouter["dashboard"]["summary"]>>;
type Analytics = Awaited<ReturnType<AppRouter["dashboard"]["analytics"]>>;
type NumbersPage = Extract<Awaited<ReturnType<AppRouter["numbers"]["list"]>>, { view: "account" }>;

/** Where a customer goes to act on each metered resource. */
const PAGES: Record<Summary["meters"][number]["resource"], string> = {
  users: "/users",
  extensions: "/extensions",
  numbers: "/numbers",
  departments: "/departments",
};

function Meter({ meter, planName }: { meter: Summary["meters"][number]; planName: string }) {
  const id = `meter-${meter.resource}`;
  const full = meter.limit !== null && meter.used >= meter.limit;
  return (
    <li className="flex flex-col gap-1 py-2" data-testid={id}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4">
        <TextLink href={PAGES[meter.resource]} id={`${id}-label`}>
          {meter.label}
        </TextLink>
        <span className="text-sm" data-testid={`${id}-text`}>
          {meter.limit === null
            ? `${meter.used} · no limit on the ${planName} plan`
            : `${meter.used} of ${meter.limit}${full ? " · limit reached" : ""}`}
        </span>
      </div>
      {meter.limit === null ? null : (
        <meter
          aria-labelledby={`${id}-label`}
          className="h-2 w-full"
          min={0}
          max={meter.limit}
          value={meter.used}
          high={Math.max(meter.limit - 1, 0)}
          optimum={0}
        />
      )}
    </li>
  );
}

/**
 * What a customer acts on: its users, extensions and departments against the plan's limits, and
 * the plan's features, with those it lacks marked unavailable and the plan that has them named.
 */
export function CustomerOverview({
  summary,
  analytics,
  numbers,
}: {
  summary: Summary;
  analytics: Analytics | null;
  /** The first page of the account's numbers; null when the user may not read them. */
  numbers: NumbersPage | null;
}) {
  const unrouted = summary.defaultDestination
    ? `the default, ${destinationText(summary.defaultDestination)}`
    : "nowhere: no default is set, so the call is not answered";
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Card aria-labelledby="usage-heading">
        <CardTitle id="usage-heading">Your phone system</CardTitle>
        <ul className="divide-y divide-slate-100" data-testid="meters">
          {summary.meters.map((meter) => (
            <Meter key={meter.resource} meter={meter} planName={summary.plan.name} />
          ))}
        </ul>
      </Card>

      <Card aria-labelledby="features-heading">
        <CardTitle id="features-heading">Features of the {summary.plan.name} plan</CardTitle>
        <ul className="divide-y divide-slate-100" data-testid="features">
          {summary.features.map((feature) => (
            <li
              key={feature.feature}
              className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2 text-sm"
              data-testid={`feature-${feature.feature}`}
            >
              <span className={feature.included ? undefined : "text-slate-600 line-through"}>{feature.label}</span>
              {feature.included ? (
                <Badge tone="success">Included</Badge>
              ) : (
                <span className="flex flex-wrap items-center gap-2">
                  <Badge tone="neutral">Unavailable</Badge>
                  <span data-testid={`feature-${feature.feature}-plan`}>
                    {feature.cheapestPlan ? `Available on the ${feature.cheapestPlan.name} plan` : "Not in any plan"}
                  </span>
                </span>
              )}
            </li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-slate-600">
          Switch call recording and AI transcription on or off in <TextLink href="/settings">Settings</TextLink>.
        </p>
      </Card>

      {numbers ? (
        <Card aria-labelledby="routes-heading" className="md:col-span-2">
          <CardTitle id="routes-heading">Which numbers route where</CardTitle>
          {numbers.items.length === 0 ? (
            <p className="text-sm text-slate-600" data-testid="routes-empty">
              You have no numbers yet. Your provider assigns them; they then appear on the{" "}
              <TextLink href="/numbers">Numbers</TextLink> page, where you choose where each one rings.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="routes">
              {numbers.items.map((number) => (
                <li key={number.id} className="flex flex-wrap justify-between gap-x-4 gap-y-1 py-2">
                  <span className="font-medium">{number.national ?? number.international}</span>
                  <span data-testid={`route-${number.e164}`}>
                    {number.route ? destinationText(number.route) : `No route of its own: ${unrouted}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-sm text-slate-600">
            {numbers.nextCursor ? "More numbers, and where to route them, on " : "Change routes on "}
            the <TextLink href="/numbers">Numbers</TextLink> page; unrouted numbers go to {unrouted} (
            <TextLink href="/settings">Settings</TextLink>).
          </p>
        </Card>
      ) : null}

      {analytics ? (
        <Card aria-labelledby="analytics-heading" className="md:col-span-2">
          <CardTitle id="analytics-heading">Analytics</CardTitle>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4" data-testid="analytics">
            <div>
              <dt className="text-slate-600">Active users</dt>
              <dd className="text-lg font-semibold">{analytics.users.active}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Open invitations</dt>
              <dd className="text-lg font-semibold">{analytics.users.invited}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Extensions with a user</dt>
              <dd className="text-lg font-semibold">
                {analytics.extensions.withUser} of {analytics.extensions.total}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Schedules</dt>
              <dd className="text-lg font-semibold">{analytics.schedules}</dd>
            </div>
          </dl>
          <h3 className="mt-4 text-sm font-semibold">Changes in the last 30 days</h3>
          {analytics.changesLast30Days.length === 0 ? (
            <p className="text-sm text-slate-600">Nothing changed in the last 30 days.</p>
          ) : (
            <ul className="text-sm">
              {analytics.changesLast30Days.slice(0, 5).map((row) => (
                <li key={row.action} className="flex justify-between gap-4 py-0.5">
                  <span>{auditActionLabel(row.action)}</span>
                  <span>{row.count}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
    </div>
  );
}
