import * as z from "zod";
import { COUNTRIES } from "~/domain/countries";
import { VENDOR_SIZE_INFO, VENDOR_SIZES, type VendorSize } from "~/domain/vendors";
import { optionalText, requiredText } from "~/utils/forms";
import { contactEmailField, countryField, phoneField, sizeField, websiteField } from "./vendor";

/** Big enough for a whole supplier list, small enough to preview on one page and import in one go. */
export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_SIZE_LABEL = "1 MB";
export const MAX_IMPORT_ROWS = 500;

export const VENDOR_CSV_COLUMNS = [
  { name: "name", required: true, description: "Company name, e.g. Acme Services Ltd." },
  { name: "website", required: false, description: "Website or domain, e.g. acme.com." },
  { name: "country", required: false, description: "Two-letter ISO country code (GB, DE, US) or English name." },
  {
    name: "size",
    required: false,
    description: `One of ${VENDOR_SIZES.map((size) => size.toLowerCase()).join(", ")} (see the size bands).`,
  },
  { name: "industry", required: false, description: "Free text, e.g. IT services." },
  { name: "contact_name", required: false, description: "Person who receives invitations." },
  { name: "contact_email", required: false, description: "Their email address (needed with a contact name)." },
  { name: "contact_phone", required: false, description: "Their phone number." },
] as const;
export type VendorCsvColumn = (typeof VENDOR_CSV_COLUMNS)[number]["name"];

export const SAMPLE_VENDOR_CSV = [
  "name,website,country,size,industry,contact_name,contact_email,contact_phone",
  "Acme Services Ltd,acme.example,GB,large,IT services,Priya Shah,priya.shah@acme.example,+44 20 7946 0001",
  'Nordwind Logistik GmbH,https://www.nordwind.example,DE,medium,"Logistics, warehousing",Jonas Weber,j.weber@nordwind.example,',
  "Brightdesk BV,brightdesk.example,NL,small,Contact centre,,,",
].join("\r\n");

const COUNTRY_BY_NAME = new Map(COUNTRIES.map(([code, name]) => [name.toLowerCase(), code]));
const SIZE_BY_LABEL = new Map(VENDOR_SIZES.map((size) => [VENDOR_SIZE_INFO[size].label.toLowerCase(), size]));

/** A spreadsheet's "gb", "Germany" or "Small" → the stored code; anything else is left for zod to refuse. */
function countryCode(value: unknown) {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (text.length === 2) return text.toUpperCase();
  return COUNTRY_BY_NAME.get(text.toLowerCase()) ?? text;
}

function sizeCode(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim().toLowerCase();
  return SIZE_BY_LABEL.get(text) ?? (text.toUpperCase() as VendorSize);
}

/** One data row of the import file; field names are the CSV columns. */
export const vendorCsvRowSchema = z
  .object({
    name: requiredText("Company name", 200),
    website: websiteField,
    country: z.preprocess(countryCode, countryField),
    size: z.preprocess(sizeCode, sizeField),
    industry: optionalText(100),
    contact_name: optionalText(120),
    contact_email: z.preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
      contactEmailField.optional(),
    ),
    contact_phone: phoneField,
  })
  .superRefine((row, ctx) => {
    if (row.contact_email && !row.contact_name) {
      ctx.addIssue({ code: "custom", path: ["contact_name"], message: "Give the contact's name with their email." });
    }
    if (!row.contact_email && (row.contact_name || row.contact_phone)) {
      ctx.addIssue({ code: "custom", path: ["contact_email"], message: "A contact needs an email address." });
    }
  });
export type VendorCsvRow = z.output<typeof vendorCsvRowSchema>;

export type ValidatedRow = {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  values: Record<string, string>;
} & ({ ok: true; data: VendorCsvRow } | { ok: false; errors: { column: string; message: string }[] });

/** Validate every row with the schema; errors name the column, so the preview can show them in place. */
export function validateVendorRows(records: readonly Record<string, string>[]): ValidatedRow[] {
  return records.map((values, index) => {
    const row = index + 2;
    const result = vendorCsvRowSchema.safeParse(values);
    if (result.success) return { row, values, ok: true, data: result.data };
    const errors = result.error.issues.map((issue) => ({
      column: String(issue.path[0] ?? "row"),
      message: issue.message,
    }));
    return { row, values, ok: false, errors };
  });
}

/** The two steps of the import page: upload a file for a preview, then import what was previewed. */
export const importFormSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("preview") }),
    z.object({
      intent: z.literal("import"),
      fileName: z.string().trim().min(1).max(255).catch("vendors.csv"),
      // Browsers send form text with CRLF line ends, so the previewed file may come back a little larger.
      csv: z
        .string({ error: "The file to import is missing; upload it again." })
        .min(1, "The file to import is missing; upload it again.")
        .max(MAX_IMPORT_BYTES * 2, "The file is larger than 1 MB."),
    }),
  ],
  { error: "Unknown action." },
);

/** Row numbers ticked "create anyway" in the preview. */
export const createAnywaySchema = z
  .array(
    z.coerce
      .number()
      .int()
      .min(2)
      .max(MAX_IMPORT_ROWS + 1),
  )
  .max(MAX_IMPORT_ROWS);
