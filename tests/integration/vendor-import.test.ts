import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as importRoute from "~/routes/vendors.import";
import * as sampleRoute from "~/routes/vendors.import_.sample[.csv]";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "~/schemas/vendor-import";
import { createTestUser, sessionCookie } from "../fixtures/factories";
import { callAction, callLoader, type RouteResult } from "../fixtures/routes";

let cookie: string;
let leadId: string;

beforeAll(async () => {
  const lead = await createTestUser({ role: "LEAD" });
  leadId = lead.id;
  cookie = await sessionCookie(lead);
  // Already in the directory: rows like it are flagged as likely duplicates.
  await prisma.vendor.create({
    data: { name: "Existing Outsourcing plc", normalizedName: "existingoutsourcing", domain: "existing.example" },
  });
});

const HEADER = "name,website,country,size,industry,contact_name,contact_email,contact_phone";

function upload(content: string | Uint8Array<ArrayBuffer>, fileName = "vendors.csv", type = "text/csv") {
  const form = new FormData();
  form.append("intent", "preview");
  form.append("file", new File([content], fileName, { type }));
  return callAction(importRoute, "/vendors/import", { cookie, form });
}

function confirm(csv: string, createAnyway: number[] = [], fileName = "vendors.csv") {
  const form = new FormData();
  form.append("intent", "import");
  form.append("fileName", fileName);
  form.append("csv", csv);
  for (const row of createAnyway) form.append("createAnyway", String(row));
  return callAction(importRoute, "/vendors/import", { cookie, form });
}

type PreviewData = {
  fileName: string;
  text: string;
  preview: {
    ignoredColumns: string[];
    counts: { rows: number; ready: number; errors: number; duplicates: number };
    rows: {
      row: number;
      status: string;
      errors: { column: string; message: string }[];
      directoryMatches: { name: string }[];
      fileMatch: { row: number } | null;
    }[];
  };
};

async function state() {
  const [vendors, contacts, events] = await Promise.all([
    prisma.vendor.count(),
    prisma.vendorContact.count(),
    prisma.auditEvent.count(),
  ]);
  return { vendors, contacts, events };
}

function fileError(result: RouteResult) {
  return (result.data as { fieldErrors: Record<string, string> }).fieldErrors.file;
}

const MIXED = [
  HEADER,
  "Seabright Logistics Ltd,seabright.example,GB,medium,Logistics,Ana Silva,ana@seabright.example,+44 161 496 0000",
  "Broken Row Ltd,,Narnia,gigantic,,Someone,not-an-email,",
  "Existing Outsourcing Limited,,,,,,,",
  ",nameless.example,,,,,,",
  "SEABRIGHT LOGISTICS,,,,,,,",
  "Fjord Analytics AS,fjord.example,no,small,Analytics,,,",
].join("\n");

