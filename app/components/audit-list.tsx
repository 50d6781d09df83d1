import { Link } from "@remix-run/react";
import { formatDateTime } from "~/utils/dates";

const ACTION_LABELS: Record<string, string> = {
  "auth.login": "signed in",
  "auth.logout": "signed out",
  "auth.login_failed": "failed to sign in",
  "user.first_admin_created": "created the first administrator",
  "user.created": "created an account",
  "user.disabled": "disabled an account",
  "user.enabled": "re-enabled an account",
  "user.role_changed": "changed an account's role",
  "user.password_changed": "changed their password",
  "rfp.created": "created the RFP",
  "rfp.updated": "edited the RFP's details",
  "rfp.stage_changed": "moved the RFP to another stage",
  "rfp.member_added": "added a team member",
  "rfp.member_removed": "removed a team member",
  "rfp.document_frozen": "froze the document for vendors",
  "rfp.content_copied": "filled the RFP from a template or another RFP",
  "document.section_added": "added a section",
  "document.section_updated": "edited a section",
  "document.section_deleted": "deleted a section",
  "document.sections_reordered": "reordered the sections",
  "document.requirement_added": "added a requirement",
  "document.requirement_updated": "edited a requirement",
  "document.requirement_deleted": "deleted a requirement",
  "document.requirements_reordered": "reordered requirements",
  "criteria.replaced": "changed the evaluation criteria",
  "interview_question.added": "added an interview question",
  "interview_question.updated": "edited an interview question",
  "interview_question.deleted": "removed an interview question",
  "interview_question.standard_added": "added the standard interview questions",
  "template.saved": "saved the RFP as a template",
  "template.deleted": "deleted a template",
  "invitation.link_issued": "sent a vendor its portal link",
  "invitation.created": "invited a vendor",
  "invitation.revoked": "revoked a vendor's portal link",
  "invitation.resent": "made a new portal link for a vendor",
  "invitation.removed": "removed a vendor's invitation",
  "vendor.created": "added a vendor to the directory",
  "vendor.updated": "edited a vendor",
  "vendor.imported": "imported vendors from a CSV file",
  "vendor.contact_added": "added a vendor contact",
  "vendor.contact_updated": "edited a vendor contact",
  "vendor.contact_removed": "removed a vendor contact",
  "portal.entered": "opened the vendor portal",
  "addendum.issued": "issued an addendum",
  "addendum.reminded": "reminded vendors to acknowledge an addendum",
  "rfp.deadline_extended": "extended the proposal deadline",
  "question.answered": "answered a clarification question",
  "question.published": "published a clarification answer",
  "proposals.opened": "opened the proposals",
  "recommendation.drafted": "drafted the award recommendation",
  "recommendation.memo_edited": "edited the recommendation memo",
  "recommendation.submitted": "submitted the award recommendation for approval",
  "recommendation.approved_by": "approved the award recommendation",
  "recommendation.returned_by": "returned the award recommendation with a comment",
  "recommendation.returned": "sent the recommendation back to the lead",
  "recommendation.award_approved": "gave the last approval: the award is approved",
  "award.notice_edited": "edited an award notice",
  "award.notices_sent": "queued the award notices",
  "compliance.screened": "screened proposals against the mandatory requirements",
  "invitation.disqualified": "disqualified a vendor",
  "invitation.intends_to_bid": "said it intends to bid",
  "invitation.declined": "declined to bid",
  "addendum.acknowledged": "acknowledged an addendum",
  "question.asked": "asked a clarification question",
  "proposal.draft_saved": "saved its proposal draft",
  "proposal.submitted": "submitted its proposal",
  "proposal.withdrawn": "withdrew its proposal",
  "proposal.attachment_added": "attached a file to its proposal",
  "proposal.attachment_deleted": "removed a file from its proposal",
  "demo.seeded": "loaded the demo data",
};

export function describeAction(action: string) {
  return ACTION_LABELS[action] ?? action;
}

export type AuditRow = {
  id: string;
  at: Date;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  rfp?: { id: string; reference: string; title: string } | null;
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function display(value: unknown, format: (iso: string) => string): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") {
    if (ISO_INSTANT.test(value)) return format(value);
    return value.length > 80 ? `${value.slice(0, 77)}…` : value;
  }
  if (Array.isArray(value)) return value.map((item) => display(item, format)).join(", ");
  return JSON.stringify(value);
}

/** Field-by-field "before → after" of one event, readable by an auditor. */
function Changes({ before, after, format }: { before: unknown; after: unknown; format: (iso: string) => string }) {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (keys.length === 0) return null;
  return (
    <ul className="change-list">
      {keys.map((key) => (
        <li key={key}>
          <span className="mono">{key}</span>:{" "}
          {key in b ? (
            <>
              <del>{display(b[key], format)}</del> →{" "}
            </>
          ) : null}
          <ins>{display(a[key], format)}</ins>
        </li>
      ))}
    </ul>
  );
}

export function AuditList({
  events,
  timeZone,
  locale,
  showRfp,
}: {
  events: AuditRow[];
  timeZone: string;
  locale?: string;
  showRfp?: boolean;
}) {
  const format = (iso: string) => formatDateTime(iso, { timeZone, locale });
  return (
    <ol className="activity">
      {events.map((event) => (
        <li key={event.id}>
          <time dateTime={new Date(event.at).toISOString()}>{formatDateTime(event.at, { timeZone, locale })}</time>
          <div>
            <strong>{event.actorLabel}</strong> {describeAction(event.action)}
            {showRfp && event.rfp ? (
              <>
                {" "}
                on <Link to={`/rfps/${event.rfp.id}`}>{event.rfp.reference}</Link>
              </>
            ) : null}
            <span className="muted small"> · {event.action}</span>
            <Changes before={event.before} after={event.after} format={format} />
            {event.requestId ? <div className="muted small">request {event.requestId}</div> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
