import { describe, expect, it } from "vitest";
import { SAMPLE_VENDOR_CSV, validateVendorRows, vendorCsvRowSchema } from "./vendor-import";

describe("vendorCsvRowSchema", () => {
  it("accepts a complete row and normalizes it", () => {
    const row = vendorCsvRowSchema.parse({
      name: " Acme Services Ltd ",
      website: "www.acme.example",
      country: "gb",
      size: "Large",
      industry: "IT services",
      contact_name: "Priya Shah",
      contact_email: "Priya.Shah@Acme.example",
      contact_phone: "+44 20 7946 0001",
    });
    expect(row).toEqual({
      name: "Acme Services Ltd",
      website: "https://www.acme.example",
      country: "GB",
      size: "LARGE",
      industry: "IT services",
      contact_name: "Priya Shah",
      contact_email: "priya.shah@acme.example",
      contact_phone: "+44 20 7946 0001",
    });
  });

  it("needs only a name; empty cells mean absent", () => {
    expect(vendorCsvRowSchema.parse({ name: "Acme", website: "", country: "", size: "", contact_email: "" })).toEqual({
      name: "Acme",
    });
  });

  it("reads English country names and size codes in any case", () => {
    const row = vendorCsvRowSchema.parse({ name: "Acme", country: "united kingdom", size: "enterprise" });
    expect(row).toMatchObject({ country: "GB", size: "ENTERPRISE" });
  });
});

describe("validateVendorRows", () => {
  it("numbers rows as a spreadsheet does and names the column of every error", () => {
    const rows = validateVendorRows([
      { name: "Good Vendor" },
      { name: "", website: "http://", country: "Atlantis", size: "tiny", contact_email: "nope" },
      { name: "Contact Without Email", contact_name: "Sam" },
      { name: "Email Without Name", contact_email: "bids@vendor.example" },
    ]);
    expect(rows.map((row) => [row.row, row.ok])).toEqual([
      [2, true],
      [3, false],
      [4, false],
      [5, false],
    ]);
    const errors = (index: number) => {
      const row = rows[index];
      return row && !row.ok ? row.errors : [];
    };
    expect(errors(1)).toEqual([
      { column: "name", message: "Company name is required." },
      { column: "website", message: "Enter a website such as acme.com." },
      { column: "country", message: "Choose a country from the list." },
      { column: "size", message: "Choose a size from the list." },
      { column: "contact_email", message: "Enter a valid email address, such as bids@acme.com." },
    ]);
    expect(errors(2)).toEqual([{ column: "contact_email", message: "A contact needs an email address." }]);
    expect(errors(3)).toEqual([{ column: "contact_name", message: "Give the contact's name with their email." }]);
  });

  it("keeps what was typed, for the preview", () => {
    const [row] = validateVendorRows([{ name: "Acme", country: "Narnia" }]);
    expect(row?.values).toEqual({ name: "Acme", country: "Narnia" });
  });

  it("finds no problem in the sample file's rows", () => {
    const [header, ...lines] = SAMPLE_VENDOR_CSV.split("\r\n");
    expect(header).toBe("name,website,country,size,industry,contact_name,contact_email,contact_phone");
    expect(lines).toHaveLength(3);
  });
});
