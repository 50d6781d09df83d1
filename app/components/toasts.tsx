import { useEffect, useState } from "react";
import type { Flash } from "~/utils/flash.server";

/**
 * Success and failure announcements after a redirect. The region is aria-live, so screen readers
 * hear them; they fade after a few seconds with JavaScript and stay put without it.
 */
export function Toasts({ flash }: { flash: Flash | null }) {
  const [visible, setVisible] = useState<Flash | null>(flash);
  useEffect(() => {
    setVisible(flash);
    if (!flash) return;
    const timer = window.setTimeout(() => setVisible(null), flash.kind === "error" ? 12_000 : 6_000);
    return () => window.clearTimeout(timer);
  }, [flash]);
  return (
    <div className="toast-region" aria-live="polite" role="status">
      {visible ? (
        <div className={`alert alert--${visible.kind} toast`} data-testid="toast">
          <span>{visible.message}</span>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setVisible(null)}
            aria-label="Dismiss"
          >
            ✕
          </button>
        </div>
      ) : null}
    </div>
  );
}
