import { hashPassword } from "@/server/auth/password";
import type { PrismaClient } from "@/server/db/types";
import { E164 } from "@/server/numbers/format";

export const DEMO_PASSWORD = "demo-password-1";

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
    limits: { maxIn: 2, maxOut: 2, maxDialer: 0 },
  },
  {
    slug: "city-clinic",
    name: "City Clinic",
    parentSlug: "voicereseller",
    planId: "professional",
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
      return { seeded: true };
    },
    { timeout: 30_000 },
  );
}
