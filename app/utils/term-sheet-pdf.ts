import type { Content, TableCell, TDocumentDefinitions } from "pdfmake/interfaces";
import type { TermSheet, TermSheetTable } from "~/domain/term-sheet";
import { keepHeadingsWithContent, RUNNING_TEXT, SECTION_HEADING } from "./pdf-headings";

/** The term sheet as a pdfmake document: the same sections and clause numbers as the DOCX. */
const ACCENT = "#2348ad";
const MUTED = "#6b7483";

function table(definition: TermSheetTable): Content {
  const numeric = definition.columns.map((column) => Boolean(column.numeric));
  const row = (cells: string[], bold = false): TableCell[] =>
    cells.map((text, index) => ({ text, bold, alignment: numeric[index] ? "right" : "left" }));
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: definition.columns.map((_column, index) => (index === 0 ? "*" : "auto")),
      body: [
        definition.columns.map(
          (column): TableCell => ({
            text: column.label,
            style: "tableHeader",
            alignment: column.numeric ? "right" : "left",
          }),
        ),
        ...definition.rows.map((cells) => row(cells)),
        ...(definition.footer ?? []).map((cells) => row(cells, true)),
      ],
    },
    layout: "lightHorizontalLines",
    fontSize: 8.5,
    margin: [0, 4, 0, 8],
  };
}

export function termSheetPdfDefinition(sheet: TermSheet): TDocumentDefinitions {
  const content: Content[] = [
    { text: sheet.title, style: "title" },
    { text: sheet.subtitle, color: MUTED, margin: [0, 0, 0, 12] },
    {
      table: { widths: [90, "*"], body: sheet.facts.map(([label, value]) => [{ text: label, color: MUTED }, value]) },
      layout: "noBorders",
      margin: [0, 0, 0, 8],
    },
  ];
  if (sheet.draft) {
    content.push({ text: "Draft: not binding until the negotiation is concluded.", color: "#b42318", bold: true });
  }
  for (const section of sheet.sections) {
    content.push({ text: `${section.number}. ${section.title}`, style: "heading", headlineLevel: SECTION_HEADING });
    if (section.intro) content.push({ text: section.intro, margin: [0, 0, 0, 4] });
    if (section.table) content.push(table(section.table));
    if (section.empty) content.push({ text: section.empty, italics: true, color: MUTED });
    for (const clause of section.clauses) {
      content.push({
        columns: [
          { text: clause.number, width: 28, bold: true },
          {
            stack: [
              { text: [{ text: `${clause.title}. `, bold: true }, clause.text] },
              ...(clause.note ? [{ text: clause.note, italics: true, color: MUTED, fontSize: 8.5 }] : []),
            ],
          },
        ],
        margin: [0, 3, 0, 3],
      });
    }
  }
  return {
    info: { title: `${sheet.title} ${sheet.subtitle}`, author: "Shortlist" },
    pageSize: "A4",
    pageMargins: [50, 56, 50, 56],
    ...(sheet.draft ? { watermark: { text: "DRAFT", color: "#b42318", opacity: 0.1, bold: true } } : {}),
    header: { text: sheet.subtitle, style: RUNNING_TEXT, margin: [50, 24, 50, 0] },
    footer: (currentPage, pageCount) => ({
      text: `Page ${currentPage} of ${pageCount}`,
      style: RUNNING_TEXT,
      alignment: "right",
      margin: [50, 20, 50, 0],
    }),
    content,
    // Section headings are never left at the foot of a page without what follows them.
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
