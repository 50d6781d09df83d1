import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StageBadge } from "~/components/ui/badge";
import { buttonClass } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { ACCOUNT_ROLE_INFO, mayDoAccountAction, RFP_ROLE_INFO } from "~/domain/policy";
import { listPendingEscalations } from "~/models/contract-term.server";
import { getAdminOverview, getDashboard } from "~/models/dashboard.server";
import { useRootData } from "~/root";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatRelative } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Dashboard · Shortlist" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [dashboard, admin, escalations] = await Promise.all([
    getDashboard(user.id),
    mayDoAccountAction(user.role, "user.manage") ? getAdminOverview() : null,
    mayDoAccountAction(user.role, "negotiation.decide_escalations") ? listPendingEscalations(user.id) : null,
  ]);
  return {
    ...dashboard,
    admin,
    escalations,
    now: new Date().toISOString(),
    role: user.role,
    name: user.name,
    canCreate: mayDoAccountAction(user.role, "rfp.create"),
  };
}

export default function DashboardPage() {
  const data = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale;
  const now = new Date(data.now);
  return (
    <div className="stack">
      <PageHeader
        eyebrow={ACCOUNT_ROLE_INFO[data.role].label}
        title={`Good to see you, ${data.name.split(" ")[0]}`}
        actions={
          data.canCreate ? (
            <Link to="/rfps/new" className={buttonClass("primary")}>
              New RFP
            </Link>
          ) : null
        }
      />

      {data.admin ? (
        <section className="card" aria-labelledby="admin-heading">
          <div className="card__title">
            <h2 id="admin-heading">Administration</h2>
            <Link to="/admin/users">Manage users</Link>
          </div>
          <dl className="facts">
            <dt>Accounts</dt>
            <dd>
              {data.admin.users} ({data.admin.disabled} disabled)
            </dd>
            <dt>RFPs</dt>
            <dd>{data.admin.rfps}</dd>
            <dt>Audit events, last 24 h</dt>
            <dd>
              <Link to="/admin/audit">{data.admin.eventsLastDay}</Link>
            </dd>
          </dl>
        </section>
      ) : null}

      {data.escalations && data.escalations.length > 0 ? (
        <section className="card" aria-labelledby="escalations-heading">
          <div className="card__title">
            <h2 id="escalations-heading">Contract terms waiting for your decision</h2>
            <Link to="/negotiations/escalations">Decide them</Link>
          </div>
          <ul className="plain-list">
            {data.escalations.map((term) => (
              <li key={term.id}>
                <strong>{term.title}</strong>{" "}
                <span className="muted small">
                  {term.negotiation.rfp.reference} {term.negotiation.rfp.title} · with{" "}
                  {term.negotiation.invitation.vendor.name}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.role !== "ADMIN" ? (
        <div className="grid grid--2">
          <section className="card" aria-labelledby="leading-heading">
            <div className="card__title">
              <h2 id="leading-heading">RFPs I lead</h2>
              <Link to="/rfps">All RFPs</Link>
            </div>
            {data.leading.length === 0 ? (
              <EmptyState
                title="You are not leading an RFP"
                action={
                  data.canCreate ? (
                    <Link to="/rfps/new" className={buttonClass("secondary", "small")}>
                      Start an RFP
                    </Link>
                  ) : null
                }
              >
                {data.canCreate
                  ? "Start one from scratch; you will be its lead."
                  : "Procurement leads run RFPs. You see the ones you are on below."}
              </EmptyState>
            ) : (
              <RfpList rows={data.leading} now={now} locale={locale} />
            )}
          </section>

          <section className="card" aria-labelledby="panel-heading">
            <div className="card__title">
              <h2 id="panel-heading">Panels I sit on</h2>
            </div>
            {data.panel.length === 0 ? (
              <EmptyState title="No panels yet">
                When a lead adds you to an RFP's evaluation panel or as an observer, it appears here.
              </EmptyState>
            ) : (
              <RfpList rows={data.panel} now={now} locale={locale} showRole />
            )}
          </section>

          <section className="card" aria-labelledby="sheets-heading">
            <div className="card__title">
              <h2 id="sheets-heading">Score sheets to complete</h2>
            </div>
            <EmptyState title="Nothing to score">
              Your score sheets appear here once a lead opens the proposals of an RFP whose panel you sit on.
            </EmptyState>
          </section>

          <section className="card" aria-labelledby="interviews-heading">
            <div className="card__title">
              <h2 id="interviews-heading">Interviews coming up</h2>
            </div>
            <EmptyState title="No interviews scheduled">
              Oral interviews with shortlisted vendors appear here with their agenda once the lead schedules them.
            </EmptyState>
          </section>

          <section className="card" aria-labelledby="approvals-heading">
            <div className="card__title">
              <h2 id="approvals-heading">Approvals waiting for me</h2>
            </div>
            <EmptyState title="Nothing to approve">
              When a lead submits an award recommendation to you, it waits here for your decision.
            </EmptyState>
          </section>

          <section className="card" aria-labelledby="deadlines-heading">
            <div className="card__title">
              <h2 id="deadlines-heading">Next deadlines</h2>
            </div>
            {data.upcoming.length === 0 ? (
              <EmptyState title="No dates ahead">Timeline dates of your active RFPs appear here.</EmptyState>
            ) : (
              <ul className="timeline">
                {data.upcoming.map((row) =>
                  row.next ? (
                    <li key={row.id} data-state="next">
                      <div>
                        <div className="timeline__label">
                          {row.next.label} · <Link to={`/rfps/${row.id}`}>{row.title}</Link>
                        </div>
                        <div className="timeline__date">
                          {formatDateTime(row.next.at, { timeZone: row.timeZone, locale })} (
                          {formatRelative(row.next.at, now, locale)})
                        </div>
                      </div>
                    </li>
                  ) : null,
                )}
              </ul>
            )}
          </section>
        </div>
      ) : null}
    </div>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["leading"][number];

function RfpList({ rows, now, locale, showRole }: { rows: Row[]; now: Date; locale?: string; showRole?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">RFP</th>
            <th scope="col">Stage</th>
            <th scope="col">Next</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <Link to={`/rfps/${row.id}`}>{row.title}</Link>
                <div className="muted small">
                  {row.reference}
                  {showRole ? ` · ${RFP_ROLE_INFO[row.role].label}` : null}
                </div>
              </td>
              <td>
                <StageBadge stage={row.stage} />
              </td>
              <td className="small">
                {row.next ? (
                  <>
                    {row.next.label}
                    <div className="muted">{formatRelative(row.next.at, now, locale)}</div>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
