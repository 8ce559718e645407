"use client";

import { z } from "zod";

// Zod compiles object parsers with `new Function` after probing whether it may; the portal's CSP
// has no 'unsafe-eval', so in the browser that probe is reported as a policy violation. The forms
// parse little: the interpreted path costs nothing noticeable. The server keeps the compiled path.
z.config({ jitless: true });

/** Renders nothing: including it puts the setting above into every page's client bundle. */
export function ZodWithoutEval() {
  return null;
}
