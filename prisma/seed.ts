import { hashPassword } from "@/server/auth/password";
import type { PrismaClient } from "@/server/db/types";
import { E164 } from "@/server/numbers/format";
import { digestHa1 } from "@/server/sip/digest";

export const DEMO_PASSWORD = "demo-password-1";

/**
 * The SIP password of the seeded demo devices (README): known, so a softphone can register to the
 * demo at once. Stored like any other, as its HA1 values only; real devices get a generated one.
 */
export const DEMO_SIP_PASSWORD = "demo-sip-password-1";

/** The extension and device every account with a SIP domain gets: the same username in two realms. */
export const DEMO_EXTENSION = { number: "1002", name: "Front desk", deviceLabel: "Desk phone", authUsername: "1002" };

type DemoAccount = {
  slug: string;
  name: string;
  parentSlug?: string;
  isReseller?: boolean;
  planId: string;
  brandName?: string;
  primaryColor?: string;
  accentColor?: string;
  supportEmail?: string;
  timezone?: string;
  language?: string;
  country?: string;
  brandDomain?: string;
  /** its SIP domain (the digest realm), with extension 1002 and a device 1002 on it */
  sipDomain?: string;
  limits: { maxIn: number; maxOut: number; maxDialer: number };
};

// Mirrors the account tree of the SIP.IO document; acceptance checks rely on these names.
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    slug: "acme",
    name: "Acme Corp",
    planId: "professional",
    brandDomain: "acme.localhost",
    limits: { maxIn: 10, maxOut: 10, maxDialer: 2 },
  },
  {
    slug: "voicereseller",
    name: "VoiceReseller Inc.",
    isReseller: true,
    planId: "enterprise",
    brandName: "VoiceReseller",
    primaryColor: "#7c3aed",
    accentColor: "#f59e0b",
    supportEmail: "support@voicereseller.localhost",
    timezone: "America/New_York",
    country: "US",
    brandDomain: "voicereseller.localhost",
    limits: { maxIn: 200, maxOut: 200, maxDialer: 50 },
  },
  {
    slug: "bistro",
    name: "Bistro Group",
    parentSlug: "voicereseller",
    planId: "starter",
    language: "fr",
    country: "FR",
    sipDomain: "sip.bistro.localhost",
    limits: { maxIn: 2, maxOut: 2, maxDialer: 0 },
  },
  {
    slug: "city-clinic",
    name: "City Clinic",
    parentSlug: "voicereseller",
    planId: "professional",
    sipDomain: "sip.city-clinic.localhost",
    limits: { maxIn: 10, maxOut: 10, maxDialer: 2 },
  },
];

/**
 * VoiceReseller's pool of numbers (libphonenumber-js reports each valid; the French ones are in the
 * 01 99 00 range set aside for fiction, the American ones in 555-01xx), and the one it has given to
 * Bistro (France). Every other number stays with VoiceReseller, free to assign.
 */
export const DEMO_NUMBERS = {
  pool: "voicereseller",
  numbers: ["+33199001234", "+33199001235", "+33199001236", "+12125550123", "+12125550124", "+12125550125"],
  assigned: { "+33199001234": "bistro" } as Readonly<Record<string, string>>,
} as const;

export const demoOwnerEmail = (slug: string) => `owner@${slug}.test`;

/** What `npm start` prints about the demo SIP identities when it seeds. */
export function demoSipLines(): string[] {
  return [
    ...DEMO_ACCOUNTS.flatMap((demo) =>
      demo.sipDomain ? [`SIP ${DEMO_EXTENSION.authUsername}@${demo.sipDomain}  (${demo.name})`] : [],
    ),
    `SIP password for these: ${DEMO_SIP_PASSWORD}`,
  ];
}

/**
 * Seeds the plans, the platform settings and the demo accounts, all in one transaction. Does
 * nothing when the database was seeded before (platform_settings has its row), so running it on
 * every start neither duplicates nor overwrites anything. Runs as the owner role.
 */
