import { cookies } from "next/headers";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { appDb } from "../db/app-client";
import { env } from "../env";
import { requestClientIp } from "../http/request-ip";
import { resolveRequestHost } from "../tenancy/request-host";
import { openAsCookie } from "./open-as";
import { brandKey, SESSION_COOKIE } from "./session";
import { endSession, SESSION_LIFETIME_SECONDS, startSession } from "./session-store";
import { signIn } from "./sign-in";

const SignedOutToken = z.object({ accountId: z.uuid(), sid: z.uuid() });

type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderBag, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

async function forgetOpenedAccount(): Promise<void> {
  const { name, value, ...options } = openAsCookie("", null);
  (await cookies()).set(name, value, options);
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_LIFETIME_SECONDS },
  pages: { signIn: "/login" },
  cookies: {
    sessionToken: {
      name: SESSION_COOKIE,
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: env.SECURE_COOKIES },
    },
  },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        tenant: { label: "Tenant", type: "text" },
      },
      async authorize(credentials, req) {
        const host = await resolveRequestHost(header(req.headers, "host"));
        if (host.kind === "unknown") throw new Error("This portal address is not known.");
        const result = await signIn(appDb(), host, credentials, requestClientIp(req.headers));
        // next-auth hands a thrown message to the form as `error`; it never includes a stack.
        if (!result.ok) throw new Error(result.message);
        return {
          id: result.user.userId,
          accountId: result.user.accountId,
          role: result.user.role,
          brand: brandKey(host),
          sessionId: await startSession(appDb(), result.user),
        };
      },
    }),
  ],
  // A new or ended session starts in the user's own account, whatever was open before.
  events: {
    signIn: () => forgetOpenedAccount(),
    // The cookie goes with the browser; the server-side row goes now, so a copy of the cookie
    // kept elsewhere is no session either.
    async signOut({ token }) {
      const ended = SignedOutToken.safeParse(token);
      if (ended.success) await endSession(appDb(), { accountId: ended.data.accountId, sessionId: ended.data.sid });
      await forgetOpenedAccount();
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user && "accountId" in user) {
        token.accountId = user.accountId;
        token.role = user.role;
        token.brand = user.brand;
        token.sid = user.sessionId;
      }
      return token;
    },
  },
};
