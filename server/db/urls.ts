/** The request role every web request connects as: owns nothing, NOSUPERUSER, NOBYPASSRLS. */
export const APP_ROLE = "portal_app";

/** The same server and database as `url`, signed in as another role. */
export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** The same server and credentials as `url`, on another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** The host pg connects to: a `host` query parameter overrides the URL's own host (the last one wins). */
export function databaseHost(url: string): string {
  const parsed = new URL(url);
  return parsed.searchParams.getAll("host").at(-1) || parsed.hostname;
}

export function isLocalDatabase(url: string): boolean {
  const host = databaseHost(url);
  // A Unix socket directory is on this machine too.
  return LOCAL_HOSTS.has(host) || host.startsWith("/");
}