export async function seedDemoData(
  db: PrismaClient,
  options: { platformBrandName: string },
): Promise<{ seeded: boolean }> {
  // Hash outside the transaction: argon2 is deliberately slow.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.$transaction(
    async (tx) => {
      // Serialise concurrent seeders; the second one then sees the row and stops.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(4207732)`;
      if (await tx.platformSetting.findFirst()) return { seeded: false };

      await tx.plan.createMany({
        data: [
          {
            id: "starter",
            name: "Starter",
            sortOrder: 1,
            maxConcurrentCalls: 2,
            maxUsers: 5,
            maxDepartments: 3,
            recording: true,
            aiTranscription: false,
            advancedAnalytics: false,
          },
          {
            id: "professional",
            name: "Professional",
            sortOrder: 2,
            maxConcurrentCalls: 10,
            maxUsers: 50,
            maxDepartments: 20,
            recording: true,
            aiTranscription: true,
            advancedAnalytics: true,
          },
          {
            id: "enterprise",
            name: "Enterprise",
            sortOrder: 3,
            maxConcurrentCalls: null,
            maxUsers: null,
            maxDepartments: null,
            recording: true,
            aiTranscription: true,
            advancedAnalytics: true,
          },
        ],
      });
      await tx.platformSetting.create({
        data: {
          brandName: options.platformBrandName,
          primaryColor: "#0f766e",
          accentColor: "#2563eb",
          supportEmail: "support@platform.localhost",
          timezone: "UTC",
          language: "en",
          voiceGender: "female",
          country: "US",
        },
      });

      const ids = new Map<string, string>();
      for (const demo of DEMO_ACCOUNTS) {
        const account = await tx.account.create({
          data: {
            slug: demo.slug,
            name: demo.name,
            parentId: demo.parentSlug ? ids.get(demo.parentSlug) : undefined,
            isReseller: demo.isReseller ?? false,
            planId: demo.planId,
            brandName: demo.brandName,
            primaryColor: demo.primaryColor,
            accentColor: demo.accentColor,
            supportEmail: demo.supportEmail,
            timezone: demo.timezone,
            language: demo.language,
            country: demo.country,
            ...demo.limits,
          },
        });
        ids.set(demo.slug, account.id);
        if (demo.brandDomain) {
          await tx.hostMapping.create({
            data: {
              hostname: demo.brandDomain,
              accountId: account.id,
              kind: "brand",
              isPrimary: true,
              verified: true,
            },
          });
        }
        await tx.user.create({
          data: {
            accountId: account.id,
            email: demoOwnerEmail(demo.slug),
            name: `${demo.name} Owner`,
            role: "owner",
            passwordHash,
          },
        });
        if (demo.sipDomain) await seedSipIdentity(tx, account.id, demo.sipDomain);
      }

      const poolAccountId = ids.get(DEMO_NUMBERS.pool);
      if (!poolAccountId) throw new Error(`the demo pool's account ${DEMO_NUMBERS.pool} is not seeded`);
      await tx.phoneNumber.createMany({
        data: DEMO_NUMBERS.numbers.map((e164) => {
          if (!E164.test(e164)) throw new Error(`demo number ${e164} is not E.164`);
          const holder = DEMO_NUMBERS.assigned[e164];
          return { e164, poolAccountId, accountId: holder ? (ids.get(holder) ?? poolAccountId) : poolAccountId };
        }),
      });
      await seedDemoMoney(tx, ids);
      await seedDemoRates(tx, id(ids, "voicereseller"));
      return { seeded: true };
    },
    { timeout: 30_000 },
  );
}

async function seedSipIdentity(
  tx: Pick<PrismaClient, "hostMapping" | "extension" | "device">,
  accountId: string,
  realm: string,
) {
  await tx.hostMapping.create({ data: { hostname: realm, accountId, kind: "sip", isPrimary: true, verified: true } });
  const extension = await tx.extension.create({
    data: { accountId, number: DEMO_EXTENSION.number, name: DEMO_EXTENSION.name },
  });
  const ha1 = digestHa1(DEMO_EXTENSION.authUsername, realm, DEMO_SIP_PASSWORD);
  await tx.device.create({
    data: {
      accountId,
      extensionId: extension.id,
      label: DEMO_EXTENSION.deviceLabel,
      realm,
      authUsername: DEMO_EXTENSION.authUsername,
      ha1Md5: ha1.md5,
      ha1Sha256: ha1.sha256,
    },
  });
}

