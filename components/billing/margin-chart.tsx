"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "@/server/billing/money";

type Day = { day: string; revenueMinor: number; costMinor: number; marginMinor: number };

/**
 * Revenue and cost of the children's calls by day, as bars side by side: the gap is the margin.
 * The table beside it holds the same numbers for screen readers and for copying.
 */
export function MarginChart({ days, currency }: { days: readonly Day[]; currency: string }) {
  const money = (minor: number) => formatMoney(minor, currency);
  return (
    <figure className="h-64 w-full" aria-label="Revenue and cost by day" data-testid="margin-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={[...days]} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} fontSize={12} />
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
