import { timeOfDay } from "~/utils/dates";
import type { AutosaveState } from "./use-autosave";

/** "Saving…", "Saved at 14:02 CET", or what went wrong: announced politely to screen readers. */
export function AutosaveStatus({
  state,
  timeZone,
  locale,
}: {
  state: AutosaveState;
  timeZone: string;
  locale?: string;
}) {
  const time = (iso: string) => timeOfDay(iso, { timeZone, locale });
  const text =
    state.kind === "saving"
      ? "Saving…"
      : state.kind === "saved"
        ? `Saved at ${time(state.at)}`
        : state.kind === "dirty"
          ? "Unsaved changes"
          : state.kind === "idle"
            ? ""
            : state.message;
  const tone = state.kind === "invalid" || state.kind === "error" || state.kind === "conflict" ? "error" : "quiet";
  return (
    <p className="autosave" data-tone={tone} role="status" aria-live="polite" data-testid="autosave-status">
      {text}
      <noscript>Without JavaScript, use Save draft to keep your work.</noscript>
    </p>
  );
}
