/**
 * Compliance screening: every mandatory requirement is pass/fail for every proposal, decided by
 * the lead. The vendor's own answer is the starting point: "does not comply" is pre-filled as a
 * fail (the vendor said so itself), "partially" is flagged for a closer look, and nothing is
 * decided on the lead's behalf until they save.
 */
export type VendorAnswer = "COMPLIES" | "PARTIAL" | "DOES_NOT_COMPLY" | null;
export type ComplianceDecision = "PASS" | "FAIL";

export type ComplianceCell = {
  answer: VendorAnswer;
  /** What the lead saved, if anything. */
  saved: { decision: ComplianceDecision; note: string } | null;
  /** What the form shows selected: the saved decision, else the pre-fill. */
  decision: ComplianceDecision | null;
  prefilled: boolean;
  needsAttention: boolean;
};

export function complianceCell(
  answer: VendorAnswer,
  saved: { decision: ComplianceDecision; note: string } | null,
): ComplianceCell {
  const prefill: ComplianceDecision | null = answer === "DOES_NOT_COMPLY" ? "FAIL" : null;
  return {
    answer,
    saved,
    decision: saved?.decision ?? prefill,
    prefilled: !saved && prefill !== null,
    // A partial or missing answer needs a reasoned decision; so does any cell still undecided.
    needsAttention: !saved && (answer === "PARTIAL" || answer === null),
  };
}

export type VendorScreening = {
  failed: number;
  passed: number;
  undecided: number;
  /** Disqualification needs at least one saved FAIL: a pre-fill is not a decision. */
  mayBeDisqualified: boolean;
};

export function vendorScreening(cells: ComplianceCell[]): VendorScreening {
  const failed = cells.filter((cell) => cell.saved?.decision === "FAIL").length;
  const passed = cells.filter((cell) => cell.saved?.decision === "PASS").length;
  return { failed, passed, undecided: cells.length - failed - passed, mayBeDisqualified: failed > 0 };
}

export const COMPLIANCE_ANSWER_LABELS: Record<Exclude<VendorAnswer, null>, string> = {
  COMPLIES: "Complies",
  PARTIAL: "Partially complies",
  DOES_NOT_COMPLY: "Does not comply",
};
