import { describe, expect, it } from "vitest";
import { ocdsPackageErrors } from "../../tests/fixtures/ocds-validator";
import { contractStatus, criteriaDetails, type OcdsInput, ocdsReleasePackage, tenderStatus } from "./ocds";

const day = (iso: string) => new Date(`${iso}T09:00:00.000Z`);

function negotiatedProcess(overrides: Partial<OcdsInput> = {}): OcdsInput {
  return {
    ocidPrefix: "ocds-test01",
    packageUri: "https://shortlist.example.com/rfps/rfp1/exports/ocds.json",
    buyer: { name: "Northwind Logistics" },
    generatedAt: day("2027-06-01"),
    rfp: {
      id: "rfp1",
      reference: "RFP-2027-001",
      title: "Contact centre outsourcing",
      summary: "First-line customer service in three languages.",
      category: "Customer service",
      stage: "NEGOTIATION",
      currency: "EUR",
      budgetAmount: "1200000.00",
      issueDate: day("2027-01-10"),
      questionsDeadline: day("2027-01-31"),
      proposalDeadline: day("2027-02-15"),
      cancelledReason: null,
    },
    criteria: [
      { id: "q", parentId: null, position: 1, name: "Quality", weight: 60, stage: "WRITTEN" },
      { id: "q1", parentId: "q", position: 1, name: "Service design", weight: 50, stage: "WRITTEN" },
      { id: "q2", parentId: "q", position: 2, name: "Staffing", weight: 50, stage: "WRITTEN" },
      { id: "p", parentId: null, position: 2, name: "Price", weight: 40, stage: "PRICE" },
    ],
    mandatoryRequirements: [{ code: "R-01", text: "ISO 27001 certification" }],
    documentVersions: [
      { number: 1, createdAt: day("2027-01-10") },
      { number: 2, createdAt: day("2027-01-20") },
    ],
    addenda: [
      {
        number: 1,
        title: "Volumes",
        summary: "Call volumes corrected.",
        reason: "A typo.",
        issuedAt: day("2027-01-20"),
      },
    ],
    publishedQuestions: 3,
    bidders: [
      {
        invitationId: "i1",
        vendorId: "v1",
        name: "Contoso",
        country: "FI",
        website: "https://contoso.example",
        submittedAt: day("2027-02-14"),
      },
      {
        invitationId: "i2",
        vendorId: "v2",
        name: "Fabrikam",
        country: null,
        website: null,
        submittedAt: day("2027-02-13"),
      },
      { invitationId: "i3", vendorId: "v3", name: "Declined Co", country: null, website: null, submittedAt: null },
    ],
    award: { id: "rec1", decidedAt: day("2027-05-01"), invitationId: "i1" },
    negotiations: [
      {
        id: "n1",
        invitationId: "i1",
        status: "OPEN",
        currency: "EUR",
        termLengthMonths: 24,
        startDate: new Date("2027-07-01T00:00:00.000Z"),
        openedAt: day("2027-05-02"),
        closedAt: null,
        breakdownReason: null,
        agreedTerms: 2,
        priceLines: [
          { kind: "ONE_TIME", quantity: "1", unitPrice: "15000.00" },
          { kind: "RECURRING", quantity: "10", unitPrice: "4000.00" },
        ],
      },
    ],
    ...overrides,
  };
}

/** The package as a consumer reads it (parsed JSON, untyped). */
const parsed = (input: OcdsInput) => JSON.parse(JSON.stringify(ocdsReleasePackage(input)));
const releaseOf = (input: OcdsInput) => parsed(input).releases[0];
type Release = ReturnType<typeof releaseOf>;

