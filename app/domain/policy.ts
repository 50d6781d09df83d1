/**
 * Who may do what. One table per level, one function per question; every loader and action
 * asks these (through models/policy.server.ts), and tests read the same tables.
 */
export const ACCOUNT_ROLES = ["ADMIN", "LEAD", "EXECUTIVE", "EVALUATOR"] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
export const RFP_ROLES = ["LEAD", "PANEL", "OBSERVER"] as const;
export type RfpRole = (typeof RFP_ROLES)[number];

export const ACCOUNT_ROLE_INFO: Record<AccountRole, { label: string; description: string }> = {
  ADMIN: { label: "Administrator", description: "Manages user accounts and reads the system-wide audit log." },
  LEAD: { label: "Procurement lead", description: "Creates and runs RFPs." },
  EXECUTIVE: { label: "Executive", description: "Reviews recommendations and approves awards." },
  EVALUATOR: { label: "Evaluator", description: "Sits on evaluation panels." },
};

export const RFP_ROLE_INFO: Record<RfpRole, { label: string; description: string }> = {
  LEAD: { label: "Lead", description: "Runs this RFP: edits, invites, moves stages, manages the team." },
  PANEL: { label: "Panel member", description: "Declares conflicts, scores, attends interviews, ranks." },
  OBSERVER: { label: "Observer", description: "Reads the RFP and its activity; cannot score or change anything." },
};

const ACCOUNT_PERMISSIONS = {
  "user.manage": ["ADMIN"],
  "audit.view_all": ["ADMIN"],
  "rfp.create": ["LEAD"],
  // The vendor directory is procurement's working list (contacts, notes): leads only.
  "vendor.manage": ["LEAD"],
  "template.manage": ["LEAD"],
  /**
   * Executives approve awards and decide escalated contract terms — only where they are named
   * (as an approver of that recommendation, or the negotiation's sponsor): checked in the models.
   */
  "award.approve": ["EXECUTIVE"],
  "negotiation.decide_escalations": ["EXECUTIVE"],
} as const satisfies Record<string, readonly AccountRole[]>;
export type AccountAction = keyof typeof ACCOUNT_PERMISSIONS;

const RFP_PERMISSIONS = {
  "rfp.view": ["LEAD", "PANEL", "OBSERVER"],
  /** Details, document, criteria, interview question bank. */
  "rfp.edit": ["LEAD"],
  "rfp.transition": ["LEAD"],
  "rfp.manage_team": ["LEAD"],
  // The activity log names who did what and when; observers (often probity advisers) need it.
  "rfp.view_activity": ["LEAD", "OBSERVER"],
  /** Which vendors are invited and where they stand (panel members declare conflicts against it). */
  "rfp.view_vendors": ["LEAD", "PANEL", "OBSERVER"],
  "rfp.manage_vendors": ["LEAD"],
  "rfp.view_questions": ["LEAD", "OBSERVER"],
  "rfp.answer_questions": ["LEAD"],
  "rfp.issue_addendum": ["LEAD"],
  /** Emails may contain portal links (secrets): leads only. */
  "rfp.view_outbox": ["LEAD"],
  "rfp.open_proposals": ["LEAD"],
  /**
   * Proposal content, and only after the sealed opening (checked in models/proposal). Panel
   * members get access through their conflict declaration (evaluation module).
   */
  "rfp.view_proposals": ["LEAD", "OBSERVER"],
  "rfp.screen_compliance": ["LEAD"],
  /** Evaluation: each panel member declares conflicts and scores their own sheets. */
  "rfp.declare_conflicts": ["PANEL"],
  "rfp.score": ["PANEL"],
  /** Panel set-up, conflict decisions, reopening sheets, reminders, price formula, consensus. */
  "rfp.manage_evaluation": ["LEAD"],
  /**
   * The panel, its conflict declarations and the lead's decisions, who has submitted which sheet
   * (never a score): the lead, and observers as probity witnesses.
   */
  "rfp.view_panel": ["LEAD", "OBSERVER"],
  /**
   * Results, consensus matrix, sensitivity. Panel members see them only once consensus is open
   * (checked in models/evaluation); before that every score is sealed.
   */
  "rfp.view_results": ["LEAD", "PANEL", "OBSERVER"],
  "rfp.decide_shortlist": ["LEAD"],
  /** Interviews: schedule, agendas, advance questions, publishing, owner's notes, final weights. */
  "rfp.view_interviews": ["LEAD", "PANEL", "OBSERVER"],
  "rfp.manage_interviews": ["LEAD"],
  /** Each attending panel member's own debrief (sealed until all attending members submitted). */
  "rfp.debrief": ["PANEL"],
  /** Each panel member's full ranking of the interviewed vendors. */
  "rfp.rank_vendors": ["PANEL"],
  /** The executive review page and the recommendation (named approvers also read it: models). */
  "rfp.view_review": ["LEAD", "OBSERVER"],
  /** Recommendation memo, submitting for approval, award notices, the negotiation workspace. */
  "rfp.award": ["LEAD"],
  "rfp.view_negotiation": ["LEAD", "OBSERVER"],
  /** Term sheet, decision memo and OCDS exports. */
  "rfp.export": ["LEAD", "OBSERVER"],
} as const satisfies Record<string, readonly RfpRole[]>;
export type RfpAction = keyof typeof RFP_PERMISSIONS;

export function mayDoAccountAction(role: AccountRole, action: AccountAction): boolean {
  return (ACCOUNT_PERMISSIONS[action] as readonly AccountRole[]).includes(role);
}

export function mayDoRfpAction(membership: RfpRole | null, action: RfpAction): boolean {
  return membership !== null && (RFP_PERMISSIONS[action] as readonly RfpRole[]).includes(membership);
}

export function rfpActionsFor(membership: RfpRole | null): RfpAction[] {
  return (Object.keys(RFP_PERMISSIONS) as RfpAction[]).filter((action) => mayDoRfpAction(membership, action));
}

/**
 * Which RFP roles an account may hold. Administrators run the system, not tenders, so they
 * hold none (separation of duties); only procurement leads may lead; anyone else may sit on a
 * panel or observe.
 */
export function rfpRolesAllowedFor(role: AccountRole): RfpRole[] {
  switch (role) {
    case "ADMIN":
      return [];
    case "LEAD":
      return ["LEAD", "PANEL", "OBSERVER"];
    case "EXECUTIVE":
    case "EVALUATOR":
      return ["PANEL", "OBSERVER"];
  }
}
