import type { ReactNode } from "react";

export function AuthLayout({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <main className="auth" id="main">
      <div className="auth__panel">
        <div className="auth__brand">
          <span className="brand">
            <span className="brand__mark" aria-hidden="true">
              SL
            </span>
            Shortlist
          </span>
        </div>
        <div className="card">
          <h1>{title}</h1>
          {intro ? <p className="muted">{intro}</p> : null}
          {children}
        </div>
      </div>
    </main>
  );
}
