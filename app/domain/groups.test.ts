import { describe, expect, it } from "vitest";
import { exampleCriteria, exampleEvaluators, exampleGroups, exampleScores, exampleVendors } from "./evaluation.fixture";
import { groupViews, midranks, ordinal, rankDifferenceSentence, restrictToEvaluators, spearmanRho } from "./groups";
import { buildScoreMatrix, type ConsensusEntry, scoringCriteria } from "./scoring";

function exampleMatrix(consensus: ConsensusEntry[] = []) {
  const result = buildScoreMatrix({
    vendorIds: exampleVendors,
    criteria: scoringCriteria(exampleCriteria),
    evaluatorIds: exampleEvaluators,
    scores: exampleScores,
    consensus,
  });
  if (!result.ok) throw new Error("invalid example");
  return result.matrix;
}

const cobaltIntegrationAgreed = [{ vendorId: "cobalt", criterionId: "integration", score: 3 }];

describe("groupViews on the example panel", () => {
  /*
   * IT = Ines + Olga, Finance = Farid (weights 30/30/30/10; technical 0–5, service 1–10).
   * IT:      Acme   integration 4.5 → 27, security 3 → 18, support 6.5 → 165/9, transition 6 → 50/9
   *                 = 620/9 ≈ 68.89
   *          Birch  5 → 30, 2.5 → 15, 8 → 210/9, 5 → 40/9                          = 655/9 ≈ 72.78
   *          Cobalt 1 → 6, 4 → 24, 7.5 → 195/9, 8 → 70/9                            = 535/9 ≈ 59.44
   *          → Birch, Acme, Cobalt
   * Finance: Acme   3 → 18, 3 → 18, 8 → 210/9, 6 → 50/9                             = 584/9 ≈ 64.89
   *          Birch  4 → 24, 4 → 24, 8 → 210/9, transition not scored: 642/9 on 90% of the weight
   *                 → 642/9 × 100/90 = 6420/81 ≈ 79.26
   *          Cobalt 4 → 24, 5 → 30, 6 → 150/9, 8 → 70/9                              = 706/9 ≈ 78.44
   *          → Birch, Cobalt, Acme
   * Spearman: rank differences 0, 1, 1 → ρ = 1 − 6 × 2 / (3 × 8) = 0.5.
   */
  const views = groupViews(exampleMatrix(cobaltIntegrationAgreed), exampleGroups);
  const [it_, finance] = views.groups;

  it("computes each group's weighted totals from its own evaluators", () => {
    expect(views.groups.map((view) => [view.group, view.evaluatorIds])).toEqual([
      ["IT", ["ines", "olga"]],
      ["Finance", ["farid"]],
    ]);
    const itTotals = it_?.totals.map((row) => row.total ?? Number.NaN) ?? [];
    for (const [index, expected] of [620 / 9, 655 / 9, 535 / 9].entries()) {
      expect(itTotals[index]).toBeCloseTo(expected, 10);
    }
    const financeTotals = finance?.totals.map((row) => row.total ?? Number.NaN) ?? [];
    for (const [index, expected] of [584 / 9, 6420 / 81, 706 / 9].entries()) {
      expect(financeTotals[index]).toBeCloseTo(expected, 10);
    }
    expect(finance?.totals[1]?.coverage).toBeCloseTo(0.9, 12);
  });

  it("ranks the vendors per group and compares the groups with Spearman's rho", () => {
    expect(it_?.totals.map((row) => row.rank)).toEqual([2, 1, 3]);
    expect(finance?.totals.map((row) => row.rank)).toEqual([3, 1, 2]);
    expect(views.comparisons).toHaveLength(1);
    expect(views.comparisons[0]?.groups).toEqual(["IT", "Finance"]);
    expect(views.comparisons[0]?.rho).toBeCloseTo(0.5, 12);
    expect(views.comparisons[0]?.vendorsCompared).toBe(3);
  });

  it("lists each vendor's rank per group and says where they differ", () => {
    expect(views.vendors.map((row) => [row.vendorId, row.ranks.map((entry) => entry.rank), row.rankSpread])).toEqual([
      ["acme", [2, 3], 1],
      ["birch", [1, 1], 0],
      ["cobalt", [3, 2], 1],
    ]);
    const [acme, birch, cobalt] = views.vendors;
    expect(cobalt && rankDifferenceSentence(cobalt, "Cobalt")).toBe("Finance ranks Cobalt second, IT ranks it third.");
    expect(acme && rankDifferenceSentence(acme, "Acme")).toBe("IT ranks Acme second, Finance ranks it third.");
    expect(birch && rankDifferenceSentence(birch, "Birch")).toBeNull();
  });

  it("ignores consensus scores unless asked: the view is about how the groups scored", () => {
    // With the agreed 3 on Cobalt's integration (0.6 → 18 instead of IT's 6): 535/9 + 12 = 643/9.
    const withConsensus = groupViews(exampleMatrix(cobaltIntegrationAgreed), exampleGroups, { keepConsensus: true });
    expect(withConsensus.groups[0]?.totals[2]?.total).toBeCloseTo(643 / 9, 10);
    expect(withConsensus.groups[0]?.totals.map((row) => row.rank)).toEqual([3, 1, 2]);
  });
});

