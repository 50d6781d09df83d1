import { useEffect, useState } from "react";
import { countdown, countdownLabel } from "~/domain/portal";
import { formatDateTime } from "~/utils/dates";

/**
 * "Now" as the server saw it, then ticking in the browser every 30 seconds. Starting from the
 * server's clock keeps the first render identical on both sides (no hydration mismatch).
 */
export function useNow(serverNow: string, everyMs = 30_000) {
  const [now, setNow] = useState(() => new Date(serverNow));
  useEffect(() => {
    setNow(new Date());
    const timer = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** A deadline in the RFP's time zone (a legal moment where the buyer is) with the time left. */
export function Deadline({
  label,
  at,
  timeZone,
  now,
  locale,
}: {
  label: string;
  at: Date | string | null;
  timeZone: string;
  now: Date;
  locale?: string;
}) {
  if (!at) {
    return (
      <div className="deadline">
        <div className="deadline__label">{label}</div>
        <div className="muted">Not announced</div>
      </div>
    );
  }
  const parts = countdown(new Date(at), now);
  return (
    <div className="deadline" data-passed={parts.passed || undefined}>
      <div className="deadline__label">{label}</div>
      <time className="deadline__date" dateTime={new Date(at).toISOString()}>
        {formatDateTime(at, { timeZone, locale })}
      </time>
      <div className="deadline__left">{parts.passed ? "Closed" : countdownLabel(parts)}</div>
    </div>
  );
}
