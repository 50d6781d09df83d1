import { describe, expect, it } from "vitest";
import {
  conflictDescriptionProblem,
  type Declaration,
  decisionNoteProblem,
  declarationChangeProblem,
  mayReadProposal,
  pendingConflicts,
  undeclaredVendors,
  vendorAccess,
} from "./conflict";

const VENDORS = ["contoso", "fabrikam", "litware"];
const none = (invitationId: string): Declaration => ({ invitationId, hasConflict: false, decision: null });
const conflict = (invitationId: string, decision: Declaration["decision"], decisionNote = ""): Declaration => ({
  invitationId,
  hasConflict: true,
  decision,
  decisionNote,
});

describe("vendorAccess", () => {
  it("opens nothing before the member has declared for every vendor", () => {
    const declarations = [none("contoso"), none("fabrikam")];
    expect(undeclaredVendors(VENDORS, declarations)).toEqual(["litware"]);
    expect(vendorAccess("contoso", VENDORS, declarations)).toEqual({ kind: "declare_first" });
  });

  it("opens vendors without conflict once everything is declared", () => {
    const declarations = VENDORS.map(none);
    expect(vendorAccess("fabrikam", VENDORS, declarations)).toEqual({ kind: "open", mitigation: null });
  });

  it("keeps a declared conflict closed until the lead decides, then follows the decision", () => {
    const others = [none("fabrikam"), none("litware")];
    expect(vendorAccess("contoso", VENDORS, [conflict("contoso", "PENDING"), ...others]).kind).toBe("pending");
    expect(vendorAccess("fabrikam", VENDORS, [conflict("contoso", "PENDING"), ...others]).kind).toBe("open");
    expect(vendorAccess("contoso", VENDORS, [conflict("contoso", "RECUSED_VENDOR"), ...others]).kind).toBe(
      "recused_vendor",
    );
    expect(
      vendorAccess("contoso", VENDORS, [conflict("contoso", "ACCEPTED_WITH_MITIGATION", "Second reader."), ...others]),
    ).toEqual({ kind: "open", mitigation: "Second reader." });
  });

  it("closes every vendor when the member is recused from the panel", () => {
    const declarations = [conflict("contoso", "RECUSED_PANEL"), none("fabrikam"), none("litware")];
    for (const vendor of VENDORS) expect(vendorAccess(vendor, VENDORS, declarations).kind).toBe("recused_panel");
  });

  it("reads only open proposals", () => {
    expect(mayReadProposal({ kind: "pending" })).toBe(false);
    expect(mayReadProposal({ kind: "open", mitigation: null })).toBe(true);
  });
});

describe("declaration rules", () => {
  it("requires a description of a conflict, not of its absence", () => {
    expect(conflictDescriptionProblem(false, "")).toBeNull();
    expect(conflictDescriptionProblem(true, "  short ")).toMatch(/at least/);
    expect(conflictDescriptionProblem(true, "My sister works there.")).toBeNull();
    expect(conflictDescriptionProblem(true, "x".repeat(2001))).toMatch(/under/);
  });

  it("requires a written mitigation to accept a conflict", () => {
    expect(decisionNoteProblem("ACCEPTED_WITH_MITIGATION", "")).toMatch(/mitigation/);
    expect(decisionNoteProblem("ACCEPTED_WITH_MITIGATION", "Second evaluator reviews.")).toBeNull();
    expect(decisionNoteProblem("RECUSED_VENDOR", "")).toBeNull();
  });

  it("fixes declarations once scoring has started", () => {
    expect(declarationChangeProblem(false)).toBeNull();
    expect(declarationChangeProblem(true)).toMatch(/fixed/);
  });

  it("lists the conflicts still waiting for the lead", () => {
    const declarations = [conflict("contoso", "PENDING"), conflict("fabrikam", "RECUSED_VENDOR"), none("litware")];
    expect(pendingConflicts(declarations).map((declaration) => declaration.invitationId)).toEqual(["contoso"]);
  });
});
