import { brandIconSvg } from "@/server/branding/brand-icon";

/** A brand's generated favicon (server/branding/brand-icon.ts): everything it shows is in its query. */
export function GET(request: Request) {
  const query = new URL(request.url).searchParams;
  const svg = brandIconSvg({ colour: `#${query.get("c") ?? ""}`, initial: query.get("i") ?? "" });
  if (!svg) return new Response("Not found", { status: 404 });
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml",
      "Cache-Control": "public, max-age=86400, immutable",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
