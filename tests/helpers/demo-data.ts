import { inject } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { DEMO_ACCOUNTS, demoOwnerEmail } from "@/prisma/seed";
import { createPrismaClient, openKeptConnections, PORTAL_POOL } from "@/server/db/client";

export type DemoSlug = "acme" | "voicereseller" | "bistro" | "city-clinic";

export const DEMO_SLUGS: readonly DemoSlug[] = ["acme", "voicereseller", "bistro", "city-clinic"];

export type DemoAccountIds = {
  accountId: string;
  ownerUserId: string;
  ownerEmail: string;
  /** Ids from the root down to the parent, as the database maintains them. */
  ancestors: string[];
};

export type DemoIds = Record<DemoSlug, DemoAccountIds>;

/**
 * The ids the seed gave the demo accounts and their owners. Read with the owner client: the seed
 * generates uuids, so tests look them up instead of hard-coding them.
 */
export async function loadDemoIds(owner: PrismaClient): Promise<DemoIds> {
  const seeded = new Set(DEMO_ACCOUNTS.map((account) => account.slug));
  const entries = await Promise.all(
    DEMO_SLUGS.map(async (slug) => {
      if (!seeded.has(slug)) throw new Error(`the seed no longer creates the demo account "${slug}"`);
      const account = await owner.account.findUniqueOrThrow({
        where: { slug },
        select: { id: true, ancestors: true },
      });
      const email = demoOwnerEmail(slug);
      const user = await owner.user.findUniqueOrThrow({
        where: { accountId_email: { accountId: account.id, email } },
        select: { id: true },
      });
      const ids: DemoAccountIds = {
        accountId: account.id,
        ownerUserId: user.id,
        ownerEmail: email,
        ancestors: account.ancestors,
      };
      return [slug, ids] as const;
    }),
  );
  return Object.fromEntries(entries) as DemoIds;
}

/**
 * Owner and request-role clients on the integration database, and the seeded ids. `appPool`
 * "portal" gives the request-role client the web server's own pool, opened as the server opens it.
 */
export async function connectDemoDatabase(options: { appPoolSize?: number; appPool?: "portal" } = {}) {
  const owner = createPrismaClient(inject("ownerUrl"), { max: 2 });
  const app = createPrismaClient(
    inject("appUrl"),
    options.appPool === "portal" ? PORTAL_POOL : { max: options.appPoolSize ?? 4 },
  );
  if (options.appPool === "portal") await openKeptConnections(app);
  return { owner, app, ids: await loadDemoIds(owner) };
}

/**
 * A `member` user of a demo account, for tests of what the role may not do. Each test file passes
 * its own `label`, so that files running side by side never create the same email.
 */
export async function createMemberUser(owner: PrismaClient, accountId: string, label: string) {
  return owner.user.create({
    data: {
      accountId,
      email: `${label}-member@members.test`,
      name: `Member (${label})`,
      role: "member",
      passwordHash: "not used: members in tests never sign in",
    },
  });
}

/** Removes a user made by createMemberUser, with the audit entries naming them. */
export async function deleteMemberUser(owner: PrismaClient, user: { accountId: string; id: string }) {
  await owner.auditEntry.deleteMany({ where: { actorUserId: user.id } });
  await owner.user.delete({ where: { accountId_id: { accountId: user.accountId, id: user.id } } });
}
