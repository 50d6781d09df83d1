import { type ScoreMatrix, shareOfScale } from "./scoring";

/**
 * Per-evaluator normalization, to neutralize harsh and lenient markers.
 *
 * Criteria may have different scales, so every score is first expressed as a share of its scale
 * (0 = bottom, 1 = top). Then, for each evaluator, over everything that evaluator scored:
 *
 *   z = (share − evaluator's mean) / evaluator's sample sd
 *   normalized share = clamp(panel mean + z × panel sd, 0, 1)
 *
 * where the panel mean and sample sd are those of every individual score the panel gave (as
 * shares). The result goes back onto each criterion's own scale (fractional points are expected).
 * After this, every evaluator who varied their scores has the panel's mean and spread, so a harsh
 * marker's 2 and a lenient marker's 4 for the same relative judgement become the same score.
 *
 * Edge cases, each reported per evaluator:
 * - ZERO_VARIANCE (two or more scores, all equal): no z exists; the evaluator expressed no
 *   preference, so every score becomes the panel mean (z = 0). This removes their level bias too.
 * - SINGLE_SCORE: one score carries no information about the marker's level or spread; it is
 *   kept unchanged rather than forced to the mean.
 * - NO_SCORES: nothing to do.
 *
 * Consensus scores are agreed by the whole panel and are kept unchanged.
 *
 * Limitation: the method assumes each evaluator scored a comparable mix of vendors. An evaluator
 * who scored only the strongest vendor is not lenient, but will be pulled down; the screen should
 * show `count` per evaluator next to the normalized view.
 */
export type EvaluatorTreatment = "Z_SCORE" | "ZERO_VARIANCE" | "SINGLE_SCORE" | "NO_SCORES";

export type EvaluatorCalibration = {
  evaluatorId: string;
  count: number;
  /** Mean of the evaluator's raw scores as a share (0–1) of the scale; null without scores. */
  mean: number | null;
  /** Sample sd of those shares; null below two scores. */
  standardDeviation: number | null;
  treatment: EvaluatorTreatment;
  /** How many normalized scores fell outside the scale and were clamped to it. */
  clamped: number;
};

export type NormalizationResult = {
  /** The same matrix with each evaluator's scores normalized, on each criterion's own scale. */
  matrix: ScoreMatrix;
  panel: { count: number; mean: number | null; standardDeviation: number | null };
  evaluators: EvaluatorCalibration[];
};

/**
 * Computed on a dense copy of the shares (`shares[(v·C + c)·E + e]`, `given` where scored), as
 * sensitivity's Monte Carlo does, instead of an object per score. Sums run in the order the
 * definition lists the scores (evaluator by evaluator, each vendor by vendor and criterion by
 * criterion), so the floating-point results are those of summing that list.
 */
