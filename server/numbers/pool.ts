import type { PrismaClient } from "../db/types";
import { Prisma } from "../db/types";
import { DomainError, problem } from "../domain-error";
import { loadEffectiveSettings } from "../tenancy/branding";
import { parseNumber } from "./format";

/**
 * Puts a number into a reseller's pool, held by the reseller until it assigns it. For the platform
 * only (the seed, operators' scripts): the request role has no INSERT grant on numbers. The number
 * is read as typed, national numbers in the reseller's effective country; it must be valid
 * (`invalid_number`) and not in anyone's pool yet (`number_taken`). Recorded in the reseller's
 * audit log as done by the platform (no user).
 */
export async function addToPool(
  /** The platform's client (owner role): requests cannot add numbers. */
  platform: PrismaClient,
  input: { poolAccountId: string; number: string },
): Promise<{ id: string; e164: string }> {
  return platform.$transaction(async (db) => {
    const pool = await db.account.findUnique({
      where: { id: input.poolAccountId },
      select: { id: true, isReseller: true, name: true },
    });
    if (!pool?.isReseller) {
      throw new DomainError(
        "NOT_FOUND",
        problem("account_not_found", "Only a reseller account has a pool of numbers.", "poolAccountId"),
      );
    }
    const country = (await loadEffectiveSettings(db, pool.id)).country.value;
    const parsed = parseNumber(input.number, country, "number");
    if (!parsed.ok) throw new DomainError("BAD_REQUEST", parsed.problem);
    try {
      const created = await db.phoneNumber.create({
        data: { accountId: pool.id, poolAccountId: pool.id, e164: parsed.e164 },
        select: { id: true, e164: true },
      });
      await db.auditEntry.createMany({
        data: {
          accountId: pool.id,
          targetAccountId: pool.id,
          action: "number.added_to_pool",
          details: { number: created.e164, after: { holder: pool.name } },
        },
      });
      return created;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new DomainError("CONFLICT", problem("number_taken", `${parsed.e164} is already in a pool.`, "number"));
      }
      throw error;
    }
  });
}
