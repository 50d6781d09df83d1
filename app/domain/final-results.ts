import { CRITERION_STAGES, type CriterionStage, stageShares, WEIGHT_TOLERANCE, weightSum } from "./criteria";
import type { Recommendation, StageWeights } from "./final-ranking";
import {
  buildScoreMatrix,
  type ConsensusEntry,
  type ScaledCriterionNode,
  type ScoreEntry,
  scoreTable,
  scoringCriteria,
  weightedTotals,
} from "./scoring";

/**
 * The three results the final ranking combines, each 0–100 per vendor, computed with the
 * evaluation's own maths (scoring.ts, price.ts) so the numbers match the evaluation screens:
 * - written: the WRITTEN leaves, consensus score where agreed, else the mean of submitted sheets;
 * - oral: the ORAL leaves, the mean of the submitted debriefs' oral scores;
 * - price: price points ÷ the formula's maximum, from the total cost of ownership (price-envelope).
 */
export type StageResult = {
  /** 0–100, or null when nothing is scored. */
  score: number | null;
  /** Share (0–1) of the stage's criteria weight the score is based on. */
  coverage: number;
};

export type VendorStageResults = { vendorId: string } & Record<CriterionStage, StageResult>;

export type StageResultsInput = {
  criteria: readonly ScaledCriterionNode[];
  vendorIds: readonly string[];
  written: { evaluatorIds: readonly string[]; scores: readonly ScoreEntry[]; consensus: readonly ConsensusEntry[] };
  oral: { evaluatorIds: readonly string[]; scores: readonly ScoreEntry[] };
  /** Price result per vendor (0–100, null = no valid price); null when price is not evaluated. */
  price: ReadonlyMap<string, number | null> | null;
};

const NONE: StageResult = { score: null, coverage: 0 };

export function stageResults(input: StageResultsInput): VendorStageResults[] {
  const written = stageTotals(input, "WRITTEN", input.written);
  const oral = stageTotals(input, "ORAL", { ...input.oral, consensus: [] });
  return input.vendorIds.map((vendorId) => {
    const price = input.price?.get(vendorId) ?? null;
    return {
      vendorId,
      WRITTEN: written.get(vendorId) ?? NONE,
      ORAL: oral.get(vendorId) ?? NONE,
      PRICE: price === null ? NONE : { score: price, coverage: 1 },
    };
  });
}

/**
 * One stage's weighted total and coverage per vendor (written or oral), from the scores of the
 * given evaluators and the consensus where agreed. Shared by the final ranking and the executive
 * review so both show the same numbers. Vendors without a score are absent.
 */
export function stageTotals(
  input: Pick<StageResultsInput, "criteria" | "vendorIds">,
  stage: CriterionStage,
  source: { evaluatorIds: readonly string[]; scores: readonly ScoreEntry[]; consensus: readonly ConsensusEntry[] },
) {
  const criteria = scoringCriteria(input.criteria, stage);
  const vendors = new Set(input.vendorIds);
  const criterionIds = new Set(criteria.map((criterion) => criterion.id));
  const evaluators = [...new Set(source.evaluatorIds)];
  const known = new Set(evaluators);
  // Scores outside this stage, these vendors or these evaluators take no part (and a score off its
  // scale, which the forms never let through, would make the whole matrix fail: leave it out).
  const inScale = (entry: ConsensusEntry) => {
    const criterion = criteria.find((candidate) => candidate.id === entry.criterionId);
    return criterion !== undefined && entry.score >= criterion.scaleMin && entry.score <= criterion.scaleMax;
  };
  const relevant = (entry: ConsensusEntry) =>
    vendors.has(entry.vendorId) && criterionIds.has(entry.criterionId) && inScale(entry);
  const built = buildScoreMatrix({
    vendorIds: input.vendorIds,
    criteria,
    evaluatorIds: evaluators,
    scores: source.scores.filter((entry) => relevant(entry) && known.has(entry.evaluatorId)),
    consensus: source.consensus.filter(relevant),
  });
  const totals = new Map<string, StageResult>();
  if (!built.ok || criteria.length === 0) return totals;
  for (const row of weightedTotals(scoreTable(built.matrix))) {
    totals.set(row.vendorId, { score: row.total, coverage: row.coverage });
  }
  return totals;
}

// ── Price ──────────────────────────────────────────────────────────────────────────────────────

// ── Weights ────────────────────────────────────────────────────────────────────────────────────

/** Reads Rfp.finalWeights; null when not set or not three numbers that sum to 100. */
export function readFinalWeights(value: unknown): StageWeights | null {
  if (!isRecord(value)) return null;
  const weights = { WRITTEN: value.WRITTEN, ORAL: value.ORAL, PRICE: value.PRICE };
  if (!CRITERION_STAGES.every((stage) => typeof weights[stage] === "number")) return null;
  const read = weights as StageWeights;
  return weightsAreValid(read) ? read : null;
}

export function weightsAreValid(weights: StageWeights) {
  const values = CRITERION_STAGES.map((stage) => weights[stage]);
  return (
    values.every((weight) => Number.isFinite(weight) && weight >= 0 && weight <= 100) &&
    Math.abs(weightSum(values) - 100) <= WEIGHT_TOLERANCE
  );
}

/**
 * Until the lead sets them, the final weights are the stage shares of the criteria tree the RFP
 * published, so the default is what the vendors were told. Rounding to 2 decimals can leave the
 * sum a hundredth off 100: the largest part absorbs it. Null when the tree carries no weight.
 */
export function defaultFinalWeights(criteria: Parameters<typeof stageShares>[0]): StageWeights | null {
  const shares = stageShares(criteria);
  const sum = weightSum(CRITERION_STAGES.map((stage) => shares[stage]));
  if (sum <= 0) return null;
  const scaled = { ...shares };
  for (const stage of CRITERION_STAGES) scaled[stage] = Math.round((shares[stage] * 10_000) / sum) / 100;
  const largest = CRITERION_STAGES.reduce((best, stage) => (scaled[stage] > scaled[best] ? stage : best));
  const rest = weightSum(CRITERION_STAGES.filter((stage) => stage !== largest).map((stage) => scaled[stage]));
  scaled[largest] = Math.round((100 - rest) * 100) / 100;
  return weightsAreValid(scaled) ? scaled : null;
}

// ── Outcomes ───────────────────────────────────────────────────────────────────────────────────

export type OutcomePlan =
  | { ok: true; recommended: string; reserve: string[]; eliminated: string[] }
  | { ok: false; reason: string };

/**
 * Who is told what after the interviews: the runner-up (both, if two tie for second) is held in
 * reserve, in case negotiation with the recommended vendor breaks down; everyone else is
 * eliminated. The recommended vendor hears nothing yet: the award needs the executive's approval.
 * A tie at the top has to be settled by people, with reasons, before anyone is told anything.
 */
export function outcomePlan(recommendation: Recommendation, vendorIds: readonly string[]): OutcomePlan {
  if (recommendation.status === "TIED") {
    return {
      ok: false,
      reason: "Two or more vendors share the top total: settle the tie before notifying anyone.",
    };
  }
  const { recommended, runnerUp } = recommendation;
  const reserve =
    runnerUp.status === "CLEAR" ? [runnerUp.vendorId] : runnerUp.status === "TIED" ? runnerUp.vendorIds : [];
  const eliminated = vendorIds.filter((vendorId) => vendorId !== recommended && !reserve.includes(vendorId));
  return { ok: true, recommended, reserve, eliminated };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
