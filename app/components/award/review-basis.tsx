import type { RecommendationStatus, ReviewBasis } from "~/domain/review-snapshot";
import { formatDateTime } from "~/utils/dates";
import { Alert } from "../ui/alert";

/**
 * Says which review the reader is looking at: the one frozen when the recommendation was submitted
 * (with a warning when the evaluation has changed since), or the live one. Printed with the page:
 * a paper copy must say which figures it carries.
 */
export function ReviewBasisNote({
  basis,
  status,
  reader,
  timeZone,
}: {
  basis: ReviewBasis;
  status: RecommendationStatus | null;
  reader: "TEAM" | "APPROVER";
  timeZone: string;
}) {
  if (basis.kind === "LIVE") {
    if (status === "SUBMITTED" || status === "APPROVED") {
      return (
        <p className="muted small">
          Computed from the evaluation as it stands: this recommendation was submitted before reviews were stored with
          it.
        </p>
      );
    }
    if (status === "DRAFT" || status === "RETURNED") {
      return (
        <p className="muted small no-print">
          Computed from the evaluation as it stands. Submitting the recommendation freezes these figures for the
          approvers.
        </p>
      );
    }
    return null;
  }
  const when = formatDateTime(basis.submittedAt, { timeZone });
  const verb =
    status === "APPROVED" ? "approved" : status === "RETURNED" ? "were asked to approve" : "are asked to approve";
  if (!basis.changedSince) {
    return (
      <Alert tone="info" title={`As submitted on ${when} (round ${basis.round})`}>
        These are the figures the executives {verb}, frozen with the recommendation. The evaluation has not changed
        since.
      </Alert>
    );
  }
  return (
    <Alert tone="warning" title="The evaluation changed after this was submitted">
      Scores, consensus, debriefs, rankings or other evaluation records were changed after {when}. The figures below are
      those submitted (round {basis.round}), not the current ones. {nextStep(status, reader)}
    </Alert>
  );
}

function nextStep(status: RecommendationStatus | null, reader: "TEAM" | "APPROVER") {
  if (status === "APPROVED") return "The award was approved on these figures.";
  if (status !== "SUBMITTED") return "";
  return reader === "APPROVER"
    ? "Consider returning the recommendation so that the lead resubmits it with the current figures."
    : "Ask an approver to return it so that you can resubmit it with the current figures.";
}
