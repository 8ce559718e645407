import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The socket peer address of the request being handled. Next.js 15 gives route handlers,
 * middleware and next-auth no access to the socket (NextRequest lost `ip`), and `next start`
 * keeps a client's own X-Forwarded-For instead of appending the peer. So the portal's server
 * (portal-server.ts) runs each request inside this store; everything in the same process reads it.
 * It lives on globalThis because the server module and the bundled app code each get their own
 * copy of this file.
 */
type PeerStore = AsyncLocalStorage<{ peer: string | null }>;

const KEY = Symbol.for("portal.peer-address");
const globalStore = globalThis as unknown as { [KEY]?: PeerStore };
const store: PeerStore = globalStore[KEY] ?? new AsyncLocalStorage();
globalStore[KEY] = store;

export function runWithPeerAddress<T>(peer: string | null | undefined, handle: () => T): T {
  return store.run({ peer: peer ?? null }, handle);
}

/** The peer address of the current request, or null outside one (e.g. under plain `next start`). */
export function peerAddress(): string | null {
  return store.getStore()?.peer ?? null;
}
