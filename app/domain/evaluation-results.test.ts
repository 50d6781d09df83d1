import { describe, expect, it } from "vitest";
import { exampleCriteria, exampleEvaluators, exampleGroups, exampleScores, exampleVendors } from "./evaluation.fixture";
import { computeResults, priceShareOf, type ResultsInput, resultsPageView } from "./evaluation-results";
import type { ScaledCriterionNode, VendorTotal } from "./scoring";

function input(overrides: Partial<ResultsInput> = {}): ResultsInput {
  return {
    criteria: exampleCriteria,
    vendorIds: exampleVendors,
    evaluators: exampleGroups.map((entry) => ({ id: entry.evaluatorId, group: entry.group })),
    scores: exampleScores,
    consensus: [],
    priceShares: null,
    ...overrides,
  };
}

function totals(result: ReturnType<typeof computeResults>, which: "quality" | "combined" = "quality") {
  if (!result.ok) throw new Error(result.errors.join(" "));
  return (result.view[which] ?? []).map((row) => [
    row.vendorId,
    row.total === null ? null : round(row.total),
    row.rank,
  ]);
}

const round = (value: number) => Math.round(value * 100) / 100;

/** The example tree with a Price criterion of 25% beside Technical and Service (rescaled). */
const withPrice: ScaledCriterionNode[] = [
  ...exampleCriteria.map((node) =>
    node.parentId === null ? { ...node, weight: node.id === "technical" ? 45 : 30 } : node,
  ),
  { id: "price", parentId: null, name: "Price", weight: 25, stage: "PRICE", position: 2, scaleMin: 0, scaleMax: 1 },
];

describe("computeResults", () => {
  it("weights the written criteria by their effective weights (the worked example)", () => {
    // Acme: 30 × 4/5 + 30 × 3/5 + 30 × 6/9 + 10 × 5/9 = 608/9 (as in scoring.test.ts).
    expect(totals(computeResults(input(), "raw"))).toEqual([
      ["acme", 67.56, 2],
      ["birch", 73.78, 1],
      ["cobalt", 65.78, 3],
    ]);
  });

  it("normalizes per evaluator only when asked, and reports how each evaluator was treated", () => {
    const raw = computeResults(input(), "raw");
    const normalized = computeResults(input(), "normalized");
    expect(raw.ok && raw.view.calibration).toBeNull();
    expect(normalized.ok && normalized.view.calibration?.map((row) => row.evaluatorId)).toEqual(exampleEvaluators);
    expect(totals(normalized)).not.toEqual(totals(raw));
  });

  it("combines quality and price by the tree's weights, and does not rank a vendor without a valid price", () => {
    const shares = new Map<string, number | null>([
      ["acme", 1],
      ["birch", 0.5],
      ["cobalt", null],
    ]);
    const result = computeResults(input({ criteria: withPrice, priceShares: shares }), "raw");
    if (!result.ok) throw new Error("failed");
    expect(result.view.priceShare).toBeCloseTo(0.25, 10);
    const combined = totals(result, "combined");
    // Quality is unchanged by adding price (same relative weights of the written criteria).
    expect(totals(result)).toEqual(totals(computeResults(input(), "raw")));
    // acme 0.75 × 608/9 + 25 = 75.67; birch 0.75 × 664/9 + 12.5 = 67.83: price reverses the order.
    expect(combined).toEqual([
      ["acme", 75.67, 1],
      ["birch", 67.83, 2],
      ["cobalt", null, null],
    ]);
    expect(result.view.unpricedVendorIds).toEqual(["cobalt"]);
    expect(result.view.sensitivityTable.vendorIds).toEqual(["acme", "birch"]);
  });

  it("ignores price while prices are not part of the results", () => {
    const result = computeResults(input({ criteria: withPrice, priceShares: null }), "raw");
    expect(result.ok && result.view.combined).toBeNull();
    expect(result.ok && result.view.topLevel.map((criterion) => criterion.id)).toEqual(["technical", "service"]);
  });

  it("lets a consensus score replace the individual scores of its item", () => {
    const result = computeResults(
      input({ consensus: [{ vendorId: "cobalt", criterionId: "integration", score: 5 }] }),
      "raw",
    );
    // Cobalt integration mean 2 → 5 (of 5): +0.6 × 30 = +18 points.
    expect(totals(result)[2]).toEqual(["cobalt", 83.78, 1]);
  });

  it("reports scores that cannot be combined instead of guessing", () => {
    const result = computeResults(
      input({
        scores: [...exampleScores, { vendorId: "acme", criterionId: "security", evaluatorId: "ines", score: 9 }],
      }),
      "raw",
    );
    expect(result.ok).toBe(false);
  });

  it("computes the price share of the tree", () => {
    expect(priceShareOf(withPrice)).toBeCloseTo(0.25, 10);
    expect(priceShareOf(exampleCriteria)).toBe(0);
  });
});

describe("resultsPageView", () => {
  it("keeps what the results page draws and leaves the per-item data on the server", () => {
    const shares = new Map<string, number | null>(exampleVendors.map((id, index) => [id, index === 0 ? null : 0.8]));
    const result = computeResults(input({ criteria: withPrice, priceShares: shares }), "normalized");
    if (!result.ok) throw new Error(result.errors.join(" "));
    const { view } = result;
    const page = resultsPageView(view);
    // Every total as computed, without the per-leaf contributions and missing criteria.
    const sameTotals = (rows: readonly VendorTotal[] | null) =>
      rows?.map(({ contributions: _contributions, missingCriterionIds: _missing, ...kept }) => kept) ?? null;
    expect(page.quality).toEqual(sameTotals(view.quality));
    expect(page.combined).toEqual(sameTotals(view.combined));
    expect(page.combined).not.toBeNull();
    expect(page.vendorIds).toEqual(view.matrix.vendorIds);
    expect(page.unpricedVendorIds).toEqual([exampleVendors[0]]);
    expect(page.groups.vendors).toEqual(view.groups.vendors);
    expect(page.groups.groups).toEqual(
      view.groups.groups.map((group) => ({ group: group.group, evaluatorIds: group.evaluatorIds })),
    );
    expect(page).toMatchObject({
      method: "normalized",
      topLevel: view.topLevel,
      profile: view.profile,
      calibration: view.calibration,
      priceShares: view.priceShares,
    });
    for (const dropped of ["statistics", "matrix", "sensitivityTable", "attainment"])
      expect(page).not.toHaveProperty(dropped);
    expect(JSON.stringify(page).length).toBeLessThan(JSON.stringify(view).length / 2);
  });
});
