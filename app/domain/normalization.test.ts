import { describe, expect, it } from "vitest";
import { exampleCriteria, exampleEvaluators, exampleScores, exampleVendors } from "./evaluation.fixture";
import { normalizeEvaluators } from "./normalization";
import {
  buildScoreMatrix,
  type ConsensusEntry,
  type ScoreEntry,
  type ScoringCriterion,
  scoreTable,
  scoringCriteria,
  weightedTotals,
} from "./scoring";

function criterion(id: string, weight: number, scaleMin = 0, scaleMax = 10): ScoringCriterion {
  return { id, weight, scaleMin, scaleMax, topLevelId: id };
}

/** Scores as rows `[evaluatorId, vendorId, criterionId, score]`. */
function matrixOf(
  vendorIds: string[],
  criteria: ScoringCriterion[],
  evaluatorIds: string[],
  rows: [string, string, string, number][],
  consensus: ConsensusEntry[] = [],
) {
  const scores: ScoreEntry[] = rows.map(([evaluatorId, vendorId, criterionId, score]) => ({
    evaluatorId,
    vendorId,
    criterionId,
    score,
  }));
  const result = buildScoreMatrix({ vendorIds, criteria, evaluatorIds, scores, consensus });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.matrix;
}

function scoresOf(matrix: { scores: readonly (readonly (readonly (number | null)[])[])[] }, e: number) {
  return matrix.scores.flatMap((byCriterion) => byCriterion.map((byEvaluator) => byEvaluator[e] ?? null));
}

describe("normalizeEvaluators: a harsh, a fair and a lenient marker who agree on the order", () => {
  // One 0–10 criterion, four vendors. The harsh marker gives the fair marker's scores minus 2,
  // the lenient one plus 2.
  const vendors = ["v1", "v2", "v3", "v4"];
  const fair = [2, 4, 6, 8];
  const rows: [string, string, string, number][] = vendors.flatMap((vendorId, index) => [
    ["fair", vendorId, "c", fair[index] ?? 0] as [string, string, string, number],
    ["harsh", vendorId, "c", (fair[index] ?? 0) - 2] as [string, string, string, number],
    ["lenient", vendorId, "c", (fair[index] ?? 0) + 2] as [string, string, string, number],
  ]);
  const result = normalizeEvaluators(matrixOf(vendors, [criterion("c", 100)], ["fair", "harsh", "lenient"], rows));

  it("gives all three the same scores on the panel's mean and spread", () => {
    /*
     * Each marker: deviations −3, −1, 1, 3 points from their own mean; sample sd √(20/3).
     * Panel (12 scores): mean 5; squared deviations 20 + 36 + 36 = 92; sample sd √(92/11).
     * Normalized = 5 + d × √(92/11) / √(20/3) = 5 + d × √(69/55) ≈ 1.640, 3.880, 6.120, 8.360.
     */
    const step = Math.sqrt(69 / 55);
    const expected = [-3, -1, 1, 3].map((deviation) => 5 + deviation * step);
    for (const e of [0, 1, 2]) {
      for (const [index, score] of scoresOf(result.matrix, e).entries()) {
        expect(score).toBeCloseTo(expected[index] ?? 0, 10);
      }
    }
    expect(result.panel.mean).toBeCloseTo(0.5, 12);
    expect(result.panel.standardDeviation).toBeCloseTo(Math.sqrt(92 / 11) / 10, 12);
  });

  it("reports each marker's level and spread as shares of the scale", () => {
    const [fairMarker, harshMarker, lenientMarker] = result.evaluators;
    expect(harshMarker).toMatchObject({ evaluatorId: "harsh", count: 4, treatment: "Z_SCORE", clamped: 0 });
    expect(harshMarker?.mean).toBeCloseTo(0.3, 12);
    expect(fairMarker?.mean).toBeCloseTo(0.5, 12);
    expect(lenientMarker?.mean).toBeCloseTo(0.7, 12);
    expect(lenientMarker?.standardDeviation).toBeCloseTo(Math.sqrt(20 / 3) / 10, 12);
  });
});

