/**
 * What the example program is told: flags first, then environment variables, then the demo
 * defaults (VoiceReseller's owner on the demo portal, README "Quick start"). Prefer the variable
 * for the password: a flag is visible to other users of the machine in the process list.
 */
import { parseArgs } from "node:util";
import { z } from "zod";

export const USAGE = `Usage: npm run example -- [options]

  --url <url>          the portal (PORTAL_URL; default http://voicereseller.localhost:3000)
  --tenant <slug>      the account to sign in to (PORTAL_TENANT; default voicereseller)
  --email <email>      (PORTAL_EMAIL; default owner@voicereseller.test)
  --password <pw>      (PORTAL_PASSWORD; default the demo password)
  --wait-for-expiry    wait until the access token has expired, then keep working
  --help               this text`;

const Options = z.object({
  url: z.url({
    protocol: /^https?$/,
    message: "--url must be an http(s) URL like http://voicereseller.localhost:3000",
  }),
  tenant: z.string().min(1, "--tenant must not be empty"),
  email: z.email("--email must be an e-mail address"),
  password: z.string().min(1, "--password must not be empty"),
  waitForExpiry: z.boolean(),
});
export type Options = z.infer<typeof Options>;

export type Environment = Readonly<Record<string, string | undefined>>;

export const DEFAULTS = {
  url: "http://voicereseller.localhost:3000",
  tenant: "voicereseller",
  email: "owner@voicereseller.test",
  password: "demo-password-1",
} as const;

/** The options, "help" when asked for it, or what is wrong with them. */
export function parseOptions(
  argv: readonly string[],
  environment: Environment,
): { ok: true; options: Options } | { ok: false; help: boolean; message: string } {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    return { ok: false, help: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { ok: false, help: true, message: USAGE };
  const parsed = Options.safeParse({
    url: values.url ?? environment.PORTAL_URL ?? DEFAULTS.url,
    tenant: values.tenant ?? environment.PORTAL_TENANT ?? DEFAULTS.tenant,
    email: values.email ?? environment.PORTAL_EMAIL ?? DEFAULTS.email,
    password: values.password ?? environment.PORTAL_PASSWORD ?? DEFAULTS.password,
    waitForExpiry: values["wait-for-expiry"] ?? false,
  });
  if (!parsed.success) return { ok: false, help: false, message: parsed.error.issues.map((i) => i.message).join("\n") };
  return { ok: true, options: parsed.data };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: "string" },
      tenant: { type: "string" },
      email: { type: "string" },
      password: { type: "string" },
      "wait-for-expiry": { type: "boolean" },
      help: { type: "boolean" },
    },
  });
}
