/**
 * Conflicts of interest. Before reading any proposal, each panel member declares, for every vendor
 * still in the evaluation, "no conflict" or a conflict with a description. A declared conflict
 * keeps that vendor's proposal closed to the member until the lead decides: recuse from the
 * vendor, recuse from the whole panel, or accept with a written mitigation.
 */
export const CONFLICT_DECISIONS = ["RECUSED_VENDOR", "RECUSED_PANEL", "ACCEPTED_WITH_MITIGATION"] as const;
export type ConflictDecision = (typeof CONFLICT_DECISIONS)[number];

export const CONFLICT_DECISION_INFO: Record<ConflictDecision | "PENDING", { label: string; description: string }> = {
  PENDING: {
    label: "Waiting for the lead",
    description: "The vendor stays closed to the member until the lead decides.",
  },
  RECUSED_VENDOR: { label: "Recused from this vendor", description: "The member does not evaluate this vendor." },
  RECUSED_PANEL: { label: "Recused from the panel", description: "The member leaves this RFP's evaluation panel." },
  ACCEPTED_WITH_MITIGATION: {
    label: "Accepted with mitigation",
    description: "The member evaluates this vendor; the mitigation is written down.",
  },
};

export const CONFLICT_DESCRIPTION_MIN = 10;
export const CONFLICT_DESCRIPTION_MAX = 2000;
export const MITIGATION_MIN = 10;

export type Declaration = {
  invitationId: string;
  hasConflict: boolean;
  /** Null while no decision is needed (no conflict) or the lead has not decided yet (PENDING). */
  decision: ConflictDecision | "PENDING" | null;
  decisionNote?: string;
};

/** What a member may do with one vendor, from their declarations. */
export type VendorAccess =
  | { kind: "declare_first" }
  | { kind: "recused_panel" }
  | { kind: "pending" }
  | { kind: "recused_vendor" }
  | { kind: "open"; mitigation: string | null };

/** The vendors a member has not declared for yet (in the order given). */
export function undeclaredVendors(eligibleIds: readonly string[], declarations: readonly Declaration[]) {
  const declared = new Set(declarations.map((declaration) => declaration.invitationId));
  return eligibleIds.filter((id) => !declared.has(id));
}

export function isRecusedFromPanel(declarations: readonly Pick<Declaration, "decision">[]) {
  return declarations.some((declaration) => declaration.decision === "RECUSED_PANEL");
}

/**
 * The sealed rule for proposals: nothing opens before the member has declared for every vendor;
 * a recusal from the panel closes everything; a conflict closes its vendor until decided.
 */
export function vendorAccess(
  invitationId: string,
  eligibleIds: readonly string[],
  declarations: readonly Declaration[],
): VendorAccess {
  if (isRecusedFromPanel(declarations)) return { kind: "recused_panel" };
  if (undeclaredVendors(eligibleIds, declarations).length > 0) return { kind: "declare_first" };
  const declaration = declarations.find((candidate) => candidate.invitationId === invitationId);
  if (!declaration) return { kind: "declare_first" };
  if (!declaration.hasConflict) return { kind: "open", mitigation: null };
  switch (declaration.decision) {
    case "ACCEPTED_WITH_MITIGATION":
      return { kind: "open", mitigation: declaration.decisionNote ?? "" };
    case "RECUSED_VENDOR":
      return { kind: "recused_vendor" };
    case "RECUSED_PANEL":
      return { kind: "recused_panel" };
    default:
      return { kind: "pending" };
  }
}

export function mayReadProposal(access: VendorAccess) {
  return access.kind === "open";
}

export function conflictDescriptionProblem(hasConflict: boolean, description: string): string | null {
  if (!hasConflict) return null;
  const length = description.trim().length;
  if (length < CONFLICT_DESCRIPTION_MIN) {
    return `Describe the conflict (at least ${CONFLICT_DESCRIPTION_MIN} characters): the lead decides from what you write.`;
  }
  return length > CONFLICT_DESCRIPTION_MAX ? `Keep it under ${CONFLICT_DESCRIPTION_MAX} characters.` : null;
}

export function decisionNoteProblem(decision: ConflictDecision, note: string): string | null {
  if (decision === "ACCEPTED_WITH_MITIGATION" && note.trim().length < MITIGATION_MIN) {
    return `Write down the mitigation (at least ${MITIGATION_MIN} characters), e.g. "a second evaluator reviews this vendor's scores".`;
  }
  return note.length > CONFLICT_DESCRIPTION_MAX ? `Keep the note under ${CONFLICT_DESCRIPTION_MAX} characters.` : null;
}

/**
 * Declarations are fixed once the member has started scoring (saved anything on any sheet of this
 * RFP): from then on they have read proposals, and a declaration is worth something only as a
 * record of what they knew before. Withdrawing a conflict after reading could open a vendor they
 * should not score; adding one could drop a vendor after seeing how it compares. Something new
 * goes to the lead, who can take the member off the panel.
 */
export function declarationChangeProblem(scoringStarted: boolean): string | null {
  if (!scoringStarted) return null;
  return "Your declarations are fixed: you started scoring, so they stand as the record of what you declared before reading any proposal. If something has changed since, tell the lead.";
}

/** Conflicts the lead still has to decide. */
export function pendingConflicts<T extends Pick<Declaration, "hasConflict" | "decision">>(declarations: readonly T[]) {
  return declarations.filter((declaration) => declaration.hasConflict && !isDecided(declaration.decision));
}

function isDecided(decision: Declaration["decision"]): decision is ConflictDecision {
  return decision !== null && decision !== "PENDING";
}
