"use client";

import { type FormEvent, startTransition, useActionState, useEffect, useRef } from "react";
import type { FormState } from "@/app/(portal)/form-state";
import { useHydrated } from "../use-hydrated";
import { focusFirstProblem } from "./form-summary";
import { useSureNavigation } from "./use-sure-navigation";

const INITIAL: FormState = { problems: [] };

/**
 * A server action behind a form. The form submits through `onSubmit`, not `action=`: React resets
 * a form after its action runs, which would throw away what was typed whenever the server refuses
 * it. After a refusal the first field in error takes the focus; on success the client goes to the
 * page the action names (on this same host). `hydrated` keeps the submit button disabled until
 * the handler is there, so a press before hydration is never lost.
 */
export function useFormAction(
  action: (state: FormState, form: FormData) => Promise<FormState>,
  options: { summaryId: string },
) {
  const navigate = useSureNavigation();
  const [state, dispatch, pending] = useActionState(action, INITIAL);
  const formRef = useRef<HTMLFormElement>(null);
  const hydrated = useHydrated();
  const { summaryId } = options;

  useEffect(() => {
    // One navigation, never a push and a refresh together: a refresh dispatched while the push is
    // in flight re-requests the old address. The pages are dynamic, so the push renders them afresh.
    if (state.next) {
      navigate(state.next);
    } else if (state.problems.length > 0) {
      focusFirstProblem(formRef.current, summaryId);
    }
  }, [state, navigate, summaryId]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(data));
  };

  return { state, onSubmit, pending, hydrated, formRef };
}
