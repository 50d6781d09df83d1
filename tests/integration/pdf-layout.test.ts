/**
 * Headings in the exported PDFs are never left at the foot of a page without what follows them:
 * the decision memo and the term sheet are laid out by pdfmake with content of growing length, so
 * each heading passes the foot of a page, and no heading may end up on an earlier page than the
 * content after it. The same documents laid out without the keep-with-next rule must show such an
 * orphan somewhere in the sweep (else the sweep would prove nothing).
 */
import pdfmake from "pdfmake";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import { describe, expect, it } from "vitest";
import type { TermSheet } from "~/domain/term-sheet";
// Registers pdfmake's bundled fonts and its file access policy, as the exports do.
import "~/models/rfp-pdf.server";
import { type DecisionMemoDocument, decisionMemoPdfDefinition } from "~/utils/decision-memo-pdf";
import { termSheetPdfDefinition } from "~/utils/term-sheet-pdf";

/** pdfmake writes where it placed each node onto the node itself (`positions`, one per line). */
type Placed = { positions?: { pageNumber: number }[]; headlineLevel?: number; text?: unknown };

function firstPage(node: Content) {
  const page = (node as Placed).positions?.[0]?.pageNumber;
  if (page === undefined) throw new Error(`pdfmake placed no line of ${JSON.stringify(node).slice(0, 80)}`);
  return page;
}

const isHeading = (node: Content) => (node as Placed).headlineLevel !== undefined;

/** Lays the document out; the headings that sit on an earlier page than the content after them. */
async function orphanedHeadings(definition: TDocumentDefinitions) {
  await pdfmake.createPdf(definition).getBuffer();
  const content = definition.content as Content[];
  const orphans: string[] = [];
  content.forEach((node, index) => {
    if (!isHeading(node)) return;
    const next = content.slice(index + 1).find((candidate) => !isHeading(candidate));
    if (next && firstPage(next) > firstPage(node)) {
      orphans.push(`${JSON.stringify((node as Placed).text)} on page ${firstPage(node)}`);
    }
  });
  return orphans;
}

/**
 * Every length in the sweep laid out without the keep-with-next rule; those that leave a heading
 * orphaned are laid out again as exported, and must not. (Where no heading is orphaned the rule
 * changes nothing: it only ever moves such headings.)
 */
async function sweep(build: (length: number) => TDocumentDefinitions, lengths: number[]) {
  const provoking: number[] = [];
  const kept: string[] = [];
  for (const length of lengths) {
    // A fresh definition each time: pdfmake writes onto the one it lays out.
    if ((await orphanedHeadings({ ...build(length), pageBreakBefore: undefined })).length === 0) continue;
    provoking.push(length);
    kept.push(...(await orphanedHeadings(build(length))).map((orphan) => `length ${length}: ${orphan}`));
  }
  return { provoking, kept };
}

const lengths = Array.from({ length: 28 }, (_unused, index) => index);

function memo(lines: number): DecisionMemoDocument {
  const at = new Date("2027-05-10T08:00:00Z");
  return {
    buyer: "Northwind Logistics",
    rfp: { reference: "RFP-2027-001", title: "Contact centre services", budget: "€7,500,000" },
    recommendedName: "Brightline",
    runnerUpName: "Nordvoice",
    formatDate: (instant) => instant.toISOString().slice(0, 10),
    recommendation: {
      status: "APPROVED",
      round: 1,
      // One paragraph of `lines` lines (Markdown hard breaks), pushing what follows down line by line.
      memo: `## Award to Brightline\n\n${Array.from({ length: lines + 1 }, (_unused, line) => `Reason ${line + 1}.`).join("  \n")}`,
      recommendedInvitationId: "b",
      runnerUpInvitationId: "n",
      submittedAt: at,
      decidedAt: at,
    },
    vendors: [
      { invitationId: "b", name: "Brightline", status: "AWARDED", submitted: true },
      { invitationId: "n", name: "Nordvoice", status: "RESERVE", submitted: true },
      { invitationId: "a", name: "Atlas", status: "ELIMINATED", submitted: true },
    ],
    approvals: [
      { approverName: "Helen Okafor", round: 1, decision: "APPROVED", comment: "Agreed.", decidedAt: at },
      { approverName: "Grace Njoroge", round: 1, decision: "APPROVED", comment: "", decidedAt: at },
    ],
  };
}

function termSheet(clauses: number): TermSheet {
  const clause = (section: number, index: number) => ({
    number: `${section}.${index + 1}`,
    title: `Clause ${index + 1}`,
    text: "The supplier provides the service as described in the schedule.",
  });
  return {
    title: "Term sheet",
    subtitle: "RFP-2027-001 · Contact centre services",
    draft: true,
    facts: [["Supplier", "Brightline"]],
    filenameStem: "RFP-2027-001-term-sheet",
    sections: [1, 2, 3].map((number) => ({
      number,
      title: `Section ${number}`,
      intro: "What each party commits to.",
      clauses: Array.from({ length: number === 1 ? 20 + clauses : 8 }, (_unused, index) => clause(number, index)),
    })),
  };
}

describe("headings in the exported PDFs stay with their content", () => {
  it("the decision memo", async () => {
    const { provoking, kept } = await sweep((lines) => decisionMemoPdfDefinition(memo(lines)), lengths);
    expect(provoking.length, "the sweep should push a heading to the foot of a page").toBeGreaterThan(0);
    expect(kept).toEqual([]);
  });

  it("the term sheet", async () => {
    const { provoking, kept } = await sweep((clauses) => termSheetPdfDefinition(termSheet(clauses)), lengths);
    expect(provoking.length, "the sweep should push a heading to the foot of a page").toBeGreaterThan(0);
    expect(kept).toEqual([]);
  });
});
