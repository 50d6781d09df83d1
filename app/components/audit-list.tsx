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
  "interview.scheduled": "scheduled an interview",
  "interview.updated": "moved or changed an interview",
  "interview.cancelled": "cancelled an interview",
  "interview.schedule_applied": "applied a proposed interview schedule",
  "interview.agenda_saved": "saved an interview agenda",
  "interview.experts_changed": "changed which items experts attend",
  "interview.unavailability_added": "marked time unavailable for interviews",
  "interview.unavailability_removed": "removed an unavailable time",
  "rfp.member_expertise_set": "recorded a panel member's expertise",
  "demo.seeded": "loaded the demo data",
  "negotiation.opened": "opened the contract negotiation",
  "negotiation.sponsor_set": "named the negotiation's executive sponsor",
  "negotiation.term_updated": "changed the contract term",
  "negotiation.tier_chosen": "chose the service tier",
  "negotiation.terms_of_service_updated": "changed the terms of service",
  "negotiation.price_change_updated": "changed how prices may change",
  "negotiation.price_line_added": "added a price line",
  "negotiation.price_line_updated": "changed a price line",
  "negotiation.price_line_deleted": "removed a price line",
  "negotiation.sla_added": "added a service level",
  "negotiation.sla_updated": "changed a service level",
  "negotiation.sla_deleted": "removed a service level",
  "negotiation.fee_added": "added a contract fee",
  "negotiation.fee_updated": "changed a contract fee",
  "negotiation.fee_deleted": "removed a contract fee",
  "negotiation.obligation_added": "added a contract obligation",
  "negotiation.obligation_updated": "changed a contract obligation",
  "negotiation.obligation_deleted": "removed a contract obligation",
  "negotiation.marked_ready": "marked the contract ready",
  "negotiation.reopened": "reopened the contract for changes",
  "negotiation.concluded": "concluded the negotiation",
  "negotiation.broken_down": "recorded that the negotiation broke down",
  "contract_term.added": "added a contract term",
  "contract_term.updated": "changed a contract term",
  "contract_term.escalated": "escalated a contract term to the sponsor",
  "contract_term.escalation_decided": "decided an escalated contract term",
  "commitment.decided": "decided a promise in the commitments register",
  "commitment.edited": "reworded an interview promise",
  "commitment.split": "split out a promise from the interview notes",
  "risk_flag.resolved": "marked a contract risk flag resolved",
  "risk_flag.accepted": "accepted a contract risk flag with a note",
  "risk_flag.reopened": "withdrew a decision on a contract risk flag",
  "rfp.exported": "downloaded an export (term sheet, decision memo or OCDS package)",
  "price.formula_fixed": "fixed the price formula",
  "price.panel_visibility_changed": "changed whether evaluators see prices",
  "panel.member_updated": "changed a panel member's group, expertise or criteria",
  "panel.prices_visibility_changed": "changed whether the panel sees prices",
  "conflict.declared": "declared on a conflict of interest",
  "conflict.decided": "decided on a declared conflict of interest",
  "sheet.draft_saved": "saved a score sheet draft",
  "sheet.submitted": "submitted a score sheet",
  "sheet.reopened": "reopened a submitted score sheet",
  "evaluation.reminded": "reminded the panel of outstanding evaluation work",
  // Interviews: advance questions, publishing, the vendor's confirmation, debriefs (issue 5).
  "interview.question_added": "added an advance question to an interview",
  "interview.question_removed": "removed an advance question from an interview",
  "interview.questions_reordered": "reordered an interview's advance questions",
  "interview.publish_days_changed": "changed when an interview is published to the vendor",
  "consensus.opened": "opened consensus",
  "consensus.score_recorded": "recorded an agreed consensus score",
  "consensus.minority_recorded": "recorded a minority opinion",
  "shortlist.decided": "decided the shortlist",
  "shortlist.vendor_decided": "decided a vendor's place on the shortlist",
  "shortlist.vendor_brought_in": "brought a vendor below the line onto the shortlist",
  "interview.published": "published an interview's agenda and questions to the vendor",
  "interview.vendor_confirmed": "confirmed attendance at its interview",
  "interview.vendor_presenters_changed": "changed its interview presenters",
  "interview.owner_notes_saved": "saved the owner's notes of an interview",
  "interview.debriefs_revealed": "completed an interview's debrief (all views revealed)",
  "debrief.draft_saved": "saved a debrief draft",
  "debrief.submitted": "submitted a debrief",
  "debrief.reminded": "reminded panel members to give their debrief",
  // Panel rankings, final ranking and outcomes (issue 5).
  "panel_ranking.saved": "saved a panel ranking without submitting it",
  "panel_ranking.submitted": "submitted a panel ranking",
  "rfp.panel_rankings_revealed": "completed the panel rankings (all rankings revealed)",
  "rfp.final_weights_set": "set the final-ranking weights",
  "rfp.interview_outcomes_notified": "told the vendors the outcome of the interviews",
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
