import { Form, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { ACCOUNT_ROLE_INFO, type AccountRole, mayDoAccountAction } from "~/domain/policy";

type ShellUser = { name: string; email: string; role: AccountRole };

export function AppShell({ user, children }: { user: ShellUser; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <div className="shell-header__inner">
          <NavLink to="/dashboard" className="brand">
            <span className="brand__mark" aria-hidden="true">
              SL
            </span>
            Shortlist
          </NavLink>
          <nav className="nav" aria-label="Main">
            <NavLink to="/dashboard">Dashboard</NavLink>
            <NavLink to="/rfps">RFPs</NavLink>
            {mayDoAccountAction(user.role, "vendor.manage") ? <NavLink to="/vendors">Vendors</NavLink> : null}
            {mayDoAccountAction(user.role, "award.approve") ? <NavLink to="/approvals">Approvals</NavLink> : null}
            {mayDoAccountAction(user.role, "negotiation.decide_escalations") ? (
              <NavLink to="/negotiations/escalations">Escalations</NavLink>
            ) : null}
            {mayDoAccountAction(user.role, "user.manage") ? <NavLink to="/admin/users">Users</NavLink> : null}
            {mayDoAccountAction(user.role, "audit.view_all") ? <NavLink to="/admin/audit">Audit log</NavLink> : null}
          </nav>
          <div className="user-menu">
            <div>
              <NavLink to="/account/password" title="Account settings">
                {user.name}
              </NavLink>
              <div className="user-menu__role">{ACCOUNT_ROLE_INFO[user.role].label}</div>
            </div>
            <Form method="post" action="/logout">
              <button type="submit" className="button button--secondary button--small">
                Sign out
              </button>
            </Form>
          </div>
        </div>
      </header>
      <main id="main" className="main">
        {children}
      </main>
    </>
  );
}
