import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RecommendationStatus } from "~/components/award/recommendation";
import { Badge } from "~/components/ui/badge";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { listApprovalsFor } from "~/models/award.server";
import { requireAccountPermission } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Approvals · Shortlist" }];

/** An executive's queue: award recommendations waiting for their decision, then what they decided. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccountPermission(request, "award.approve");
  return listApprovalsFor(user.id);
}

export default function ApprovalsPage() {
  const { pending, decided } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PageHeader title="Approvals" eyebrow="Award recommendations named to you" />
      <section className="card" aria-labelledby="pending-heading">
        <div className="card__title">
          <h2 id="pending-heading">Waiting for your decision</h2>
          <span className="muted small">{pending.length}</span>
        </div>
        {pending.length === 0 ? (
          <EmptyState title="Nothing is waiting for you">
            When a procurement lead submits an award recommendation to you, it appears here and you get an email.
          </EmptyState>
        ) : (
          <ul className="plain-list stack-tight">
            {pending.map((approval) => (
              <li key={approval.id}>
                <Link to={`/approvals/${approval.recommendation.id}`}>
                  <span className="mono">{approval.recommendation.rfp.reference}</span>{" "}
                  {approval.recommendation.rfp.title}
                </Link>{" "}
                — award to <strong>{approval.recommendation.recommended.vendor.name}</strong>
                {approval.round > 1 ? <Badge tone="warning">Revised (round {approval.round})</Badge> : null}
                {approval.recommendation.submittedAt ? (
                  <span className="muted small">
                    {" "}
                    submitted{" "}
                    {formatDateTime(approval.recommendation.submittedAt, {
                      timeZone: approval.recommendation.rfp.timeZone,
                    })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {decided.length > 0 ? (
        <section className="card" aria-labelledby="decided-heading">
          <div className="card__title">
            <h2 id="decided-heading">Your decisions</h2>
          </div>
          <ul className="plain-list stack-tight">
            {decided.map((approval) => (
              <li key={approval.id}>
                <Link to={`/approvals/${approval.recommendation.id}`}>
                  <span className="mono">{approval.recommendation.rfp.reference}</span>{" "}
                  {approval.recommendation.rfp.title}
                </Link>{" "}
                round {approval.round}: you {approval.decision === "APPROVED" ? "approved" : "returned it"} ·{" "}
                <RecommendationStatus status={approval.recommendation.status} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