/**
 * Money on the demo wallets (every account got its wallet when it was made): the platform has
 * topped up its direct accounts, and VoiceReseller has topped up Bistro Group and given it credit.
 * Written as the owner role, as the platform's own postings are; the ledger's trigger keeps each
 * balance.
 */
async function seedDemoMoney(
  tx: Pick<PrismaClient, "$queryRaw" | "$executeRaw">,
  ids: Map<string, string>,
): Promise<void> {
  const reseller = id(ids, "voicereseller");
  const [resellerOwner] = await tx.$queryRaw<{ id: string; email: string }[]>`
    SELECT id, email FROM users WHERE account_id = ${reseller}::uuid AND role = 'owner' LIMIT 1`;
  if (!resellerOwner) throw new Error("VoiceReseller's owner is not seeded");
  await tx.$executeRaw`
    INSERT INTO ledger_entries (account_id, kind, amount_minor, reason)
    VALUES (${id(ids, "acme")}::uuid, 'top_up', 10000, 'Opening credit'),
           (${reseller}::uuid, 'top_up', 50000, 'Opening credit')`;
  await tx.$executeRaw`UPDATE wallets SET credit_limit_minor = 5000 WHERE account_id = ${id(ids, "bistro")}::uuid`;
  await tx.$executeRaw`
    INSERT INTO ledger_entries (account_id, kind, amount_minor, reason, author_account_id, author_user_id, author_label)
    VALUES (${id(ids, "bistro")}::uuid, 'top_up', 12000, 'Prepaid credit', ${reseller}::uuid, ${resellerOwner.id}::uuid, ${resellerOwner.email})`;
}

function id(ids: Map<string, string>, slug: string): string {
  const found = ids.get(slug);
  if (!found) throw new Error(`the demo account ${slug} is not seeded`);
  return found;
}

/**
 * The platform's demo rate deck (per minute, in millionths of a dollar, with billing increments)
 * and what VoiceReseller charges its customers: 25% on its cost, and its own price for calls to
 * the United Kingdom.
 */
export const DEMO_RATES = {
  deck: [
    { direction: "out", prefix: "", pricePerMinuteMicros: 50_000, incrementFirst: 60, incrementNext: 60 },
    { direction: "out", prefix: "1", pricePerMinuteMicros: 10_000, incrementFirst: 6, incrementNext: 6 },
    { direction: "out", prefix: "33", pricePerMinuteMicros: 20_000, incrementFirst: 1, incrementNext: 1 },
    { direction: "out", prefix: "336", pricePerMinuteMicros: 60_000, incrementFirst: 1, incrementNext: 1 },
    { direction: "in", prefix: "", pricePerMinuteMicros: 4_000, incrementFirst: 60, incrementNext: 60 },
    { direction: "dialer", prefix: "", pricePerMinuteMicros: 12_000, incrementFirst: 6, incrementNext: 6 },
  ],
  resellerMarkupBasisPoints: 2500,
  resellerOverrides: [
    { direction: "out", prefix: "44", pricePerMinuteMicros: 90_000, incrementFirst: 60, incrementNext: 60 },
  ],
} as const;

async function seedDemoRates(
  tx: Pick<PrismaClient, "rateDeckEntry" | "priceList" | "priceListOverride">,
  resellerId: string,
): Promise<void> {
  await tx.rateDeckEntry.createMany({
    data: DEMO_RATES.deck.map((rate) => ({ ...rate, pricePerMinuteMicros: BigInt(rate.pricePerMinuteMicros) })),
  });
  await tx.priceList.create({
    data: { accountId: resellerId, markupBasisPoints: DEMO_RATES.resellerMarkupBasisPoints },
  });
  await tx.priceListOverride.createMany({
    data: DEMO_RATES.resellerOverrides.map((rate) => ({
      ...rate,
      accountId: resellerId,
      pricePerMinuteMicros: BigInt(rate.pricePerMinuteMicros),
    })),
  });
}
