import type { Content, TableCell, TDocumentDefinitions } from "pdfmake/interfaces";
import { markdownToPdf } from "./markdown-pdf";
import type { PrintableRfp } from "./rfp-print";

/**
 * The RFP as a pdfmake document definition: cover, table of contents, the document's sections,
 * requirements, criteria and weights, timeline and submission instructions — the same content
 * as the print view (both come from utils/rfp-print). Pure: rendering happens in models/rfp-pdf.
 */
const ACCENT = "#2348ad";
const MUTED = "#6b7483";

export function rfpPdfFilename(rfp: Pick<PrintableRfp, "reference" | "versionNumber">) {
  return `${rfp.reference}-${rfp.versionNumber ? `v${rfp.versionNumber}` : "draft"}.pdf`;
}

function chapterHeading(number: number, title: string, id: string): Content {
  return { text: `${number}. ${title}`, style: "chapter", tocItem: true, id, pageBreak: "before" };
}

function headerRow(labels: string[]): TableCell[] {
  return labels.map((label) => ({ text: label, style: "tableHeader" }));
}

function cover(rfp: PrintableRfp): Content[] {
  const facts: [string, string][] = [
    ["Reference", rfp.reference],
    ["Category", rfp.category],
    ["Issue date", rfp.issueDate ?? "To be announced"],
    ["Version", rfp.frozenOn ? `${rfp.versionLabel}, ${rfp.frozenOn}` : rfp.versionLabel],
    ["Proposal deadline", rfp.proposalDeadline],
  ];
  return [
    { text: rfp.buyer.toUpperCase(), style: "coverBuyer", margin: [0, 120, 0, 8] },
    { text: "Request for proposal", style: "coverKicker" },
    { text: rfp.title, style: "coverTitle" },
    { text: rfp.summary, margin: [0, 0, 0, 28], color: "#363c48" },
    {
      table: {
        widths: [110, "*"],
        body: facts.map(([label, value]) => [
          { text: label, color: MUTED },
          { text: value, bold: true },
        ]),
      },
      layout: "noBorders",
    },
  ];
}

function requirementsTable(rfp: PrintableRfp): Content {
  if (rfp.requirements.length === 0) return { text: "This RFP has no requirements yet.", italics: true };
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [38, "*", 90, 110],
      body: [
        headerRow(["Code", "Requirement", "Type", "Evidence requested"]),
        ...rfp.requirements.map((requirement): TableCell[] => [
          { text: requirement.code, bold: true },
          { stack: [requirement.text, { text: requirement.section, color: MUTED, fontSize: 8 }] },
          { text: requirement.criterion ? `${requirement.kind}: ${requirement.criterion}` : requirement.kind },
          { text: requirement.evidence || "—" },
        ]),
      ],
    },
    layout: "lightHorizontalLines",
    fontSize: 9,
  };
}

function criteriaTable(rfp: PrintableRfp): Content {
  if (rfp.criteria.length === 0) return { text: "The evaluation criteria are not defined yet.", italics: true };
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: ["*", 55, 45, 60, 60],
      body: [
        headerRow(["Criterion", "Scored in", "Scale", "Weight", "Of total"]),
        ...rfp.criteria.map((criterion): TableCell[] => [
          {
            stack: [
              { text: `${criterion.outline}  ${criterion.name}`, bold: criterion.depth === 0 },
              ...(criterion.description ? [{ text: criterion.description, color: MUTED, fontSize: 8 }] : []),
            ],
            margin: [criterion.depth * 12, 0, 0, 0] as [number, number, number, number],
          },
          { text: criterion.stage },
          { text: criterion.scale },
          { text: criterion.weight, alignment: "right" },
          { text: criterion.effectiveWeight, alignment: "right", bold: criterion.isLeaf },
        ]),
      ],
    },
    layout: "lightHorizontalLines",
    fontSize: 9,
  };
}

export function rfpPdfDefinition(rfp: PrintableRfp): TDocumentDefinitions {
  const content: Content[] = [
    ...cover(rfp),
    {
      toc: { title: { text: "Contents", style: "chapter" }, numberStyle: { color: MUTED } },
      pageBreak: "before",
    },
  ];
  for (const section of rfp.sections) {
    content.push(chapterHeading(section.number, section.title, section.id));
    content.push(...(section.body.trim() ? markdownToPdf(section.body) : [{ text: "—", color: MUTED }]));
  }
  const { requirements, criteria, timeline, submission } = rfp.chapters;
  content.push(
    chapterHeading(requirements.number, requirements.title, requirements.id),
    {
      text: "Answer every requirement in the portal. Mandatory requirements are pass/fail; scored requirements are evaluated under the criterion named.",
      margin: [0, 0, 0, 8],
    },
    requirementsTable(rfp),
    chapterHeading(criteria.number, criteria.title, criteria.id),
    {
      text: "Weights are percentages of the parent criterion; “of total” is each criterion's share of the whole evaluation.",
      margin: [0, 0, 0, 8],
    },
    criteriaTable(rfp),
    chapterHeading(timeline.number, timeline.title, timeline.id),
    { text: `All times are in ${rfp.timeZone}.`, margin: [0, 0, 0, 8] },
    {
      table: {
        widths: [180, "*"],
        body: rfp.timeline.map((milestone) => [
          { text: milestone.label, color: MUTED },
          { text: milestone.at, bold: true },
        ]),
      },
      layout: "lightHorizontalLines",
    },
    chapterHeading(submission.number, submission.title, submission.id),
    ...rfp.instructions.map((paragraph): Content => ({ text: paragraph, margin: [0, 0, 0, 8] })),
  );
  return {
    info: {
      title: `${rfp.reference} ${rfp.title}`,
      author: rfp.buyer,
      subject: `Request for proposal, ${rfp.versionLabel.toLowerCase()}`,
    },
    pageSize: "A4",
    pageMargins: [50, 56, 50, 56],
    ...(rfp.draft ? { watermark: { text: "DRAFT", color: "#b42318", opacity: 0.12, bold: true } } : {}),
    header: (currentPage) =>
      currentPage === 1
        ? null
        : { text: `${rfp.reference} · ${rfp.title}`, fontSize: 8, color: MUTED, margin: [50, 24, 50, 0] },
    footer: (currentPage, pageCount) => ({
      columns: [
        { text: `${rfp.buyer} · ${rfp.versionLabel}`, fontSize: 8, color: MUTED },
        { text: `Page ${currentPage} of ${pageCount}`, fontSize: 8, color: MUTED, alignment: "right" },
      ],
      margin: [50, 20, 50, 0],
    }),
    content,
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2 },
    styles: {
      coverBuyer: { fontSize: 10, bold: true, color: MUTED, characterSpacing: 1 },
      coverKicker: { fontSize: 12, color: ACCENT, margin: [0, 0, 0, 4] },
      coverTitle: { fontSize: 26, bold: true, margin: [0, 0, 0, 12] },
      chapter: { fontSize: 16, bold: true, color: ACCENT, margin: [0, 0, 0, 10] },
      tableHeader: { bold: true, color: MUTED, fontSize: 8 },
    },
  };
}
