import { type Declaration, isRecusedFromPanel } from "./conflict";
import type { ItemStatistics, VendorTotal } from "./scoring";

/**
 * Consensus and the shortlist: when the panel may meet, what it still has to settle, and which
 * vendors the scores suggest for the next stage. The statistics themselves come from scoring.ts.
 */

/** One panel member as far as sheets are concerned. */
export type PanelSeat = {
  memberId: string;
  /** The written criteria this member scores; none means the member has nothing to score. */
  criterionIds: readonly string[];
  /** Recused from the whole panel: no sheet is expected. */
  recusedFromPanel: boolean;
  /** Vendors this member does not evaluate (recused from that vendor). */
  recusedVendorIds: readonly string[];
};

export type SheetKey = { memberId: string; vendorId: string };

/** A member's seat from the written criteria they score and the lead's decisions on their conflicts. */
export function panelSeat(
  memberId: string,
  criterionIds: readonly string[],
  conflicts: readonly Pick<Declaration, "invitationId" | "decision">[],
): PanelSeat {
  return {
    memberId,
    criterionIds,
    recusedFromPanel: isRecusedFromPanel(conflicts),
    recusedVendorIds: conflicts
      .filter((conflict) => conflict.decision === "RECUSED_VENDOR")
      .map((conflict) => conflict.invitationId),
  };
}

/**
 * The one rule for which sheets the panel owes: one per member and evaluated vendor, unless the
 * member was recused from that vendor or from the panel, or has no written criteria to score.
 * The lead's progress page, the consensus readiness and the stage guards all count by it.
 */
export function owesSheet(seat: PanelSeat, vendorId: string) {
  return !seat.recusedFromPanel && seat.criterionIds.length > 0 && !seat.recusedVendorIds.includes(vendorId);
}

/** Every sheet the panel owes (`owesSheet`) and has not submitted. */
export function pendingSheets(
  seats: readonly PanelSeat[],
  vendorIds: readonly string[],
  submitted: readonly SheetKey[],
): SheetKey[] {
  const done = new Set(submitted.map((sheet) => `${sheet.memberId}|${sheet.vendorId}`));
  return seats.flatMap((seat) =>
    vendorIds
      .filter((vendorId) => owesSheet(seat, vendorId) && !done.has(`${seat.memberId}|${vendorId}`))
      .map((vendorId) => ({ memberId: seat.memberId, vendorId })),
  );
}

export type ConsensusReadiness = { ready: true } | { ready: false; reason: string };

/** Consensus opens once every sheet is in; before that the scores stay sealed. */
export function consensusReadiness(facts: {
  stage: string;
  proposalsOpened: boolean;
  vendors: number;
  submittedSheets: number;
  pendingSheets: number;
  alreadyOpen: boolean;
}): ConsensusReadiness {
  if (facts.alreadyOpen) return { ready: false, reason: "Consensus is already open." };
  if (facts.stage !== "EVALUATION") return { ready: false, reason: "Consensus opens during the evaluation stage." };
  if (!facts.proposalsOpened) return { ready: false, reason: "Open the proposals first." };
  if (facts.vendors === 0) return { ready: false, reason: "No proposal is being evaluated." };
  if (facts.pendingSheets > 0) {
    const sheets = facts.pendingSheets === 1 ? "1 score sheet is" : `${facts.pendingSheets} score sheets are`;
    return { ready: false, reason: `${sheets} not submitted yet.` };
  }
  if (facts.submittedSheets === 0) return { ready: false, reason: "No score sheet has been submitted." };
  return { ready: true };
}

/** Flagged items the panel has not settled with a consensus score yet. */
export function unsettledItems(statistics: readonly (readonly ItemStatistics[])[]): ItemStatistics[] {
  return statistics.flat().filter((item) => item.flags.length > 0 && item.consensus === null);
}

// ── Shortlist ───────────────────────────────────────────────────────────────────────────────

export const SHORTLIST_METHODS = ["TOP_N", "THRESHOLD"] as const;
export type ShortlistMethod = (typeof SHORTLIST_METHODS)[number];

export type ShortlistRule = { method: "TOP_N"; size: number } | { method: "THRESHOLD"; threshold: number };

export function describeShortlistRule(rule: ShortlistRule) {
  return rule.method === "TOP_N"
    ? `the top ${rule.size} (vendors tied at the line are all included)`
    : `every vendor scoring at least ${rule.threshold} points out of 100`;
}

/**
 * The vendors above the line. Top N uses competition ranks, so vendors tied at the line all come
 * in (dropping one of two equal vendors by input order would be arbitrary). Unscored vendors are
 * never suggested.
 */
export function suggestShortlist(
  totals: readonly Pick<VendorTotal, "vendorId" | "total" | "rank">[],
  rule: ShortlistRule,
): string[] {
  return totals
    .filter(({ total, rank }) => {
      if (total === null || rank === null) return false;
      return rule.method === "TOP_N" ? rank <= rule.size : total >= rule.threshold - 1e-9;
    })
    .map(({ vendorId }) => vendorId);
}

export type ShortlistChoice = {
  vendorId: string;
  outcome: "SHORTLISTED" | "NOT_SHORTLISTED";
  rationale: string;
  justification: string;
  requestedBy: string;
};

export type ShortlistIssue = { index: number | null; field: string; message: string };

export const MIN_RATIONALE = 10;
export const MIN_JUSTIFICATION = 20;

/**
 * What a shortlist decision must contain: a decision with a rationale for every evaluated vendor,
 * at least one vendor on the list, and — for a vendor below the line brought in anyway — a
 * written justification and the name of whoever asked for it.
 */
export function shortlistIssues(
  choices: readonly ShortlistChoice[],
  vendorIds: readonly string[],
  suggested: readonly string[],
): ShortlistIssue[] {
  const issues: ShortlistIssue[] = [];
  const chosen = new Set(choices.map((choice) => choice.vendorId));
  const missing = vendorIds.filter((vendorId) => !chosen.has(vendorId));
  if (missing.length > 0 || choices.length !== vendorIds.length) {
    issues.push({ index: null, field: "form", message: "Decide for every vendor evaluated (reload the page)." });
  }
  choices.forEach((choice, index) => {
    if (!vendorIds.includes(choice.vendorId)) {
      issues.push({ index, field: "vendorId", message: "This vendor is not evaluated in this RFP." });
      return;
    }
    if (choice.rationale.trim().length < MIN_RATIONALE) {
      issues.push({ index, field: "rationale", message: `Give a rationale (at least ${MIN_RATIONALE} characters).` });
    }
    if (choice.outcome === "SHORTLISTED" && !suggested.includes(choice.vendorId)) {
      if (choice.justification.trim().length < MIN_JUSTIFICATION) {
        issues.push({
          index,
          field: "justification",
          message: `This vendor is below the line: justify bringing it in (at least ${MIN_JUSTIFICATION} characters).`,
        });
      }
      if (!choice.requestedBy.trim()) {
        issues.push({ index, field: "requestedBy", message: "Name who asked for this vendor to be brought in." });
      }
    }
  });
  if (!choices.some((choice) => choice.outcome === "SHORTLISTED")) {
    issues.push({ index: null, field: "form", message: "Shortlist at least one vendor." });
  }
  return issues;
}
