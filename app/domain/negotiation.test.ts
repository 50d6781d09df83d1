import { describe, expect, it } from "vitest";
import {
  type CommitmentDecision,
  contractTermsOf,
  describePriceChange,
  dispositionProblems,
  escalationProblems,
  interviewClaimText,
  type NegotiatedContract,
  parsePriceChange,
  readiness,
  readinessBlockers,
  reviewNegotiation,
  staleFlagDecisions,
  standardContractTerms,
  termUpdateProblems,
} from "./negotiation";

const now = new Date("2027-06-01T10:00:00Z");

/** A contract that commits the vendor to perform: no risk rule fires. */
const balanced: NegotiatedContract = {
  termLengthMonths: 12,
  renewal: "BY_MUTUAL_AGREEMENT",
  noticePeriodDays: 30,
  terminationForConvenience: true,
  exitOnChronicSlaFailure: true,
  termsOfService: "Managed Service Terms v3, Baseline tier",
  priceChange: { kind: "INDEXED", index: "CPI", capPercent: 3 },
  slaLines: [
    {
      id: "sla1",
      metric: "First response",
      target: "15 minutes",
      measurementWindow: "calendar month",
      reporting: "Monthly report",
      serviceCredit: "2% of the monthly fee per breach",
      setBy: "AGREED",
    },
  ],
  fees: [],
  obligations: [],
  commitments: [],
};

describe("contractTermsOf / reviewNegotiation", () => {
  it("raises nothing for a balanced contract", () => {
    expect(reviewNegotiation(balanced)).toEqual([]);
  });

  it("maps blank text to missing, so the missing-terms rule fires", () => {
    const terms = contractTermsOf({ ...balanced, termsOfService: "  " });
    expect(terms.termsOfService).toBeNull();
    expect(reviewNegotiation({ ...balanced, termsOfService: "" }).map((flag) => flag.ruleId)).toEqual([
      "MISSING_TERMS_OF_SERVICE",
    ]);
  });

  it("flags automatic renewal, and it disappears once renewal is by mutual agreement", () => {
    const autoRenewing = { ...balanced, renewal: "AUTOMATIC" as const };
    expect(reviewNegotiation(autoRenewing).map((flag) => flag.key)).toEqual(["AUTOMATIC_RENEWAL"]);
    expect(reviewNegotiation({ ...autoRenewing, renewal: "BY_MUTUAL_AGREEMENT" })).toEqual([]);
  });

  it("flags service levels the vendor set alone, keyed by the SLA line", () => {
    const [line] = balanced.slaLines;
    if (!line) throw new Error("fixture");
    const flags = reviewNegotiation({ ...balanced, slaLines: [{ ...line, setBy: "VENDOR" }] });
    expect(flags.map((flag) => flag.key)).toEqual(["SLA_SET_BY_VENDOR:sla1"]);
  });

  it("reads obligations from the commitments register, but only those turned into obligations", () => {
    const takeover = "The Supplier shall manage the Customer's internal approval process.";
    const contract: NegotiatedContract = {
      ...balanced,
      commitments: [
        { id: "c1", disposition: "OBLIGATION", obligationWording: takeover },
        { id: "c2", disposition: "DROPPED", obligationWording: takeover },
        { id: "c3", disposition: "OBLIGATION", obligationWording: "  " },
      ],
    };
    expect(contractTermsOf(contract).obligations.map((obligation) => obligation.id)).toEqual(["commitment-c1"]);
    expect(reviewNegotiation(contract).map((flag) => flag.key)).toEqual(["VENDOR_OWNS_CUSTOMER_PROCESS:commitment-c1"]);
  });

  it("reads a vendor-discretion price clause as a unilateral increase", () => {
    const flags = reviewNegotiation({ ...balanced, priceChange: { kind: "VENDOR_DISCRETION", noticeDays: 30 } });
    expect(flags.map((flag) => flag.ruleId)).toEqual(["UNILATERAL_PRICE_INCREASE"]);
  });
});

