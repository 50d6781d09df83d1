import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { StageBar } from "~/components/stage-bar";
import { StageBadge } from "~/components/ui/badge";
import { PageHeader } from "~/components/ui/page-header";
import { RFP_ROLE_INFO } from "~/domain/policy";
import { requireRfpPermission } from "~/models/policy.server";
import { ErrorMessage } from "~/root";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.rfp.reference} ${data.rfp.title} · Shortlist` : "RFP · Shortlist" },
];

/** Frame of every RFP page. Child routes check their own permissions: loaders run in parallel. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp, membership, permissions } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.view");
  return { rfp, membership, permissions };
}

/** Final-ranking weights are set before the interviews; rankings and results stay as a record after. */
const RANKING_TAB_STAGES = new Set(["EVALUATION", "SHORTLIST", "INTERVIEWS", "DECISION", "NEGOTIATION", "AWARDED"]);

/** Panel members can mark unavailable times while the shortlist is decided; the schedule stays as a record after. */
const INTERVIEW_TAB_STAGES = new Set(["SHORTLIST", "INTERVIEWS", "DECISION", "NEGOTIATION", "AWARDED"]);

export default function RfpLayout() {
  const { rfp, membership, permissions } = useLoaderData<typeof loader>();
  const tabClass = ({ isActive }: { isActive: boolean }) => (isActive ? "active" : undefined);
  return (
    <>
      <div className="breadcrumbs">
        <Link to="/rfps">RFPs</Link> / <span className="mono">{rfp.reference}</span>
      </div>
      <PageHeader
        title={rfp.title}
        eyebrow={
          <span className="row">
            <StageBadge stage={rfp.stage} />
            {membership ? <span className="muted">You: {RFP_ROLE_INFO[membership].label}</span> : null}
          </span>
        }
      />
      <div className="card no-print">
        <StageBar stage={rfp.stage} />
      </div>
      <nav className="tabs tabs--spaced" aria-label="RFP sections">
        <NavLink to="." end className={tabClass}>
          Overview
        </NavLink>
        {permissions.includes("rfp.edit") && rfp.stage === "DRAFT" ? (
          <NavLink to="edit" className={tabClass}>
            Edit details
          </NavLink>
        ) : null}
        <NavLink to="document" className={tabClass}>
          Document
        </NavLink>
        <NavLink to="criteria" className={tabClass}>
          Criteria
        </NavLink>
        <NavLink to="interview-questions" className={tabClass}>
          Interview questions
        </NavLink>
        {permissions.includes("rfp.view_interviews") && RANKING_TAB_STAGES.has(rfp.stage) ? (
          <>
            <NavLink to="rankings" className={tabClass}>
              Rankings
            </NavLink>
            <NavLink to="final-ranking" className={tabClass}>
              Final ranking
            </NavLink>
          </>
        ) : null}
        {rfp.stage !== "DRAFT" ? (
          <NavLink to="addenda" className={tabClass}>
            Addenda
          </NavLink>
        ) : null}
        {permissions.includes("rfp.view_questions") && rfp.stage !== "DRAFT" ? (
          <NavLink to="questions" className={tabClass}>
            Questions
          </NavLink>
        ) : null}
        {permissions.includes("rfp.view_proposals") && rfp.stage !== "DRAFT" ? (
          <NavLink to="proposals" className={tabClass}>
            Proposals
          </NavLink>
        ) : null}
        {permissions.includes("rfp.screen_compliance") && rfp.stage !== "DRAFT" && rfp.stage !== "PUBLISHED" ? (
          <NavLink to="compliance" className={tabClass}>
            Compliance
          </NavLink>
        ) : null}
        {permissions.includes("rfp.view_review") && ["DECISION", "NEGOTIATION", "AWARDED"].includes(rfp.stage) ? (
          <NavLink to="review" className={tabClass}>
            Executive review
          </NavLink>
        ) : null}
        {permissions.includes("rfp.view_negotiation") &&
        (rfp.stage === "NEGOTIATION" || rfp.stage === "AWARDED" || rfp.stage === "CANCELLED") ? (
          <NavLink to="negotiation" className={tabClass}>
            Negotiation
          </NavLink>
        ) : null}
        {permissions.includes("rfp.view_proposals") && rfp.stage !== "DRAFT" ? (
          <NavLink to="price" className={tabClass}>
            Price
          </NavLink>
        ) : null}
        {permissions.includes("rfp.view_results") && rfp.stage !== "DRAFT" && rfp.stage !== "PUBLISHED" ? (
          <>
            <NavLink to="results" className={tabClass}>
              Results
            </NavLink>
            <NavLink to="sensitivity" className={tabClass}>
              Sensitivity
            </NavLink>
          </>
        ) : null}
        {permissions.includes("rfp.view_panel") ? (
          <NavLink to="panel" className={tabClass}>
            Panel
          </NavLink>
        ) : null}
        {permissions.includes("rfp.view_panel") && rfp.stage !== "DRAFT" && rfp.stage !== "PUBLISHED" ? (
          <NavLink to="progress" className={tabClass}>
            Progress
          </NavLink>
        ) : null}
        {permissions.includes("rfp.score") && rfp.stage !== "DRAFT" && rfp.stage !== "PUBLISHED" ? (
          <NavLink to="scoring" className={tabClass}>
            My evaluation
          </NavLink>
        ) : null}
        {permissions.includes("rfp.view_results") && rfp.stage !== "DRAFT" && rfp.stage !== "PUBLISHED" ? (
          <NavLink to="consensus" className={tabClass}>
            Consensus
          </NavLink>
        ) : null}
        {permissions.includes("rfp.view_results") &&
        rfp.stage !== "DRAFT" &&
        rfp.stage !== "PUBLISHED" &&
        rfp.stage !== "EVALUATION" ? (
          <NavLink to="shortlist" className={tabClass}>
            Shortlist
          </NavLink>
        ) : null}
        {permissions.includes("rfp.view_interviews") && INTERVIEW_TAB_STAGES.has(rfp.stage) ? (
          <NavLink to="interviews" className={tabClass}>
            Interviews
          </NavLink>
        ) : null}
        <NavLink to="print" className={tabClass}>
          Print
        </NavLink>
        <NavLink to="team" className={tabClass}>
          Team
        </NavLink>
        {permissions.includes("rfp.view_vendors") ? (
          <NavLink to="vendors" className={tabClass}>
            Vendors
          </NavLink>
        ) : null}
        {permissions.includes("rfp.view_outbox") ? (
          <NavLink to="outbox" className={tabClass}>
            Outbox
          </NavLink>
        ) : null}
        {permissions.includes("rfp.export") ? (
          <NavLink to="exports" className={tabClass}>
            Exports
          </NavLink>
        ) : null}
        {permissions.includes("rfp.view_activity") ? (
          <NavLink to="activity" className={tabClass}>
            Activity
          </NavLink>
        ) : null}
      </nav>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorMessage error={useRouteError()} />;
}
