import { describe, expect, it } from "vitest";
import {
  applyRowChange,
  attachmentProblem,
  BLANK_COMMITMENT,
  BLANK_PRICE_LINE,
  BLANK_SERVICE_TIER,
  canonicalJson,
  cleanFileName,
  MAX_ATTACHMENT_BYTES,
  type ProposalDraft,
  submissionIssues,
  withStarterRows,
} from "./proposal-rules";

const requirements = [
  { id: "r1", code: "R-01" },
  { id: "r2", code: "R-02" },
];

const complete: ProposalDraft = {
  executiveSummary: "We run service desks.",
  termMonths: "36",
  responses: [
    { requirementId: "r1", compliance: "COMPLIES", explanation: "Certified since 2019." },
    { requirementId: "r2", compliance: "PARTIAL", explanation: "Two of three sites." },
  ],
  priceLines: [
    { description: "Transition", kind: "ONE_TIME", unit: "project", quantity: "1", unitPrice: "45000" },
    { ...BLANK_PRICE_LINE },
  ],
  serviceTiers: [
    {
      name: "Standard",
      description: "",
      termsOfService: "Business hours.",
      slaTargets: [{ metric: "P1 response", target: "15 min", measurementWindow: "", serviceCredit: "" }],
    },
  ],
  commitments: [{ ...BLANK_COMMITMENT }],
};

describe("submissionIssues", () => {
  it("accepts a complete proposal, ignoring blank rows", () => {
    expect(submissionIssues(complete, requirements)).toEqual([]);
  });

  it("lists every missing item against its form field", () => {
    const draft: ProposalDraft = {
      ...complete,
      executiveSummary: " ",
      termMonths: "",
      responses: [{ requirementId: "r1", compliance: "", explanation: "" }],
      priceLines: [{ description: "Seats", kind: "RECURRING", unit: "", quantity: "0", unitPrice: "abc" }],
      serviceTiers: [
        {
          name: "",
          description: "x",
          termsOfService: "",
          slaTargets: [{ metric: "Uptime", target: "", measurementWindow: "", serviceCredit: "" }],
        },
      ],
    };
    expect(submissionIssues(draft, requirements)).toEqual([
      { path: "executiveSummary", message: "Write an executive summary." },
      { path: "responses.0.compliance", message: "R-01: say whether you comply." },
      { path: "responses.0.explanation", message: "R-01: explain your answer." },
      { path: "responses.1.compliance", message: "R-02: say whether you comply." },
      { path: "responses.1.explanation", message: "R-02: explain your answer." },
      { path: "priceLines.0.unit", message: "Price line 1: give the unit." },
      { path: "priceLines.0.quantity", message: "Price line 1: enter a quantity above zero." },
      { path: "priceLines.0.unitPrice", message: "Price line 1: enter the unit price (0 if included)." },
      { path: "termMonths", message: "State the contract term in months (1 to 600)." },
      { path: "serviceTiers.0.name", message: "Service tier 1: give it a name." },
      { path: "serviceTiers.0.termsOfService", message: "Service tier 1: state its terms of service." },
      { path: "serviceTiers.0.slaTargets.0.target", message: "Service tier 1, SLA target 1: state the target." },
    ]);
  });

  it("requires at least one started price line", () => {
    expect(submissionIssues({ ...complete, priceLines: [{ ...BLANK_PRICE_LINE }] }, requirements)).toEqual([
      { path: "priceLines", message: "Add at least one line to the price schedule." },
    ]);
  });

  it("accepts a line offered at no charge (price 0)", () => {
    const free = {
      description: "Knowledge transfer",
      kind: "ONE_TIME",
      unit: "day",
      quantity: "5",
      unitPrice: "0",
    } as const;
    expect(submissionIssues({ ...complete, priceLines: [free] }, requirements)).toEqual([]);
  });
});

