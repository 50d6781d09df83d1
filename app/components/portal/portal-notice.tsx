import type { ReactNode } from "react";

/** A single message on its own page, outside the portal frame: entry, link problems, signed out. */
export function PortalNotice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth" id="main">
      <div className="auth__panel">
        <div className="auth__brand">
          <span className="brand">
            <span className="brand__mark" aria-hidden="true">
              SL
            </span>
            Vendor portal
          </span>
        </div>
        <div className="card">
          <h1>{title}</h1>
          {children}
        </div>
      </div>
    </main>
  );
}
