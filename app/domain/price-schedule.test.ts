import { describe, expect, it } from "vitest";
import { priceScheduleTotals } from "./price-schedule";

const lines = [
  { description: "Transition", kind: "ONE_TIME" as const, unit: "project", quantity: "1.000", unitPrice: "45000.00" },
  { description: "Service desk", kind: "RECURRING" as const, unit: "seat", quantity: "1800.000", unitPrice: "12.35" },
  { description: "On-site", kind: "RECURRING" as const, unit: "day", quantity: "4.500", unitPrice: "640.00" },
];

describe("priceScheduleTotals", () => {
  it("totals one-time and monthly lines and the cost over the term, in exact cents", () => {
    const totals = priceScheduleTotals(lines, 36);
    expect(totals.lines.map((line) => line.lineTotal)).toEqual(["45000.00", "22230.00", "2880.00"]);
    expect(totals.oneTime).toBe("45000.00");
    expect(totals.monthly).toBe("25110.00");
    expect(totals.totalCostOfOwnership).toBe("948960.00");
  });

  it("rounds each line to cents half away from zero, as invoiced", () => {
    const totals = priceScheduleTotals(
      [{ description: "Licence", kind: "ONE_TIME", unit: "hour", quantity: "0.125", unitPrice: "0.10" }],
      12,
    );
    // 0.0125 → 0.01
    expect(totals.oneTime).toBe("0.01");
    const sum = priceScheduleTotals(
      [
        { description: "a", kind: "RECURRING", unit: "x", quantity: "3", unitPrice: "0.10" },
        { description: "b", kind: "RECURRING", unit: "x", quantity: 1, unitPrice: 0.2 },
      ],
      1,
    );
    // Binary floating point would give 0.30000000000000004 + 0.2.
    expect(sum.monthly).toBe("0.50");
  });

  it("leaves the total cost open when the vendor named no term", () => {
    expect(priceScheduleTotals(lines, null).totalCostOfOwnership).toBeNull();
    expect(priceScheduleTotals(lines, 0).totalCostOfOwnership).toBeNull();
    expect(priceScheduleTotals([], 24)).toMatchObject({
      oneTime: "0.00",
      monthly: "0.00",
      totalCostOfOwnership: "0.00",
    });
  });

  it("refuses text that is not a number rather than guessing", () => {
    expect(() =>
      priceScheduleTotals([{ description: "x", kind: "ONE_TIME", unit: "x", quantity: "1e3", unitPrice: "1" }], 1),
    ).toThrow(/not a decimal number/);
  });
});