describe("attachmentProblem", () => {
  const none = { count: 0, totalBytes: 0 };
  it("accepts the allowed types when the name matches the content", () => {
    expect(
      attachmentProblem({ fileName: "a.pdf", sizeBytes: 10, detectedMime: "application/pdf", existing: none }),
    ).toBeNull();
    expect(
      attachmentProblem({ fileName: "photo.JPEG", sizeBytes: 10, detectedMime: "image/jpeg", existing: none }),
    ).toBeNull();
    expect(
      attachmentProblem({
        fileName: "prices.xlsx",
        sizeBytes: 10,
        detectedMime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        existing: none,
      }),
    ).toBeNull();
  });

  it("refuses unknown content, a mismatched name, empty and oversized files, and too many or too much", () => {
    expect(attachmentProblem({ fileName: "a.pdf", sizeBytes: 10, detectedMime: null, existing: none })).toMatch(
      /not one of the accepted types/,
    );
    expect(
      attachmentProblem({ fileName: "a.pdf", sizeBytes: 10, detectedMime: "application/x-msdownload", existing: none }),
    ).toMatch(/not one of the accepted types/);
    expect(
      attachmentProblem({ fileName: "scan.png", sizeBytes: 10, detectedMime: "application/pdf", existing: none }),
    ).toBe("The file's content is a PDF, but its name ends in “.png”. Rename it to .pdf and upload it again.");
    expect(
      attachmentProblem({ fileName: "noextension", sizeBytes: 10, detectedMime: "application/pdf", existing: none }),
    ).toMatch(/“\.\(nothing\)”/);
    expect(attachmentProblem({ fileName: "a.pdf", sizeBytes: 0, detectedMime: null, existing: none })).toBe(
      "The file is empty.",
    );
    expect(
      attachmentProblem({
        fileName: "a.pdf",
        sizeBytes: MAX_ATTACHMENT_BYTES + 1,
        detectedMime: "application/pdf",
        existing: none,
      }),
    ).toMatch(/limit is 10 MB per file/);
    expect(
      attachmentProblem({
        fileName: "a.pdf",
        sizeBytes: 10,
        detectedMime: "application/pdf",
        existing: { count: 20, totalBytes: 0 },
      }),
    ).toMatch(/at most 20 attachments/);
    expect(
      attachmentProblem({
        fileName: "a.pdf",
        sizeBytes: 5 * 1024 * 1024,
        detectedMime: "application/pdf",
        existing: { count: 5, totalBytes: 48 * 1024 * 1024 },
      }),
    ).toMatch(/total at most 50 MB/);
  });
});

describe("cleanFileName", () => {
  it("keeps the shown name but never a path or control characters", () => {
    expect(cleanFileName("C:\\Users\\bob\\Proposal final.pdf")).toBe("Proposal final.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("evil\u0000\u001f.pdf")).toBe("evil.pdf");
    expect(cleanFileName("   ")).toBe("attachment");
  });
});

describe("canonicalJson", () => {
  it("is the same text whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: null }], c: undefined })).toBe('{"a":[{"x":null,"y":2}],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe("rows", () => {
  it("adds and removes rows, including SLA targets of one tier", () => {
    const withTier = applyRowChange(complete, { op: "add", list: "serviceTiers" });
    expect(withTier.serviceTiers).toHaveLength(2);
    expect(withTier.serviceTiers[1]).toEqual({ ...BLANK_SERVICE_TIER });
    const withTarget = applyRowChange(withTier, { op: "add", list: "slaTargets", tier: 0 });
    expect(withTarget.serviceTiers.map((tier) => tier.slaTargets.length)).toEqual([2, 1]);
    const removed = applyRowChange(withTarget, { op: "remove", list: "slaTargets", tier: 0, index: 0 });
    expect(removed.serviceTiers[0]?.slaTargets[0]?.metric).toBe("");
    expect(applyRowChange(complete, { op: "remove", list: "priceLines", index: 0 }).priceLines).toEqual([
      { ...BLANK_PRICE_LINE },
    ]);
    expect(applyRowChange(complete, { op: "add", list: "commitments" }).commitments).toHaveLength(2);
    // Not mutated.
    expect(complete.serviceTiers).toHaveLength(1);
  });

  it("gives empty lists one blank row to start in", () => {
    const empty: ProposalDraft = { ...complete, priceLines: [], serviceTiers: [], commitments: [] };
    const started = withStarterRows(empty);
    expect([started.priceLines.length, started.serviceTiers.length, started.commitments.length]).toEqual([1, 1, 1]);
    expect(withStarterRows(complete).priceLines).toHaveLength(2);
  });
});
