/**
 * The fetch the program uses. Browsers resolve every `*.localhost` name to this machine (RFC 6761),
 * which is how the demo brands are reached (http://voicereseller.localhost:3000); Node asks the
 * system resolver, which usually does not. For those names only, the request goes to the loopback
 * address through node:http with the name kept in the Host header, as a browser sends it. Every
 * other URL goes through the global fetch untouched.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";

export type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

const isLocalhostName = (hostname: string) => hostname === "localhost" || hostname.endsWith(".localhost");

const loopback: LookupFunction = (_hostname, options, callback) => {
  if (options.all) callback(null, [{ address: "127.0.0.1", family: 4 }]);
  else callback(null, "127.0.0.1", 4);
};

function headersOf(init: RequestInit | undefined): Record<string, string> {
  return Object.fromEntries(new Headers(init?.headers).entries());
}

function bodyOf(init: RequestInit | undefined): string | undefined {
  if (init?.body === undefined || init.body === null) return undefined;
  if (typeof init.body !== "string") throw new Error("only string bodies are sent to *.localhost names");
  return init.body;
}

function localhostFetch(url: URL, init: RequestInit | undefined): Promise<Response> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  const body = bodyOf(init);
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      { method: init?.method ?? "GET", headers: headersOf(init), lookup: loopback, signal: init?.signal ?? undefined },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            for (const each of Array.isArray(value) ? value : [value])
              if (each !== undefined) headers.append(name, each);
          }
          const status = response.statusCode ?? 502;
          // A Response cannot carry a body with these statuses.
          const payload = status === 204 || status === 304 ? null : Buffer.concat(chunks);
          resolve(new Response(payload, { status, statusText: response.statusMessage, headers }));
        });
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** fetch, with `*.localhost` names reaching this machine as they do in a browser. */
export const portalFetch: Fetch = async (input, init) => {
  const target = new URL(input instanceof Request ? input.url : input);
  if (!isLocalhostName(target.hostname)) return fetch(input, init);
  if (!(input instanceof Request)) return localhostFetch(target, init);
  return localhostFetch(target, {
    method: input.method,
    headers: input.headers,
    body: input.body ? await input.text() : undefined,
    ...init,
  });
};