describe("ocdsReleasePackage", () => {
  it("validates against the official OCDS 1.1.5 release package schema", () => {
    const releasePackage = ocdsReleasePackage(negotiatedProcess());
    expect(ocdsPackageErrors(releasePackage)).toEqual([]);
  });

  it("the validator rejects a broken package (the check can fail)", () => {
    const releasePackage = parsed(negotiatedProcess());
    releasePackage.releases[0].tag = ["negotiation"];
    delete releasePackage.publisher;
    expect(ocdsPackageErrors(releasePackage).length).toBeGreaterThanOrEqual(2);
  });

  it("carries planning, tender with criteria and documents, bidders, award and contract", () => {
    const release = releaseOf(negotiatedProcess());
    expect(release.ocid).toBe("ocds-test01-RFP-2027-001");
    expect(release.tag).toEqual(["planning", "tender", "award", "contract"]);
    expect(release.planning.budget.amount).toEqual({ amount: 1_200_000, currency: "EUR" });
    expect(release.tender.status).toBe("complete");
    expect(release.tender.awardCriteria).toBe("ratedCriteria");
    expect(release.tender.awardCriteriaDetails).toContain("Quality 60% (Service design 50%, Staffing 50%); Price 40%");
    expect(release.tender.eligibilityCriteria).toContain("R-01 ISO 27001 certification");
    expect(release.tender.documents.map((document: Release) => document.documentType)).toEqual([
      "biddingDocuments",
      "biddingDocuments",
      "clarifications",
    ]);
    expect(release.tender.amendments[0].rationale).toBe("A typo.");
    // Only vendors that submitted a proposal are tenderers.
    expect(release.tender.numberOfTenderers).toBe(2);
    expect(release.tender.tenderers).toEqual([
      { id: "v1", name: "Contoso" },
      { id: "v2", name: "Fabrikam" },
    ]);
    expect(release.parties.find((party: Release) => party.id === "v1")).toMatchObject({
      roles: ["tenderer", "supplier"],
      address: { countryName: "Finland" },
    });
    expect(release.parties.find((party: Release) => party.id === "v2").roles).toEqual(["tenderer"]);
    const [award] = release.awards;
    expect(award).toMatchObject({ status: "active", suppliers: [{ id: "v1", name: "Contoso" }] });
    const [contract] = release.contracts;
    // 15 000 one-off + 10 × 4 000 a month × 24 months.
    expect(contract).toMatchObject({
      awardID: award.id,
      status: "pending",
      value: { amount: 975_000, currency: "EUR" },
    });
    expect(contract.period).toMatchObject({ startDate: "2027-07-01T00:00:00.000Z", durationInDays: 731 });
    expect(contract.period.endDate).toBe("2029-06-30T23:59:59.000Z");
  });

  it("after a breakdown: the first award is cancelled and the runner-up's is active", () => {
    const base = negotiatedProcess();
    const [first] = base.negotiations;
    if (!first) throw new Error("fixture");
    const input = negotiatedProcess({
      negotiations: [
        { ...first, status: "BROKEN_DOWN", breakdownReason: "Would not accept service credits." },
        { ...first, id: "n2", invitationId: "i2", status: "CONCLUDED", closedAt: day("2027-06-01") },
      ],
    });
    const release = releaseOf(input);
    expect(release.awards.map((award: Release) => award.status)).toEqual(["cancelled", "active"]);
    expect(release.awards[0].description).toContain("service credits");
    expect(release.contracts.map((contract: Release) => contract.status)).toEqual(["cancelled", "active"]);
    expect(release.contracts[1].dateSigned).toBe("2027-06-01T09:00:00.000Z");
    expect(ocdsPackageErrors(ocdsReleasePackage(input))).toEqual([]);
  });

  it("a tender still running has no award or contract sections and still validates", () => {
    const input = negotiatedProcess({
      rfp: { ...negotiatedProcess().rfp, stage: "EVALUATION", budgetAmount: null },
      award: null,
      negotiations: [],
      addenda: [],
      publishedQuestions: 0,
    });
    const release = releaseOf(input);
    expect(release.tag).toEqual(["planning", "tender"]);
    expect(release.awards).toBeUndefined();
    expect(release.contracts).toBeUndefined();
    expect(release.planning.budget).toBeUndefined();
    expect(ocdsPackageErrors(ocdsReleasePackage(input))).toEqual([]);
  });

  it("leaves out a website that is not an absolute URL (the schema would reject it)", () => {
    const base = negotiatedProcess();
    const input = negotiatedProcess({
      bidders: base.bidders.map((bidder) => ({ ...bidder, website: "www.contoso.example" })),
    });
    const release = releaseOf(input);
    expect(release.parties.find((party: Release) => party.id === "v1").contactPoint).toBeUndefined();
    expect(releaseOf(base).parties.find((party: Release) => party.id === "v1").contactPoint).toEqual({
      url: "https://contoso.example",
    });
    expect(ocdsPackageErrors(ocdsReleasePackage(input))).toEqual([]);
  });

  it("an approved award without a negotiation yet is pending", () => {
    const release = releaseOf(negotiatedProcess({ negotiations: [] }));
    expect(release.awards).toEqual([
      expect.objectContaining({ status: "pending", suppliers: [{ id: "v1", name: "Contoso" }] }),
    ]);
  });
});

describe("status mapping", () => {
  it("maps RFP stages to tender statuses and negotiations to contract statuses", () => {
    expect(tenderStatus("DRAFT")).toBe("planning");
    expect(tenderStatus("INTERVIEWS")).toBe("active");
    expect(tenderStatus("AWARDED")).toBe("complete");
    expect(tenderStatus("CANCELLED")).toBe("cancelled");
    expect(contractStatus("READY")).toBe("pending");
    expect(contractStatus("CONCLUDED")).toBe("active");
  });

  it("describes an empty criteria tree as nothing", () => {
    expect(criteriaDetails([])).toBe("");
  });
});
