import { Link } from "@remix-run/react";
import { Badge } from "~/components/ui/badge";
import { EmptyState } from "~/components/ui/empty-state";
import { INTERVIEW_MODE_LABELS, type InterviewModeValue } from "~/schemas/interview";

export type ScheduledInterviewRow = {
  id: string;
  when: string;
  vendorName: string;
  mode: InterviewModeValue;
  location: string;
  meetingLink: string;
  travelNote: string;
  slotMinutes: number;
  agendaMinutes: number;
  whole: string[];
  experts: string[];
};

/** The interviews in time order: when, who, where, and whether the agenda fits. */
export function ScheduleTable({ rows, canManage }: { rows: ScheduledInterviewRow[]; canManage: boolean }) {
  if (rows.length === 0) {
    return (
      <EmptyState title="No interviews scheduled yet">
        {canManage
          ? "Schedule each shortlisted vendor below, or let Shortlist propose a whole schedule around everyone's diary."
          : "The lead schedules the interviews; they appear here with their agenda."}
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Interview schedule</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Vendor</th>
            <th scope="col">Format</th>
            <th scope="col">Attendees</th>
            <th scope="col" className="num">
              Agenda
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="nowrap">{row.when}</td>
              <td>
                <Link to={row.id}>{row.vendorName}</Link>
                {row.mode === "IN_PERSON" && row.travelNote ? (
                  <div className="muted small">Travel: {row.travelNote} — consider offering a virtual interview.</div>
                ) : null}
              </td>
              <td>
                {INTERVIEW_MODE_LABELS[row.mode]}
                <div className="muted small">{row.mode === "VIRTUAL" ? row.meetingLink : row.location}</div>
              </td>
              <td>
                {row.whole.join(", ")}
                {row.experts.length > 0 ? <div className="muted small">Experts: {row.experts.join(", ")}</div> : null}
              </td>
              <td className="num nowrap">
                {row.agendaMinutes} / {row.slotMinutes} min
                {row.agendaMinutes > row.slotMinutes ? (
                  <div>
                    <Badge tone="danger">Overruns</Badge>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
