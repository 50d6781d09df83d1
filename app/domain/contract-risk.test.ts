import { describe, expect, it } from "vitest";
import {
  type ContractTerms,
  hasServiceCredit,
  measurabilityGaps,
  outstandingFlags,
  RISK_RULE_IDS,
  RISK_RULES,
  type RiskFlag,
  reviewContract,
  type SlaLine,
} from "./contract-risk";

const availability: SlaLine = {
  id: "availability",
  metric: "Availability",
  target: "99.9%",
  measurementWindow: "calendar month",
  reporting: "Monthly service report",
  serviceCredit: "5% of the monthly fee per 0.1% below target",
  setBy: "AGREED",
};

const p1Response: SlaLine = {
  id: "p1",
  metric: "P1 response time",
  target: "30 minutes",
  measurementWindow: "each incident, reported monthly",
  reporting: "Monthly service report",
  serviceCredit: "2% of the monthly fee per breach",
  setBy: "CUSTOMER",
};

/** A contract that commits the vendor to perform: no rule should fire. */
const balanced: ContractTerms = {
  term: {
    lengthMonths: 12,
    renewal: "BY_MUTUAL_AGREEMENT",
    noticePeriodDays: 30,
    terminationForConvenience: true,
    exitOnChronicSlaFailure: true,
  },
  termsOfService: "Managed Service Terms v3.2, Standard tier",
  slaLines: [availability, p1Response],
  priceChange: { kind: "INDEXED", index: "CPI", capPercent: 3 },
  fees: [{ id: "onboarding", kind: "ONE_OFF", description: "Onboarding and knowledge transfer" }],
  obligations: [
    { id: "o1", party: "VENDOR", text: "The Supplier shall follow the Customer's change management process." },
    {
      id: "o2",
      party: "VENDOR",
      text: "The Supplier shall report incidents to the Customer's service desk within 1 hour.",
    },
    { id: "o3", party: "VENDOR", text: "The Supplier shall manage its own staff to our satisfaction." },
    { id: "o4", party: "CUSTOMER", text: "The Customer shall approve the Customer's internal budget for the service." },
  ],
};

function withTerm(term: Partial<ContractTerms["term"]>): ContractTerms {
  return { ...balanced, term: { ...balanced.term, ...term } };
}

function withLine(line: Partial<SlaLine>): ContractTerms {
  return { ...balanced, slaLines: [{ ...availability, ...line }] };
}

function ruleIds(flags: RiskFlag[]) {
  return flags.map((flag) => flag.ruleId);
}

describe("RISK_RULES", () => {
  it("gives every rule a severity, a title and a suggested alternative", () => {
    expect(RISK_RULE_IDS).toHaveLength(10);
    for (const id of RISK_RULE_IDS) {
      expect(["HIGH", "MEDIUM", "LOW"]).toContain(RISK_RULES[id].severity);
      expect(RISK_RULES[id].title.length).toBeGreaterThan(5);
      expect(RISK_RULES[id].suggestion.length).toBeGreaterThan(40);
    }
  });
});

