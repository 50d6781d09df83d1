import { Link, NavLink } from "@remix-run/react";
import { useRootData } from "~/root";
import { formatDateTime } from "~/utils/dates";

/**
 * Heading of an interview's own pages (slot and agenda, advance questions, debrief): which vendor,
 * when, and the way between the pages. Each page checks its own access.
 */
export function InterviewHeader({
  rfpId,
  interview,
  timeZone,
}: {
  rfpId: string;
  interview: { id: string; vendorName: string; startsAt: Date | string; endsAt: Date | string };
  timeZone: string;
}) {
  const locale = useRootData()?.locale;
  const base = `/rfps/${rfpId}/interviews/${interview.id}`;
  return (
    <div className="interview-header">
      <p className="no-print">
        <Link to={`/rfps/${rfpId}/interviews`}>← All interviews</Link>
      </p>
      <h2>Interview with {interview.vendorName}</h2>
      <p className="muted">{interviewWhen(interview, { timeZone, locale })}</p>
      <nav className="tabs no-print" aria-label="Interview">
        <NavLink to={base} end className={({ isActive }) => (isActive ? "active" : undefined)}>
          Slot and agenda
        </NavLink>
        <NavLink to={`${base}/questions`} className={({ isActive }) => (isActive ? "active" : undefined)}>
          Advance questions
        </NavLink>
        <NavLink to={`${base}/debrief`} className={({ isActive }) => (isActive ? "active" : undefined)}>
          Debrief
        </NavLink>
      </nav>
    </div>
  );
}

/** "3 Mar 2027, 10:00 CET – 11:30", in the RFP's time zone. */
export function interviewWhen(
  interview: { startsAt: string | Date; endsAt: string | Date },
  options: { timeZone: string; locale?: string },
) {
  const end = new Intl.DateTimeFormat(options.locale ?? "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: options.timeZone,
  }).format(new Date(interview.endsAt));
  return `${formatDateTime(interview.startsAt, options)} – ${end}`;
}
