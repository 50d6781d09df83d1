import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { fileTypeFromBuffer } from "file-type";
import Papa from "papaparse";

/**
 * Reading a spreadsheet export safely: the bytes must be UTF-8 text (what "CSV UTF-8" in Excel,
 * Numbers, LibreOffice and Google Sheets writes), and every problem gets a sentence saying how to
 * fix the file, never a stack trace.
 */
export type CsvDecodeResult = { ok: true; text: string } | { ok: false; message: string };

const SAVE_AS_CSV = 'In your spreadsheet choose "Save as" or "Download" and pick "CSV UTF-8 (comma delimited)".';

export function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export async function decodeCsvFile(
  bytes: Uint8Array,
  options: { fileName: string; maxBytes: number },
): Promise<CsvDecodeResult> {
  if (bytes.byteLength === 0)
    return { ok: false, message: "The file is empty. Choose the CSV file with your vendors." };
  if (bytes.byteLength > options.maxBytes) {
    return {
      ok: false,
      message: `The file is ${formatBytes(bytes.byteLength)}; the limit is ${formatBytes(options.maxBytes)}. Split it into smaller files.`,
    };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, message: `The file is saved as UTF-16 ("Unicode text"), which cannot be read. ${SAVE_AS_CSV}` };
  }
  // By content, not by name: a renamed workbook is still a workbook.
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    return { ok: false, message: `This is a ${detected.ext.toUpperCase()} file, not a CSV file. ${SAVE_AS_CSV}` };
  }
  if (bytes.includes(0)) return { ok: false, message: `The file is not a text file. ${SAVE_AS_CSV}` };
  if (!/\.(csv|txt)$/i.test(options.fileName)) {
    return { ok: false, message: `"${options.fileName}" is not a .csv file. ${SAVE_AS_CSV}` };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      message: `The file is not UTF-8 encoded, so accented letters would come out wrong. ${SAVE_AS_CSV}`,
    };
  }
  return { ok: true, text: text.replace(/^\uFEFF/, "") };
}

export type CsvTable = {
  /** Column names as written in the header row, normalized: "Contact Name" → "contact_name". */
  columns: string[];
  records: Record<string, string>[];
  /** Problems with particular rows (spreadsheet numbering: the header is row 1). */
  rowProblems: Map<number, string>;
};

export function normalizeColumnName(name: string) {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** Parse CSV text with a header row. The delimiter (comma, semicolon, tab) is detected. */
export function parseCsv(text: string): CsvTable {
  const result = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: normalizeColumnName,
  });
  const rowProblems = new Map<number, string>();
  for (const error of result.errors) {
    // A one-column file has nothing to detect a delimiter from; that is fine.
    if (error.code === "UndetectableDelimiter" || error.row === undefined) continue;
    const row = error.row + 2;
    if (error.code === "TooFewFields") continue;
    rowProblems.set(
      row,
      error.code === "TooManyFields"
        ? "This row has more values than the header has columns (a comma inside a value needs quotes)."
        : "A quote in this row is not closed or is misplaced.",
    );
  }
  const records = result.data.map((record) => {
    const clean: Record<string, string> = {};
    for (const [key, value] of Object.entries(record)) {
      // Papaparse puts surplus values under "__parsed_extra"; those rows are reported above.
      if (key === "__parsed_extra" || key === "") continue;
      clean[key] = typeof value === "string" ? value.trim() : "";
    }
    return clean;
  });
  return { columns: (result.meta.fields ?? []).filter(Boolean), records, rowProblems };
}

/**
 * Read a multipart form without ever holding more than `maxPartBytes` of any one field in memory
 * (request.formData() would buffer the whole body first). Too large or not a multipart form:
 * a reason for the caller to put into words, never a 500.
 */
export async function readUploadForm(
  request: Request,
  maxPartBytes: number,
): Promise<{ ok: true; formData: FormData } | { ok: false; reason: "too-large" | "not-multipart" }> {
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  // Generous headroom for the other fields and the multipart framing.
  if (declared > maxPartBytes * 3 + 64 * 1024) return { ok: false, reason: "too-large" };
  try {
    const formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxPartBytes }),
    );
    return { ok: true, formData };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, reason: "too-large" };
    if (error instanceof TypeError) return { ok: false, reason: "not-multipart" };
    throw error;
  }
}
