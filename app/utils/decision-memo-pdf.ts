import type { Content, TableCell, TDocumentDefinitions } from "pdfmake/interfaces";
import {
  APPROVAL_DECISION_LABEL,
  approvalSummary,
  type DecisionMemoInput,
  panelRanking,
  RECOMMENDATION_STATUS_LABEL,
  standings,
} from "~/domain/decision-memo";
import { markdownToPdf } from "./markdown-pdf";
import { keepHeadingsWithContent, RUNNING_TEXT, SECTION_HEADING } from "./pdf-headings";

/** The decision memo as a PDF: the recommendation, the outcome for every bidder, the approvals. */
const ACCENT = "#2348ad";
const MUTED = "#6b7483";

export type DecisionMemoDocument = DecisionMemoInput & {
  buyer: string;
  rfp: { reference: string; title: string; budget: string };
  recommendedName: string;
  runnerUpName: string | null;
  formatDate: (instant: Date) => string;
};

/** Header cells; labels of number columns (listed in `right`) align with their numbers. */
const header = (labels: string[], right: string[] = []): TableCell[] =>
  labels.map((label) => ({ text: label, style: "tableHeader", alignment: right.includes(label) ? "right" : "left" }));

export function decisionMemoFilename(memo: Pick<DecisionMemoDocument, "rfp" | "recommendation">) {
  return `${memo.rfp.reference}-decision-memo${memo.recommendation.status === "APPROVED" ? "" : "-draft"}.pdf`;
}

export function decisionMemoPdfDefinition(memo: DecisionMemoDocument): TDocumentDefinitions {
  const { recommendation, formatDate } = memo;
  const approved = recommendation.status === "APPROVED";
  const facts: [string, string][] = [
    ["Recommended vendor", memo.recommendedName],
    ["Runner-up", memo.runnerUpName ?? "None named"],
    ["Budget", memo.rfp.budget],
    ["Status", `${RECOMMENDATION_STATUS_LABEL[recommendation.status]} (round ${recommendation.round})`],
    ["Submitted", recommendation.submittedAt ? formatDate(recommendation.submittedAt) : "—"],
    ["Decided", recommendation.decidedAt ? formatDate(recommendation.decidedAt) : "—"],
  ];
  const rows = standings(memo);
  const panel = panelRanking(memo);
  const weighted = memo.finalRanking ?? null;
  const content: Content[] = [
    { text: memo.buyer.toUpperCase(), color: MUTED, bold: true, fontSize: 9, characterSpacing: 1 },
    { text: "Award decision memo", style: "title" },
    { text: `${memo.rfp.reference} · ${memo.rfp.title}`, color: MUTED, margin: [0, 0, 0, 12] },
    {
      table: { widths: [120, "*"], body: facts.map(([label, value]) => [{ text: label, color: MUTED }, value]) },
      layout: "noBorders",
    },
    { text: "Recommendation", style: "heading", headlineLevel: SECTION_HEADING },
    ...(recommendation.memo.trim()
      ? markdownToPdf(recommendation.memo)
      : [{ text: "No memo written.", italics: true }]),
    { text: "Final ranking", style: "heading", headlineLevel: SECTION_HEADING },
    rows.length === 0
      ? { text: "No proposals were submitted.", italics: true }
      : {
          table: {
            headerRows: 1,
            widths: [34, "*", "*", ...(weighted ? [44, 44, 44, 44] : []), ...(panel ? [48] : [])],
            body: [
              header(
                [
                  "Place",
                  "Vendor",
                  "Outcome",
                  ...(weighted
                    ? [
                        `Written ${weighted.weights.WRITTEN}%`,
                        `Oral ${weighted.weights.ORAL}%`,
                        `Price ${weighted.weights.PRICE}%`,
                        "Total",
                      ]
                    : []),
                  ...(panel ? ["Panel's place"] : []),
                ],
                ["Place", "Panel's place", "Total"],
              ),
              ...rows.map((row): TableCell[] => [
                { text: row.place === null ? "—" : String(row.place), alignment: "right" },
                { text: row.name, bold: row.place === 1 },
                row.outcome,
                ...(weighted
                  ? [row.parts?.written, row.parts?.oral, row.parts?.price, row.parts?.total].map(
                      (value, index): TableCell => ({
                        text: value === null || value === undefined ? "—" : value.toFixed(1),
                        alignment: "right",
                        bold: index === 3,
                      }),
                    )
                  : []),
                ...(panel
                  ? [{ text: row.panelPlace === null ? "—" : String(row.panelPlace), alignment: "right" } as TableCell]
                  : []),
              ]),
            ],
          },
          layout: "lightHorizontalLines",
        },
    ...(weighted
      ? [
          {
            text: "Written, oral and price results out of 100 each, weighted as shown into the total: the final ranking the executives reviewed.",
            color: MUTED,
            fontSize: 9,
            margin: [0, 6, 0, 0],
          } satisfies Content,
        ]
      : []),
    ...(panel
      ? [
          {
            text: `Panel's place: the combined ranking of ${panel.raters} panel members after the interviews (Schulze method). ${panel.agreement}`,
            color: MUTED,
            fontSize: 9,
            margin: [0, 6, 0, 0],
          } satisfies Content,
        ]
      : []),
    { text: "Approvals", style: "heading", headlineLevel: SECTION_HEADING },
    { text: approvalSummary(memo), margin: [0, 0, 0, 6] },
    ...(memo.approvals.length === 0
      ? []
      : [
          {
            table: {
              headerRows: 1,
              widths: ["*", 40, 60, 70, "*"],
              body: [
                header(["Executive", "Round", "Decision", "Date", "Comment"], ["Round"]),
                ...memo.approvals.map((approval): TableCell[] => [
                  approval.approverName,
                  { text: String(approval.round), alignment: "right" },
                  APPROVAL_DECISION_LABEL[approval.decision],
                  approval.decidedAt ? formatDate(approval.decidedAt) : "—",
                  approval.comment || "—",
                ]),
              ],
            },
            layout: "lightHorizontalLines",
          } satisfies Content,
        ]),
  ];
  return {
    info: { title: `${memo.rfp.reference} award decision memo`, author: memo.buyer },
    pageSize: "A4",
    pageMargins: [50, 56, 50, 56],
    ...(approved ? {} : { watermark: { text: "NOT APPROVED", color: "#b42318", opacity: 0.1, bold: true } }),
    footer: (currentPage, pageCount) => ({
      text: `${memo.rfp.reference} · Page ${currentPage} of ${pageCount}`,
      style: RUNNING_TEXT,
      alignment: "right",
      margin: [50, 20, 50, 0],
    }),
    content,
    // Headings are never left at the foot of a page without what follows them.
    pageBreakBefore: keepHeadingsWithContent,
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 22, bold: true, color: ACCENT },
      heading: { fontSize: 14, bold: true, color: ACCENT, margin: [0, 14, 0, 6] },
      tableHeader: { bold: true, color: MUTED, fontSize: 8 },
      [RUNNING_TEXT]: { fontSize: 8, color: MUTED },
    },
  };
}
