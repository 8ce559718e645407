import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";
import { withRetryAfterScope } from "@/server/limits/retry-after-scope";

const nextAuth = NextAuth(authOptions);

/**
 * next-auth answers a refused sign-in with 401 and the reason in its redirect URL. A sign-in the
 * throttle refused is answered 429 with `Retry-After` instead, same body, so that clients and
 * proxies see it is a matter of waiting (next-auth's own client reads the body either way).
 */
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  const { result, retryAfterSeconds } = await withRetryAfterScope<Response>(() => nextAuth(request, context));
  if (retryAfterSeconds === null) return result;
  const headers = new Headers(result.headers);
  headers.set("Retry-After", String(retryAfterSeconds));
  return new Response(result.body, { status: 429, statusText: "Too Many Requests", headers });
}

export { handler as GET, handler as POST };