export function normalizeEvaluators(matrix: ScoreMatrix): NormalizationResult {
  const { criteria, evaluatorIds, scores } = matrix;
  const V = scores.length;
  const C = criteria.length;
  const E = evaluatorIds.length;
  const shares = new Float64Array(V * C * E);
  const given = new Uint8Array(V * C * E);
  scores.forEach((byCriterion, v) => {
    criteria.forEach((criterion, c) => {
      const byEvaluator = byCriterion[c];
      if (!byEvaluator) return;
      const base = (v * C + c) * E;
      for (let e = 0; e < E; e++) {
        const score = byEvaluator[e] ?? null;
        if (score === null) continue;
        shares[base + e] = shareOfScale(score, criterion);
        given[base + e] = 1;
      }
    });
  });

  // Each evaluator's count and sum, and the panel's running sum over the same list.
  const count = new Int32Array(E);
  const sum = new Float64Array(E);
  let panelCount = 0;
  let panelSum = 0;
  for (let e = 0; e < E; e++) {
    let evaluatorCount = 0;
    let evaluatorSum = 0;
    for (let item = e; item < shares.length; item += E) {
      if (given[item] === 0) continue;
      const share = shares[item] ?? 0;
      evaluatorCount++;
      evaluatorSum += share;
      panelSum += share;
    }
    count[e] = evaluatorCount;
    sum[e] = evaluatorSum;
    panelCount += evaluatorCount;
  }
  const panelMean = panelCount > 0 ? panelSum / panelCount : null;
  const mean = Array.from(count, (n, e) => (n > 0 ? (sum[e] ?? 0) / n : null));

  // Squared deviations from each evaluator's mean and from the panel's, in the same order.
  const squares = new Float64Array(E);
  let panelSquares = 0;
  for (let e = 0; e < E; e++) {
    const evaluatorMean = mean[e] ?? 0;
    const overallMean = panelMean ?? 0;
    let evaluatorSquares = 0;
    for (let item = e; item < shares.length; item += E) {
      if (given[item] === 0) continue;
      const share = shares[item] ?? 0;
      evaluatorSquares += (share - evaluatorMean) ** 2;
      panelSquares += (share - overallMean) ** 2;
    }
    squares[e] = evaluatorSquares;
  }
  const panelStandardDeviation = panelCount >= 2 ? Math.sqrt(panelSquares / (panelCount - 1)) : null;
  const standardDeviation = Array.from(count, (n, e) => (n >= 2 ? Math.sqrt((squares[e] ?? 0) / (n - 1)) : null));
  const treatment = Array.from(count, (n, e) => treatmentOf(n, standardDeviation[e] ?? null));

  // Per evaluator: 0 keeps the scores, 1 rescales their z-scores, 2 puts every score at the panel mean.
  const rescale = Uint8Array.from(treatment, (how) => (how === "Z_SCORE" ? 1 : how === "ZERO_VARIANCE" ? 2 : 0));
  const ownMean = Float64Array.from(mean, (value) => value ?? 0);
  const ownSpread = Float64Array.from(standardDeviation, (value) => value ?? 1);
  const target = panelMean ?? 0;
  const panelSpread = panelStandardDeviation ?? 0;
  const clamped = new Int32Array(E);
  const normalized = scores.map((byCriterion, v) =>
    byCriterion.map((byEvaluator, c) => {
      const criterion = criteria[c];
      if (!criterion) return [...byEvaluator];
      const base = (v * C + c) * E;
      const row = new Array<number | null>(byEvaluator.length);
      for (let e = 0; e < byEvaluator.length; e++) {
        const how = e < E && given[base + e] === 1 ? (rescale[e] ?? 0) : 0;
        if (how === 0) {
          row[e] = byEvaluator[e] ?? null;
          continue;
        }
        const share = shares[base + e] ?? 0;
        const z = how === 1 ? (share - (ownMean[e] ?? 0)) / (ownSpread[e] ?? 1) : 0;
        const normalizedShare = target + z * panelSpread;
        const bounded = Math.min(1, Math.max(0, normalizedShare));
        if (bounded !== normalizedShare) clamped[e] = (clamped[e] ?? 0) + 1;
        row[e] = criterion.scaleMin + bounded * (criterion.scaleMax - criterion.scaleMin);
      }
      return row;
    }),
  );
  const evaluators = evaluatorIds.map(
    (evaluatorId, e): EvaluatorCalibration => ({
      evaluatorId,
      count: count[e] ?? 0,
      mean: mean[e] ?? null,
      standardDeviation: standardDeviation[e] ?? null,
      treatment: treatment[e] ?? "NO_SCORES",
      clamped: clamped[e] ?? 0,
    }),
  );
  return {
    matrix: { ...matrix, scores: normalized },
    panel: { count: panelCount, mean: panelMean, standardDeviation: panelStandardDeviation },
    evaluators,
  };
}

/** Below this sd (in shares of the scale) equal scores differ only by floating-point noise. */
const NO_SPREAD = 1e-9;

function treatmentOf(count: number, standardDeviation: number | null): EvaluatorTreatment {
  if (count === 0) return "NO_SCORES";
  if (count === 1) return "SINGLE_SCORE";
  return standardDeviation !== null && standardDeviation > NO_SPREAD ? "Z_SCORE" : "ZERO_VARIANCE";
}
