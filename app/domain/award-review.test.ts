import { describe, expect, it } from "vitest";
import { executiveReview, parseStageWeights, type ReviewFacts } from "./award-review";

/** Written: one leaf on 0–5; oral: one leaf on 0–5; price: the relative formula over 12 months. */
function facts(overrides: Partial<ReviewFacts> = {}): ReviewFacts {
  const criteria = [
    {
      id: "w",
      parentId: null,
      name: "Quality",
      weight: 50,
      stage: "WRITTEN" as const,
      position: 0,
      scaleMin: 0,
      scaleMax: 5,
    },
    {
      id: "o",
      parentId: null,
      name: "Interview",
      weight: 20,
      stage: "ORAL" as const,
      position: 1,
      scaleMin: 0,
      scaleMax: 5,
    },
    {
      id: "p",
      parentId: null,
      name: "Price",
      weight: 30,
      stage: "PRICE" as const,
      position: 2,
      scaleMin: 0,
      scaleMax: 5,
    },
  ];
  const written = { a: [5, 5], b: [4, 4], c: [2, 3] } as const;
  const oral = { a: [5, 4], b: [4, 4], c: [2, 2] } as const;
  const monthly = { a: 1000, b: 900, c: 1200 } as const;
  const ids = ["a", "b", "c"] as const;
  return {
    criteria,
    vendors: ids.map((id) => ({ id, name: `Vendor ${id.toUpperCase()}` })),
    writtenScores: ids.flatMap((id) =>
      written[id].map((score, e) => ({ vendorId: id, criterionId: "w", evaluatorId: `m${e}`, score })),
    ),
    consensus: [],
    oralScores: ids.flatMap((id) =>
      oral[id].map((score, e) => ({ vendorId: id, criterionId: "o", evaluatorId: `m${e}`, score })),
    ),
    prices: ids.map((id) => ({
      vendorId: id,
      currency: "EUR",
      termMonths: 12,
      lines: [{ kind: "RECURRING" as const, quantity: 1, unitPrice: monthly[id] }],
    })),
    priceSettings: { formula: { kind: "RELATIVE", maxPoints: 100 }, termMonths: 12 },
    finalWeights: { WRITTEN: 50, ORAL: 20, PRICE: 30 },
    panelRankings: [
      { panelMemberId: "m0", tiers: [["a"], ["b"], ["c"]] },
      { panelMemberId: "m1", tiers: [["a"], ["b"], ["c"]] },
      { panelMemberId: "m2", tiers: [["b"], ["a"], ["c"]] },
    ],
    budget: 12_000,
    currency: "EUR",
    compliance: [],
    limitations: [],
    conflicts: [],
    overrides: [],
    ...overrides,
  };
}

