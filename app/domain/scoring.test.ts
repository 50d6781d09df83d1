import { describe, expect, it } from "vitest";
import { exampleCriteria, exampleEvaluators, exampleScores, exampleVendors } from "./evaluation.fixture";
import {
  buildScoreMatrix,
  competitionRanks,
  DISAGREEMENT_RULES,
  describeScoreMatrixError,
  disagreementFlags,
  inclusiveZ,
  itemStatistics,
  leaveOneOutZ,
  maxInclusiveZ,
  type ScoreEntry,
  type ScoreMatrix,
  type ScoringCriterion,
  scoreTable,
  scoringCriteria,
  scoringCriteriaByStage,
  sortByRank,
  summarize,
  weightedTotals,
} from "./scoring";

const criteria = scoringCriteria(exampleCriteria);

function matrixOf(input: Partial<Parameters<typeof buildScoreMatrix>[0]> = {}): ScoreMatrix {
  const result = buildScoreMatrix({
    vendorIds: exampleVendors,
    criteria,
    evaluatorIds: exampleEvaluators,
    scores: exampleScores,
    ...input,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.matrix;
}

function totalsOf(matrix: ScoreMatrix) {
  return Object.fromEntries(weightedTotals(scoreTable(matrix)).map((row) => [row.vendorId, row]));
}

function criterion(id: string, weight: number, scaleMin = 0, scaleMax = 5): ScoringCriterion {
  return { id, weight, scaleMin, scaleMax, topLevelId: id };
}

describe("scoringCriteria", () => {
  it("lists the leaves with effective weights, scales and their top-level criterion", () => {
    expect(criteria).toEqual([
      { id: "integration", weight: 30, scaleMin: 0, scaleMax: 5, topLevelId: "technical" },
      { id: "security", weight: 30, scaleMin: 0, scaleMax: 5, topLevelId: "technical" },
      { id: "support", weight: 30, scaleMin: 1, scaleMax: 10, topLevelId: "service" },
      { id: "transition", weight: 10, scaleMin: 1, scaleMax: 10, topLevelId: "service" },
    ]);
  });

  it("keeps only the leaves of the requested stage", () => {
    expect(scoringCriteria(exampleCriteria, "ORAL")).toEqual([]);
    expect(scoringCriteria(exampleCriteria, "WRITTEN")).toHaveLength(4);
  });

  it("lists every stage's leaves at once as it lists them stage by stage", () => {
    const mixed = exampleCriteria.map((node) =>
      node.id === "transition"
        ? { ...node, stage: "ORAL" as const }
        : node.id === "security"
          ? { ...node, stage: "PRICE" as const }
          : node,
    );
    const byStage = scoringCriteriaByStage(mixed);
    for (const stage of ["WRITTEN", "ORAL", "PRICE"] as const) {
      expect(byStage[stage]).toEqual(scoringCriteria(mixed, stage));
      expect(byStage[stage]).toHaveLength(stage === "WRITTEN" ? 2 : 1);
    }
  });
});

describe("buildScoreMatrix", () => {
  it("indexes scores by vendor, criterion and evaluator, null where not scored", () => {
    const matrix = matrixOf();
    expect(matrix.scores[0]?.[0]).toEqual([4, 3, 5]);
    expect(matrix.scores[1]?.[3]).toEqual([4, null, 6]);
    expect(matrix.consensus[2]?.[0]).toBeNull();
  });

  it("reports every inconsistency instead of guessing", () => {
    const result = buildScoreMatrix({
      vendorIds: ["v1", "v1"],
      criteria: [criterion("c1", 50), criterion("c2", -1), { ...criterion("c3", 50), scaleMax: 0 }],
      evaluatorIds: ["e1"],
      scores: [
        { vendorId: "v1", criterionId: "c1", evaluatorId: "e1", score: 6 },
        { vendorId: "v1", criterionId: "c1", evaluatorId: "e1", score: Number.NaN },
        { vendorId: "v1", criterionId: "c2", evaluatorId: "e1", score: 2 },
        { vendorId: "v1", criterionId: "c2", evaluatorId: "e1", score: 3 },
        { vendorId: "v9", criterionId: "c1", evaluatorId: "e1", score: 2 },
        { vendorId: "v9", criterionId: "c1", evaluatorId: "e1", score: 2 },
        { vendorId: "v1", criterionId: "c1", evaluatorId: "e9", score: 2 },
      ],
      consensus: [
        { vendorId: "v1", criterionId: "c1", score: 4 },
        { vendorId: "v1", criterionId: "c1", score: 4 },
        { vendorId: "v1", criterionId: "c2", score: 5.5 },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { kind: "DUPLICATE_ID", of: "vendor", id: "v1" },
      { kind: "INVALID_WEIGHT", criterionId: "c2" },
      { kind: "INVALID_SCALE", criterionId: "c3" },
      { kind: "OUT_OF_SCALE", vendorId: "v1", criterionId: "c1", evaluatorId: "e1", score: 6 },
      { kind: "OUT_OF_SCALE", vendorId: "v1", criterionId: "c1", evaluatorId: "e1", score: Number.NaN },
      { kind: "DUPLICATE_SCORE", vendorId: "v1", criterionId: "c2", evaluatorId: "e1" },
      { kind: "UNKNOWN_ID", of: "vendor", id: "v9" },
      { kind: "UNKNOWN_ID", of: "evaluator", id: "e9" },
      { kind: "DUPLICATE_SCORE", vendorId: "v1", criterionId: "c1", evaluatorId: null },
      { kind: "OUT_OF_SCALE", vendorId: "v1", criterionId: "c2", evaluatorId: null, score: 5.5 },
    ]);
    const names: Record<string, string> = { v1: "Acme", c1: "Security", e1: "Ines" };
    const messages = result.errors.map((error) => describeScoreMatrixError(error, (id) => names[id] ?? id));
    expect(messages).toContain("Ines gave Acme 6 on Security, outside its scale.");
    expect(messages).toContain("The consensus scored Acme on Security twice.");
    expect(messages).toContain("c3 needs a scale whose top is above its bottom.");
  });

  it("skips entries of unlisted vendors, criteria or evaluators when asked, and still checks the rest", () => {
    const result = buildScoreMatrix({
      vendorIds: ["v1"],
      criteria: [criterion("c1", 100)],
      evaluatorIds: ["e1", "e2"],
      scores: [
        { vendorId: "v9", criterionId: "c1", evaluatorId: "e1", score: 2 },
        { vendorId: "v1", criterionId: "oral", evaluatorId: "e1", score: 2 },
        { vendorId: "v1", criterionId: "c1", evaluatorId: "e9", score: 2 },
        { vendorId: "v1", criterionId: "c1", evaluatorId: "e1", score: 4 },
        { vendorId: "v1", criterionId: "c1", evaluatorId: "e2", score: 9 },
      ],
      consensus: [{ vendorId: "v9", criterionId: "c1", score: 1 }],
      ignoreUnknownIds: true,
    });
    expect(result).toEqual({
      ok: false,
      errors: [{ kind: "OUT_OF_SCALE", vendorId: "v1", criterionId: "c1", evaluatorId: "e2", score: 9 }],
    });
    const clean = buildScoreMatrix({
      vendorIds: ["v1"],
      criteria: [criterion("c1", 100)],
      evaluatorIds: ["e1"],
      scores: [
        { vendorId: "v9", criterionId: "c1", evaluatorId: "e1", score: 2 },
        { vendorId: "v1", criterionId: "c1", evaluatorId: "e1", score: 4 },
      ],
      ignoreUnknownIds: true,
    });
    expect(clean.ok && clean.matrix.scores).toEqual([[[4]]]);
  });
});

describe("summarize", () => {
  it("gives count, mean, min, max, range and the sample standard deviation", () => {
    // [1, 4, 1]: mean 2; squared deviations 1 + 4 + 1 = 6; sample variance 6 / 2 = 3.
    const summary = summarize([1, 4, 1]);
    expect(summary).toMatchObject({ count: 3, mean: 2, min: 1, max: 4, range: 3 });
    expect(summary.standardDeviation).toBeCloseTo(Math.sqrt(3), 12);
  });

  it("has no standard deviation for one score and nothing at all for none", () => {
    expect(summarize([3])).toEqual({ count: 1, mean: 3, min: 3, max: 3, range: 0, standardDeviation: null });
    expect(summarize([])).toEqual({
      count: 0,
      mean: null,
      min: null,
      max: null,
      range: null,
      standardDeviation: null,
    });
  });
});

describe("z-scores within an item", () => {
  it("bounds the z-score of a score within its own sample by (n − 1)/√n", () => {
    // The bound is reached when all scores but one are equal.
    for (let count = 2; count <= 9; count++) {
      const scores = [...Array.from({ length: count - 1 }, () => 0), 1];
      expect(inclusiveZ(scores, count - 1)).toBeCloseTo(maxInclusiveZ(count), 12);
    }
    expect(maxInclusiveZ(3)).toBeCloseTo(1.1547, 4);
    expect(maxInclusiveZ(5)).toBeCloseTo(1.7889, 4);
    expect(maxInclusiveZ(6)).toBeCloseTo(2.0412, 4);
  });

  it("never exceeds the bound on any sample", () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % 6;
    };
    for (let trial = 0; trial < 500; trial++) {
      const scores = Array.from({ length: 2 + (trial % 6) }, next);
      scores.forEach((_, index) => {
        const z = inclusiveZ(scores, index);
        if (z !== null) expect(Math.abs(z)).toBeLessThanOrEqual(maxInclusiveZ(scores.length) + 1e-12);
      });
    }
  });

  it("so with five evaluators a lone dissenter is invisible to an inclusive z but not to the leave-one-out z", () => {
    const scores = [0, 0, 0, 0, 5];
    expect(inclusiveZ(scores, 4)).toBeCloseTo(1.7889, 4);
    // Against the others: mean 0, sd 0 → one point of scale → z = 5.
    expect(leaveOneOutZ(scores, 4)).toBe(5);
  });

  it("measures a score against the mean and sd of the other scores", () => {
    // Others [3, 5]: mean 4, sd √2. Without the floor z = 4 / √2 = 2.828.
    expect(leaveOneOutZ([3, 5, 8], 2, 0)).toBeCloseTo(4 / Math.sqrt(2), 12);
    // With the one-point floor the denominator stays √2 (above 1).
    expect(leaveOneOutZ([3, 5, 8], 2)).toBeCloseTo(4 / Math.sqrt(2), 12);
    // Others [3, 4]: sd 0.707 is floored at 1 → z = (5 − 3.5) / 1.
    expect(leaveOneOutZ([3, 4, 5], 2)).toBe(1.5);
  });

  it("needs two other scores", () => {
    expect(leaveOneOutZ([1, 5], 1)).toBeNull();
    expect(leaveOneOutZ([4, 4, 4], 0, 0)).toBeNull();
  });
});

describe("disagreementFlags", () => {
  const zeroToFive = { scaleMin: 0, scaleMax: 5 };
  const oneToTen = { scaleMin: 1, scaleMax: 10 };
  const three = ["a", "b", "c"];

  it("flags a range of at least half the scale span", () => {
    // 0–4: span 4, threshold 2.
    const zeroToFour = { scaleMin: 0, scaleMax: 4 };
    expect(disagreementFlags([1, 3], ["a", "b"], zeroToFour)).toEqual([{ kind: "RANGE", range: 2, threshold: 2 }]);
    expect(disagreementFlags([1, 2.5], ["a", "b"], zeroToFour)).toEqual([]);
    // 1–10: span 9, threshold 4.5.
    expect(disagreementFlags([3, 7], ["a", "b"], oneToTen)).toEqual([]);
    expect(disagreementFlags([3, 8], ["a", "b"], oneToTen)).toEqual([{ kind: "RANGE", range: 5, threshold: 4.5 }]);
  });

  it("flags an evaluator strictly beyond ±2 from the others", () => {
    // Others [4, 4, 4]: sd 0 → one point. 2 is exactly z = −2 (not beyond); 1 is z = −3.
    expect(disagreementFlags([4, 4, 4, 2], ["a", "b", "c", "d"], { scaleMin: 0, scaleMax: 10 })).toEqual([]);
    expect(disagreementFlags([4, 4, 4, 1], ["a", "b", "c", "d"], { scaleMin: 0, scaleMax: 10 })).toEqual([
      { kind: "OUTLIER", evaluatorId: "d", score: 1, z: -3 },
    ]);
  });

  it("catches one dissenter against a tight panel that the range rule misses", () => {
    // 1–10: range 4 < 4.5, but 4 against [7, 7, 8, 8] (mean 7.5, sd 0.577 → 1) is z = −3.5.
    const flags = disagreementFlags([7, 7, 8, 8, 4], ["a", "b", "c", "d", "e"], oneToTen);
    expect(flags).toEqual([{ kind: "OUTLIER", evaluatorId: "e", score: 4, z: -3.5 }]);
  });

  it("does not flag an ordinary spread of three evaluators", () => {
    expect(disagreementFlags([3, 4, 5], three, zeroToFive)).toEqual([]);
  });

  it("ignores evaluators who did not score and needs two scores", () => {
    expect(disagreementFlags([null, 5, null], three, zeroToFive)).toEqual([]);
    expect(disagreementFlags([0, null, 5], three, zeroToFive)).toEqual([{ kind: "RANGE", range: 5, threshold: 2.5 }]);
  });

  it("takes other thresholds", () => {
    const rules = { ...DISAGREEMENT_RULES, rangeShareOfSpan: 0.3 };
    expect(disagreementFlags([2, 4], ["a", "b"], zeroToFive, rules)).toEqual([
      { kind: "RANGE", range: 2, threshold: 1.5 },
    ]);
  });
});

describe("itemStatistics on the example panel", () => {
  const stats = itemStatistics(matrixOf({ consensus: [{ vendorId: "cobalt", criterionId: "integration", score: 3 }] }));

  it("summarises each item and flags Cobalt's integration and support", () => {
    const cobaltIntegration = stats[2]?.[0];
    // [1, 4, 1] on 0–5: range 3 ≥ 2.5; Farid's 4 against [1, 1] (sd 0 → 1) is z = 3.
    expect(cobaltIntegration).toMatchObject({ count: 3, mean: 2, range: 3, consensus: 3, value: 3 });
    expect(cobaltIntegration?.flags).toEqual([
      { kind: "RANGE", range: 3, threshold: 2.5 },
      { kind: "OUTLIER", evaluatorId: "farid", score: 4, z: 3 },
    ]);
    // [6, 6, 9] on 1–10: range 3 < 4.5, but Olga's 9 against [6, 6] is z = 3.
    expect(stats[2]?.[2]?.flags).toEqual([{ kind: "OUTLIER", evaluatorId: "olga", score: 9, z: 3 }]);
  });

  it("counts only the scores given", () => {
    const birchTransition = stats[1]?.[3];
    expect(birchTransition).toMatchObject({ count: 2, mean: 5, min: 4, max: 6, consensus: null, value: 5 });
    expect(birchTransition?.standardDeviation).toBeCloseTo(Math.SQRT2, 12);
    expect(birchTransition?.flags).toEqual([]);
  });

  it("leaves agreeing items unflagged", () => {
    const flagged = stats.flat().filter((item) => item.flags.length > 0);
    expect(flagged.map((item) => `${item.vendorId}/${item.criterionId}`)).toEqual([
      "cobalt/integration",
      "cobalt/support",
    ]);
  });
});

describe("weightedTotals on the example panel", () => {
  /*
   * Effective weights: integration 30, security 30, support 30, transition 10. Each item's mean is
   * turned into a share of its scale: (mean − min) / (max − min); 0–5 for technical, 1–10 for service.
   *
   * Acme:   integration 4 → 0.8 → 24;  security 3 → 0.6 → 18;
   *         support 7 → 6/9 → 20;      transition 6 → 5/9 → 50/9
   *         total 62 + 50/9 = 608/9 ≈ 67.556
   * Birch:  integration 14/3 → 14/15 → 28;  security 3 → 0.6 → 18;
   *         support 8 → 7/9 → 70/3;  transition (4, 6) → 5 → 4/9 → 40/9   (Farid did not score it)
   *         total (414 + 210 + 40)/9 = 664/9 ≈ 73.778
   * Cobalt: integration (1, 4, 1) → 2 → 0.4 → 12;  security 13/3 → 13/15 → 26;
   *         support 7 → 6/9 → 20;  transition 8 → 7/9 → 70/9
   *         total 58 + 70/9 = 592/9 ≈ 65.778
   * Ranking: Birch, Acme, Cobalt.
   */
  it("normalises each item by its scale, weights it and ranks the vendors", () => {
    const totals = totalsOf(matrixOf());
    expect(totals.acme?.total).toBeCloseTo(608 / 9, 10);
    expect(totals.birch?.total).toBeCloseTo(664 / 9, 10);
    expect(totals.cobalt?.total).toBeCloseTo(592 / 9, 10);
    expect([totals.birch?.rank, totals.acme?.rank, totals.cobalt?.rank]).toEqual([1, 2, 3]);
    expect(totals.acme?.coverage).toBe(1);
    expect(totals.acme?.missingCriterionIds).toEqual([]);
  });

  it("splits the total by criterion and by top-level criterion", () => {
    const acme = totalsOf(matrixOf()).acme;
    const points = acme?.contributions.map((contribution) => contribution.points ?? Number.NaN) ?? [];
    for (const [index, expected] of [24, 18, 20, 50 / 9].entries()) expect(points[index]).toBeCloseTo(expected, 10);
    expect(acme?.byTopLevel.map((part) => part.topLevelId)).toEqual(["technical", "service"]);
    expect(acme?.byTopLevel[0]?.points).toBeCloseTo(42, 10);
    expect(acme?.byTopLevel[1]?.points).toBeCloseTo(20 + 50 / 9, 10);
  });

  it("lets a consensus score replace the individual scores of an item", () => {
    // Cobalt integration agreed at 3 → 0.6 → 18 instead of 12: 592/9 + 6 = 646/9 ≈ 71.778.
    const totals = totalsOf(matrixOf({ consensus: [{ vendorId: "cobalt", criterionId: "integration", score: 3 }] }));
    expect(totals.cobalt?.total).toBeCloseTo(646 / 9, 10);
    expect([totals.birch?.rank, totals.cobalt?.rank, totals.acme?.rank]).toEqual([1, 2, 3]);
  });

  it("leaves out an item nobody scored, renormalises that vendor's weights and reports coverage", () => {
    // Birch without transition: (28 + 18 + 70/3) / 90 × 100 = 2080/27 ≈ 77.037 on 90% of the weight.
    const scores = exampleScores.filter((entry) => !(entry.vendorId === "birch" && entry.criterionId === "transition"));
    const birch = totalsOf(matrixOf({ scores })).birch;
    expect(birch?.total).toBeCloseTo(2080 / 27, 10);
    expect(birch?.coverage).toBeCloseTo(0.9, 12);
    expect(birch?.missingCriterionIds).toEqual(["transition"]);
    expect(birch?.contributions[3]).toEqual({ criterionId: "transition", points: null });
    const sum = birch?.contributions.reduce((total, part) => total + (part.points ?? 0), 0);
    expect(sum).toBeCloseTo(2080 / 27, 10);
  });

  it("has no total and no rank with zero evaluators", () => {
    const rows = weightedTotals(scoreTable(matrixOf({ evaluatorIds: [], scores: [] })));
    expect(rows.map((row) => [row.total, row.coverage, row.rank, row.tied])).toEqual([
      [null, 0, null, false],
      [null, 0, null, false],
      [null, 0, null, false],
    ]);
    expect(rows[0]?.missingCriterionIds).toHaveLength(4);
  });

  it("ranks a single vendor first", () => {
    const scores = exampleScores.filter((entry) => entry.vendorId === "acme");
    const rows = weightedTotals(scoreTable(matrixOf({ vendorIds: ["acme"], scores })));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ vendorId: "acme", rank: 1, tied: false });
  });

  it("shares a rank between vendors with equal totals (1, 2, 2, 4)", () => {
    const single = [criterion("c1", 60), criterion("c2", 40)];
    // Weights 60/40 on 0–5: v1 (5, 5) → 100; v2 (4, 1) → 48 + 8 = 56; v3 (2, 4) → 24 + 32 = 56;
    // v4 (1, 1) → 12 + 8 = 20.
    const entries: ScoreEntry[] = [
      ["v1", 5, 5],
      ["v2", 4, 1],
      ["v3", 2, 4],
      ["v4", 1, 1],
    ].flatMap(([vendorId, first, second]) => [
      { vendorId: String(vendorId), criterionId: "c1", evaluatorId: "e1", score: Number(first) },
      { vendorId: String(vendorId), criterionId: "c2", evaluatorId: "e1", score: Number(second) },
    ]);
    const result = buildScoreMatrix({
      vendorIds: ["v4", "v3", "v2", "v1"],
      criteria: single,
      evaluatorIds: ["e1"],
      scores: entries,
    });
    if (!result.ok) throw new Error("invalid");
    const rows = weightedTotals(scoreTable(result.matrix));
    expect(rows.map((row) => [row.vendorId, row.rank, row.tied])).toEqual([
      ["v4", 4, false],
      ["v3", 2, true],
      ["v2", 2, true],
      ["v1", 1, false],
    ]);
    // Stable: tied vendors keep their input order.
    expect(sortByRank(rows).map((row) => row.vendorId)).toEqual(["v1", "v3", "v2", "v4"]);
  });
});

describe("competitionRanks", () => {
  it("gives standard competition ranks and leaves null scores unranked", () => {
    expect(competitionRanks([70, 80, 80, 60, null])).toEqual([3, 1, 1, 4, null]);
    expect(competitionRanks([])).toEqual([]);
  });

  it("treats floating-point noise as a tie", () => {
    expect(competitionRanks([0.1 + 0.2, 0.3])).toEqual([1, 1]);
    expect(competitionRanks([50.000001, 50])).toEqual([1, 2]);
  });

  it("sorts unranked rows last", () => {
    const rows = [
      { id: "a", rank: null },
      { id: "b", rank: 2 },
      { id: "c", rank: 1 },
    ];
    expect(sortByRank(rows).map((row) => row.id)).toEqual(["c", "b", "a"]);
  });
});