describe("CSV import preview", () => {
  it("validates every row, flags duplicates in the directory and within the file, and stores nothing", async () => {
    const before = await state();
    const result = await upload(MIXED);
    expect(result.status).toBe(200);
    const { preview, fileName } = result.data as PreviewData;
    expect(fileName).toBe("vendors.csv");
    expect(preview.counts).toEqual({ rows: 6, ready: 2, errors: 2, duplicates: 2 });
    const byRow = Object.fromEntries(preview.rows.map((row) => [row.row, row]));
    expect(byRow[2]?.status).toBe("ready");
    expect(byRow[3]?.status).toBe("error");
    expect(byRow[3]?.errors).toEqual([
      { column: "country", message: "Choose a country from the list." },
      { column: "size", message: "Choose a size from the list." },
      { column: "contact_email", message: "Enter a valid email address, such as bids@acme.com." },
    ]);
    expect(byRow[4]).toMatchObject({ status: "duplicate", directoryMatches: [{ name: "Existing Outsourcing plc" }] });
    expect(byRow[5]?.errors).toEqual([{ column: "name", message: "Company name is required." }]);
    expect(byRow[6]).toMatchObject({ status: "duplicate", fileMatch: { row: 2 } });
    // "no" is Norway's code in lower case; the sizes may be written in any case.
    expect(byRow[7]?.status).toBe("ready");
    expect(await state()).toEqual(before);
  });

  it("reads semicolon-separated files with a byte-order mark and extra columns", async () => {
    const csv = "\uFEFFName;Website;Country;Notes\r\nMüller Reinigung GmbH;mueller.example;Germany;call first\r\n";
    const result = await upload(csv);
    expect(result.status).toBe(200);
    const { preview } = result.data as PreviewData;
    expect(preview.counts).toMatchObject({ rows: 1, ready: 1 });
    expect(preview.ignoredColumns).toEqual(["notes"]);
  });

  it("reports a row with more values than columns", async () => {
    const result = await upload(`${HEADER}\nAcme, Inc,acme.example,US,,,,,,extra`);
    const { preview } = result.data as PreviewData;
    expect(preview.rows[0]?.status).toBe("error");
    expect(preview.rows[0]?.errors[0]?.message).toContain("more values than the header has columns");
  });

  it.each([
    ["an empty file", "", "vendors.csv", "The file is empty."],
    ["a file without a name column", "company,website\nAcme,acme.example", "vendors.csv", 'no "name" column'],
    ["a header without rows", `${HEADER}\n`, "vendors.csv", "no vendors below it"],
    ["a workbook renamed to .csv", pngBytes(), "vendors.csv", "This is a PNG file, not a CSV file"],
    ["a file that is not .csv", "name\nAcme", "vendors.pdf", '"vendors.pdf" is not a .csv file'],
    ["a Latin-1 file", latin1("name\nM\u00fcller GmbH\n"), "vendors.csv", "not UTF-8 encoded"],
    ["a UTF-16 file", utf16("name\nAcme\n"), "vendors.csv", "UTF-16"],
  ])("refuses %s with a clear message", async (_case, content, fileName, message) => {
    const before = await state();
    const result = await upload(content, fileName);
    expect([400, 422]).toContain(result.status);
    expect(fileError(result)).toContain(message);
    expect(await state()).toEqual(before);
  });

  it("refuses a file over the size limit without reading it all", async () => {
    const before = await state();
    const big = `${HEADER}\n${"Acme Ltd,acme.example,GB,small,IT,,,\n".repeat(Math.ceil((MAX_IMPORT_BYTES * 2) / 36))}`;
    const result = await upload(big);
    expect(result.status).toBe(413);
    expect(fileError(result)).toBe("The file is larger than 1 MB. Split it into smaller files.");
    // Between the limit and the hard stop, the exact size is named.
    const slightlyBig = `${HEADER}\n${"x".repeat(MAX_IMPORT_BYTES)}`;
    const second = await upload(slightlyBig);
    expect(second.status).toBe(400);
    expect(fileError(second)).toMatch(/^The file is 1\.0 MB; the limit is 1\.0 MB/);
    expect(await state()).toEqual(before);
  });

  it("refuses more rows than the limit", async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, index) => `Vendor ${index}`);
    const result = await upload(`name\n${rows.join("\n")}`);
    expect(result.status).toBe(400);
    expect(fileError(result)).toContain(`at most ${MAX_IMPORT_ROWS} can be imported at once`);
  });

  it("asks for a file when none was chosen, or the form is not an upload", async () => {
    const form = new FormData();
    form.append("intent", "preview");
    const none = await callAction(importRoute, "/vendors/import", { cookie, form });
    expect(none.status).toBe(400);
    expect(fileError(none)).toBe("Choose a CSV file to upload.");
    const plain = await callAction(importRoute, "/vendors/import", { cookie, form: { intent: "preview" } });
    expect(plain.status).toBe(400);
  });
});

