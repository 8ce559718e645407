/**
 * What the example reseller program does, step by step, printing each: create a child account,
 * brand it, list the children, and (when asked) keep working across the access token's expiry.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Fetch } from "./fetch";
import { type PortalClient, portalClient, reasonOf } from "./portal-client";
import type { TokenKeeper } from "./token-keeper";

export type Say = (line: string) => void;

export type Context = { client: PortalClient; keeper: TokenKeeper; say: Say; baseUrl: string; fetch: Fetch };

/** A child of the signed-in reseller, unique per run so that the program can run again and again. */
export async function createChild({ client, say }: Context, now: Date = new Date()) {
  const stamp = now.getTime().toString(36);
  const child = await client.accounts.create.mutate({
    name: `Example Customer ${stamp}`,
    slug: `example-${stamp}`,
    planId: "starter",
    isReseller: false,
    limits: { maxIn: 2, maxOut: 2, maxDialer: 0 },
  });
  say(`created account ${child.slug} (${child.id}) below ${child.parent.name}`);
  return child;
}

export async function brandChild({ client, say }: Context, child: { id: string; name: string }) {
  const branding = await client.branding.update.mutate({
    accountId: child.id,
    changes: { brandName: `${child.name} Voice`, primaryColor: "#0f766e" },
  });
  const { brandName, primaryColor } = branding.fields;
  say(`branded it "${brandName.effective.value}", primary colour ${primaryColor.effective.value}`);
}

export async function listChildren({ client, say }: Context, expected: string) {
  const page = await client.accounts.listChildren.query({ limit: 100 });
  const slugs = page.items.map((item) => item.slug);
  if (!slugs.includes(expected))
    throw new Error(`accounts.listChildren does not list ${expected}: ${slugs.join(", ")}`);
  say(`${page.scope.name} has ${page.items.length} child accounts: ${slugs.join(", ")}`);
  return page;
}

/**
 * Waits until the access token has expired, shows that the portal now refuses it, and makes a call
 * that succeeds because the keeper refreshed the token.
 */
export async function crossExpiry(context: Context, expected: string) {
  const { keeper, say } = context;
  const oldToken = keeper.heldToken();
  const refreshesBefore = keeper.refreshes;
  const waitMs = Math.max(0, keeper.expiresInMs()) + 1_000;
  say(`waiting ${Math.ceil(waitMs / 1000)} s, until the access token has expired`);
  await sleep(waitMs);

  // The portal's own view: the token held before the wait is now refused as expired.
  const withOldToken = portalClient({
    baseUrl: context.baseUrl,
    fetch: context.fetch,
    tokens: { accessToken: async () => oldToken, tenant: () => keeper.tenant(), rejected: () => false },
  });
  const refused = await withOldToken.account.current.query().then(
    () => "nothing (the call succeeded)",
    (error: unknown) => reasonOf(error) ?? String(error),
  );
  if (refused !== "token_expired") throw new Error(`the expired access token was answered with ${refused}`);
  say("the portal now refuses the old access token: 401 token_expired");

  await listChildren(context, expected);
  if (keeper.refreshes <= refreshesBefore) throw new Error("the call after the expiry succeeded without a refresh");
  say(`crossed the access token's expiry: ${keeper.refreshes - refreshesBefore} refresh, and the calls go on`);
}
