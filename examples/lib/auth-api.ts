/**
 * The portal's token endpoints (POST /api/auth/login, /refresh, /logout) as a program calls them:
 * JSON in, JSON out, every answer checked against the shape the README documents, every refusal
 * turned into an ApiRefusal carrying the machine-readable reason.
 */
import { z } from "zod";
import type { Fetch } from "./fetch";

export const TokenPair = z.object({
  accessToken: z.string().min(1),
  tokenType: z.literal("Bearer"),
  /** Seconds the access token lasts from now: what the program schedules by (immune to clock skew). */
  expiresIn: z.number().int().positive(),
  /** When it expires by the server's clock: shown, not relied on. */
  expiresAt: z.iso.datetime(),
  refreshToken: z.string().min(1),
  tenant: z.string().min(1),
});
export type TokenPair = z.infer<typeof TokenPair>;

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    reason: z.string(),
    field: z.string().nullable().optional(),
    message: z.string(),
    requestId: z.string().optional(),
  }),
});

/** A refusal by the portal, with what a program branches on: the HTTP status and the reason. */
export class ApiRefusal extends Error {
  constructor(
    readonly what: string,
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly details: { field?: string | null; requestId?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "ApiRefusal";
  }
}

export type Credentials = { email: string; password: string; tenant: string };

export type AuthApi = {
  login(credentials: Credentials): Promise<TokenPair>;
  refresh(refreshToken: string): Promise<TokenPair>;
  logout(refreshToken: string): Promise<void>;
};

async function refusalOf(what: string, response: Response): Promise<ApiRefusal> {
  const text = await response.text();
  const retryAfter = Number(response.headers.get("retry-after") ?? Number.NaN);
  const retryAfterSeconds = Number.isFinite(retryAfter) ? retryAfter : undefined;
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not the portal's JSON (a proxy's error page): say what came back instead.
    body = null;
  }
  const parsed = ErrorBody.safeParse(body);
  if (!parsed.success) {
    return new ApiRefusal(
      what,
      response.status,
      "unexpected_response",
      `HTTP ${response.status}: ${text.slice(0, 200)}`,
      {
        retryAfterSeconds,
      },
    );
  }
  const { reason, message, field, requestId } = parsed.data.error;
  return new ApiRefusal(what, response.status, reason, message, { field, requestId, retryAfterSeconds });
}

/** The token endpoints of the portal at `baseUrl` (e.g. http://voicereseller.localhost:3000). */
export function authApi(baseUrl: string, fetch: Fetch): AuthApi {
  async function post<T>(path: string, body: unknown, answer: z.ZodType<T>): Promise<T> {
    const url = new URL(path, baseUrl).href;
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    }).catch((error: unknown) => {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`cannot reach ${url}: ${why} (is the portal running there?)`, { cause: error });
    });
    if (!response.ok) throw await refusalOf(`POST ${path}`, response);
    const parsed = answer.safeParse(await response.json());
    if (!parsed.success) {
      throw new ApiRefusal(`POST ${path}`, response.status, "unexpected_response", z.prettifyError(parsed.error));
    }
    return parsed.data;
  }

  return {
    login: (credentials) => post("/api/auth/login", credentials, TokenPair),
    refresh: (refreshToken) => post("/api/auth/refresh", { refreshToken }, TokenPair),
    logout: async (refreshToken) => {
      await post("/api/auth/logout", { refreshToken }, z.object({ revoked: z.literal(true) }));
    },
  };
}