describe("reviewContract", () => {
  it("raises nothing on a balanced, performance-based contract", () => {
    expect(reviewContract(balanced)).toEqual([]);
  });

  describe("missing terms of service", () => {
    it("flags a contract without terms of service", () => {
      expect(reviewContract({ ...balanced, termsOfService: null })).toEqual([
        {
          ruleId: "MISSING_TERMS_OF_SERVICE",
          key: "MISSING_TERMS_OF_SERVICE",
          severity: "HIGH",
          title: "No terms of service",
          explanation:
            "Every contract needs terms of service, whether or not a premium tier is bought; without them nobody can say what the vendor owes.",
          suggestion: RISK_RULES.MISSING_TERMS_OF_SERVICE.suggestion,
          subject: { kind: "CONTRACT" },
        },
      ]);
      expect(ruleIds(reviewContract({ ...balanced, termsOfService: "   " }))).toEqual(["MISSING_TERMS_OF_SERVICE"]);
    });
  });

  describe("missing SLA", () => {
    it("flags a contract with no SLA lines", () => {
      expect(ruleIds(reviewContract({ ...balanced, slaLines: [] }))).toEqual(["MISSING_SLA"]);
    });

    it("does not flag a contract with one SLA line", () => {
      expect(ruleIds(reviewContract({ ...balanced, slaLines: [p1Response] }))).toEqual([]);
    });
  });

  describe("automatic renewal", () => {
    it("flags automatic renewal, rated HIGH when the notice period is long or unstated", () => {
      const short = reviewContract(withTerm({ renewal: "AUTOMATIC", noticePeriodDays: 30 }));
      expect(short).toMatchObject([{ ruleId: "AUTOMATIC_RENEWAL", severity: "MEDIUM", key: "AUTOMATIC_RENEWAL" }]);
      expect(short[0]?.explanation).toBe(
        "The contract renews itself unless cancelled at least 30 days ahead; missing that date commits us to another term whatever the service was like.",
      );
      expect(reviewContract(withTerm({ renewal: "AUTOMATIC", noticePeriodDays: 90 }))[0]?.severity).toBe("MEDIUM");
      expect(reviewContract(withTerm({ renewal: "AUTOMATIC", noticePeriodDays: 91 }))[0]?.severity).toBe("HIGH");
      expect(reviewContract(withTerm({ renewal: "AUTOMATIC", noticePeriodDays: null }))[0]).toMatchObject({
        severity: "HIGH",
        explanation: expect.stringContaining("with a notice period it does not state"),
      });
    });

    it("does not flag renewal by mutual agreement or no renewal", () => {
      expect(reviewContract(withTerm({ renewal: "NONE" }))).toEqual([]);
      expect(reviewContract(withTerm({ renewal: "BY_MUTUAL_AGREEMENT", noticePeriodDays: 365 }))).toEqual([]);
    });
  });

  describe("long minimum term without a performance exit", () => {
    it("flags a term over 12 months with no exit on chronic SLA failure", () => {
      const flags = reviewContract(withTerm({ lengthMonths: 36, exitOnChronicSlaFailure: false }));
      expect(flags).toMatchObject([{ ruleId: "LONG_TERM_WITHOUT_PERFORMANCE_EXIT", severity: "HIGH" }]);
      expect(flags[0]?.explanation).toBe(
        "We commit to 36 months, but cannot leave if the service keeps failing: a commitment to pay, not to perform.",
      );
      expect(ruleIds(reviewContract(withTerm({ lengthMonths: 13, exitOnChronicSlaFailure: false })))).toEqual([
        "LONG_TERM_WITHOUT_PERFORMANCE_EXIT",
      ]);
    });

    it("does not flag a long term with a performance exit, 12 months or less, or an unknown length", () => {
      expect(reviewContract(withTerm({ lengthMonths: 36, exitOnChronicSlaFailure: true }))).toEqual([]);
      expect(reviewContract(withTerm({ lengthMonths: 12, exitOnChronicSlaFailure: false }))).toEqual([]);
      expect(reviewContract(withTerm({ lengthMonths: 1, exitOnChronicSlaFailure: false }))).toEqual([]);
      expect(reviewContract(withTerm({ lengthMonths: null, exitOnChronicSlaFailure: false }))).toEqual([]);
    });
  });

  describe("SLA targets that cannot be measured", () => {
    it("flags a target with no number, unit or window, naming what is missing", () => {
      const flags = reviewContract(withLine({ target: "High availability", measurementWindow: null }));
      expect(flags).toMatchObject([
        { ruleId: "SLA_TARGET_NOT_MEASURABLE", key: "SLA_TARGET_NOT_MEASURABLE:availability", severity: "HIGH" },
      ]);
      expect(flags[0]?.subject).toEqual({ kind: "SLA_LINE", slaLineId: "availability" });
      expect(flags[0]?.explanation).toBe(
        "Availability (“High availability”) has no number, no unit and no measurement window, so nobody can show whether it was met.",
      );
    });

    it("flags a bare number, hedged wording, and a blank window", () => {
      expect(measurabilityGaps({ ...availability, target: "95" })).toEqual(["no unit"]);
      expect(measurabilityGaps({ ...availability, target: "Best efforts to respond within 4 hours" })).toEqual([
        "hedged wording",
      ]);
      expect(measurabilityGaps({ ...availability, target: "Commercially reasonable uptime" })).toEqual([
        "no number",
        "no unit",
        "hedged wording",
      ]);
      expect(measurabilityGaps({ ...availability, measurementWindow: "  " })).toEqual(["no measurement window"]);
    });

    it("accepts percentages, durations, rates and scores over a window", () => {
      for (const target of [
        "99.9%",
        "99.5 percent",
        "30 minutes",
        "4 business hours",
        "≤ 2 per month",
        "4.5/5",
        "8 out of 10",
        "200ms",
      ]) {
        expect(measurabilityGaps({ ...availability, target }), target).toEqual([]);
      }
    });
  });

  describe("SLA lines without service credits", () => {
    it("flags a line with no credit, or an explicit none", () => {
      for (const serviceCredit of [null, "", "none", "N/A", "0%", "-", "Not applicable"]) {
        expect(ruleIds(reviewContract(withLine({ serviceCredit }))), String(serviceCredit)).toEqual([
          "SLA_WITHOUT_SERVICE_CREDIT",
        ]);
      }
      expect(reviewContract(withLine({ serviceCredit: null }))[0]).toMatchObject({
        key: "SLA_WITHOUT_SERVICE_CREDIT:availability",
        severity: "MEDIUM",
        explanation: "Availability carries no service credit: missing it costs the vendor nothing.",
      });
    });

    it("does not flag a line with a credit", () => {
      expect(hasServiceCredit(availability)).toBe(true);
      expect(hasServiceCredit({ ...availability, serviceCredit: "10% of monthly charges" })).toBe(true);
    });
  });

  describe("service levels set by the vendor", () => {
    it("flags a line the vendor set alone, as a question to ask", () => {
      expect(reviewContract(withLine({ setBy: "VENDOR" }))).toMatchObject([
        { ruleId: "SLA_SET_BY_VENDOR", severity: "LOW", key: "SLA_SET_BY_VENDOR:availability" },
      ]);
    });

    it("does not flag lines we set or agreed", () => {
      expect(reviewContract(withLine({ setBy: "CUSTOMER" }))).toEqual([]);
      expect(reviewContract(withLine({ setBy: "AGREED" }))).toEqual([]);
    });
  });

  describe("unilateral price increases", () => {
    it("flags prices the vendor may raise at its discretion", () => {
      const flags = reviewContract({ ...balanced, priceChange: { kind: "VENDOR_DISCRETION", noticeDays: 30 } });
      expect(flags).toMatchObject([{ ruleId: "UNILATERAL_PRICE_INCREASE", severity: "HIGH" }]);
      expect(flags[0]?.explanation).toBe(
        "The vendor may raise prices on 30 days' notice without our agreement or a cap, while we stay bound to the term.",
      );
    });

    it("does not flag fixed, indexed or mutually agreed prices", () => {
      for (const priceChange of [
        { kind: "FIXED" },
        { kind: "INDEXED", index: "CPI", capPercent: null },
        { kind: "BY_MUTUAL_AGREEMENT" },
        null,
      ] as const) {
        expect(reviewContract({ ...balanced, priceChange })).toEqual([]);
      }
    });
  });

  describe("early-termination fees", () => {
    it("flags fees typed as early termination or described as such", () => {
      const flags = reviewContract({
        ...balanced,
        fees: [
          { id: "f1", kind: "EARLY_TERMINATION", description: "Three months' charges" },
          { id: "f2", kind: "OTHER", description: "Exit fee of 25,000 EUR" },
          { id: "f3", kind: "OTHER", description: "Termination charge equal to the fees for the remaining term" },
          { id: "f4", kind: "ONE_OFF", description: "Early-termination payment" },
        ],
      });
      expect(flags.map((flag) => flag.key)).toEqual([
        "EARLY_TERMINATION_FEE:f1",
        "EARLY_TERMINATION_FEE:f2",
        "EARLY_TERMINATION_FEE:f3",
        "EARLY_TERMINATION_FEE:f4",
      ]);
      expect(flags[1]).toMatchObject({ severity: "MEDIUM", subject: { kind: "FEE", feeId: "f2" } });
    });

    it("does not flag other fees, including termination assistance", () => {
      const fees = [
        { id: "f1", kind: "ONE_OFF", description: "Onboarding" },
        { id: "f2", kind: "RECURRING", description: "Monthly service charge" },
        { id: "f3", kind: "OTHER", description: "Termination assistance at standard day rates" },
      ] as const;
      expect(reviewContract({ ...balanced, fees })).toEqual([]);
    });
  });

  describe("vendor in charge of our internal processes", () => {
    function flagged(text: string, customerNames?: string[]) {
      const contract = { ...balanced, obligations: [{ id: "x", party: "VENDOR" as const, text }] };
      return ruleIds(reviewContract(contract, customerNames ? { customerNames } : {}));
    }

    it("flags obligations that hand the vendor control of our internal processes", () => {
      expect(flagged("The Supplier shall manage the Customer's internal purchase approval process.")).toEqual([
        "VENDOR_OWNS_CUSTOMER_PROCESS",
      ]);
      expect(flagged("The Supplier will be responsible for the Client's staffing decisions.")).toEqual([
        "VENDOR_OWNS_CUSTOMER_PROCESS",
      ]);
      expect(flagged("The Supplier shall approve purchase orders on behalf of the Customer.")).toEqual([
        "VENDOR_OWNS_CUSTOMER_PROCESS",
      ]);
      expect(flagged("The Contractor shall set the Authority's procurement priorities.")).toEqual([
        "VENDOR_OWNS_CUSTOMER_PROCESS",
      ]);
    });

    it("recognises the contract's own name for the customer", () => {
      const text = "The Contractor shall own the Council's budgeting process.";
      expect(flagged(text)).toEqual([]);
      expect(flagged(text, ["Council"])).toEqual(["VENDOR_OWNS_CUSTOMER_PROCESS"]);
    });

    it("does not flag obligations that only follow, report to, or serve our processes", () => {
      expect(flagged("The Supplier shall follow the Customer's change management process.")).toEqual([]);
      expect(flagged("The Supplier shall report incidents to the Customer's service desk.")).toEqual([]);
      expect(flagged("The Supplier shall manage its own staff to our satisfaction.")).toEqual([]);
      expect(flagged("The Supplier shall provide monthly data for the Customer's budgeting process.")).toEqual([]);
    });

    it("reads only the vendor's obligations", () => {
      const contract: ContractTerms = {
        ...balanced,
        obligations: [
          { id: "c1", party: "CUSTOMER", text: "The Customer shall manage the Customer's internal approvals." },
        ],
      };
      expect(reviewContract(contract)).toEqual([]);
    });

    it("points at the obligation", () => {
      const contract: ContractTerms = {
        ...balanced,
        obligations: [
          { id: "o9", party: "VENDOR", text: "The Supplier shall run the Customer's internal helpdesk process." },
        ],
      };
      expect(reviewContract(contract)).toMatchObject([
        {
          key: "VENDOR_OWNS_CUSTOMER_PROCESS:o9",
          severity: "MEDIUM",
          subject: { kind: "OBLIGATION", obligationId: "o9" },
          explanation:
            "“The Supplier shall run the Customer's internal helpdesk process.” makes the vendor run something that is ours to run; a term like this serves neither side and is worth renegotiating.",
        },
      ]);
    });
  });

  it("lists the most severe flags first, then in rule order, then in contract order", () => {
    const oneSided: ContractTerms = {
      term: {
        lengthMonths: 36,
        renewal: "AUTOMATIC",
        noticePeriodDays: 30,
        terminationForConvenience: false,
        exitOnChronicSlaFailure: false,
      },
      termsOfService: null,
      slaLines: [
        { ...availability, id: "a", target: "high", serviceCredit: null, setBy: "VENDOR" },
        { ...p1Response, id: "b", serviceCredit: "none" },
      ],
      priceChange: { kind: "VENDOR_DISCRETION", noticeDays: null },
      fees: [{ id: "f", kind: "EARLY_TERMINATION", description: "Remaining term" }],
      obligations: [{ id: "o", party: "VENDOR", text: "The Supplier shall own the Customer's internal approvals." }],
    };
    expect(reviewContract(oneSided).map((flag) => [flag.severity, flag.key])).toEqual([
      ["HIGH", "MISSING_TERMS_OF_SERVICE"],
      ["HIGH", "LONG_TERM_WITHOUT_PERFORMANCE_EXIT"],
      ["HIGH", "UNILATERAL_PRICE_INCREASE"],
      ["HIGH", "SLA_TARGET_NOT_MEASURABLE:a"],
      ["MEDIUM", "AUTOMATIC_RENEWAL"],
      ["MEDIUM", "SLA_WITHOUT_SERVICE_CREDIT:a"],
      ["MEDIUM", "SLA_WITHOUT_SERVICE_CREDIT:b"],
      ["MEDIUM", "EARLY_TERMINATION_FEE:f"],
      ["MEDIUM", "VENDOR_OWNS_CUSTOMER_PROCESS:o"],
      ["LOW", "SLA_SET_BY_VENDOR:a"],
    ]);
  });
});

describe("outstandingFlags", () => {
  const flags = reviewContract({ ...balanced, termsOfService: null, slaLines: [] });

  it("keeps flags with no resolution", () => {
    expect(outstandingFlags(flags, []).map((flag) => flag.key)).toEqual(["MISSING_TERMS_OF_SERVICE", "MISSING_SLA"]);
  });

  it("clears resolved flags and flags accepted with a note, but not an acceptance without one", () => {
    expect(
      outstandingFlags(flags, [
        { key: "MISSING_TERMS_OF_SERVICE", status: "RESOLVED", note: "" },
        { key: "MISSING_SLA", status: "ACCEPTED", note: "  " },
      ]).map((flag) => flag.key),
    ).toEqual(["MISSING_SLA"]);
    expect(
      outstandingFlags(flags, [
        { key: "MISSING_TERMS_OF_SERVICE", status: "RESOLVED", note: "" },
        { key: "MISSING_SLA", status: "ACCEPTED", note: "Pilot month only; SLA signed before go-live." },
      ]),
    ).toEqual([]);
  });

  it("ignores resolutions of flags that no longer exist", () => {
    expect(outstandingFlags([], [{ key: "MISSING_SLA", status: "RESOLVED", note: "" }])).toEqual([]);
  });
});
