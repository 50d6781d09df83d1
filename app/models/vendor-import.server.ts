import { randomUUID } from "node:crypto";
import { prisma, type TransactionClient } from "~/db.server";
import { type DuplicateReason, duplicatesWithinFile, findLikelyDuplicates, vendorKeys } from "~/domain/vendors";
import {
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  type ValidatedRow,
  VENDOR_CSV_COLUMNS,
  type VendorCsvRow,
  validateVendorRows,
} from "~/schemas/vendor-import";
import { decodeCsvFile, parseCsv } from "~/utils/csv.server";
import { FieldError } from "~/utils/errors.server";
import { type Actor, recordAudit } from "./audit.server";
import { lockDirectory } from "./vendor.server";

/**
 * CSV import in two steps: a preview (every row validated, likely duplicates flagged against the
 * directory and earlier rows of the same file) and an import of the previewed file. The import
 * re-checks everything inside one transaction, so what is stored follows the same rules even if the
 * directory changed in between: rows with errors are skipped, likely duplicates are created only if
 * the lead ticked "create anyway" for that row, and either all the rest is stored or nothing is.
 */
const KNOWN_COLUMNS = new Set<string>(VENDOR_CSV_COLUMNS.map((column) => column.name));

export type PreviewRow = {
  row: number;
  values: Record<string, string>;
  status: "ready" | "error" | "duplicate";
  errors: { column: string; message: string }[];
  directoryMatches: { id: string; name: string; reasons: DuplicateReason[] }[];
  fileMatch: { row: number; reasons: DuplicateReason[] } | null;
};

export type ImportPreview = {
  columns: string[];
  ignoredColumns: string[];
  rows: PreviewRow[];
  counts: { rows: number; ready: number; errors: number; duplicates: number };
};

type Db = TransactionClient | typeof prisma;

/** The uploaded file as text, or a FieldError on "file" saying what is wrong with it. */
export async function readVendorFile(entry: FormDataEntryValue | null) {
  if (!(entry instanceof File) || (entry.size === 0 && entry.name === "")) {
    throw new FieldError("file", "Choose a CSV file to upload.");
  }
  const decoded = await decodeCsvFile(new Uint8Array(await entry.arrayBuffer()), {
    fileName: entry.name,
    maxBytes: MAX_IMPORT_BYTES,
  });
  if (!decoded.ok) throw new FieldError("file", decoded.message);
  return { fileName: entry.name, text: decoded.text };
}

/** Parse, validate and compare with the directory; file-level problems are a FieldError on "file". */
export async function previewVendorImport(text: string, db: Db = prisma): Promise<ImportPreview> {
  const table = parseCsv(text);
  if (!table.columns.includes("name")) {
    throw new FieldError(
      "file",
      table.columns.length === 0
        ? "The file has no header row. The first row must name the columns: name, website, country, …"
        : `The header row has no "name" column (found: ${table.columns.join(", ")}). Use the column names from the sample file.`,
    );
  }
  if (table.records.length === 0) throw new FieldError("file", "The file has a header row but no vendors below it.");
  if (table.records.length > MAX_IMPORT_ROWS) {
    throw new FieldError(
      "file",
      `The file has ${table.records.length} vendors; at most ${MAX_IMPORT_ROWS} can be imported at once. Split it into smaller files.`,
    );
  }
  const records = table.records.map((record) =>
    Object.fromEntries(Object.entries(record).filter(([column]) => KNOWN_COLUMNS.has(column))),
  );
  const validated = validateVendorRows(records);
  const valid = validated.filter((row): row is Extract<ValidatedRow, { ok: true }> => row.ok);
  const keyed = valid.map((row) => ({ row: row.row, ...vendorKeys(row.data) }));
  const inFile = duplicatesWithinFile(keyed);
  const directory = await directoryCandidates(db, keyed);

  const rows = validated.map((validatedRow): PreviewRow => {
    const problem = table.rowProblems.get(validatedRow.row);
    const errors = [
      ...(problem ? [{ column: "row", message: problem }] : []),
      ...(validatedRow.ok ? [] : validatedRow.errors),
    ];
    const base = { row: validatedRow.row, values: validatedRow.values, errors, directoryMatches: [], fileMatch: null };
    if (errors.length > 0 || !validatedRow.ok) return { ...base, status: "error" };
    const directoryMatches = findLikelyDuplicates(vendorKeys(validatedRow.data), directory).map((match) => ({
      id: match.vendor.id,
      name: match.vendor.name,
      reasons: match.reasons,
    }));
    const fileMatch = inFile.get(validatedRow.row) ?? null;
    return {
      ...base,
      directoryMatches,
      fileMatch,
      status: directoryMatches.length > 0 || fileMatch ? "duplicate" : "ready",
    };
  });
  return {
    columns: table.columns.filter((column) => KNOWN_COLUMNS.has(column)),
    ignoredColumns: table.columns.filter((column) => !KNOWN_COLUMNS.has(column)),
    rows,
    counts: {
      rows: rows.length,
      ready: rows.filter((row) => row.status === "ready").length,
      errors: rows.filter((row) => row.status === "error").length,
      duplicates: rows.filter((row) => row.status === "duplicate").length,
    },
  };
}

