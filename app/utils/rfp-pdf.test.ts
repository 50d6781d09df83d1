import type { Content, ContentTable, ContentText, DynamicContent } from "pdfmake/interfaces";
import { describe, expect, it } from "vitest";
import type { DocumentSnapshot } from "~/domain/document";
import { rfpPdfDefinition, rfpPdfFilename } from "./rfp-pdf";
import { printableRfp } from "./rfp-print";

const snapshot: DocumentSnapshot = {
  rfp: {
    reference: "RFP-2027-001",
    title: "Managed IT services 2028",
    summary: "Service desk, field services and hosting for 1,800 staff.",
    category: "Managed IT services",
    currency: "EUR",
    timeZone: "Europe/Berlin",
    timeline: {
      issueDate: "2027-03-01T08:00:00.000Z",
      questionsDeadline: "2027-03-15T16:00:00.000Z",
      proposalDeadline: "2027-04-01T10:00:00.000Z",
      interviewStart: "2027-04-20T07:00:00.000Z",
      interviewEnd: "2027-04-22T15:00:00.000Z",
      decisionTarget: "2027-05-10T08:00:00.000Z",
    },
  },
  sections: [
    {
      id: "s1",
      title: "Scope of services",
      body: "Run the **service desk** for *1,800* staff.\n\n- Tier 1\n- Tier 2\n\n[Portal](https://example.com)",
      requirements: [
        {
          id: "r1",
          code: "R-01",
          text: "ISO 27001 certification",
          kind: "MANDATORY",
          criterionId: null,
          evidenceRequested: "Certificate",
        },
        {
          id: "r2",
          code: "R-02",
          text: "Describe your service desk model",
          kind: "SCORED",
          criterionId: "c11",
          evidenceRequested: null,
        },
      ],
    },
    { id: "s2", title: "Commercial terms", body: "", requirements: [] },
  ],
  criteria: [
    {
      id: "c1",
      parentId: null,
      position: 0,
      name: "Technical",
      description: null,
      weight: 70,
      stage: "WRITTEN",
      scaleMin: 0,
      scaleMax: 5,
      descriptors: [],
    },
    {
      id: "c11",
      parentId: "c1",
      position: 0,
      name: "Service desk",
      description: "Staffing and tools",
      weight: 60,
      stage: "WRITTEN",
      scaleMin: 0,
      scaleMax: 5,
      descriptors: [],
    },
    {
      id: "c12",
      parentId: "c1",
      position: 1,
      name: "Security",
      description: null,
      weight: 40,
      stage: "WRITTEN",
      scaleMin: 0,
      scaleMax: 5,
      descriptors: [],
    },
    {
      id: "c2",
      parentId: null,
      position: 1,
      name: "Price",
      description: null,
      weight: 30,
      stage: "PRICE",
      scaleMin: 0,
      scaleMax: 5,
      descriptors: [],
    },
  ],
};

const published = printableRfp(snapshot, {
  buyer: "Northwind Logistics",
  version: { number: 2, frozenAt: "2027-03-08T09:00:00.000Z" },
});
const definition = rfpPdfDefinition(published);
const content = definition.content as Content[];

const CONTAINERS = ["text", "stack", "ul", "ol", "table", "body", "columns"];

/** Every text in the content tree, flattened (style values such as colours left out). */
function texts(node: unknown): string[] {
  if (typeof node === "string") return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node && typeof node === "object") {
    return Object.entries(node).flatMap(([key, value]) => (CONTAINERS.includes(key) ? texts(value) : []));
  }
  return [];
}

const chapters = () =>
  content.filter((node): node is ContentText => typeof node === "object" && "tocItem" in node && node.tocItem === true);

function tableAfter(title: string) {
  const start = content.findIndex((node) => texts(node).includes(title));
  const table = content.slice(start).find((node): node is ContentTable => typeof node === "object" && "table" in node);
  if (!table) throw new Error(`no table after ${title}`);
  return table.table.body.map((row) => texts(row));
}

