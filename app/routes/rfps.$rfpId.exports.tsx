import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { RECOMMENDATION_STATUS_LABEL } from "~/domain/decision-memo";
import { NEGOTIATION_STATUS_INFO } from "~/domain/negotiation";
import { getExportsOverview } from "~/models/exports.server";
import { requireRfpPermission } from "~/models/policy.server";
import { useRootData } from "~/root";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rfp } = await requireRfpPermission(user, params.rfpId ?? "", "rfp.export");
  return { rfpId: rfp.id, overview: await getExportsOverview(rfp.id) };
}

/**
 * A native form post: the response is the file, which the browser saves (no page change). Each
 * download is audited, hence a POST rather than a link.
 */
function DownloadButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Form method="post" action={href} reloadDocument>
      <Button type="submit" variant="secondary">
        {children}
      </Button>
    </Form>
  );
}

const RECOMMENDATION_TONE = {
  DRAFT: "draft",
  SUBMITTED: "decision",
  APPROVED: "success",
  RETURNED: "warning",
} as const;

export default function ExportsPage() {
  const { rfpId, overview } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale;
  const base = `/rfps/${rfpId}/exports`;
  const { termSheet, decisionMemo } = overview;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="term-sheet-heading">
        <div className="card__title">
          <h2 id="term-sheet-heading">Term sheet</h2>
          <span className="muted small">Price schedule, contract term, service levels, obligations, agreed terms</span>
        </div>
        {termSheet ? (
          <>
            <p className="row">
              <span>
                Contract with <strong>{termSheet.vendorName}</strong>
              </span>
              <Badge tone={NEGOTIATION_STATUS_INFO[termSheet.status].tone}>
                {NEGOTIATION_STATUS_INFO[termSheet.status].label}
              </Badge>
            </p>
            <p className="muted small">
              {termSheet.status === "CONCLUDED"
                ? "The terms as concluded."
                : "Marked as a draft: it is not binding until the negotiation is concluded."}
              {overview.pastNegotiations > 0
                ? " Earlier negotiations that broke down stay on the negotiation's record."
                : null}
            </p>
            <div className="row">
              <DownloadButton href={`${base}/term-sheet.docx`}>Download as Word (.docx)</DownloadButton>
              <DownloadButton href={`${base}/term-sheet.pdf`}>Download as PDF</DownloadButton>
            </div>
          </>
        ) : (
          <EmptyState title="No term sheet yet">
            The term sheet is drawn from the negotiation workspace. It becomes available once the award is approved and
            the negotiation with the winner opens.
          </EmptyState>
        )}
      </section>

      <section className="card" aria-labelledby="decision-memo-heading">
        <div className="card__title">
          <h2 id="decision-memo-heading">Decision memo</h2>
          <span className="muted small">Recommendation, final ranking and approvals</span>
        </div>
        {decisionMemo ? (
          <>
            <p className="row">
              <span>
                Recommends <strong>{decisionMemo.vendorName}</strong>
              </span>
              <Badge tone={RECOMMENDATION_TONE[decisionMemo.status]}>
                {RECOMMENDATION_STATUS_LABEL[decisionMemo.status]}
              </Badge>
            </p>
            <DownloadButton href={`${base}/decision-memo.pdf`}>Download as PDF</DownloadButton>
          </>
        ) : (
          <EmptyState title="No recommendation yet">
            The decision memo is the lead's award recommendation with the approvals. It becomes available once the lead
            drafts a recommendation after the interviews.
          </EmptyState>
        )}
      </section>

      <section className="card" aria-labelledby="ocds-heading">
        <div className="card__title">
          <h2 id="ocds-heading">Open Contracting (OCDS)</h2>
          <span className="muted small">For publication and transparency portals</span>
        </div>
        {overview.ocds ? (
          <>
            <p>
              The whole process as an OCDS 1.1 release package: planning, the tender with its criteria and documents,
              the bidders, and any award and contract so far.
            </p>
            <DownloadButton href={`${base}/ocds.json`}>Download release package (.json)</DownloadButton>
          </>
        ) : (
          <EmptyState title="Nothing to publish yet">
            A draft RFP is not public. The release package becomes available once the RFP is published.
          </EmptyState>
        )}
      </section>

      <section className="card" aria-labelledby="downloads-heading">
        <div className="card__title">
          <h2 id="downloads-heading">Recent downloads</h2>
          <span className="muted small">Every download is recorded in the activity log</span>
        </div>
        {overview.downloads.length === 0 ? (
          <p className="muted">No one has downloaded an export of this RFP yet.</p>
        ) : (
          <ul className="plain-list">
            {overview.downloads.map((download) => (
              <li key={download.id}>
                {download.kind} · {download.actorLabel} ·{" "}
                <time dateTime={new Date(download.at).toISOString()}>
                  {formatDateTime(download.at, { timeZone: overview.timeZone, locale })}
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
