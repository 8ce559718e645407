"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { Notice } from "../ui/notice";

/**
 * What was just done ("Changes saved."), until the person edits or submits anything on the page:
 * then it is old news and must not sit above a new error. The `done` query it came from is
 * dropped from the address, so a reload does not say it again.
 */
export function DoneNotice({ message }: { message: string }) {
  // A fresh line when the same thing is done again (the page comes back with ?done= once more).
  const query = useSearchParams().toString();
  return <DoneLine key={`${message}|${query}`} message={message} />;
}

function DoneLine({ message }: { message: string }) {
  const [shown, setShown] = useState(true);
  useEffect(() => {
    const url = new URL(window.location.href);
    if (url.searchParams.has("done")) {
      url.searchParams.delete("done");
      url.searchParams.delete("host");
      window.history.replaceState(window.history.state, "", url);
    }
    const hide = () => setShown(false);
    document.addEventListener("input", hide, true);
    document.addEventListener("submit", hide, true);
    return () => {
      document.removeEventListener("input", hide, true);
      document.removeEventListener("submit", hide, true);
    };
  }, []);
  return shown ? <Notice tone="success">{message}</Notice> : null;
}
