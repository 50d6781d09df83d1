import { useFetcher } from "@remix-run/react";
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { fieldsToPost, formFieldValues } from "./autosave-changes";

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
 *
 * With `postChanges` only the groups of fields edited since the last acknowledged save are posted
 * (the score sheet: a criterion's score and comment), and the server keeps the rest; a save then
 * costs the same on a long form as on a short one. Until an answer is in, no other autosave goes,
 * so what the server acknowledged is always known.
 */
export function useAutosave<T extends FieldValues>({
  form,
  formRef,
  enabled,
  initialVersion,
  action = "/portal/proposal",
  delayMs = AUTOSAVE_DELAY_MS,
  postChanges,
}: {
  form: UseFormReturn<T>;
  formRef: RefObject<HTMLFormElement | null>;
  enabled: boolean;
  initialVersion: number;
  /** The route whose action receives the autosave (the score sheet and the debrief pass theirs). */
  action?: string;
  /** How long after the last change the draft is sent. */
  delayMs?: number;
  /** Post only what changed: `saved` holds the stored values the page opened with. */
  postChanges?: { saved: Record<string, string>; groupOf: (name: string) => string | null };
}) {
  const fetcher = useFetcher<AutosaveAnswer>();
  const [state, setState] = useState<AutosaveState>({ kind: "idle" });
  const versionRef = useRef(initialVersion);
  const [version, setVersionState] = useState(initialVersion);
  const timer = useRef<number | undefined>(undefined);
  const paused = useRef(false);
  const busy = useRef(false);
  busy.current = fetcher.state !== "idle";
  // What the server holds (for postChanges; null: not known, post the whole form), and what the
  // autosave on its way will make it hold.
  const acknowledged = useRef<Map<string, string> | null>(new Map(Object.entries(postChanges?.saved ?? {})));
  const sent = useRef<Map<string, string> | null>(null);
  const lastSavedAt = useRef<string | null>(null);
  const groupOf = postChanges?.groupOf;

  const setVersion = useCallback((next: number) => {
    versionRef.current = next;
    setVersionState(next);
  }, []);

  const cancel = useCallback(() => window.clearTimeout(timer.current), []);

  const run = useCallback(async () => {
    const element = formRef.current;
    if (!element || paused.current) return;
    if (busy.current || sent.current) {
      timer.current = window.setTimeout(() => void run(), delayMs);
      return;
    }
    if (!(await form.trigger())) {
      setState({ kind: "invalid", message: "Not saved yet: correct the highlighted fields." });
      return;
    }
    let formData = new FormData(element);
    const values = formFieldValues(element, formData);
    if (groupOf && acknowledged.current) {
      const names = new Set(fieldsToPost(values, acknowledged.current, groupOf));
      if (names.size === 0) {
        // Edited back to what is stored: nothing to save.
        setState(lastSavedAt.current ? { kind: "saved", at: lastSavedAt.current } : { kind: "idle" });
        return;
      }
      const changes = new FormData();
      for (const [name, value] of formData) if (names.has(name)) changes.append(name, value);
      formData = changes;
    }
    formData.set("intent", "autosave");
    formData.set("version", String(versionRef.current));
    sent.current = values;
    setState({ kind: "saving" });
    fetcher.submit(formData, { method: "post", action });
  }, [fetcher, form, formRef, action, delayMs, groupOf]);

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
    if (fetcher.state !== "idle") return;
    const values = sent.current;
    sent.current = null;
    if (!answer) return;
    if (answer.saved && answer.version && answer.savedAt) {
      if (values) acknowledged.current = values;
      lastSavedAt.current = answer.savedAt;
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
      // Ours replaces the other version: the next autosave posts every field.
      acknowledged.current = null;
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
