import { describe, expect, it } from "vitest";
import { complianceCell, vendorScreening } from "./compliance";

describe("complianceCell", () => {
  it("pre-fills the vendor's own 'does not comply' as a fail, not yet saved", () => {
    expect(complianceCell("DOES_NOT_COMPLY", null)).toMatchObject({
      decision: "FAIL",
      prefilled: true,
      needsAttention: false,
    });
  });

  it("flags partial and missing answers for attention and decides nothing for them", () => {
    expect(complianceCell("PARTIAL", null)).toMatchObject({ decision: null, prefilled: false, needsAttention: true });
    expect(complianceCell(null, null)).toMatchObject({ decision: null, needsAttention: true });
    expect(complianceCell("COMPLIES", null)).toMatchObject({ decision: null, needsAttention: false });
  });

  it("shows what the lead saved over any pre-fill", () => {
    const cell = complianceCell("DOES_NOT_COMPLY", { decision: "PASS", note: "Certificate arrived by addendum." });
    expect(cell).toMatchObject({ decision: "PASS", prefilled: false, needsAttention: false });
  });
});

describe("vendorScreening", () => {
  it("allows disqualification only after a saved fail", () => {
    const prefilledOnly = [complianceCell("DOES_NOT_COMPLY", null), complianceCell("COMPLIES", null)];
    expect(vendorScreening(prefilledOnly)).toEqual({ failed: 0, passed: 0, undecided: 2, mayBeDisqualified: false });
    const saved = [
      complianceCell("DOES_NOT_COMPLY", { decision: "FAIL", note: "" }),
      complianceCell("COMPLIES", { decision: "PASS", note: "" }),
      complianceCell("PARTIAL", null),
    ];
    expect(vendorScreening(saved)).toEqual({ failed: 1, passed: 1, undecided: 1, mayBeDisqualified: true });
  });
});
