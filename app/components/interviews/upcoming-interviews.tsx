import { Link } from "@remix-run/react";
import { EmptyState } from "~/components/ui/empty-state";
import { INTERVIEW_MODE_LABELS, type InterviewModeValue } from "~/schemas/interview";

export type UpcomingInterview = {
  id: string;
  rfp: { id: string; reference: string; title: string };
  vendorName: string;
  mode: InterviewModeValue;
  when: string;
  role: "lead" | "panel" | "expert";
  expertItems: string[];
  expertWindows: string[];
};

const ROLE_LABELS = { lead: "You lead", panel: "Panel member", expert: "Expert" } as const;

/** The dashboard's "Interviews coming up": the signed-in user's next interviews, in the RFP's time zone. */
export function UpcomingInterviews({ interviews }: { interviews: UpcomingInterview[] }) {
  if (interviews.length === 0) {
    return (
      <EmptyState title="No interviews scheduled">
        Oral interviews with shortlisted vendors appear here with their agenda once the lead schedules them.
      </EmptyState>
    );
  }
  return (
    <ul className="timeline">
      {interviews.map((interview) => (
        <li key={interview.id} data-state="next">
          <div>
            <div className="timeline__label">
              <Link to={`/rfps/${interview.rfp.id}/interviews/${interview.id}`}>{interview.vendorName}</Link> ·{" "}
              <span className="muted">{interview.rfp.title}</span>
            </div>
            <div className="timeline__date">
              {interview.role === "expert" && interview.expertWindows.length > 0
                ? interview.expertWindows.join("; ")
                : interview.when}
            </div>
            <div className="muted small">
              {INTERVIEW_MODE_LABELS[interview.mode]} · {ROLE_LABELS[interview.role]}
              {interview.role === "expert" ? `: ${interview.expertItems.join("; ") || "no items yet"}` : ""}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
