import { describe, expect, it } from "vitest";
import {
  type PricedBid,
  type PriceFormula,
  type PriceSchedule,
  priceFormulaIssues,
  pricePoints,
  rankReversals,
  totalCostOfOwnership,
  type VendorPricePoints,
} from "./price";
import { mulberry32 } from "./random";

const acmeSchedule: PriceSchedule = {
  vendorId: "acme",
  currency: "EUR",
  lines: [
    { kind: "ONE_TIME", quantity: 1, unitPrice: 12_000 },
    { kind: "ONE_TIME", quantity: 3, unitPrice: 1_500 },
    { kind: "RECURRING", quantity: 50, unitPrice: 40 },
    { kind: "RECURRING", quantity: 1, unitPrice: 1_500 },
  ],
};

describe("totalCostOfOwnership", () => {
  it("adds one-time charges and recurring charges over the term", () => {
    // One-time 12,000 + 4,500 = 16,500; monthly 2,000 + 1,500 = 3,500 × 36 = 126,000.
    const result = totalCostOfOwnership([acmeSchedule], 36, "EUR");
    expect(result).toEqual({
      ok: true,
      currency: "EUR",
      costs: [
        {
          vendorId: "acme",
          ok: true,
          currency: "EUR",
          oneTime: 16_500,
          monthly: 3_500,
          recurringOverTerm: 126_000,
          total: 142_500,
        },
      ],
    });
  });

  it("refuses to add up prices in different currencies", () => {
    const birch: PriceSchedule = {
      vendorId: "birch",
      currency: "usd",
      lines: [{ kind: "ONE_TIME", quantity: 1, unitPrice: 9 }],
    };
    const cobalt: PriceSchedule = { ...acmeSchedule, vendorId: "cobalt", currency: " eur" };
    expect(totalCostOfOwnership([acmeSchedule, birch, cobalt], 12)).toEqual({
      ok: false,
      error: {
        kind: "MIXED_CURRENCIES",
        expected: null,
        currencies: [
          { currency: "EUR", vendorIds: ["acme", "cobalt"] },
          { currency: "USD", vendorIds: ["birch"] },
        ],
      },
    });
  });

  it("refuses prices in another currency than the RFP's", () => {
    const result = totalCostOfOwnership([acmeSchedule], 12, "GBP");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ kind: "MIXED_CURRENCIES", expected: "GBP" });
  });

  it("reports a vendor without price lines or with an unusable line, and prices the others", () => {
    const empty: PriceSchedule = { vendorId: "birch", currency: "USD", lines: [] };
    const broken: PriceSchedule = {
      vendorId: "cobalt",
      currency: "EUR",
      lines: [
        { kind: "ONE_TIME", quantity: 1, unitPrice: 10 },
        { kind: "RECURRING", quantity: Number.NaN, unitPrice: 10 },
      ],
    };
    const result = totalCostOfOwnership([acmeSchedule, empty, broken], 12);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.currency).toBe("EUR");
    expect(result.costs.slice(1)).toEqual([
      { vendorId: "birch", ok: false, error: { kind: "NO_PRICE_LINES" } },
      { vendorId: "cobalt", ok: false, error: { kind: "INVALID_LINE", lineIndex: 1 } },
    ]);
  });

  it("needs a whole, positive number of months", () => {
    for (const termMonths of [0, -12, 1.5, Number.NaN]) {
      expect(totalCostOfOwnership([acmeSchedule], termMonths)).toEqual({
        ok: false,
        error: { kind: "INVALID_TERM", termMonths },
      });
    }
  });

  it("keeps a discount line, so a total can reach zero (price points then reject it)", () => {
    const discounted: PriceSchedule = {
      vendorId: "acme",
      currency: "EUR",
      lines: [
        { kind: "ONE_TIME", quantity: 1, unitPrice: 1_000 },
        { kind: "ONE_TIME", quantity: 1, unitPrice: -1_000 },
      ],
    };
    const result = totalCostOfOwnership([discounted], 12);
    expect(result.ok && result.costs[0]?.ok && result.costs[0].total).toBe(0);
  });
});

function pointsOf(formula: PriceFormula, prices: Record<string, number | null>) {
  const result = pricePoints(
    formula,
    Object.entries(prices).map(([vendorId, price]) => ({ vendorId, price })),
  );
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return Object.fromEntries(result.points.map((entry) => [entry.vendorId, entry]));
}

function points(entry: VendorPricePoints | undefined) {
  return entry?.ok ? entry.points : Number.NaN;
}