describe("parsePriceChange / describePriceChange", () => {
  it("reads the stored clause defensively", () => {
    expect(parsePriceChange(null)).toBeNull();
    expect(parsePriceChange({ kind: "NONSENSE" })).toBeNull();
    expect(parsePriceChange({ kind: "INDEXED", index: "CPI", capPercent: "3" })).toEqual({
      kind: "INDEXED",
      index: "CPI",
      capPercent: null,
    });
    expect(parsePriceChange({ kind: "VENDOR_DISCRETION", noticeDays: 60 })).toEqual({
      kind: "VENDOR_DISCRETION",
      noticeDays: 60,
    });
  });

  it("describes each clause in plain words", () => {
    expect(describePriceChange(null)).toBe("Not stated yet");
    expect(describePriceChange({ kind: "INDEXED", index: "CPI", capPercent: 3 })).toBe(
      "Tied to CPI, capped at 3% a year",
    );
    expect(describePriceChange({ kind: "VENDOR_DISCRETION", noticeDays: 30 })).toBe(
      "The vendor may raise prices on 30 days' notice",
    );
    expect(describePriceChange({ kind: "FIXED" })).toBe("Fixed for the term");
  });
});

describe("staleFlagDecisions", () => {
  it("returns the decisions whose flag no longer fires", () => {
    const flags = reviewNegotiation({ ...balanced, renewal: "AUTOMATIC" });
    const decisions = [{ flagKey: "AUTOMATIC_RENEWAL" }, { flagKey: "MISSING_SLA" }];
    expect(staleFlagDecisions(flags, decisions)).toEqual([{ flagKey: "MISSING_SLA" }]);
  });
});

describe("dispositionProblems", () => {
  const pending: CommitmentDecision = {
    kind: "CLAIM",
    disposition: "PENDING",
    obligationWording: "",
    dropReason: "",
    resolveBy: null,
  };

  it("needs the wording of an obligation", () => {
    expect(dispositionProblems({ ...pending, disposition: "OBLIGATION" }, now)).toEqual([
      { field: "obligationWording", message: "Write the obligation as it will read in the contract." },
    ]);
    expect(dispositionProblems({ ...pending, disposition: "OBLIGATION", obligationWording: "Shall …" }, now)).toEqual(
      [],
    );
  });

  it("needs the reason a promise is dropped", () => {
    expect(dispositionProblems({ ...pending, disposition: "DROPPED", dropReason: " " }, now)[0]?.field).toBe(
      "dropReason",
    );
    expect(dispositionProblems({ ...pending, disposition: "DROPPED", dropReason: "Not needed." }, now)).toEqual([]);
  });

  it("accepts only limitations, and only with a future resolve-by date", () => {
    expect(dispositionProblems({ ...pending, disposition: "ACCEPTED_LIMITATION" }, now)[0]?.field).toBe("disposition");
    const limitation = { ...pending, kind: "LIMITATION" as const, disposition: "ACCEPTED_LIMITATION" as const };
    expect(dispositionProblems(limitation, now)[0]?.field).toBe("resolveBy");
    expect(dispositionProblems({ ...limitation, resolveBy: new Date("2027-05-01T00:00:00Z") }, now)).toEqual([
      { field: "resolveBy", message: "The resolve-by date must be in the future." },
    ]);
    expect(dispositionProblems({ ...limitation, resolveBy: new Date("2028-01-01T00:00:00Z") }, now)).toEqual([]);
  });

  it("lets an undecided item be", () => {
    expect(dispositionProblems(pending, now)).toEqual([]);
  });
});

describe("interviewClaimText", () => {
  it("keeps what the panel member wrote, naming them", () => {
    expect(interviewClaimText({ memberName: "Eve", strengths: "Promised 24/7 cover.", concerns: "" })).toBe(
      "Claims made in the interview, as Eve recorded them. Strengths noted: Promised 24/7 cover.",
    );
    expect(interviewClaimText({ memberName: "Eve", strengths: " ", concerns: "" })).toBeNull();
  });
});

describe("termUpdateProblems / escalationProblems", () => {
  it("needs agreed wording to agree, and a note to drop", () => {
    const base = { agreedWording: "", note: "", previousStatus: "OPEN" as const };
    expect(termUpdateProblems({ ...base, status: "AGREED" })[0]?.field).toBe("agreedWording");
    expect(termUpdateProblems({ ...base, status: "AGREED", agreedWording: "12 months." })).toEqual([]);
    expect(termUpdateProblems({ ...base, status: "DROPPED" })[0]?.field).toBe("note");
    expect(termUpdateProblems({ ...base, status: "DROPPED", note: "Covered by clause 4." })).toEqual([]);
    expect(termUpdateProblems({ ...base, status: "OPEN" })).toEqual([]);
  });

  it("escalates only through the escalation, which keeps an escalated term escalated", () => {
    const base = { agreedWording: "", note: "" };
    expect(termUpdateProblems({ ...base, status: "ESCALATED", previousStatus: "OPEN" })[0]?.field).toBe("status");
    expect(termUpdateProblems({ ...base, status: "ESCALATED", previousStatus: "ESCALATED" })).toEqual([]);
  });

  it("escalates open terms to a named sponsor only", () => {
    expect(escalationProblems({ status: "OPEN" }, "exec")).toEqual([]);
    expect(escalationProblems({ status: "AGREED" }, "exec")).toEqual(["Only an open term can be escalated."]);
    expect(escalationProblems({ status: "OPEN" }, null)).toHaveLength(1);
  });
});

