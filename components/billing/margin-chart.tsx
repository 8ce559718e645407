"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "@/server/billing/money";

type Bucket = { start: string; revenueMinor: number; costMinor: number; marginMinor: number };

/**
 * Revenue and cost of the children's calls by day or by month, as bars side by side: the gap is
 * the margin. The table below it holds the same numbers per account, for screen readers and copying.
 */
export function MarginChart({
  series,
  granularity,
  currency,
}: {
  series: readonly Bucket[];
  granularity: "day" | "month";
  currency: string;
}) {
  const money = (minor: number) => formatMoney(minor, currency);
  // 2026-11-30 as "11-30" by day, "2026-11" by month.
  const label = (start: string) => (granularity === "day" ? start.slice(5) : start.slice(0, 7));
  return (
    <figure className="h-64 w-full" aria-label={`Revenue and cost by ${granularity}`} data-testid="margin-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={[...series]} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="start" tickFormatter={label} fontSize={12} />
          <YAxis tickFormatter={(minor: number) => money(minor)} fontSize={12} width={72} />
          <Tooltip formatter={(value) => money(Number(value))} />
          <Legend />
          <Bar dataKey="revenueMinor" name="Revenue" fill="var(--brand-primary, #0f766e)" />
          <Bar dataKey="costMinor" name="Cost" fill="#94a3b8" />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