describe("pricePoints", () => {
  // Lowest L = 50, highest H = 125, 40 points for price.
  const prices = { acme: 100, birch: 125, cobalt: 50 };

  it("RELATIVE: lowest / price × max", () => {
    const result = pointsOf({ kind: "RELATIVE", maxPoints: 40 }, prices);
    // 40 × 50/100 = 20; 40 × 50/125 = 16; 40.
    expect([points(result.acme), points(result.birch), points(result.cobalt)]).toEqual([20, 16, 40]);
  });

  it("LINEAR: lowest gets max, highest 0, linear in between", () => {
    const result = pointsOf({ kind: "LINEAR", maxPoints: 40 }, prices);
    // 40 × (125 − 100)/(125 − 50) = 40/3.
    expect(points(result.acme)).toBeCloseTo(40 / 3, 12);
    expect([points(result.birch), points(result.cobalt)]).toEqual([0, 40]);
  });

  it("LOGARITHMIC: max × (1 − ln(P/L)/ln A), negative beyond A × the lowest", () => {
    const result = pointsOf({ kind: "LOGARITHMIC", maxPoints: 40, factor: 2 }, prices);
    // Acme is exactly twice the lowest: 0. Birch is 2.5×: 40 × (1 − ln 2.5/ln 2) ≈ −12.877.
    expect(points(result.acme)).toBeCloseTo(0, 12);
    expect(points(result.birch)).toBeCloseTo(40 * (1 - Math.log(2.5) / Math.log(2)), 12);
    expect(points(result.birch)).toBeCloseTo(-12.877, 3);
    expect(points(result.cobalt)).toBe(40);
  });

  it("BUDGET: full points up to the target, none from the ceiling, linear between", () => {
    const formula: PriceFormula = { kind: "BUDGET", maxPoints: 40, targetPrice: 80, ceilingPrice: 120 };
    const result = pointsOf(formula, { ...prices, atTarget: 80, atCeiling: 120 });
    // Acme: 40 × (120 − 100)/(120 − 80) = 20.
    expect([points(result.acme), points(result.birch), points(result.cobalt)]).toEqual([20, 0, 40]);
    expect([points(result.atTarget), points(result.atCeiling)]).toEqual([40, 0]);
  });

  it("gives a single bidder full points under every relative formula", () => {
    const formulas: PriceFormula[] = [
      { kind: "RELATIVE", maxPoints: 30 },
      { kind: "LINEAR", maxPoints: 30 },
      { kind: "LOGARITHMIC", maxPoints: 30, factor: 3 },
    ];
    for (const formula of formulas) expect(points(pointsOf(formula, { acme: 999 }).acme)).toBe(30);
  });

  it("gives all bidders full points on LINEAR when every price is the same", () => {
    const result = pointsOf({ kind: "LINEAR", maxPoints: 30 }, { acme: 70, birch: 70 });
    expect([points(result.acme), points(result.birch)]).toEqual([30, 30]);
  });

  it("rejects zero, negative and missing prices per vendor and scores the rest without them", () => {
    const formulas: PriceFormula[] = [
      { kind: "RELATIVE", maxPoints: 40 },
      { kind: "LINEAR", maxPoints: 40 },
      { kind: "LOGARITHMIC", maxPoints: 40, factor: 2 },
      { kind: "BUDGET", maxPoints: 40, targetPrice: 80, ceilingPrice: 120 },
    ];
    for (const formula of formulas) {
      const result = pointsOf(formula, {
        zero: 0,
        negative: -5,
        missing: null,
        nan: Number.NaN,
        acme: 100,
        cobalt: 50,
      });
      expect(result.zero).toEqual({ vendorId: "zero", ok: false, error: { kind: "ZERO_PRICE" } });
      expect(result.negative).toEqual({
        vendorId: "negative",
        ok: false,
        error: { kind: "NEGATIVE_PRICE", price: -5 },
      });
      expect(result.missing).toEqual({ vendorId: "missing", ok: false, error: { kind: "MISSING_PRICE" } });
      expect(result.nan).toEqual({ vendorId: "nan", ok: false, error: { kind: "NOT_A_NUMBER" } });
      expect(points(result.cobalt)).toBe(40);
      expect(Number.isFinite(points(result.acme))).toBe(true);
    }
  });

  it("returns only errors when no price is usable", () => {
    const result = pointsOf({ kind: "RELATIVE", maxPoints: 40 }, { zero: 0, missing: null });
    expect(Object.values(result).map((entry) => entry.ok)).toEqual([false, false]);
  });

  it("refuses a formula that cannot be applied", () => {
    expect(priceFormulaIssues({ kind: "RELATIVE", maxPoints: 0 }).map((issue) => issue.field)).toEqual(["maxPoints"]);
    expect(priceFormulaIssues({ kind: "LOGARITHMIC", maxPoints: 10, factor: 1 }).map((issue) => issue.field)).toEqual([
      "factor",
    ]);
    expect(
      priceFormulaIssues({ kind: "BUDGET", maxPoints: 10, targetPrice: 0, ceilingPrice: 0 }).map(
        (issue) => issue.field,
      ),
    ).toEqual(["targetPrice", "ceilingPrice"]);
    expect(priceFormulaIssues({ kind: "BUDGET", maxPoints: 10, targetPrice: 100, ceilingPrice: 90 })).toHaveLength(1);
    expect(pricePoints({ kind: "LINEAR", maxPoints: -1 }, [{ vendorId: "a", price: 10 }]).ok).toBe(false);
  });
});

