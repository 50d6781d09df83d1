import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Clause, TermSheet, TermSheetTable } from "~/domain/term-sheet";

/**
 * The term sheet as a Word document, for legal teams to redline: real headings (the navigation
 * pane shows the sections), tables for prices and service levels, and clause numbers written into
 * the text, so "clause 5.2" means the same in every copy however Word renumbers lists.
 */
export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const MUTED = "6B7483";

function tableOf(table: TermSheetTable) {
  const cell = (text: string, options: { numeric?: boolean; bold?: boolean } = {}) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: options.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: options.bold })],
        }),
      ],
    });
  const numeric = table.columns.map((column) => Boolean(column.numeric));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: table.columns.map((column) => cell(column.label, { numeric: column.numeric, bold: true })),
      }),
      ...table.rows.map(
        (row) => new TableRow({ children: row.map((text, index) => cell(text, { numeric: numeric[index] })) }),
      ),
      ...(table.footer ?? []).map(
        (row) =>
          new TableRow({ children: row.map((text, index) => cell(text, { numeric: numeric[index], bold: true })) }),
      ),
    ],
  });
}

function clauseParagraphs(clause: Clause) {
  const paragraphs = [
    new Paragraph({
      spacing: { before: 120 },
      children: [
        new TextRun({ text: `${clause.number}\t`, bold: true }),
        new TextRun({ text: `${clause.title}. `, bold: true }),
        new TextRun(clause.text),
      ],
    }),
  ];
  if (clause.note) {
    paragraphs.push(
      new Paragraph({
        indent: { left: 720 },
        children: [new TextRun({ text: clause.note, italics: true, color: MUTED })],
      }),
    );
  }
  return paragraphs;
}

export async function termSheetDocx(sheet: TermSheet): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(sheet.title)] }),
    new Paragraph({ children: [new TextRun({ text: sheet.subtitle, color: MUTED })] }),
    ...(sheet.draft
      ? [
          new Paragraph({
            spacing: { before: 120 },
            children: [
              new TextRun({ text: "DRAFT — ", bold: true, color: "B42318" }),
              new TextRun("not binding: the negotiation is not concluded yet."),
            ],
          }),
        ]
      : []),
    tableOf({ columns: [{ label: "" }, { label: "" }], rows: sheet.facts.map(([label, value]) => [label, value]) }),
  ];
  for (const section of sheet.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: `${section.number}. ${section.title}` }));
    if (section.intro) children.push(new Paragraph({ text: section.intro, spacing: { after: 120 } }));
    if (section.table) children.push(tableOf(section.table));
    if (section.empty) {
      children.push(new Paragraph({ children: [new TextRun({ text: section.empty, italics: true, color: MUTED })] }));
    }
    for (const clause of section.clauses) children.push(...clauseParagraphs(clause));
  }
  const document = new Document({
    creator: "Shortlist",
    title: `${sheet.title} ${sheet.subtitle}`,
    description: sheet.draft ? "Draft term sheet" : "Term sheet",
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: [
                  new TextRun({ text: `${sheet.subtitle}${sheet.draft ? " · DRAFT" : ""}`, size: 16, color: MUTED }),
                ],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
