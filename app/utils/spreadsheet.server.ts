import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { ExportSheet } from "~/domain/results-export";

/**
 * Tables to files. XLSX: one worksheet per table, header row bold and frozen, numbers as numbers.
 * CSV: RFC 4180 via papaparse, with a byte-order mark so Excel opens accented names correctly.
 */
export async function toXlsx(sheets: readonly ExportSheet[], meta: { title: string; creator: string }) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator;
  workbook.title = meta.title;
  workbook.created = new Date();
  for (const sheet of sheets) {
    // Excel limits sheet names to 31 characters and forbids a few symbols.
    const worksheet = workbook.addWorksheet(sheet.title.replace(/[[\]*?/\\:]/g, " ").slice(0, 31), {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    worksheet.addRow(sheet.columns);
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(row.map((cell) => cell ?? null));
    sheet.columns.forEach((column, index) => {
      const widest = Math.max(column.length, ...sheet.rows.map((row) => String(row[index] ?? "").length));
      worksheet.getColumn(index + 1).width = Math.min(60, Math.max(8, widest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function toCsv(sheet: ExportSheet) {
  return `\uFEFF${Papa.unparse(
    { fields: sheet.columns, data: sheet.rows.map((row) => row.map((cell) => cell ?? "")) },
    // A vendor named "=HYPERLINK(…)" must stay text when the file is opened in a spreadsheet.
    { escapeFormulae: true },
  )}\r\n`;
}

/** "RFP-2027-004-results-raw.csv": safe in a Content-Disposition header on every platform. */
export function exportFileName(reference: string, suffix: string, extension: "xlsx" | "csv") {
  const safe = `${reference}-${suffix}`.replace(/[^A-Za-z0-9._-]+/g, "-");
  return `${safe}.${extension}`;
}