describe("rankReversals", () => {
  /*
   * Quality out of 60, price out of 40, RELATIVE formula.
   *   Acme:   quality 40, price 100        Birch: quality 45, price 125
   *   Cobalt: quality 15, price 50 (the cheapest)
   * With all three, lowest = 50: Acme 40 + 40×50/100 = 60; Birch 45 + 40×50/125 = 61; Cobalt 55.
   * Birch leads Acme by 1.
   * Cobalt withdrawn, lowest = 100: Acme 40 + 40 = 80; Birch 45 + 40×100/125 = 77.
   * Acme now leads Birch by 3: withdrawing the third bid reversed the first two.
   */
  const bids: PricedBid[] = [
    { vendorId: "acme", qualityPoints: 40, price: 100 },
    { vendorId: "birch", qualityPoints: 45, price: 125 },
    { vendorId: "cobalt", qualityPoints: 15, price: 50 },
  ];

  it("finds the reversal a relative formula causes when a third bid is withdrawn", () => {
    expect(rankReversals({ kind: "RELATIVE", maxPoints: 40 }, bids)).toEqual({
      ok: true,
      excludedVendorIds: [],
      reversals: [
        {
          withdrawnVendorId: "cobalt",
          aheadId: "birch",
          overtakenById: "acme",
          totalsWithAll: { ahead: 61, overtakenBy: 60 },
          totalsWithout: { ahead: 77, overtakenBy: 80 },
        },
      ],
    });
  });

  it("finds none with the logarithmic formula on the same bids: the gap does not depend on the lowest price", () => {
    // With all: Acme 40 + 0 = 40, Birch 45 − 12.877 = 32.123. Without Cobalt: 80 and 72.123.
    expect(rankReversals({ kind: "LOGARITHMIC", maxPoints: 40, factor: 2 }, bids)).toMatchObject({ reversals: [] });
  });

  it("finds the reversal a linear formula causes when the highest bid is withdrawn", () => {
    // With all, H = 200: Acme 40 + 40 = 80; Birch 45 + 40 × 90/100 = 81. Without Zenith, H = 110:
    // Birch 45 + 0 = 45.
    const linearBids: PricedBid[] = [
      { vendorId: "acme", qualityPoints: 40, price: 100 },
      { vendorId: "birch", qualityPoints: 45, price: 110 },
      { vendorId: "zenith", qualityPoints: 0, price: 200 },
    ];
    const result = rankReversals({ kind: "LINEAR", maxPoints: 40 }, linearBids);
    expect(result.ok && result.reversals.map((reversal) => [reversal.withdrawnVendorId, reversal.aheadId])).toEqual([
      ["zenith", "birch"],
    ]);
  });

  it("never finds one with absolute or logarithmic formulas", () => {
    const random = mulberry32(42);
    const formulas: PriceFormula[] = [
      { kind: "LOGARITHMIC", maxPoints: 40, factor: 1.5 },
      { kind: "BUDGET", maxPoints: 40, targetPrice: 80, ceilingPrice: 160 },
    ];
    let relativeReversals = 0;
    for (let trial = 0; trial < 200; trial++) {
      const randomBids = Array.from({ length: 5 }, (_, index) => ({
        vendorId: `v${index}`,
        qualityPoints: Math.round(random() * 60),
        price: 50 + Math.round(random() * 150),
      }));
      for (const formula of formulas) {
        const result = rankReversals(formula, randomBids);
        expect(result.ok && result.reversals).toEqual([]);
      }
      const relative = rankReversals({ kind: "RELATIVE", maxPoints: 40 }, randomBids);
      relativeReversals += relative.ok ? relative.reversals.length : 0;
    }
    // The same random bids do produce reversals under the relative formula.
    expect(relativeReversals).toBeGreaterThan(0);
  });

  it("leaves out bids with an unusable price and says which", () => {
    const result = rankReversals({ kind: "RELATIVE", maxPoints: 40 }, [
      ...bids,
      { vendorId: "free", qualityPoints: 50, price: 0 },
      { vendorId: "silent", qualityPoints: 50, price: null },
    ]);
    expect(result.ok && result.excludedVendorIds).toEqual(["free", "silent"]);
    expect(result.ok && result.reversals).toHaveLength(1);
  });

  it("has nothing to check with one or two bidders", () => {
    const two = bids.slice(0, 2);
    expect(rankReversals({ kind: "RELATIVE", maxPoints: 40 }, two)).toMatchObject({ reversals: [] });
    expect(rankReversals({ kind: "RELATIVE", maxPoints: 40 }, bids.slice(0, 1))).toMatchObject({ reversals: [] });
  });

  it("passes formula problems through", () => {
    expect(rankReversals({ kind: "LOGARITHMIC", maxPoints: 40, factor: 0.5 }, bids).ok).toBe(false);
  });
});