describe("normalizeEvaluators: markers who each missed a vendor (declared conflicts)", () => {
  /*
   * Three 0–10 criteria weighted 50/25/25, vendors A and B. The harsh marker scored only A
   * (3, 4, 2), the lenient marker only B (8, 9, 7); the fair marker scored both: A (6, 7, 5),
   * B (5, 6, 4) — A one point better everywhere.
   *
   * Raw item means: A (4.5, 5.5, 3.5) → 45 points; B (6.5, 7.5, 5.5) → 65 points. B wins only
   * because the lenient marker scored it.
   *
   * Normalized: panel of 12 scores, mean 5.5, sample variance 47/11 (in points²), so J = √(47/11).
   * Harsh and lenient both have sd 1 and z (0, 1, −1): 5.5 + J·z. The fair marker has mean 5.5,
   * sample variance 1.1, deviations A (.5, 1.5, −.5), B (−.5, .5, −1.5): 5.5 + d·K with
   * K = J / √1.1 = √(47/12.1). Weighted: A = 55 + 2.5·K ≈ 59.93, B = 55 − 2.5·K ≈ 50.07.
   */
  const criteria = [criterion("c1", 50), criterion("c2", 25), criterion("c3", 25)];
  const rows: [string, string, string, number][] = [
    ["harsh", "A", "c1", 3],
    ["harsh", "A", "c2", 4],
    ["harsh", "A", "c3", 2],
    ["lenient", "B", "c1", 8],
    ["lenient", "B", "c2", 9],
    ["lenient", "B", "c3", 7],
    ["fair", "A", "c1", 6],
    ["fair", "A", "c2", 7],
    ["fair", "A", "c3", 5],
    ["fair", "B", "c1", 5],
    ["fair", "B", "c2", 6],
    ["fair", "B", "c3", 4],
  ];
  const raw = matrixOf(["A", "B"], criteria, ["harsh", "lenient", "fair"], rows);
  const J = Math.sqrt(47 / 11);
  const K = Math.sqrt(47 / 12.1);

  it("puts B first on raw scores", () => {
    const totals = weightedTotals(scoreTable(raw));
    expect(totals.map((row) => [row.vendorId, row.total, row.rank])).toEqual([
      ["A", 45, 2],
      ["B", 65, 1],
    ]);
  });

  it("removes the harsh and lenient bias and puts A first, as the marker who saw both does", () => {
    const normalized = normalizeEvaluators(raw).matrix;
    const harsh = scoresOf(normalized, 0).filter((score) => score !== null);
    const lenient = scoresOf(normalized, 1).filter((score) => score !== null);
    [5.5, 5.5 + J, 5.5 - J].forEach((expected, index) => {
      expect(harsh[index]).toBeCloseTo(expected, 10);
      expect(lenient[index]).toBeCloseTo(expected, 10);
    });
    const fair = scoresOf(normalized, 2);
    for (const [index, deviation] of [0.5, 1.5, -0.5, -0.5, 0.5, -1.5].entries()) {
      expect(fair[index]).toBeCloseTo(5.5 + deviation * K, 10);
    }
    const totals = weightedTotals(scoreTable(normalized));
    expect(totals[0]?.total).toBeCloseTo(55 + 2.5 * K, 10);
    expect(totals[1]?.total).toBeCloseTo(55 - 2.5 * K, 10);
    expect(totals.map((row) => row.rank)).toEqual([1, 2]);
  });
});

