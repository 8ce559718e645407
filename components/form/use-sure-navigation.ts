"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useTransition } from "react";

/** The address `href` names, as `window.location` spells its path and query. */
function sameAddress(href: string): boolean {
  const target = new URL(href, window.location.href);
  return target.pathname === window.location.pathname && target.search === window.location.search;
}

/**
 * Goes to a page of the portal after a form succeeds, and makes sure it got there. The App Router
 * sometimes drops a client navigation that follows a server action: the page is fetched (200) and
 * never shown, intermittently and only in production builds (vercel/next.js#83386; seen here on
 * the API keys page under load). The push runs in a transition; when the transition ends and the
 * address is not the one asked for, the browser loads it itself. No timer: a slow navigation is
 * waited for, only a dropped one is redone.
 */
export function useSureNavigation(): (href: string) => void {
  const router = useRouter();
  const [navigating, startNavigation] = useTransition();
  const target = useRef<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (navigating) {
      started.current = true;
      return;
    }
    const href = target.current;
    if (!started.current || href === null) return;
    started.current = false;
    target.current = null;
    if (!sameAddress(href)) window.location.assign(href);
  }, [navigating]);

  return useCallback(
    (href: string) => {
      target.current = href;
      startNavigation(() => router.push(href));
    },
    [router],
  );
}
