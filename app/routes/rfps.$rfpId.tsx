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

type SectionLink = { to: string; label: string; show: boolean };

/**
 * The RFP's pages grouped by the step of the process they serve, in process order; a page shows
 * only when the viewer may open it and the stage has reached it. Every link stays visible (no
 * hidden menus): a lead can jump straight to any record.
 */
function rfpSections(stage: string, permissions: readonly string[]) {
  const can = (action: string) => permissions.includes(action);
  const after = (...stages: string[]) => !stages.includes(stage);
  const opened = after("DRAFT", "PUBLISHED");
  const groups: { label: string; links: SectionLink[] }[] = [
    {
      label: "RFP",
      links: [
        { to: ".", label: "Overview", show: true },
        { to: "edit", label: "Edit details", show: can("rfp.edit") && stage === "DRAFT" },
        { to: "document", label: "Document", show: true },
        { to: "criteria", label: "Criteria", show: true },
        { to: "interview-questions", label: "Interview questions", show: true },
        { to: "print", label: "Print", show: true },
      ],
    },
    {
      label: "Tender",
      links: [
        { to: "vendors", label: "Vendors", show: can("rfp.view_vendors") },
        { to: "addenda", label: "Addenda", show: stage !== "DRAFT" },
        { to: "questions", label: "Questions", show: can("rfp.view_questions") && stage !== "DRAFT" },
        { to: "proposals", label: "Proposals", show: can("rfp.view_proposals") && stage !== "DRAFT" },
        { to: "compliance", label: "Compliance", show: can("rfp.screen_compliance") && opened },
        { to: "price", label: "Price", show: can("rfp.view_proposals") && stage !== "DRAFT" },
      ],
    },
    {
      label: "Evaluation",
      links: [
        { to: "panel", label: "Panel", show: can("rfp.view_panel") },
        { to: "progress", label: "Progress", show: can("rfp.view_panel") && opened },
        { to: "scoring", label: "My evaluation", show: can("rfp.score") && opened },
        { to: "consensus", label: "Consensus", show: can("rfp.view_results") && opened },
        { to: "results", label: "Results", show: can("rfp.view_results") && opened },
        { to: "sensitivity", label: "Sensitivity", show: can("rfp.view_results") && opened },
        { to: "shortlist", label: "Shortlist", show: can("rfp.view_results") && opened && stage !== "EVALUATION" },
      ],
    },
    {
      label: "Interviews",
      links: [
        { to: "interviews", label: "Interviews", show: can("rfp.view_interviews") && INTERVIEW_TAB_STAGES.has(stage) },
        { to: "rankings", label: "Rankings", show: can("rfp.view_interviews") && RANKING_TAB_STAGES.has(stage) },
        {
          to: "final-ranking",
          label: "Final ranking",
          show: can("rfp.view_interviews") && RANKING_TAB_STAGES.has(stage),
        },
      ],
    },
    {
      label: "Award",
      links: [
        {
          to: "review",
          label: "Executive review",
          show: can("rfp.view_review") && ["DECISION", "NEGOTIATION", "AWARDED"].includes(stage),
        },
        {
          to: "negotiation",
          label: "Negotiation",
          show: can("rfp.view_negotiation") && ["NEGOTIATION", "AWARDED", "CANCELLED"].includes(stage),
        },
        { to: "exports", label: "Exports", show: can("rfp.export") },
      ],
    },
    {
      label: "Record",
      links: [
        { to: "team", label: "Team", show: true },
        { to: "outbox", label: "Outbox", show: can("rfp.view_outbox") },
        { to: "activity", label: "Activity", show: can("rfp.view_activity") },
      ],
    },
  ];
  return groups
    .map((group) => ({ label: group.label, links: group.links.filter((link) => link.show) }))
    .filter((group) => group.links.length > 0);
}

export default function RfpLayout() {
  const { rfp, membership, permissions } = useLoaderData<typeof loader>();
  const tabClass = ({ isActive }: { isActive: boolean }) => (isActive ? "active" : undefined);
  const sections = rfpSections(rfp.stage, permissions);
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
      <nav className="tabs tabs--spaced tabs--grouped" aria-label="RFP sections">
        {sections.map((section) => (
          <div key={section.label} className="tab-group">
            {section.label !== "RFP" ? <span className="tab-group__label">{section.label}</span> : null}
            {section.links.map((link) => (
              <NavLink key={link.to} to={link.to} end={link.to === "."} className={tabClass}>
                {link.label}
              </NavLink>
            ))}
          </div>
        ))}
      </nav>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorMessage error={useRouteError()} />;
}
