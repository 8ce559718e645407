"use client";

import { useEffect, useState } from "react";
import { Notice } from "../ui/notice";

/**
 * What was just done ("Changes saved."), until the person edits or submits anything on the page:
 * then it is old news and must not sit above a new error. Pages give it a fresh `key` on every
 * server render, so the same thing done twice is said twice.
 */
export function DoneNotice({ message }: { message: string }) {
  const [shown, setShown] = useState(true);
  useEffect(() => {
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
