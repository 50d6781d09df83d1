import { CRITERION_STAGES, type CriterionStage, WEIGHT_TOLERANCE, weightSum } from "./criteria";
import type { RfpStage } from "./workflow";

/**
 * The final ranking: written quality, oral and price results (each 0–100) combined with weights
 * that sum to 100. The weights are fixed before the interviews and locked once the panel starts
 * debriefing, so nobody can tune them towards a favourite after seeing the presentations.
 */
export type StageWeights = Record<CriterionStage, number>;
export type StageScores = Record<CriterionStage, number | null>;
export type VendorResults = { vendorId: string; scores: StageScores };

export type FinalRankingError =
  | { kind: "NO_VENDORS" }
  | { kind: "DUPLICATE_VENDOR"; vendorId: string }
  | { kind: "WEIGHT_OUT_OF_RANGE"; part: CriterionStage; weight: number }
  | { kind: "WEIGHTS_DO_NOT_SUM_TO_100"; sum: number }
  | { kind: "SCORE_MISSING"; vendorId: string; part: CriterionStage }
  | { kind: "SCORE_OUT_OF_RANGE"; vendorId: string; part: CriterionStage; score: number };

export type PartResult = { score: number | null; weight: number; contribution: number };

export type FinalRow = {
  vendorId: string;
  /** 1 + the number of vendors with a strictly higher total. */
  place: number;
  /** Weighted total, 0–100, rounded to TIE_DECIMALS so equal totals look equal. */
  total: number;
  /** Other vendors with the same total (see TIE_DECIMALS). */
  tiedWith: string[];
  parts: Record<CriterionStage, PartResult>;
};

export type RunnerUp =
  | { status: "CLEAR"; vendorId: string }
  | { status: "TIED"; vendorIds: string[] }
  | { status: "NONE" };

export type Recommendation =
  | { status: "CLEAR"; recommended: string; runnerUp: RunnerUp; margin: number | null }
  /** Two or more vendors share the top total: the panel or the executive must decide, with reasons. */
  | { status: "TIED"; vendorIds: string[] };

export type FinalRanking = { rows: FinalRow[]; ranking: string[][]; recommendation: Recommendation };

/**
 * Totals are compared after rounding to this many decimals. Scores and weights carry at most a
 * few decimals, so two totals that differ further out differ only by floating-point noise
 * (0.1 + 0.2 ≠ 0.3) and are reported as the tie they are.
 */
export const TIE_DECIMALS = 6;

export function finalRankingErrors(vendors: readonly VendorResults[], weights: StageWeights): FinalRankingError[] {
  const errors: FinalRankingError[] = [];
  if (vendors.length === 0) errors.push({ kind: "NO_VENDORS" });
  for (const part of CRITERION_STAGES) {
    const weight = weights[part];
    if (!(weight >= 0 && weight <= 100)) errors.push({ kind: "WEIGHT_OUT_OF_RANGE", part, weight });
  }
  const sum = weightSum(CRITERION_STAGES.map((part) => weights[part]));
  if (Math.abs(sum - 100) > WEIGHT_TOLERANCE) errors.push({ kind: "WEIGHTS_DO_NOT_SUM_TO_100", sum });
  const seen = new Set<string>();
  for (const { vendorId, scores } of vendors) {
    if (seen.has(vendorId)) errors.push({ kind: "DUPLICATE_VENDOR", vendorId });
    seen.add(vendorId);
    for (const part of CRITERION_STAGES) {
      const score = scores[part];
      // A part weighted 0 does not count, so it may be left unscored (e.g. no oral stage).
      if (score === null) {
        if (weights[part] > 0) errors.push({ kind: "SCORE_MISSING", vendorId, part });
      } else if (!(score >= 0 && score <= 100)) {
        errors.push({ kind: "SCORE_OUT_OF_RANGE", vendorId, part, score });
      }
    }
  }
  return errors;
}