describe("normalizeEvaluators: edge cases", () => {
  it("clamps to the scale and counts the clamped scores", () => {
    /*
     * e1: shares (0, 0, 0, 0, 1): mean .2, sd √.2. e2: (1, 1, 1, 1, .9): mean .98, sd √.002.
     * Panel (10 shares): mean .59; squared deviations 4 × .59² + 5 × .41² + .31² = 2.329, so the
     * sample sd is S = √(2.329 / 9) ≈ .5087. e1's top score: z = .8/√.2 = 1.789 → .59 + 1.789 S
     * ≈ 1.50 → clamped to 10. e2's .9: z = −1.789 → ≈ −.32 → clamped to 0.
     */
    const vendors = ["a", "b", "c", "d", "e"];
    const rows: [string, string, string, number][] = [
      ...vendors.map((vendorId, index): [string, string, string, number] => [
        "e1",
        vendorId,
        "c",
        index === 4 ? 10 : 0,
      ]),
      ...vendors.map((vendorId, index): [string, string, string, number] => [
        "e2",
        vendorId,
        "c",
        index === 4 ? 9 : 10,
      ]),
    ];
    const result = normalizeEvaluators(matrixOf(vendors, [criterion("c", 100)], ["e1", "e2"], rows));
    const spread = Math.sqrt(2.329 / 9);
    expect(result.panel.standardDeviation).toBeCloseTo(spread, 12);
    expect(result.evaluators.map((evaluator) => evaluator.clamped)).toEqual([1, 1]);
    const e1 = scoresOf(result.matrix, 0);
    const e2 = scoresOf(result.matrix, 1);
    expect(e1[4]).toBe(10);
    expect(e2[4]).toBe(0);
    // e1's zeros: z = −.2/√.2 = −√.2 → 10 × (.59 − √.2 × S); e2's tens: z = .02/√.002 = √.2.
    expect(e1[0]).toBeCloseTo(10 * (0.59 - Math.sqrt(0.2) * spread), 10);
    expect(e2[0]).toBeCloseTo(10 * (0.59 + Math.sqrt(0.2) * spread), 10);
  });

  it("sets a marker who gave every item the same score to the panel mean", () => {
    // e1 (1, 1, 1) has no spread (its shares .1 average to .1000…02: noise, not variance).
    // Panel: (.1, .1, .1, .2, .6, .7) → mean 1.8/6 = .3.
    const vendors = ["a", "b", "c"];
    const rows: [string, string, string, number][] = [
      ["e1", "a", "c", 1],
      ["e1", "b", "c", 1],
      ["e1", "c", "c", 1],
      ["e2", "a", "c", 2],
      ["e2", "b", "c", 6],
      ["e2", "c", "c", 7],
    ];
    const result = normalizeEvaluators(matrixOf(vendors, [criterion("c", 100)], ["e1", "e2"], rows));
    expect(result.evaluators[0]).toMatchObject({ treatment: "ZERO_VARIANCE", count: 3, clamped: 0 });
    for (const score of scoresOf(result.matrix, 0)) expect(score).toBeCloseTo(3, 10);
  });

  it("keeps a lone score unchanged, skips evaluators without scores and leaves consensus alone", () => {
    const rows: [string, string, string, number][] = [
      ["single", "a", "c", 9],
      ["e2", "a", "c", 2],
      ["e2", "b", "c", 4],
    ];
    const consensus = [{ vendorId: "a", criterionId: "c", score: 5 }];
    const raw = matrixOf(["a", "b"], [criterion("c", 100)], ["single", "e2", "absent"], rows, consensus);
    const result = normalizeEvaluators(raw);
    expect(result.evaluators.map((evaluator) => evaluator.treatment)).toEqual(["SINGLE_SCORE", "Z_SCORE", "NO_SCORES"]);
    expect(scoresOf(result.matrix, 0)).toEqual([9, null]);
    expect(scoresOf(result.matrix, 2)).toEqual([null, null]);
    expect(result.matrix.consensus).toEqual(raw.consensus);
    expect(result.evaluators[2]).toMatchObject({ count: 0, mean: null, standardDeviation: null });
  });

  it("compares scores on different scales as shares of each scale", () => {
    // 5 of 0–5 and 10 of 1–10 are both the top; 0 of 0–5 and 1 of 1–10 both the bottom.
    const criteria = [criterion("five", 50, 0, 5), criterion("ten", 50, 1, 10)];
    const rows: [string, string, string, number][] = [
      ["e", "a", "five", 5],
      ["e", "a", "ten", 10],
      ["e", "b", "five", 0],
      ["e", "b", "ten", 1],
    ];
    const result = normalizeEvaluators(matrixOf(["a", "b"], criteria, ["e"], rows));
    // One marker is the whole panel: normalization gives back the same scores.
    expect(scoresOf(result.matrix, 0).map((score) => Number(score?.toFixed(10)))).toEqual([5, 10, 0, 1]);
  });

  it("does not change the raw matrix", () => {
    const raw = matrixOf(
      ["a", "b"],
      [criterion("c", 100)],
      ["e"],
      [
        ["e", "a", "c", 2],
        ["e", "b", "c", 3],
      ],
    );
    const before = JSON.stringify(raw);
    normalizeEvaluators(raw);
    expect(JSON.stringify(raw)).toBe(before);
  });

  it("gives a narrow marker the panel's spread: on the example panel Cobalt then passes Acme", () => {
    const result = buildScoreMatrix({
      vendorIds: exampleVendors,
      criteria: scoringCriteria(exampleCriteria),
      evaluatorIds: exampleEvaluators,
      scores: exampleScores,
    });
    if (!result.ok) throw new Error("invalid");
    const normalized = normalizeEvaluators(result.matrix);
    expect(normalized.evaluators.map((evaluator) => evaluator.count)).toEqual([12, 11, 12]);
    expect(normalized.panel.count).toBe(35);
    // Farid marks in a narrow band (sd .14 of the scale against .24 and .22). Normalized, his
    // preference for Cobalt's technical answers weighs as much as the others' preferences, and
    // Cobalt (raw 65.78) passes Acme (raw 67.56) by about 0.4 points.
    const [ines, farid, olga] = normalized.evaluators.map((evaluator) => evaluator.standardDeviation ?? 0);
    expect(farid).toBeLessThan(Math.min(ines ?? 0, olga ?? 0));
    const totals = weightedTotals(scoreTable(normalized.matrix));
    expect(totals.map((row) => row.rank)).toEqual([3, 1, 2]);
    expect((totals[2]?.total ?? 0) - (totals[0]?.total ?? 0)).toBeCloseTo(0.41, 2);
  });
});
