import { formatDateTime } from "~/utils/dates";
import { Markdown } from "../markdown";
import { Badge } from "../ui/badge";

type Approval = {
  id: string;
  round: number;
  decision: "PENDING" | "APPROVED" | "RETURNED";
  comment: string;
  decidedAt: Date | string | null;
  approver: { id: string; name: string; email: string };
};

export type RecommendationSummary = {
  status: "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED";
  round: number;
  memo: string;
  approvals: Approval[];
};

export const RECOMMENDATION_STATUS: Record<RecommendationSummary["status"], { label: string; tone?: string }> = {
  DRAFT: { label: "Draft" },
  SUBMITTED: { label: "Awaiting approval", tone: "decision" },
  RETURNED: { label: "Returned to the lead", tone: "warning" },
  APPROVED: { label: "Approved", tone: "success" },
};

export function RecommendationStatus({ status }: { status: RecommendationSummary["status"] }) {
  const info = RECOMMENDATION_STATUS[status];
  return <Badge tone={info.tone}>{info.label}</Badge>;
}

export function MemoCard({ memo }: { memo: string }) {
  return (
    <section className="card review__memo" aria-labelledby="memo-heading">
      <div className="card__title">
        <h2 id="memo-heading">Recommendation memo</h2>
      </div>
      <Markdown source={memo} />
    </section>
  );
}

/** Every round's decisions, newest round first: a returned recommendation keeps its comments. */
export function ApprovalHistory({
  approvals,
  timeZone,
  current,
}: {
  approvals: Approval[];
  timeZone: string;
  /** The recommendation's round and status: a pending approval of a closed round was never needed. */
  current: { round: number; status: RecommendationSummary["status"] };
}) {
  const closed = (round: number) => round < current.round || current.status === "RETURNED";
  if (approvals.length === 0) return null;
  const rounds = [...new Set(approvals.map((approval) => approval.round))].sort((a, b) => b - a);
  return (
    <section className="card" aria-labelledby="approvals-heading">
      <div className="card__title">
        <h2 id="approvals-heading">Approvals</h2>
      </div>
      <div className="stack">
        {rounds.map((round) => (
          <div key={round}>
            <h3 className="small">Round {round}</h3>
            <ul className="plain-list stack-tight">
              {approvals
                .filter((approval) => approval.round === round)
                .map((approval) => (
                  <li key={approval.id}>
                    <strong>{approval.approver.name}</strong>{" "}
                    {approval.decision === "PENDING" && closed(approval.round) ? (
                      <Badge>Not needed: returned</Badge>
                    ) : (
                      <Badge tone={decisionTone(approval.decision)}>{decisionLabel(approval.decision)}</Badge>
                    )}
                    {approval.decidedAt ? (
                      <span className="muted small"> {formatDateTime(approval.decidedAt, { timeZone })}</span>
                    ) : null}
                    {approval.comment ? <blockquote className="quote pre-line">{approval.comment}</blockquote> : null}
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}

function decisionLabel(decision: Approval["decision"]) {
  return { PENDING: "Pending", APPROVED: "Approved", RETURNED: "Returned" }[decision];
}

function decisionTone(decision: Approval["decision"]) {
  return { PENDING: undefined, APPROVED: "success", RETURNED: "warning" }[decision];
}