describe("CSV import", () => {
  it("imports ready rows and ticked duplicates in one go, skips the rest, and audits it once", async () => {
    const before = await state();
    const preview = (await upload(MIXED, "suppliers.csv")).data as PreviewData;
    const result = await confirm(preview.text, [6], "suppliers.csv");
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/vendors");
    const imported = await prisma.vendor.findMany({
      where: { name: { in: ["Seabright Logistics Ltd", "SEABRIGHT LOGISTICS", "Fjord Analytics AS"] } },
      include: { contacts: true },
      orderBy: { name: "asc" },
    });
    expect(imported.map((vendor) => vendor.name)).toEqual([
      "Fjord Analytics AS",
      "SEABRIGHT LOGISTICS",
      "Seabright Logistics Ltd",
    ]);
    const seabright = imported.find((vendor) => vendor.name === "Seabright Logistics Ltd");
    expect(seabright).toMatchObject({
      website: "https://seabright.example",
      domain: "seabright.example",
      country: "GB",
      size: "MEDIUM",
      industry: "Logistics",
    });
    expect(seabright?.contacts).toEqual([
      expect.objectContaining({ name: "Ana Silva", email: "ana@seabright.example", isPrimary: true }),
    ]);
    expect(imported.find((vendor) => vendor.name === "Fjord Analytics AS")?.country).toBe("NO");
    expect(await prisma.vendor.count({ where: { name: "Existing Outsourcing Limited" } })).toBe(0);
    expect(await prisma.vendor.count({ where: { name: "Broken Row Ltd" } })).toBe(0);
    const after = await state();
    expect(after.vendors - before.vendors).toBe(3);
    expect(after.events - before.events).toBe(1);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "vendor.imported" } });
    expect(event.actorId).toBe(leadId);
    expect(event.after).toMatchObject({
      file: "suppliers.csv",
      created: 3,
      skippedErrors: 2,
      skippedDuplicates: 1,
      duplicatesConfirmed: [6],
    });
  });

  it("checks again at import: a vendor added since the preview is not duplicated unless ticked", async () => {
    const csv = `${HEADER}\nVantage Legal LLP,vantage-legal.example,GB,,,,,`;
    const preview = (await upload(csv)).data as PreviewData;
    expect(preview.preview.counts.ready).toBe(1);
    await prisma.vendor.create({
      data: { name: "Vantage Legal", normalizedName: "vantagelegal", domain: "vantage-legal.example" },
    });
    const before = await state();
    const result = await confirm(preview.text);
    expect(result.status).toBe(422);
    expect((result.data as { fieldErrors: Record<string, string> }).fieldErrors.form).toContain("Nothing to import");
    // The preview is shown again as it is now.
    expect((result.data as PreviewData).preview.rows[0]?.status).toBe("duplicate");
    expect(await state()).toEqual(before);
  });

  it("refuses a tampered confirmation without storing anything", async () => {
    const before = await state();
    const noFile = await confirm("");
    expect(noFile.status).toBe(400);
    const badRows = await confirm(`${HEADER}\nAcme,,,,,,,`, [-1]);
    expect(badRows.status).toBe(400);
    expect(await state()).toEqual(before);
  });
});

describe("sample file", () => {
  it("downloads as CSV and imports cleanly", async () => {
    const result = await callLoader(sampleRoute, "/vendors/import/sample.csv", { cookie });
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(result.headers.get("Content-Disposition")).toContain("vendors-sample.csv");
    const preview = (await upload(String(result.data))).data as PreviewData;
    expect(preview.preview.counts).toEqual({ rows: 3, ready: 3, errors: 0, duplicates: 0 });
  });
});

function pngBytes() {
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    0,
    0,
    0,
    13,
    0x49,
    0x48,
    0x44,
    0x52,
    ...new Array(32).fill(0),
  ]);
}

function latin1(text: string) {
  return new Uint8Array([...text].map((char) => char.charCodeAt(0)));
}

function utf16(text: string) {
  const bytes = [0xff, 0xfe];
  for (const char of text) bytes.push(char.charCodeAt(0), 0);
  return new Uint8Array(bytes);
}
