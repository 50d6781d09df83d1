import { Alert } from "~/components/ui/alert";
import { INTERVIEW_MODE_LABELS, type InterviewModeValue } from "~/schemas/interview";

export type InterviewSummaryData = {
  when: string;
  timeZone: string;
  vendorName: string;
  vendorCountry: string | null;
  vendorContact: { name: string; email: string } | null;
  mode: InterviewModeValue;
  location: string;
  meetingLink: string;
  travelNote: string;
  whole: string[];
  experts: { name: string; items: string[] }[];
};

export type CalendarLinks = {
  mine: string | null;
  vendor: string | null;
  members: { name: string; href: string }[];
  print: string;
};

/** The slot at a glance, with the calendar files and the printable agenda. */
export function InterviewSummary({ summary, links }: { summary: InterviewSummaryData; links: CalendarLinks }) {
  return (
    <div className="form">
      <dl className="facts interview-facts">
        <dt>When</dt>
        <dd>{summary.when}</dd>
        <dt>Format</dt>
        <dd>
          {INTERVIEW_MODE_LABELS[summary.mode]}:{" "}
          {summary.mode === "VIRTUAL" ? (
            <a href={summary.meetingLink} rel="noreferrer noopener" target="_blank">
              {summary.meetingLink}
            </a>
          ) : (
            summary.location
          )}
        </dd>
        <dt>Vendor contact</dt>
        <dd>
          {summary.vendorContact ? (
            <>
              {summary.vendorContact.name}
              <div className="small">
                <a href={`mailto:${summary.vendorContact.email}`}>{summary.vendorContact.email}</a>
              </div>
            </>
          ) : (
            <span className="muted">No contact on file</span>
          )}
        </dd>
        <dt>Panel</dt>
        <dd>{summary.whole.join(", ")}</dd>
        <dt>Experts</dt>
        <dd>
          {summary.experts.length === 0 ? (
            <span className="muted">None</span>
          ) : (
            <ul className="plain-list">
              {summary.experts.map((expert) => (
                <li key={expert.name}>
                  {expert.name}: <span className="muted">{expert.items.join("; ") || "no items yet"}</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {summary.mode === "IN_PERSON" ? (
        <Alert tone="info" title="The vendor's travel">
          {summary.travelNote ? `${summary.travelNote} ` : null}
          {summary.vendorCountry ? `${summary.vendorName} is based in ${summary.vendorCountry}. ` : null}
          Vendors pay for their own travel; if the trip is long or costly, consider offering a virtual interview.
        </Alert>
      ) : null}
      <div className="interview-links no-print">
        {links.mine ? (
          <a className="button button--secondary button--small" href={links.mine} download>
            My calendar entry (.ics)
          </a>
        ) : null}
        {links.vendor ? (
          <a className="button button--secondary button--small" href={links.vendor} download>
            Vendor's calendar entry (.ics)
          </a>
        ) : null}
        <a className="button button--secondary button--small" href={links.print}>
          Printable agenda
        </a>
      </div>
      {links.members.length > 0 ? (
        <details className="no-print">
          <summary className="small">Calendar entries for each attendee</summary>
          <ul className="plain-list small">
            {links.members.map((member) => (
              <li key={member.href}>
                <a href={member.href} download>
                  {member.name} (.ics)
                </a>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
