"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import type { FormState } from "./actions";

/** useActionState, then on success goes to the page the action names (on this same host). */
export function useFormAction(action: (state: FormState, form: FormData) => Promise<FormState>) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, { problems: [] });
  useEffect(() => {
    if (state.next) {
      router.push(state.next);
      router.refresh();
    }
  }, [state, router]);
  return [state, formAction, pending] as const;
}
