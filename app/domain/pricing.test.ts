import { describe, expect, it } from "vitest";
import {
  formatScaled,
  isBlankPriceLine,
  lineAmount,
  parseDecimal,
  parseTermMonths,
  totalCostOfOwnership,
} from "./pricing";

describe("parseDecimal", () => {
  it("reads plain numbers and numbers with thousands separators at the given scale", () => {
    expect(parseDecimal("1250.5", 2)).toBe(BigInt(125050));
    expect(parseDecimal("1 250.50", 2)).toBe(BigInt(125050));
    expect(parseDecimal("1,250,000", 2)).toBe(BigInt(125000000));
    expect(parseDecimal("0", 3)).toBe(BigInt(0));
    expect(parseDecimal(" 7 ", 0)).toBe(BigInt(7));
    expect(parseDecimal(2.5, 3)).toBe(BigInt(2500));
  });

  it("refuses decimal commas, negatives, too many decimals, text and emptiness", () => {
    expect(parseDecimal("12,5", 2)).toBeNull();
    expect(parseDecimal("-3", 2)).toBeNull();
    expect(parseDecimal("1.005", 2)).toBeNull();
    expect(parseDecimal("abc", 2)).toBeNull();
    expect(parseDecimal("", 2)).toBeNull();
    expect(parseDecimal(null, 2)).toBeNull();
    expect(parseDecimal(undefined, 2)).toBeNull();
    expect(parseDecimal(Number.NaN, 2)).toBeNull();
    expect(parseDecimal("1e5", 2)).toBeNull();
  });
});

describe("formatScaled", () => {
  it("writes the decimal point and leading zeros", () => {
    expect(formatScaled(BigInt(125050), 2)).toBe("1250.50");
    expect(formatScaled(BigInt(5), 2)).toBe("0.05");
    expect(formatScaled(BigInt(0), 2)).toBe("0.00");
    expect(formatScaled(BigInt(-150), 2)).toBe("-1.50");
  });
});

describe("lineAmount", () => {
  it("multiplies quantity by unit price and rounds half up to cents", () => {
    expect(lineAmount({ quantity: "3", unitPrice: "19.99" })).toBe("59.97");
    expect(lineAmount({ quantity: "0.125", unitPrice: "0.10" })).toBe("0.01");
    expect(lineAmount({ quantity: "2.5", unitPrice: "1 000" })).toBe("2500.00");
  });

  it("is exact where floating point is not (0.1 × 3)", () => {
    expect(lineAmount({ quantity: "3", unitPrice: "0.10" })).toBe("0.30");
    expect(lineAmount({ quantity: "1000000", unitPrice: "99999999999999.99" })).toBe("99999999999999990000.00");
  });

  it("is null while quantity or price is missing or unreadable", () => {
    expect(lineAmount({ quantity: "", unitPrice: "10" })).toBeNull();
    expect(lineAmount({ quantity: "2", unitPrice: null })).toBeNull();
    expect(lineAmount({ quantity: "two", unitPrice: "10" })).toBeNull();
  });
});

describe("isBlankPriceLine", () => {
  it("ignores the preset kind", () => {
    expect(isBlankPriceLine({ kind: "ONE_TIME", description: " ", unit: "", quantity: "", unitPrice: "" })).toBe(true);
    expect(isBlankPriceLine({ kind: "ONE_TIME", description: "Setup" })).toBe(false);
    expect(isBlankPriceLine({ quantity: 0 })).toBe(false);
  });
});

describe("parseTermMonths", () => {
  it("accepts whole months from 1 to 600", () => {
    expect(parseTermMonths("36")).toBe(36);
    expect(parseTermMonths(12)).toBe(12);
    expect(parseTermMonths("600")).toBe(600);
    expect(parseTermMonths("0")).toBeNull();
    expect(parseTermMonths("601")).toBeNull();
    expect(parseTermMonths("12.5")).toBeNull();
    expect(parseTermMonths("")).toBeNull();
    expect(parseTermMonths(null)).toBeNull();
  });
});

describe("totalCostOfOwnership", () => {
  const lines = [
    { kind: "ONE_TIME", description: "Transition", unit: "project", quantity: "1", unitPrice: "45000" },
    { kind: "RECURRING", description: "Service desk", unit: "seat", quantity: "1800", unitPrice: "12.50" },
    { kind: "RECURRING", description: "On-site engineer", unit: "FTE", quantity: "2", unitPrice: "6 000" },
    { kind: "ONE_TIME", description: "Tooling", unit: "licence", quantity: "1", unitPrice: "2500.25" },
  ];

  it("adds one-time lines once and recurring lines for every month of the term", () => {
    expect(totalCostOfOwnership(lines, "36")).toEqual({
      oneTime: "47500.25",
      monthly: "34500.00",
      recurringOverTerm: "1242000.00",
      total: "1289500.25",
      termMonths: 36,
      incompleteLines: 0,
      termMissing: false,
    });
  });

  it("is all zeros for an empty schedule", () => {
    expect(totalCostOfOwnership([], null)).toEqual({
      oneTime: "0.00",
      monthly: "0.00",
      recurringOverTerm: "0.00",
      total: "0.00",
      termMonths: null,
      incompleteLines: 0,
      termMissing: false,
    });
  });

  it("counts missing quantities or prices as zero and reports the lines as incomplete", () => {
    const result = totalCostOfOwnership(
      [
        { kind: "ONE_TIME", description: "Transition", unit: "project", quantity: "1", unitPrice: "" },
        { kind: "RECURRING", description: "Seats", unit: "seat", quantity: "", unitPrice: "10" },
        { kind: "RECURRING", description: "Engineer", unit: "FTE", quantity: "1", unitPrice: "100" },
      ],
      "12",
    );
    expect(result).toMatchObject({ oneTime: "0.00", monthly: "100.00", total: "1200.00", incompleteLines: 2 });
  });

  it("treats zero prices as zero (a line offered at no charge), not as incomplete", () => {
    const result = totalCostOfOwnership(
      [{ kind: "ONE_TIME", description: "Knowledge transfer", unit: "day", quantity: "5", unitPrice: "0" }],
      "24",
    );
    expect(result).toMatchObject({ oneTime: "0.00", total: "0.00", incompleteLines: 0 });
  });

  it("flags recurring charges without a term, and leaves them out of the total", () => {
    const result = totalCostOfOwnership(lines, "");
    expect(result).toMatchObject({ monthly: "34500.00", recurringOverTerm: "0.00", total: "47500.25" });
    expect(result.termMissing).toBe(true);
    expect(totalCostOfOwnership([lines[0] ?? {}], "").termMissing).toBe(false);
  });

  it("skips blank rows and counts rows without a known kind as incomplete", () => {
    const result = totalCostOfOwnership(
      [
        { kind: "ONE_TIME", description: "", unit: "", quantity: "", unitPrice: "" },
        { kind: "", description: "Mystery", unit: "x", quantity: "1", unitPrice: "5" },
      ],
      "12",
    );
    expect(result).toMatchObject({ total: "0.00", incompleteLines: 1 });
  });
});