/** Ranks the vendors by weighted total, ties explicit, and names the recommended vendor and runner-up. */
export function finalRanking(
  vendors: readonly VendorResults[],
  weights: StageWeights,
): { ok: true; result: FinalRanking } | { ok: false; errors: FinalRankingError[] } {
  const errors = finalRankingErrors(vendors, weights);
  if (errors.length > 0) return { ok: false, errors };
  const scored = vendors.map(({ vendorId, scores }, index) => {
    const part = (stage: CriterionStage): PartResult => {
      const score = scores[stage];
      return { score, weight: weights[stage], contribution: ((score ?? 0) * weights[stage]) / 100 };
    };
    const parts = { WRITTEN: part("WRITTEN"), ORAL: part("ORAL"), PRICE: part("PRICE") };
    const total = CRITERION_STAGES.reduce((sum, part) => sum + parts[part].contribution, 0);
    return { vendorId, index, parts, key: roundTo(total, TIE_DECIMALS) };
  });
  scored.sort((a, b) => b.key - a.key || a.index - b.index);
  const ranking: string[][] = [];
  const rows: FinalRow[] = [];
  let previousKey: number | null = null;
  for (const vendor of scored) {
    if (vendor.key !== previousKey) ranking.push([]);
    ranking.at(-1)?.push(vendor.vendorId);
    previousKey = vendor.key;
  }
  for (const vendor of scored) {
    const tier = ranking.find((candidates) => candidates.includes(vendor.vendorId)) ?? [];
    rows.push({
      vendorId: vendor.vendorId,
      place: 1 + scored.filter((other) => other.key > vendor.key).length,
      total: vendor.key,
      tiedWith: tier.filter((vendorId) => vendorId !== vendor.vendorId),
      parts: vendor.parts,
    });
  }
  return { ok: true, result: { rows, ranking, recommendation: recommend(ranking, scored) } };
}

function recommend(ranking: string[][], scored: { vendorId: string; key: number }[]): Recommendation {
  const [first = [], second = []] = ranking;
  if (first.length > 1) return { status: "TIED", vendorIds: first };
  const recommended = first[0] ?? "";
  const runnerUp: RunnerUp =
    second.length === 0
      ? { status: "NONE" }
      : second.length === 1
        ? { status: "CLEAR", vendorId: second[0] ?? "" }
        : { status: "TIED", vendorIds: second };
  const keyOf = (vendorId: string | undefined) => scored.find((vendor) => vendor.vendorId === vendorId)?.key ?? 0;
  const margin = second.length === 0 ? null : roundTo(keyOf(recommended) - keyOf(second[0]), TIE_DECIMALS);
  return { status: "CLEAR", recommended, runnerUp, margin };
}

export function describeFinalRankingError(error: FinalRankingError, nameOf: (id: string) => string = (id) => id) {
  const part = (stage: CriterionStage) => ({ WRITTEN: "written", ORAL: "oral", PRICE: "price" })[stage];
  switch (error.kind) {
    case "NO_VENDORS":
      return "There are no vendors to rank.";
    case "DUPLICATE_VENDOR":
      return `${nameOf(error.vendorId)} appears twice.`;
    case "WEIGHT_OUT_OF_RANGE":
      return `The ${part(error.part)} weight must be between 0 and 100%.`;
    case "WEIGHTS_DO_NOT_SUM_TO_100":
      return `The weights add up to ${error.sum}%, not 100%.`;
    case "SCORE_MISSING":
      return `${nameOf(error.vendorId)} has no ${part(error.part)} result yet.`;
    case "SCORE_OUT_OF_RANGE":
      return `${nameOf(error.vendorId)}'s ${part(error.part)} result must be between 0 and 100.`;
  }
}

// ---------------------------------------------------------------------------------------------
// The weight lock.

export type WeightLockFacts = {
  stage: RfpStage;
  /** Interview debriefs recorded for this RFP, drafts included. */
  debriefsRecorded: number;
};

export type WeightChangeRule = { allowed: true } | { allowed: false; reason: string };

const AFTER_INTERVIEWS: readonly RfpStage[] = ["DECISION", "NEGOTIATION", "AWARDED", "CANCELLED"];

/**
 * May the final-ranking weights still change? Only until the first debrief exists: once a panel
 * member has written down a view of a presentation (even as a draft), changing the weights could
 * tailor the result to a favourite. From the decision stage on they are part of the record.
 */
export function mayChangeFinalWeights(facts: WeightLockFacts): WeightChangeRule {
  if (AFTER_INTERVIEWS.includes(facts.stage)) {
    return { allowed: false, reason: "The weights are part of the record once the interviews are over." };
  }
  if (facts.debriefsRecorded > 0) {
    return {
      allowed: false,
      reason:
        "The weights are locked: interview debriefs have been recorded, so changing them now could favour a vendor.",
    };
  }
  return { allowed: true };
}

function roundTo(value: number, decimals: number) {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
