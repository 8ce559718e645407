/**
 * A reseller's program using the portal's typed tRPC API (README, "API"):
 *
 *   npm run example                      # against http://voicereseller.localhost:3000 (npm start)
 *   npm run example -- --wait-for-expiry # also keeps working across the access token's expiry
 *   npm run example -- --help
 *
 * It signs in as VoiceReseller's owner (POST /api/auth/login), creates a child account, sets its
 * branding, lists the children, and signs out (POST /api/auth/logout). Exit code 0 only when all of
 * it worked; otherwise the reason the portal gave, on standard error.
 */
import { authApi } from "./lib/auth-api";
import { describeFailure } from "./lib/describe-failure";
import { portalFetch } from "./lib/fetch";
import { parseOptions } from "./lib/options";
import { portalClient } from "./lib/portal-client";
import { brandChild, type Context, createChild, crossExpiry, listChildren } from "./lib/reseller-steps";
import { type TokenEvent, TokenKeeper } from "./lib/token-keeper";

const say = (line: string) => console.log(line);

function tell(event: TokenEvent) {
  switch (event.kind) {
    case "login":
      return say(`signed in to ${event.tenant}; the access token lasts ${event.expiresIn} s`);
    case "refreshed":
      return say(`${refreshedBecause(event)}; the new one lasts ${event.expiresIn} s`);
    case "logout":
      return say("signed out: the refresh token is revoked");
  }
}

function refreshedBecause(event: Extract<TokenEvent, { kind: "refreshed" }>): string {
  if (event.why === "rejected")
    return "the portal refused the access token as expired: refreshed it, retrying the call";
  return event.secondsLeft > 0
    ? `refreshed the access token ${event.secondsLeft} s before it expires`
    : `refreshed the access token, expired ${-event.secondsLeft} s ago, before the next call`;
}

async function main(): Promise<number> {
  // biome-ignore lint/style/noProcessEnv: a program of its own, configured by its own variables; it must not load the server's env.ts.
  const parsed = parseOptions(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    (parsed.help ? console.log : console.error)(parsed.message);
    return parsed.help ? 0 : 2;
  }
  const { options } = parsed;
  const keeper = new TokenKeeper(authApi(options.url, portalFetch), { onEvent: tell });
  const client = portalClient({ baseUrl: options.url, tokens: keeper, fetch: portalFetch });
  const context = { client, keeper, say, baseUrl: options.url, fetch: portalFetch };
  try {
    await keeper.login({ email: options.email, password: options.password, tenant: options.tenant });
  } catch (error) {
    console.error(`failed: ${describeFailure(error)}`);
    return 1;
  }
  const failure = await work(context, options.waitForExpiry);
  if (failure) console.error(`failed: ${describeFailure(failure)}`);
  // Signed in, so sign out whatever happened: a refresh token left behind is a credential lying around.
  try {
    await keeper.logout();
  } catch (error) {
    console.error(`signing out failed: ${describeFailure(error)}`);
    return 1;
  }
  if (failure) return 1;
  say("done");
  return 0;
}

/** The program's work once signed in; what stopped it, if anything. */
async function work(context: Context, waitForExpiry: boolean): Promise<unknown> {
  try {
    const child = await createChild(context);
    await brandChild(context, child);
    await listChildren(context, child.slug);
    if (waitForExpiry) await crossExpiry(context, child.slug);
    return null;
  } catch (error) {
    return error;
  }
}

process.exitCode = await main();
