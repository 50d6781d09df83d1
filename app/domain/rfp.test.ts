import { describe, expect, it } from "vitest";
import { CURRENCIES, formatRfpReference, RFP_CATEGORIES } from "./rfp";

describe("formatRfpReference", () => {
  it.each([
    [2027, 1, "RFP-2027-001"],
    [2027, 4, "RFP-2027-004"],
    [2027, 42, "RFP-2027-042"],
    [2027, 999, "RFP-2027-999"],
    [2028, 1000, "RFP-2028-1000"],
    [2028, 12345, "RFP-2028-12345"],
  ])("year %i, number %i → %s", (year, sequence, reference) => {
    expect(formatRfpReference(year, sequence)).toBe(reference);
  });
});

describe("reference data", () => {
  it("offers ISO 4217 codes for the supported currencies", () => {
    expect(CURRENCIES).toEqual(["EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CAD", "AUD", "JPY", "INR"]);
    for (const code of CURRENCIES) expect(code).toMatch(/^[A-Z]{3}$/);
  });

  it("ends the category list with Other and has no duplicates", () => {
    expect(RFP_CATEGORIES.at(-1)).toBe("Other");
    expect(new Set(RFP_CATEGORIES).size).toBe(RFP_CATEGORIES.length);
    expect(RFP_CATEGORIES).toHaveLength(9);
  });
});
