import { describe, expect, it } from "vitest";
import { type TermSheetInput, termSheet } from "./term-sheet";

const format = {
  date: (instant: Date) => instant.toISOString().slice(0, 10),
  money: (amount: string) => `EUR ${amount}`,
  quantity: (value: string) => value,
};

function input(overrides: Partial<TermSheetInput["negotiation"]> = {}): TermSheetInput {
  return {
    buyer: "Northwind Logistics",
    rfp: { reference: "RFP-2027-001", title: "Contact centre" },
    vendorName: "Contoso",
    negotiation: {
      status: "OPEN",
      currency: "EUR",
      termLengthMonths: 12,
      startDate: new Date("2027-07-01T00:00:00Z"),
      renewal: "BY_MUTUAL_AGREEMENT",
      noticePeriodDays: 30,
      terminationForConvenience: true,
      exitOnChronicSlaFailure: true,
      serviceTier: "Proactive monitoring",
      termsOfService: "Standard terms v3.",
      priceChange: { kind: "INDEXED", index: "CPI", capPercent: 3 },
      closedAt: null,
      ...overrides,
    },
    priceLines: [
      { description: "Onboarding", kind: "ONE_TIME", unit: "project", quantity: "1", unitPrice: "5000.00" },
      { description: "Agents", kind: "RECURRING", unit: "FTE", quantity: "2.5", unitPrice: "3000.00" },
    ],
    slaLines: [
      {
        metric: "Answer time",
        target: "80% in 20 s",
        measurementWindow: "month",
        reporting: "monthly report",
        serviceCredit: "2% of the monthly fee",
        setBy: "AGREED",
      },
    ],
    fees: [{ kind: "ONE_OFF", description: "Training fee of EUR 1 000." }],
    obligations: [{ party: "CUSTOMER", text: "We provide access to the CRM." }],
    commitments: [
      {
        kind: "COMMITMENT",
        text: "24/7 cover from go-live",
        disposition: "OBLIGATION",
        obligationWording: "The vendor staffs the service 24/7 from the go-live date.",
        dropReason: "",
        resolveBy: null,
      },
      {
        kind: "LIMITATION",
        text: "Finnish support from year two",
        disposition: "ACCEPTED_LIMITATION",
        obligationWording: "",
        dropReason: "",
        resolveBy: new Date("2028-07-01T00:00:00Z"),
      },
      {
        kind: "CLAIM",
        text: "Best in the market",
        disposition: "DROPPED",
        obligationWording: "",
        dropReason: "Not measurable.",
        resolveBy: null,
      },
      {
        kind: "CLAIM",
        text: "Undecided",
        disposition: "PENDING",
        obligationWording: "",
        dropReason: "",
        resolveBy: null,
      },
    ],
    terms: [
      {
        title: "Service credits",
        ourPosition: "5%",
        vendorPosition: "2%",
        agreedWording: "Credits of 2% of the monthly fee per missed level.",
        status: "AGREED",
        escalationDecision: null,
        ownerName: "Lena Lead",
      },
      {
        title: "Liability cap",
        ourPosition: "12 months of fees",
        vendorPosition: "3 months of fees",
        agreedWording: "",
        status: "ESCALATED",
        escalationDecision: null,
        ownerName: null,
      },
    ],
    generatedAt: new Date("2027-06-01T00:00:00Z"),
    format,
  };
}

describe("termSheet", () => {
  it("numbers sections and clauses: price, term, service levels, obligations, negotiated terms, dropped promises", () => {
    const sheet = termSheet(input());
    expect(sheet.sections.map((section) => `${section.number}. ${section.title}`)).toEqual([
      "1. Price schedule",
      "2. Contract term",
      "3. Service levels",
      "4. Obligations",
      "5. Negotiated terms",
      "6. Promises not carried into the contract",
    ]);
    const [price, term, service, obligations, negotiated, dropped] = sheet.sections;
    expect(price?.table?.rows[1]).toEqual(["Agents", "Monthly", "FTE", "2.5", "EUR 3000.00", "EUR 7500.00"]);
    // 5 000 + 7 500 × 12
    expect(price?.table?.footer?.at(-1)).toEqual(["Total over 12 months", "", "", "", "", "EUR 95000.00"]);
    expect(price?.clauses[0]).toMatchObject({ number: "1.1", text: "Tied to CPI, capped at 3% a year." });
    expect(price?.clauses[1]).toMatchObject({ number: "1.2", title: "One-off fee" });
    expect(term?.clauses[0]?.text).toBe("The contract runs for 12 months from 2027-07-01.");
    expect(service?.table?.rows[0]).toContain("2% of the monthly fee");
    expect(obligations?.clauses.map((clause) => clause.text)).toEqual([
      "We provide access to the CRM.",
      "The vendor staffs the service 24/7 from the go-live date.",
      "Finnish support from year two",
    ]);
    expect(obligations?.clauses[2]?.note).toBe("To be resolved by 2028-07-01.");
    expect(negotiated?.clauses[0]).toMatchObject({
      number: "5.1",
      title: "Service credits — Agreed",
      text: "Credits of 2% of the monthly fee per missed level.",
    });
    expect(negotiated?.clauses[1]?.title).toBe("Liability cap — Escalated");
    expect(negotiated?.clauses[1]?.text).toContain("Our position: 12 months of fees");
    expect(dropped?.clauses).toEqual([
      { number: "6.1", title: "Claim", text: "Best in the market", note: "Not measurable." },
    ]);
  });

  it("is a draft until the negotiation is concluded", () => {
    expect(termSheet(input()).draft).toBe(true);
    expect(termSheet(input()).filenameStem).toBe("RFP-2027-001-term-sheet-draft");
    const concluded = termSheet(input({ status: "CONCLUDED", closedAt: new Date("2027-06-20T00:00:00Z") }));
    expect(concluded.draft).toBe(false);
    expect(concluded.facts).toContainEqual(["Concluded", "2027-06-20"]);
  });

  it("says what is missing instead of leaving holes", () => {
    const sheet = termSheet({
      ...input({ termLengthMonths: null, noticePeriodDays: null }),
      priceLines: [],
      slaLines: [],
      obligations: [],
      commitments: [],
      terms: [],
    });
    expect(sheet.sections.map((section) => section.empty ?? null)).toEqual([
      "No price lines yet.",
      null,
      "No service levels agreed yet.",
      "No obligations recorded yet.",
      "No terms in the tracker yet.",
    ]);
    expect(sheet.sections[1]?.clauses[0]?.text).toBe("The length of the contract is not agreed yet.");
  });
});
