import { type ScoreMatrix, shareOfScale, summarize } from "./scoring";

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

export function normalizeEvaluators(matrix: ScoreMatrix): NormalizationResult {
  const sharesOf = matrix.evaluatorIds.map((_, e) => evaluatorShares(matrix, e));
  const panelSummary = summarize(sharesOf.flat().map((item) => item.share));
  const panelMean = panelSummary.mean ?? 0;
  const panelSpread = panelSummary.standardDeviation ?? 0;
  const normalized = matrix.scores.map((byCriterion) => byCriterion.map((byEvaluator) => [...byEvaluator]));
  const evaluators = matrix.evaluatorIds.map((evaluatorId, e): EvaluatorCalibration => {
    const items = sharesOf[e] ?? [];
    const { count, mean, standardDeviation } = summarize(items.map((item) => item.share));
    const treatment = treatmentOf(count, standardDeviation);
    let clamped = 0;
    if (treatment === "Z_SCORE" || treatment === "ZERO_VARIANCE") {
      for (const { v, c, share } of items) {
        const z = treatment === "Z_SCORE" ? (share - (mean ?? 0)) / (standardDeviation ?? 1) : 0;
        const target = panelMean + z * panelSpread;
        const bounded = Math.min(1, Math.max(0, target));
        if (bounded !== target) clamped++;
        const criterion = matrix.criteria[c];
        const row = normalized[v]?.[c];
        if (criterion && row) row[e] = criterion.scaleMin + bounded * (criterion.scaleMax - criterion.scaleMin);
      }
    }
    return { evaluatorId, count, mean, standardDeviation, treatment, clamped };
  });
  return {
    matrix: { ...matrix, scores: normalized },
    panel: { count: panelSummary.count, mean: panelSummary.mean, standardDeviation: panelSummary.standardDeviation },
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

function evaluatorShares(matrix: ScoreMatrix, e: number) {
  const items: { v: number; c: number; share: number }[] = [];
  matrix.scores.forEach((byCriterion, v) => {
    byCriterion.forEach((byEvaluator, c) => {
      const score = byEvaluator[e] ?? null;
      const criterion = matrix.criteria[c];
      if (score !== null && criterion) items.push({ v, c, share: shareOfScale(score, criterion) });
    });
  });
  return items;
}
