import { describe, expect, it } from "vitest";
import { decodeCsvFile, normalizeColumnName, parseCsv } from "./csv.server";

const encode = (text: string) => new TextEncoder().encode(text);
const options = { fileName: "vendors.csv", maxBytes: 1000 };

describe("decodeCsvFile", () => {
  it("returns UTF-8 text without its byte-order mark", async () => {
    expect(await decodeCsvFile(encode("\uFEFFname\nMüller"), options)).toEqual({ ok: true, text: "name\nMüller" });
  });

  it("refuses empty, oversized, binary, misnamed and non-UTF-8 files with a sentence", async () => {
    const refuse = async (bytes: Uint8Array, fileName = "vendors.csv") => {
      const result = await decodeCsvFile(bytes, { ...options, fileName });
      return result.ok ? null : result.message;
    };
    expect(await refuse(new Uint8Array())).toMatch(/empty/);
    expect(await refuse(encode("x".repeat(1001)))).toMatch(/^The file is 1001 bytes; the limit is 1000 bytes/);
    expect(await refuse(encode("%PDF-1.7\n%âãÏÓ\n1 0 obj"))).toMatch(/^This is a PDF file, not a CSV file/);
    expect(await refuse(new Uint8Array([0x6e, 0x61, 0, 0x6d, 0x65]))).toMatch(/not a text file/);
    expect(await refuse(encode("name\nAcme"), "vendors.xlsx")).toMatch(/is not a \.csv file/);
    expect(await refuse(new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x4d, 0xfc]))).toMatch(/not UTF-8 encoded/);
    expect(await refuse(new Uint8Array([0xfe, 0xff, 0, 0x6e]))).toMatch(/UTF-16/);
  });
});

describe("parseCsv", () => {
  it("normalizes column names", () => {
    expect(normalizeColumnName(" Contact Name ")).toBe("contact_name");
    expect(normalizeColumnName("contact-email")).toBe("contact_email");
  });

  it("reads quoted commas and line breaks, trims values, skips blank lines", () => {
    const table = parseCsv('name,industry\r\n"Acme, Inc.","IT\nservices"\r\n\r\n  Globex  ,\r\n');
    expect(table.columns).toEqual(["name", "industry"]);
    expect(table.records).toEqual([
      { name: "Acme, Inc.", industry: "IT\nservices" },
      { name: "Globex", industry: "" },
    ]);
    expect(table.rowProblems.size).toBe(0);
  });

  it("detects semicolons and tabs", () => {
    expect(parseCsv("name;country\nAcme;DE").records).toEqual([{ name: "Acme", country: "DE" }]);
    expect(parseCsv("name\tcountry\nAcme\tDE").records).toEqual([{ name: "Acme", country: "DE" }]);
  });

  it("accepts short rows but reports rows with surplus values by spreadsheet row number", () => {
    const table = parseCsv("name,website,country\nAcme\nGlobex,globex.example,US,extra");
    expect(table.records[0]).toEqual({ name: "Acme" });
    expect([...table.rowProblems.keys()]).toEqual([3]);
  });
});
