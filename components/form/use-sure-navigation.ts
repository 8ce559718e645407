"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useTransition } from "react";

/** How long a navigation may take before the browser loads the page itself. */
const DROPPED_AFTER_MS = 2_500;

/** The current address as `window.location` spells its path and query. */
const here = () => window.location.pathname + window.location.search;

/**
 * Goes to a page of the portal after a form succeeds, and makes sure it got there. The App Router
 * sometimes drops a client navigation that follows a server action: the page is fetched (200) and
 * never shown, intermittently and only in production builds (vercel/next.js#83386; seen here on
 * the API keys page under load, and then the transition may never end). So when the transition
 * ends, or at the latest after DROPPED_AFTER_MS, a page still on the address it left from loads
 * the new one itself. A page the person has left meanwhile is left alone.
 */
export function useSureNavigation(): (href: string) => void {
  const router = useRouter();
  const [navigating, startNavigation] = useTransition();
  const pending = useRef<{ href: string; from: string; timer: number } | null>(null);

  const settle = useCallback(() => {
    const started = pending.current;
    if (!started) return;
    pending.current = null;
    window.clearTimeout(started.timer);
    if (here() === started.from && new URL(started.href, window.location.href).href !== window.location.href) {
      window.location.assign(started.href);
    }
  }, []);

  const wasNavigating = useRef(false);
  useEffect(() => {
    if (navigating) wasNavigating.current = true;
    else if (wasNavigating.current) {
      wasNavigating.current = false;
      settle();
    }
  }, [navigating, settle]);

  return useCallback(
    (href: string) => {
      if (pending.current) window.clearTimeout(pending.current.timer);
      pending.current = { href, from: here(), timer: window.setTimeout(settle, DROPPED_AFTER_MS) };
      startNavigation(() => router.push(href));
    },
    [router, settle],
  );
}
