import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import type { CallDirection, Increment } from "./rating";
import { walletCurrency } from "./wallet";

export type PriceOverride = {
  id: string;
  direction: CallDirection;
  prefix: string;
  pricePerMinuteMicros: number;
  increment: Increment;
};

export type PriceListView = {
  accountId: string;
  currency: string;
  /** On the reseller's own cost where no override matches; 2500 = +25%. */
  markupBasisPoints: number;
  overrides: PriceOverride[];
};

type OverrideRow = {
  id: string;
  direction: CallDirection;
  prefix: string;
  price_per_minute_micros: bigint;
  increment_first: number;
  increment_next: number;
};

/**
 * What the reseller charges its children: a markup on its own cost, and its own prices for some
 * prefixes (the rating engine applies them: server/billing/rating.ts). None set: at cost.
 */
export async function getPriceList(db: TenantDb, resellerId: string): Promise<PriceListView> {
  const [list] = await db.$queryRaw<{ markup: number }[]>`
    SELECT markup_basis_points AS markup FROM price_lists WHERE account_id = ${resellerId}::uuid`;
  const rows = await db.$queryRaw<OverrideRow[]>`
    SELECT id, direction, prefix, price_per_minute_micros, increment_first, increment_next
      FROM price_list_overrides WHERE account_id = ${resellerId}::uuid
     ORDER BY direction, prefix`;
  const currency = await walletCurrency(db, resellerId);
  return {
    accountId: resellerId,
    currency,
    markupBasisPoints: list?.markup ?? 0,
    overrides: rows.map((row) => ({
      id: row.id,
      direction: row.direction,
      prefix: row.prefix,
      pricePerMinuteMicros: Number(row.price_per_minute_micros),
      increment: { first: row.increment_first, next: row.increment_next },
    })),
  };
}

/** Sets the markup on the reseller's cost for every call no override prices. Audited. */
export async function setMarkup(db: TenantDb, actor: Actor, markupBasisPoints: number): Promise<PriceListView> {
  const before = await getPriceList(db, actor.accountId);
  if (before.markupBasisPoints !== markupBasisPoints) {
    await db.$executeRaw`
      INSERT INTO price_lists (account_id, markup_basis_points) VALUES (${actor.accountId}::uuid, ${markupBasisPoints})
      ON CONFLICT (account_id) DO UPDATE SET markup_basis_points = excluded.markup_basis_points, updated_at = now()`;
    await recordAudit(db, actor, {
      action: "billing.price_list",
      targetAccountId: actor.accountId,
      details: { before: { markupBasisPoints: before.markupBasisPoints }, after: { markupBasisPoints } },
    });
  }
  return getPriceList(db, actor.accountId);
}

/**
 * Sets the reseller's own price for calls of `direction` to numbers starting with `prefix`
 * (replacing the one there was for the same prefix). Audited.
 */
export async function setOverride(
  db: TenantDb,
  actor: Actor,
  input: Omit<PriceOverride, "id">,
): Promise<PriceListView> {
  await db.$executeRaw`
    INSERT INTO price_lists (account_id) VALUES (${actor.accountId}::uuid) ON CONFLICT (account_id) DO NOTHING`;
  await db.$executeRaw`
    INSERT INTO price_list_overrides (account_id, direction, prefix, price_per_minute_micros, increment_first, increment_next)
    VALUES (${actor.accountId}::uuid, ${input.direction}, ${input.prefix}, ${input.pricePerMinuteMicros},
            ${input.increment.first}, ${input.increment.next})
    ON CONFLICT (account_id, direction, prefix) DO UPDATE
      SET price_per_minute_micros = excluded.price_per_minute_micros,
          increment_first = excluded.increment_first, increment_next = excluded.increment_next`;
  await recordAudit(db, actor, {
    action: "billing.price_list",
    targetAccountId: actor.accountId,
    details: {
      after: {
        override: `${input.direction} ${input.prefix || "(all numbers)"}`,
        pricePerMinuteMicros: input.pricePerMinuteMicros,
        increment: `${input.increment.first}/${input.increment.next}`,
      },
    },
  });
  return getPriceList(db, actor.accountId);
}

/** Removes one of the reseller's own prices: its markup applies there again. NOT_FOUND for any other. */
export async function removeOverride(db: TenantDb, actor: Actor, overrideId: string): Promise<PriceListView> {
  const [removed] = await db.$queryRaw<{ direction: string; prefix: string }[]>`
    DELETE FROM price_list_overrides WHERE account_id = ${actor.accountId}::uuid AND id = ${overrideId}::uuid
    RETURNING direction, prefix`;
  if (!removed) {
    throw new DomainError("NOT_FOUND", problem("price_not_found", "No such price in your price list.", "overrideId"));
  }
  await recordAudit(db, actor, {
    action: "billing.price_list",
    targetAccountId: actor.accountId,
    details: { before: { override: `${removed.direction} ${removed.prefix || "(all numbers)"}` } },
  });
  return getPriceList(db, actor.accountId);
}
