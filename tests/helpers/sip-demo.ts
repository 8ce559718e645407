import type { PrismaClient } from "@/generated/prisma/client";
import { DEMO_ACCOUNTS, DEMO_EXTENSION } from "@/prisma/seed";

/** The seeded SIP identity of a demo account: its SIP domain, extension 1002 and device 1002. */
export type DemoSipIds = { realm: string; extensionId: string; deviceId: string };

/** The demo accounts that have a seeded SIP identity (bistro, city-clinic), read with the owner client. */
export async function loadDemoSipIds(owner: PrismaClient): Promise<Record<"bistro" | "city-clinic", DemoSipIds>> {
  const entries = await Promise.all(
    (["bistro", "city-clinic"] as const).map(async (slug) => {
      const realm = DEMO_ACCOUNTS.find((demo) => demo.slug === slug)?.sipDomain;
      if (!realm) throw new Error(`the seed no longer gives ${slug} a SIP domain`);
      const device = await owner.device.findUniqueOrThrow({
        where: { realm_authUsername: { realm, authUsername: DEMO_EXTENSION.authUsername } },
        select: { id: true, extensionId: true },
      });
      return [slug, { realm, extensionId: device.extensionId, deviceId: device.id }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<"bistro" | "city-clinic", DemoSipIds>;
}
