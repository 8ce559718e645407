/**
 * Security headers. The Content-Security-Policy carries a fresh nonce per request, so it is set by
 * the middleware (Next.js reads the nonce from the request's CSP header and puts it on its own
 * scripts); the rest are the same for every response and come from next.config.ts.
 */

/** Headers every response carries, static files included. */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  },
];

/** A nonce for one response: 128 random bits, base64. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The page policy: scripts only with the nonce (and what they load), no plugins, no framing, no
 * base or form targets elsewhere. Styles allow inline because pages set brand colours as CSS
 * variables in style attributes; images allow data: and blob: for logos and the logo preview.
 * Development adds what React's dev tools and hot reload need.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  const script = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])];
  const connect = ["'self'", ...(options.development ? ["ws:"] : [])];
  return [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(" ")}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