async function directoryCandidates(db: Db, keyed: { normalizedName: string; domain: string | null }[]) {
  if (keyed.length === 0) return [];
  const names = [...new Set(keyed.map((row) => row.normalizedName))];
  const domains = [...new Set(keyed.flatMap((row) => (row.domain ? [row.domain] : [])))];
  return db.vendor.findMany({
    where: { OR: [{ normalizedName: { in: names } }, ...(domains.length > 0 ? [{ domain: { in: domains } }] : [])] },
    select: { id: true, name: true, normalizedName: true, domain: true },
  });
}

export type ImportResult = { created: number; skippedErrors: number; skippedDuplicates: number };

/** Store the ready rows and the duplicates confirmed by row number, in one transaction. */
export async function importVendors(
  actor: Actor,
  input: { fileName: string; text: string; createAnyway: readonly number[] },
): Promise<ImportResult> {
  const confirmed = new Set(input.createAnyway);
  return prisma.$transaction(
    async (tx) => {
      await lockDirectory(tx);
      const preview = await previewVendorImport(input.text, tx);
      const toCreate = preview.rows.filter(
        (row) => row.status === "ready" || (row.status === "duplicate" && confirmed.has(row.row)),
      );
      if (toCreate.length === 0) {
        throw new FieldError(
          "form",
          "Nothing to import: every row has an error or is a duplicate you did not confirm.",
        );
      }
      const vendors = toCreate.map((row) => ({ row, data: validRow(row), id: randomUUID() }));
      await tx.vendor.createMany({
        data: vendors.map(({ id, data }) => ({
          id,
          name: data.name,
          website: data.website ?? null,
          country: data.country ?? null,
          size: data.size ?? null,
          industry: data.industry ?? null,
          ...vendorKeys(data),
        })),
      });
      const contacts = vendors.flatMap(({ id, data }) =>
        data.contact_name && data.contact_email
          ? [
              {
                vendorId: id,
                name: data.contact_name,
                email: data.contact_email,
                phone: data.contact_phone ?? null,
                isPrimary: true,
              },
            ]
          : [],
      );
      if (contacts.length > 0) await tx.vendorContact.createMany({ data: contacts });
      const result = {
        created: vendors.length,
        skippedErrors: preview.counts.errors,
        skippedDuplicates: preview.rows.filter((row) => row.status === "duplicate" && !confirmed.has(row.row)).length,
      };
      await recordAudit(tx, {
        actor,
        action: "vendor.imported",
        entityType: "Vendor",
        after: {
          file: input.fileName,
          ...result,
          duplicatesConfirmed: vendors.filter(({ row }) => row.status === "duplicate").map(({ row }) => row.row),
          vendors: vendors.map(({ id, data }) => ({ id, name: data.name })),
        },
      });
      return result;
    },
    // Up to MAX_IMPORT_ROWS rows in one go: more than the default 5 s may be needed on a busy server.
    { timeout: 30_000, maxWait: 10_000 },
  );
}

/** The preview validated this row; parse it again for its typed values. */
function validRow(row: PreviewRow): VendorCsvRow {
  const [validated] = validateVendorRows([row.values]);
  if (!validated?.ok) throw new Error(`row ${row.row} was ready but does not validate`);
  return validated.data;
}
