import { describe, expect, it } from "vitest";
import type { PriceSchedule } from "./price";
import {
  checkRankReversals,
  describePriceProblem,
  describePriceSettings,
  describeReversals,
  evaluatePrices,
  type PriceEvaluationSettings,
  priceScore,
  readPriceSettings,
} from "./price-envelope";

const RELATIVE: PriceEvaluationSettings = { formula: { kind: "RELATIVE", maxPoints: 100 }, termMonths: 36 };

function schedule(vendorId: string, oneTime: number, monthly: number, currency = "EUR"): PriceSchedule {
  return {
    vendorId,
    currency,
    lines: [
      { kind: "ONE_TIME", quantity: 1, unitPrice: oneTime },
      { kind: "RECURRING", quantity: 1, unitPrice: monthly },
    ],
  };
}

const money = (amount: number) => `€${amount}`;

describe("evaluatePrices", () => {
  it("computes TCO over the fixed term and relative points, ranked best first", () => {
    const rows = evaluatePrices(
      [schedule("acme", 100_000, 25_000), schedule("birch", 80_000, 20_000), schedule("cobalt", 40_000, 10_000)],
      RELATIVE,
      "eur",
    );
    expect(rows.map((row) => [row.vendorId, row.total, row.points, row.share, row.rank])).toEqual([
      ["acme", 1_000_000, 40, 0.4, 3],
      ["birch", 800_000, 50, 0.5, 2],
      ["cobalt", 400_000, 100, 1, 1],
    ]);
    expect(rows[0]).toMatchObject({ oneTime: 100_000, monthly: 25_000, recurringOverTerm: 900_000 });
  });

  it("uses the lead's term for every vendor, whatever term each proposed", () => {
    const [row] = evaluatePrices([schedule("acme", 1_000, 100)], { ...RELATIVE, termMonths: 12 }, "EUR");
    expect(row?.total).toBe(2_200);
  });

  it("reports zero, negative and missing prices as problems and scores the rest without them", () => {
    const rows = evaluatePrices(
      [
        schedule("free", 0, 0),
        schedule("refund", -10_000, 0),
        { vendorId: "blank", currency: "EUR", lines: [] },
        schedule("real", 1_000, 0),
      ],
      RELATIVE,
      "EUR",
    );
    expect(rows.map((row) => row.problem?.kind ?? null)).toEqual([
      "ZERO_PRICE",
      "NEGATIVE_PRICE",
      "NO_PRICE_LINES",
      null,
    ]);
    expect(rows.map((row) => row.points)).toEqual([null, null, null, 100]);
    expect(rows.map((row) => row.rank)).toEqual([null, null, null, 1]);
  });

  it("leaves a schedule in another currency out instead of converting it", () => {
    const rows = evaluatePrices([schedule("usd", 1_000, 0, "USD"), schedule("eur", 2_000, 0)], RELATIVE, "EUR");
    expect(rows[0]?.problem).toEqual({ kind: "OTHER_CURRENCY", currency: "USD", expected: "EUR" });
    expect(rows[1]?.points).toBe(100);
  });

  it("gives a single bidder full points with every formula", () => {
    for (const formula of [
      { kind: "RELATIVE", maxPoints: 10 },
      { kind: "LINEAR", maxPoints: 10 },
      { kind: "LOGARITHMIC", maxPoints: 10, factor: 2 },
    ] as const) {
      expect(evaluatePrices([schedule("only", 5_000, 0)], { formula, termMonths: 1 }, "EUR")[0]?.points).toBe(10);
    }
  });

  it("scores against the budget: full points under the target, none from the ceiling", () => {
    const rows = evaluatePrices(
      [schedule("under", 700, 0), schedule("between", 850, 0), schedule("over", 1_000, 0)],
      { formula: { kind: "BUDGET", maxPoints: 100, targetPrice: 800, ceilingPrice: 900 }, termMonths: 1 },
      "EUR",
    );
    expect(rows.map((row) => row.points)).toEqual([100, 50, 0]);
  });
});

/** The price part the final ranking and the executive review combine: 0–100 per vendor. */
function priceResults(schedules: readonly PriceSchedule[], settings: PriceEvaluationSettings, currency: string) {
  return evaluatePrices(schedules, settings, currency).map((row) => ({
    vendorId: row.vendorId,
    totalCost: row.total,
    score: priceScore(row, settings.formula),
  }));
}

describe("priceScore", () => {
  const settings = { formula: { kind: "RELATIVE" as const, maxPoints: 30 }, termMonths: 12 };
  it("scores the total cost over the term: lowest ÷ price, as a share of 100", () => {
    const results = priceResults(
      [
        { vendorId: "cheap", currency: "EUR", lines: [{ kind: "RECURRING", quantity: 1, unitPrice: 1000 }] },
        {
          vendorId: "dear",
          currency: "eur",
          lines: [
            { kind: "ONE_TIME", quantity: 1, unitPrice: 3000 },
            { kind: "RECURRING", quantity: 1, unitPrice: 1250 },
          ],
        },
        { vendorId: "dollars", currency: "USD", lines: [{ kind: "ONE_TIME", quantity: 1, unitPrice: 10 }] },
        { vendorId: "empty", currency: "EUR", lines: [] },
      ],
      settings,
      "EUR",
    );
    expect(results).toEqual([
      { vendorId: "cheap", totalCost: 12_000, score: 100 },
      { vendorId: "dear", totalCost: 18_000, score: (100 * 12_000) / 18_000 },
      { vendorId: "dollars", totalCost: null, score: null },
      { vendorId: "empty", totalCost: null, score: null },
    ]);
  });
  it("a logarithmic score below zero counts as zero", () => {
    const [, far] = priceResults(
      [
        { vendorId: "a", currency: "EUR", lines: [{ kind: "ONE_TIME", quantity: 1, unitPrice: 100 }] },
        { vendorId: "b", currency: "EUR", lines: [{ kind: "ONE_TIME", quantity: 1, unitPrice: 500 }] },
      ],
      { formula: { kind: "LOGARITHMIC", maxPoints: 10, factor: 2 }, termMonths: 1 },
      "EUR",
    );
    expect(far?.score).toBe(0);
  });
});

