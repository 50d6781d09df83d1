import { useFetcher } from "@remix-run/react";
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";

export type AutosaveState =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "invalid"; message: string }
  | { kind: "error"; message: string }
  | { kind: "conflict"; message: string; version: number };

type AutosaveAnswer = {
  saved?: boolean;
  version?: number;
  savedAt?: string;
  fieldErrors?: Record<string, string>;
  conflict?: { version: number };
};

export const AUTOSAVE_DELAY_MS = 1500;

/**
 * Drafts save themselves: a quiet moment after the last change, the whole form goes to the
 * action as an "autosave" through a fetcher (no navigation, no reload). The draft's version
 * travels with it, so a second tab saving in between is refused (409) instead of overwritten;
 * autosaving then stops until the author decides. Invalid input (a price written "12,5") is
 * reported and not sent. Used by the vendor's proposal, the evaluator's score sheet and the
 * interview debrief.
 */
export function useAutosave<T extends FieldValues>({
  form,
  formRef,
  enabled,
  initialVersion,
  action = "/portal/proposal",
  delayMs = AUTOSAVE_DELAY_MS,
}: {
  form: UseFormReturn<T>;
  formRef: RefObject<HTMLFormElement | null>;
  enabled: boolean;
  initialVersion: number;
  /** The route whose action receives the autosave (the score sheet and the debrief pass theirs). */
  action?: string;
  /** How long after the last change the draft is sent. */
  delayMs?: number;
}) {
  const fetcher = useFetcher<AutosaveAnswer>();
  const [state, setState] = useState<AutosaveState>({ kind: "idle" });
  const versionRef = useRef(initialVersion);
  const [version, setVersionState] = useState(initialVersion);
  const timer = useRef<number | undefined>(undefined);
  const paused = useRef(false);
  const busy = useRef(false);
  busy.current = fetcher.state !== "idle";

  const setVersion = useCallback((next: number) => {
    versionRef.current = next;
    setVersionState(next);
  }, []);

  const cancel = useCallback(() => window.clearTimeout(timer.current), []);

  const run = useCallback(async () => {
    const element = formRef.current;
    if (!element || paused.current) return;
    if (busy.current) {
      timer.current = window.setTimeout(() => void run(), delayMs);
      return;
    }
    if (!(await form.trigger())) {
      setState({ kind: "invalid", message: "Not saved yet: correct the highlighted fields." });
      return;
    }
    const formData = new FormData(element);
    formData.set("intent", "autosave");
    formData.set("version", String(versionRef.current));
    setState({ kind: "saving" });
    fetcher.submit(formData, { method: "post", action });
  }, [fetcher, form, formRef, action, delayMs]);

  useEffect(() => {
    if (!enabled) return;
    const subscription = form.watch((_values, { type }) => {
      // Changes made by the form itself (reset, server errors) are not edits.
      if (type !== "change" && type !== undefined) return;
      if (paused.current) return;
      setState({ kind: "dirty" });
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void run(), delayMs);
    });
    return () => {
      subscription.unsubscribe();
      window.clearTimeout(timer.current);
    };
  }, [enabled, form, run, delayMs]);

  const answer = fetcher.data;
  useEffect(() => {
    if (!answer || fetcher.state !== "idle") return;
    if (answer.saved && answer.version && answer.savedAt) {
      setVersion(Math.max(versionRef.current, answer.version));
      setState((current) => (current.kind === "dirty" ? current : { kind: "saved", at: answer.savedAt ?? "" }));
    } else if (answer.conflict) {
      paused.current = true;
      setState({
        kind: "conflict",
        message: answer.fieldErrors?.form ?? "Saved elsewhere.",
        version: answer.conflict.version,
      });
    } else if (answer.fieldErrors) {
      const first = Object.values(answer.fieldErrors)[0];
      setState({ kind: "error", message: answer.fieldErrors.form ?? `Not saved: ${first ?? "please try again."}` });
    }
  }, [answer, fetcher.state, setVersion]);

  /** An explicit save was refused as a conflict: stop autosaving until the author decides. */
  const markConflict = useCallback((message: string, otherVersion: number) => {
    paused.current = true;
    window.clearTimeout(timer.current);
    setState({ kind: "conflict", message, version: otherVersion });
  }, []);

  /** After the author chose to keep their version: save over the other one and resume autosaving. */
  const resume = useCallback(
    (fromVersion: number) => {
      paused.current = false;
      setVersion(fromVersion);
      setState({ kind: "idle" });
    },
    [setVersion],
  );

  return {
    state: fetcher.state !== "idle" ? ({ kind: "saving" } as const) : state,
    /** An autosave is on its way (an explicit save waits for it). */
    saving: fetcher.state !== "idle",
    version,
    versionRef,
    setVersion,
    cancel,
    busy,
    resume,
    markConflict,
  };
}