describe("executiveReview", () => {
  it("combines written, oral and price parts with the final weights and names winner and runner-up", () => {
    const review = executiveReview(facts());
    if (!review.ranking.ok) throw new Error(review.ranking.problems.join(" "));
    const [first, second] = review.ranking.rows;
    // A: written 100, oral 90, price 900/1000 × 100 = 90 → 50 + 18 + 27 = 95.
    expect(first).toMatchObject({ vendorId: "a", place: 1 });
    expect(first?.total).toBeCloseTo(95, 6);
    // B: written 80, oral 80, price 100 → 40 + 16 + 30 = 86.
    expect(second?.total).toBeCloseTo(86, 6);
    expect([review.recommendedId, review.runnerUpId, review.margin]).toEqual(["a", "b", 9]);
    expect(review.weightsSource).toBe("FINAL");
    expect(review.notes).toEqual([]);
  });

  it("uses the consensus score of an item instead of the panel's mean", () => {
    const review = executiveReview(facts({ consensus: [{ vendorId: "b", criterionId: "w", score: 5 }] }));
    if (!review.ranking.ok) throw new Error("no ranking");
    expect(review.ranking.rows.find((row) => row.vendorId === "b")?.parts.WRITTEN.score).toBeCloseTo(100, 6);
  });

  it("reads panel agreement in plain words and the ranking's stability from the sensitivity analysis", () => {
    const review = executiveReview(facts());
    expect(review.agreement.rankings).toBe(3);
    expect(review.agreement.summary).toMatch(/^The panel shows .* agreement \(W = 0\.\d\d\)/);
    expect(review.stability.tippingPoint?.part).toBe("PRICE");
    expect(review.stability.tippingPoint?.challengerIds).toEqual(["b"]);
    expect(review.stability.summary).toContain("Vendor A stays first unless the price weight moves from 30%");
    expect(review.stability.probabilityFirst).toBeGreaterThan(0.9);
  });

  it("falls back to the criteria tree's shares and the relative formula, and says so", () => {
    const review = executiveReview(facts({ finalWeights: null, priceSettings: null }));
    expect(review.weights).toEqual({ WRITTEN: 50, ORAL: 20, PRICE: 30 });
    expect(review.weightsSource).toBe("CRITERIA");
    expect(review.notes).toHaveLength(2);
    expect(review.price.termMonths).toBe(12);
  });

  it("reports what stops the ranking instead of guessing (a part with weight but no scores)", () => {
    const review = executiveReview(facts({ oralScores: [] }));
    expect(review.ranking.ok).toBe(false);
    if (review.ranking.ok) return;
    expect(review.ranking.problems).toContain("Vendor A has no oral result yet.");
    expect(review.risks[0]).toMatchObject({ level: "HIGH" });
    expect(review.recommendedId).toBeNull();
  });

  it("computes no price part from prices in several currencies", () => {
    const mixed = facts().prices.map((price, index) => (index === 0 ? { ...price, currency: "USD" } : price));
    const review = executiveReview(facts({ prices: mixed }));
    expect(review.ranking.ok).toBe(false);
    expect(review.notes.join(" ")).toContain("more than one currency");
  });

  it("names the main risks for the winner: budget, compliance, conflicts, limitations, ties", () => {
    const review = executiveReview(
      facts({
        budget: 10_000,
        compliance: [{ vendorId: "a", code: "R-01", text: "ISO 27001", kind: "FAILED" }],
        conflicts: [{ vendorId: "a", memberName: "Paul", decision: "PENDING", note: "" }],
        limitations: [{ vendorId: "a", text: "No weekend cover." }],
        overrides: [{ vendorId: "a", kind: "BROUGHT_IN", text: "below the line" }],
      }),
    );
    const texts = review.risks.map((risk) => `${risk.level}: ${risk.text}`);
    expect(texts).toEqual(
      expect.arrayContaining([
        "HIGH: Vendor A's total cost over 12 months is 20.0% over budget.",
        "HIGH: Vendor A does not fully meet 1 mandatory requirement(s): R-01.",
        "HIGH: 1 declared conflict(s) of interest about Vendor A are undecided.",
        "MEDIUM: Vendor A states 1 limitation(s) to resolve in negotiation: No weekend cover.",
        "MEDIUM: Vendor A was below the shortlist line and brought in anyway.",
      ]),
    );
    const tied = executiveReview(
      facts({
        writtenScores: [],
        oralScores: [],
        finalWeights: { WRITTEN: 0, ORAL: 0, PRICE: 100 },
        prices: facts().prices.map((price) => ({
          ...price,
          lines: [{ kind: "RECURRING", quantity: 1, unitPrice: 100 }],
        })),
      }),
    );
    expect(tied.tiedFirst).toEqual(["a", "b", "c"]);
    expect(tied.risks[0]?.text).toContain("share first place");
  });

  it("warns when nobody has ranked the vendors yet", () => {
    const review = executiveReview(facts({ panelRankings: [] }));
    expect(review.agreement.concordance).toBeNull();
    expect(review.risks.map((risk) => risk.text)).toContain(
      "No panel member has submitted a final ranking of the interviewed vendors.",
    );
  });
});

describe("stored settings", () => {
  it("reads the price settings as the price page stores them, and says so when they are unusable", () => {
    const fixed = executiveReview(
      facts({ priceSettings: { formula: { kind: "LINEAR", maxPoints: 40 }, termMonths: 24 } }),
    );
    expect(fixed.notes.join(" ")).not.toContain("No price formula was fixed");
    // Not the stored shape (a bare formula), or not a valid formula: scored by the relative default, with a note.
    for (const priceSettings of [
      { kind: "RELATIVE", maxPoints: 100 },
      { formula: { kind: "MAGIC", maxPoints: 100 }, termMonths: 12 },
    ]) {
      const review = executiveReview(facts({ priceSettings }));
      expect(review.notes).toContain(
        "No price formula was fixed; price is scored lowest ÷ price (the relative formula).",
      );
    }
  });

  it("reads final weights only when all three parts are numbers", () => {
    expect(parseStageWeights({ WRITTEN: 60, ORAL: 10, PRICE: 30 })).toEqual({ WRITTEN: 60, ORAL: 10, PRICE: 30 });
    expect(parseStageWeights({ WRITTEN: 60, ORAL: "10", PRICE: 30 })).toBeNull();
    expect(parseStageWeights([])).toBeNull();
  });
});