describe("standardContractTerms", () => {
  it("puts our performance-based positions beside what the proposal said", () => {
    const terms = standardContractTerms({
      proposalTermMonths: 36,
      tierName: "Baseline triage",
      tierHasTermsOfService: true,
      vendorSlaLines: 2,
    });
    expect(terms.map((term) => term.title)).toEqual([
      "Contract term and renewal",
      "Service levels and service credits",
      "Exit on chronic service failure",
      "Terms of service",
      "Price changes",
    ]);
    expect(terms[0]?.vendorPosition).toBe("36 months (proposal).");
    expect(terms[1]?.vendorPosition).toContain("2 service level(s) from the Baseline triage tier");
  });
});

describe("readiness", () => {
  const flags = reviewNegotiation({ ...balanced, renewal: "AUTOMATIC", termsOfService: "" });
  const agreed = { id: "t1", title: "Term", status: "AGREED" as const };
  const decided = {
    id: "c1",
    text: "Named manager",
    kind: "COMMITMENT" as const,
    disposition: "OBLIGATION" as const,
    obligationWording: "The Supplier shall name a service manager.",
    dropReason: "",
    resolveBy: null,
  };

  it("is ready when flags are answered, terms settled and promises disposed of", () => {
    const state = readiness({
      flags,
      resolutions: [
        { key: "AUTOMATIC_RENEWAL", status: "ACCEPTED", note: "30-day notice, diarised." },
        { key: "MISSING_TERMS_OF_SERVICE", status: "RESOLVED", note: "Attached." },
      ],
      terms: [agreed, { id: "t2", title: "Dropped", status: "DROPPED" }],
      commitments: [decided],
      now,
    });
    expect(state.ready).toBe(true);
    expect(readinessBlockers(state)).toEqual([]);
  });

  it("lists every outstanding item", () => {
    const state = readiness({
      flags,
      resolutions: [{ key: "AUTOMATIC_RENEWAL", status: "ACCEPTED", note: " " }],
      terms: [
        agreed,
        { id: "t2", title: "Service credits", status: "OPEN" },
        { id: "t3", title: "Exit", status: "ESCALATED" },
      ],
      commitments: [
        decided,
        { ...decided, id: "c2", text: "24/7 cover", disposition: "PENDING", obligationWording: "" },
        { ...decided, id: "c3", text: "Finnish", disposition: "DROPPED", dropReason: "" },
      ],
      now,
    });
    expect(state.ready).toBe(false);
    expect(state.flags.map((flag) => flag.key)).toEqual(["MISSING_TERMS_OF_SERVICE", "AUTOMATIC_RENEWAL"]);
    expect(state.terms.map((term) => term.id)).toEqual(["t2", "t3"]);
    expect(state.commitments.map((item) => [item.id, item.problem])).toEqual([
      ["c2", "Not decided yet."],
      ["c3", "Say why this promise is not written into the contract."],
    ]);
    expect(readinessBlockers(state)).toEqual([
      "2 risk flag(s) are neither resolved nor accepted with a note: No terms of service; Automatic renewal.",
      "1 term(s) are still open: Service credits.",
      "1 term(s) wait for the sponsor's decision: Exit.",
      "2 promise(s) in the commitments register are not turned into an obligation, dropped with a reason or accepted with a resolve-by date.",
    ]);
  });

  it("does not hold up a contract because an accepted limitation's date has since passed", () => {
    const state = readiness({
      flags: [],
      resolutions: [],
      terms: [],
      commitments: [
        {
          ...decided,
          kind: "LIMITATION",
          disposition: "ACCEPTED_LIMITATION",
          resolveBy: new Date("2027-01-01T00:00:00Z"),
        },
      ],
      now,
    });
    expect(state.ready).toBe(true);
  });
});