describe("rfpPdfDefinition", () => {
  it("opens with a cover naming buyer, title, reference, issue date and version", () => {
    const coverText = texts(content.slice(0, 5)).join(" | ");
    for (const expected of [
      "NORTHWIND LOGISTICS",
      "Request for proposal",
      "Managed IT services 2028",
      "RFP-2027-001",
      "1 Mar 2027",
      "Version 2, 8 Mar 2027",
    ]) {
      expect(coverText).toContain(expected);
    }
    expect(definition.info).toMatchObject({
      title: "RFP-2027-001 Managed IT services 2028",
      author: "Northwind Logistics",
    });
  });

  it("has a table of contents listing every section and chapter, each on a new page", () => {
    expect(content.some((node) => typeof node === "object" && "toc" in node)).toBe(true);
    expect(chapters().map((chapter) => chapter.text)).toEqual([
      "1. Scope of services",
      "2. Commercial terms",
      "3. Requirements",
      "4. Evaluation criteria and weights",
      "5. Timeline",
      "6. Submission instructions",
    ]);
    expect(chapters().every((chapter) => chapter.pageBreak === "before")).toBe(true);
  });

  it("renders section Markdown as formatted text and lists, keeping links", () => {
    const start = content.findIndex((node) => texts(node).includes("1. Scope of services"));
    const body = content.slice(start + 1, start + 4);
    expect(body[0]).toMatchObject({
      text: [
        { text: "Run the " },
        { text: "service desk", bold: true },
        { text: " for " },
        { text: "1,800", italics: true },
        { text: " staff." },
      ],
    });
    expect(body[1]).toMatchObject({ ul: [{ text: [{ text: "Tier 1" }] }, { text: [{ text: "Tier 2" }] }] });
    expect(body[2]).toMatchObject({ text: [{ text: "Portal", link: "https://example.com" }] });
  });

  it("tabulates requirements with code, text, type and evidence", () => {
    const rows = tableAfter("3. Requirements");
    expect(rows[0]).toEqual(["Code", "Requirement", "Type", "Evidence requested"]);
    expect(rows[1]).toEqual([
      "R-01",
      "ISO 27001 certification",
      "Scope of services",
      "Mandatory (pass/fail)",
      "Certificate",
    ]);
    expect(rows[2]).toEqual([
      "R-02",
      "Describe your service desk model",
      "Scope of services",
      "Scored: 1.1 Service desk",
      "—",
    ]);
  });

  it("shows the criteria tree with weights and effective weights", () => {
    const rows = tableAfter("4. Evaluation criteria and weights");
    expect(rows.slice(1).map((row) => [row[0], row.at(-2), row.at(-1)])).toEqual([
      ["1  Technical", "70%", "70%"],
      ["1.1  Service desk", "60%", "42%"],
      ["1.2  Security", "40%", "28%"],
      ["2  Price", "30%", "30%"],
    ]);
  });

  it("gives the timeline in the RFP's time zone and the submission rules", () => {
    const all = texts(content).join("\n");
    expect(all).toContain("All times are in Europe/Berlin.");
    expect(tableAfter("5. Timeline")[2]).toEqual(["Proposal deadline", "1 Apr 2027, 12:00 CEST"]);
    expect(all).toContain("late proposals cannot be accepted");
    expect(all).toContain("until 15 Mar 2027, 17:00 CET");
  });

  it("numbers pages in the footer and marks only drafts with a watermark", () => {
    const footer = definition.footer as DynamicContent;
    expect(texts(footer(3, 9, { width: 595, height: 842, orientation: "portrait" }))).toContain("Page 3 of 9");
    expect(definition.watermark).toBeUndefined();
    const draft = rfpPdfDefinition(printableRfp(snapshot, { buyer: "Northwind Logistics", version: null }));
    expect(draft.watermark).toMatchObject({ text: "DRAFT" });
    expect(texts(draft.content)).toContain("Draft (not published)");
  });
});

describe("rfpPdfFilename", () => {
  it("names the file after reference and version", () => {
    expect(rfpPdfFilename(published)).toBe("RFP-2027-001-v2.pdf");
    expect(rfpPdfFilename({ reference: "RFP-2027-001", versionNumber: null })).toBe("RFP-2027-001-draft.pdf");
  });
});
