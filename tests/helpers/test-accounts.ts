import type { PrismaClient } from "@/generated/prisma/client";

/**
 * An account a test file makes for itself, on the Starter plan with one line each way: `slug` and
 * `name` its own, below `parentId` (null: platform-direct). Answers its id; the file removes it
 * (tests/helpers/remove-accounts.ts).
 */
export async function createTestAccount(
  owner: PrismaClient,
  account: { slug: string; name?: string; parentId: string | null; isReseller?: boolean },
): Promise<string> {
  const made = await owner.account.create({
    data: {
      slug: account.slug,
      name: account.name ?? account.slug,
      parentId: account.parentId,
      isReseller: account.isReseller ?? false,
      planId: "starter",
      maxIn: 1,
      maxOut: 1,
      maxDialer: 0,
    },
  });
  return made.id;
}