describe("describing the settings and problems", () => {
  it("says which formula, how many points and over which term", () => {
    expect(
      describePriceSettings({ formula: { kind: "LOGARITHMIC", maxPoints: 100, factor: 2 }, termMonths: 48 }, money),
    ).toBe("Logarithmic with a factor (factor 2), 100 points, total cost over 48 months");
  });

  it("explains a zero price without dividing by it", () => {
    expect(describePriceProblem({ kind: "ZERO_PRICE" }, money)).toMatch(/cannot be scored/);
  });
});

describe("checkRankReversals", () => {
  const prices = [
    { vendorId: "acme", total: 1_000_000 },
    { vendorId: "birch", total: 800_000 },
    { vendorId: "cobalt", total: 400_000 },
  ];
  const quality = new Map([
    ["acme", 80],
    ["birch", 72],
    ["cobalt", 40],
  ]);

  it("finds the reversal a relative formula causes when the cheapest bid is withdrawn", () => {
    const finding = checkRankReversals({ kind: "RELATIVE", maxPoints: 100 }, prices, quality, 0.3);
    expect(finding.kind).toBe("CHECKED");
    if (finding.kind !== "CHECKED") return;
    expect(finding.reversals).toHaveLength(1);
    expect(finding.reversals[0]).toMatchObject({
      withdrawnVendorId: "cobalt",
      aheadId: "acme",
      overtakenById: "birch",
    });
    const text = describeReversals(finding, "RELATIVE", (id) => id.toUpperCase());
    expect(text.happens).toBe(true);
    expect(text.details[0]).toContain("If COBALT withdrew, BIRCH (80.4) would overtake ACME (80.0)");
  });

  it("finds none with the logarithmic formula and explains why", () => {
    const finding = checkRankReversals({ kind: "LOGARITHMIC", maxPoints: 100, factor: 2 }, prices, quality, 0.3);
    const text = describeReversals(finding, "LOGARITHMIC", (id) => id);
    expect(text.happens).toBe(false);
    expect(text.summary).toMatch(/re-ranked the 3 bids.*does not depend on any other bid/);
  });

  it("needs three comparable bids and some price weight", () => {
    expect(checkRankReversals({ kind: "RELATIVE", maxPoints: 100 }, prices.slice(0, 2), quality, 0.3).kind).toBe(
      "TOO_FEW_BIDS",
    );
    expect(checkRankReversals({ kind: "RELATIVE", maxPoints: 100 }, prices, quality, 0).kind).toBe("NO_PRICE_WEIGHT");
  });

  it("leaves out bids without a valid price or without quality scores while others have them", () => {
    const finding = checkRankReversals(
      { kind: "RELATIVE", maxPoints: 100 },
      [...prices, { vendorId: "zero", total: 0 }, { vendorId: "unscored", total: 500_000 }],
      quality,
      0.3,
    );
    expect(finding.kind === "CHECKED" && finding.excludedVendorIds).toEqual(["zero", "unscored"]);
  });

  it("checks on price alone before any quality score is in", () => {
    const finding = checkRankReversals({ kind: "RELATIVE", maxPoints: 100 }, prices, new Map(), 0.3);
    expect(finding).toMatchObject({ kind: "CHECKED", basis: "PRICE_ONLY", reversals: [] });
  });
});

describe("price settings", () => {
  const settings = { formula: { kind: "RELATIVE" as const, maxPoints: 30 }, termMonths: 12 };
  it("reads only valid stored settings", () => {
    expect(readPriceSettings(settings)).toEqual(settings);
    expect(
      readPriceSettings({ formula: { kind: "LOGARITHMIC", maxPoints: 30, factor: 1 }, termMonths: 12 }),
    ).toBeNull();
    expect(readPriceSettings({ formula: { kind: "RELATIVE", maxPoints: 30 }, termMonths: 0 })).toBeNull();
    expect(readPriceSettings({ kind: "RELATIVE", maxPoints: 30 })).toBeNull();
    expect(readPriceSettings(null)).toBeNull();
    // The term within what a proposal may state; points as numbers, as the price page stores them.
    expect(readPriceSettings({ ...settings, termMonths: 601 })).toBeNull();
    expect(readPriceSettings({ ...settings, formula: { kind: "RELATIVE", maxPoints: "30" } })).toBeNull();
    expect(readPriceSettings({ ...settings, formula: { kind: "MAGIC", maxPoints: 30 } })).toBeNull();
  });
});