describe("groupViews edge cases", () => {
  it("leaves out evaluators without a group and members not on the panel", () => {
    const views = groupViews(exampleMatrix(), [
      { evaluatorId: "ines", group: "IT" },
      { evaluatorId: "ghost", group: "Legal" },
    ]);
    expect(views.groups.map((view) => view.group)).toEqual(["IT"]);
    expect(views.comparisons).toEqual([]);
    expect(views.vendors[0]?.rankSpread).toBeNull();
  });

  it("compares only vendors both groups ranked", () => {
    // Farid alone, without his scores of Acme: Acme has no Finance total.
    const result = buildScoreMatrix({
      vendorIds: exampleVendors,
      criteria: scoringCriteria(exampleCriteria),
      evaluatorIds: exampleEvaluators,
      scores: exampleScores.filter((entry) => !(entry.evaluatorId === "farid" && entry.vendorId === "acme")),
    });
    if (!result.ok) throw new Error("invalid");
    const views = groupViews(result.matrix, exampleGroups);
    expect(views.groups[1]?.totals[0]).toMatchObject({ total: null, rank: null });
    // Birch and Cobalt: IT 1, 3 → 1, 2; Finance 1, 2: same order.
    expect(views.comparisons[0]).toMatchObject({ rho: 1, vendorsCompared: 2 });
    expect(views.vendors[0]?.rankSpread).toBeNull();
  });

  it("restricts a matrix to some evaluators, keeping the matrix's order", () => {
    const restricted = restrictToEvaluators(exampleMatrix(cobaltIntegrationAgreed), ["olga", "ines"]);
    expect(restricted.evaluatorIds).toEqual(["ines", "olga"]);
    expect(restricted.scores[1]?.[3]).toEqual([4, 6]);
    expect(restricted.consensus[2]?.[0]).toBeNull();
    expect(
      restrictToEvaluators(exampleMatrix(cobaltIntegrationAgreed), [], { keepConsensus: true }).consensus[2]?.[0],
    ).toBe(3);
  });
});

describe("spearmanRho", () => {
  it("is 1 for the same order and −1 for the reverse", () => {
    expect(spearmanRho([10, 20, 30], [1, 2, 3])).toBe(1);
    expect(spearmanRho([10, 20, 30], [3, 2, 1])).toBe(-1);
  });

  it("matches 1 − 6Σd²/(n(n² − 1)) without ties", () => {
    // Two adjacent swaps: Σd² = 4, n = 5 → 1 − 24/120 = 0.8.
    expect(spearmanRho([10, 20, 30, 40, 50], [20, 10, 30, 50, 40])).toBeCloseTo(0.8, 12);
  });

  it("uses midranks for ties", () => {
    // Ranks (4, 3, 2, 1) against (3.5, 3.5, 2, 1): covariance 4.5, variances 5 and 4.5.
    expect(spearmanRho([1, 2, 3, 4], [1, 1, 2, 3])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
  });

  it("is undefined for fewer than two vendors or a group that sees no difference", () => {
    expect(spearmanRho([1], [1])).toBeNull();
    expect(spearmanRho([], [])).toBeNull();
    expect(spearmanRho([1, 2, 3], [5, 5, 5])).toBeNull();
  });
});

describe("midranks and ordinals", () => {
  it("gives tied scores the mean of their places", () => {
    expect(midranks([5, 7, 7, 1])).toEqual([3, 1.5, 1.5, 4]);
  });

  it("spells out places", () => {
    expect([1, 2, 3, 10, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      "first",
      "second",
      "third",
      "tenth",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "23rd",
      "101st",
      "111th",
    ]);
  });

  it("marks a shared place", () => {
    const sentence = rankDifferenceSentence(
      {
        vendorId: "v",
        ranks: [
          { group: "IT", rank: 1, tied: true },
          { group: "Legal", rank: 4, tied: false },
        ],
        rankSpread: 3,
      },
      "Vela",
    );
    expect(sentence).toBe("IT ranks Vela first (tied), Legal ranks it fourth.");
  });
});
