import { type CriterionNode, type CriterionStage, scorableCriteria } from "./criteria";

/**
 * The panel's independent scores and what consensus and results are computed from.
 *
 * An item is one vendor on one leaf criterion. Each evaluator scores an item on the criterion's own
 * scale (scaleMin–scaleMax), or leaves it unscored (not assigned, recused, not submitted). Before
 * weighting, every item is normalised to 0–1 of its scale, so a 0–5 and a 1–10 criterion mix
 * correctly; totals are points out of 100.
 */
export type ScaledCriterionNode = CriterionNode & { scaleMin: number; scaleMax: number };

export type ScoringCriterion = {
  id: string;
  /** Effective weight: percent of the whole evaluation, as computed by criteria.ts. */
  weight: number;
  scaleMin: number;
  scaleMax: number;
  /** The top-level criterion this leaf sits under (its own id when it is top level). */
  topLevelId: string;
};

/** The leaves evaluators score (optionally of one stage) with effective weights and scales. */
export function scoringCriteria(nodes: readonly ScaledCriterionNode[], stage?: CriterionStage): ScoringCriterion[] {
  const parentOf = new Map(nodes.map((node) => [node.id, node.parentId]));
  return scorableCriteria([...nodes], stage).map((leaf) => ({
    id: leaf.id,
    weight: leaf.effectiveWeight,
    scaleMin: leaf.scaleMin,
    scaleMax: leaf.scaleMax,
    topLevelId: topLevelOf(leaf.id, parentOf),
  }));
}

/** `scoringCriteria(nodes, stage)` for every stage at once, walking the tree once. */
export function scoringCriteriaByStage(
  nodes: readonly ScaledCriterionNode[],
): Record<CriterionStage, ScoringCriterion[]> {
  const parentOf = new Map(nodes.map((node) => [node.id, node.parentId]));
  const stages: Record<CriterionStage, ScoringCriterion[]> = { WRITTEN: [], ORAL: [], PRICE: [] };
  for (const leaf of scorableCriteria([...nodes])) {
    stages[leaf.stage].push({
      id: leaf.id,
      weight: leaf.effectiveWeight,
      scaleMin: leaf.scaleMin,
      scaleMax: leaf.scaleMax,
      topLevelId: topLevelOf(leaf.id, parentOf),
    });
  }
  return stages;
}

function topLevelOf(id: string, parentOf: ReadonlyMap<string, string | null>) {
  let current = id;
  for (let steps = 0; steps <= parentOf.size; steps++) {
    const parent = parentOf.get(current) ?? null;
    if (parent === null) return current;
    current = parent;
  }
  return current;
}

export type ScoreEntry = { vendorId: string; criterionId: string; evaluatorId: string; score: number };
/** A score the panel agreed at consensus; it replaces the individual scores of that item. */
export type ConsensusEntry = { vendorId: string; criterionId: string; score: number };

export type ScoreMatrixInput = {
  vendorIds: readonly string[];
  criteria: readonly ScoringCriterion[];
  evaluatorIds: readonly string[];
  scores: readonly ScoreEntry[];
  consensus?: readonly ConsensusEntry[];
  /**
   * Skip scores and consensus entries whose vendor, criterion or evaluator is not listed, instead
   * of reporting them (for callers that pass everything and compute on a part, e.g. one stage).
   */
  ignoreUnknownIds?: boolean;
};

/** Indexed scores: `scores[v][c][e]` is evaluator e's score of vendor v on criterion c, or null. */
export type ScoreMatrix = {
  vendorIds: readonly string[];
  criteria: readonly ScoringCriterion[];
  evaluatorIds: readonly string[];
  scores: readonly (readonly (readonly (number | null)[])[])[];
  /** `consensus[v][c]`: the consensus score of the item, or null when the panel recorded none. */
  consensus: readonly (readonly (number | null)[])[];
};

type IdKind = "vendor" | "criterion" | "evaluator";

export type ScoreMatrixError =
  | { kind: "DUPLICATE_ID"; of: IdKind; id: string }
  | { kind: "INVALID_SCALE"; criterionId: string }
  | { kind: "INVALID_WEIGHT"; criterionId: string }
  | { kind: "UNKNOWN_ID"; of: IdKind; id: string }
  /** `evaluatorId` null: a consensus score. */
  | { kind: "DUPLICATE_SCORE"; vendorId: string; criterionId: string; evaluatorId: string | null }
  | { kind: "OUT_OF_SCALE"; vendorId: string; criterionId: string; evaluatorId: string | null; score: number };

export type ScoreMatrixResult = { ok: true; matrix: ScoreMatrix } | { ok: false; errors: ScoreMatrixError[] };

export function buildScoreMatrix(input: ScoreMatrixInput): ScoreMatrixResult {
  const errors: ScoreMatrixError[] = [];
  const vendorIndex = indexIds(input.vendorIds, "vendor", errors);
  const criterionIndex = indexIds(
    input.criteria.map((criterion) => criterion.id),
    "criterion",
    errors,
  );
  const evaluatorIndex = indexIds(input.evaluatorIds, "evaluator", errors);
  const unknownIds = input.ignoreUnknownIds ? null : errors;
  for (const criterion of input.criteria) {
    const { scaleMin, scaleMax } = criterion;
    if (!(Number.isFinite(scaleMin) && Number.isFinite(scaleMax) && scaleMax > scaleMin)) {
      errors.push({ kind: "INVALID_SCALE", criterionId: criterion.id });
    }
    if (!(Number.isFinite(criterion.weight) && criterion.weight >= 0)) {
      errors.push({ kind: "INVALID_WEIGHT", criterionId: criterion.id });
    }
  }
  const V = input.vendorIds.length;
  const C = input.criteria.length;
  const E = input.evaluatorIds.length;
  const scores: (number | null)[][][] = [];
  const consensus: (number | null)[][] = [];
  for (let v = 0; v < V; v++) {
    const byCriterion: (number | null)[][] = [];
    for (let c = 0; c < C; c++) byCriterion.push(nulls(E));
    scores.push(byCriterion);
    consensus.push(nulls(C));
  }
  // One pass over the entries, no closure or object per score: callers pass tens of thousands.
  for (const entry of input.scores) {
    const e = lookup(evaluatorIndex, "evaluator", entry.evaluatorId, unknownIds);
    if (e === null) continue;
    const v = lookup(vendorIndex, "vendor", entry.vendorId, unknownIds);
    const c = lookup(criterionIndex, "criterion", entry.criterionId, unknownIds);
    if (v === null || c === null) continue;
    const { vendorId, criterionId, evaluatorId, score } = entry;
    const criterion = input.criteria[c];
    const row = scores[v]?.[c];
    if (!criterion || !(score >= criterion.scaleMin && score <= criterion.scaleMax)) {
      errors.push({ kind: "OUT_OF_SCALE", vendorId, criterionId, evaluatorId, score });
    } else if (!setOnce(row, e, score)) {
      errors.push({ kind: "DUPLICATE_SCORE", vendorId, criterionId, evaluatorId });
    }
  }
  for (const entry of input.consensus ?? []) {
    const v = lookup(vendorIndex, "vendor", entry.vendorId, unknownIds);
    const c = lookup(criterionIndex, "criterion", entry.criterionId, unknownIds);
    if (v === null || c === null) continue;
    const { vendorId, criterionId, score } = entry;
    const criterion = input.criteria[c];
    if (!criterion || !(score >= criterion.scaleMin && score <= criterion.scaleMax)) {
      errors.push({ kind: "OUT_OF_SCALE", vendorId, criterionId, evaluatorId: null, score });
    } else if (!setOnce(consensus[v], c, score)) {
      errors.push({ kind: "DUPLICATE_SCORE", vendorId, criterionId, evaluatorId: null });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const { vendorIds, criteria, evaluatorIds } = input;
  return { ok: true, matrix: { vendorIds, criteria, evaluatorIds, scores, consensus } };
}

function nulls(length: number) {
  const row: (number | null)[] = [];
  for (let index = 0; index < length; index++) row.push(null);
  return row;
}

function indexIds(ids: readonly string[], of: IdKind, errors: ScoreMatrixError[]) {
  const index = new Map<string, number>();
  ids.forEach((id, position) => {
    if (index.has(id)) errors.push({ kind: "DUPLICATE_ID", of, id });
    else index.set(id, position);
  });
  return index;
}

/** The id's position; null, and an error unless `errors` is null, when it is not listed. */
function lookup(index: ReadonlyMap<string, number>, of: IdKind, id: string, errors: ScoreMatrixError[] | null) {
  const position = index.get(id);
  if (position !== undefined) return position;
  if (errors && !errors.some((error) => error.kind === "UNKNOWN_ID" && error.of === of && error.id === id)) {
    errors.push({ kind: "UNKNOWN_ID", of, id });
  }
  return null;
}

function setOnce(row: (number | null)[] | undefined, index: number, score: number) {
  if (!row || row[index] !== null) return false;
  row[index] = score;
  return true;
}

export function describeScoreMatrixError(error: ScoreMatrixError, nameOf: (id: string) => string = (id) => id) {
  const who = (evaluatorId: string | null) => (evaluatorId === null ? "The consensus" : nameOf(evaluatorId));
  switch (error.kind) {
    case "DUPLICATE_ID":
      return `The ${error.of} ${nameOf(error.id)} appears twice.`;
    case "INVALID_SCALE":
      return `${nameOf(error.criterionId)} needs a scale whose top is above its bottom.`;
    case "INVALID_WEIGHT":
      return `${nameOf(error.criterionId)} has a weight that is not a number of zero or more.`;
    case "UNKNOWN_ID":
      return `A score refers to an unknown ${error.of} (${error.id}).`;
    case "DUPLICATE_SCORE":
      return `${who(error.evaluatorId)} scored ${nameOf(error.vendorId)} on ${nameOf(error.criterionId)} twice.`;
    case "OUT_OF_SCALE":
      return `${who(error.evaluatorId)} gave ${nameOf(error.vendorId)} ${error.score} on ${nameOf(error.criterionId)}, outside its scale.`;
  }
}

// ── Per-item statistics ──────────────────────────────────────────────────────────────────────

export type Summary = {
  count: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  range: number | null;
  /** Sample standard deviation (divides by n − 1); null below two scores. */
  standardDeviation: number | null;
};

export function summarize(scores: readonly number[]): Summary {
  const count = scores.length;
  if (count === 0) return { count, mean: null, min: null, max: null, range: null, standardDeviation: null };
  // One pass, no spread arguments: this runs for every item of 40 × 80 × 12 matrices.
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const score of scores) {
    sum += score;
    if (score < min) min = score;
    if (score > max) max = score;
  }
  const mean = sum / count;
  return { count, mean, min, max, range: max - min, standardDeviation: sampleStandardDeviation(scores, mean) };
}

function sampleStandardDeviation(scores: readonly number[], mean: number) {
  if (scores.length < 2) return null;
  let squares = 0;
  for (const score of scores) squares += (score - mean) ** 2;
  return Math.sqrt(squares / (scores.length - 1));
}

/**
 * When evaluators disagree strongly enough that the panel must discuss the item at consensus.
 *
 * - RANGE: highest minus lowest score ≥ `rangeShareOfSpan` of the scale span (half, by default).
 * - OUTLIER: an evaluator's leave-one-out z-score beyond ±`zThreshold`:
 *   z = (x − mean of the others) / max(sd of the others, `minimumSpread`).
 *
 * Why leave-one-out: the z-score of a score within its own sample (mean and sd including that
 * score) can never exceed (n − 1)/√n — 1.15 for 3 evaluators, 1.79 for 5, 2.04 for 6
 * (`maxInclusiveZ`). A "beyond ±2" rule on it could never fire for panels of five or fewer, which
 * is most panels. Measuring a score against the other scores is unbounded, and is what
 * "disagrees with the rest of the panel" means.
 *
 * Why a minimum spread: with few evaluators the others' sd is noisy and often zero (two others who
 * agree), which would make any one-point difference an infinite z. The denominator is therefore
 * at least one point of the scale — the resolution evaluators score in — so an evaluator who
 * differs by one or two points from unanimous colleagues is not flagged, but one who differs by
 * three is. The rule needs at least two other scores (three evaluators); with two evaluators
 * only the range rule applies.
 */
export type DisagreementRules = { rangeShareOfSpan: number; zThreshold: number; minimumSpread: number };

export const DISAGREEMENT_RULES: DisagreementRules = { rangeShareOfSpan: 0.5, zThreshold: 2, minimumSpread: 1 };

export type DisagreementFlag =
  | { kind: "RANGE"; range: number; threshold: number }
  | { kind: "OUTLIER"; evaluatorId: string; score: number; z: number };

/** The largest |z| any score can have within its own sample of n (Shiffler, 1988). */
export function maxInclusiveZ(count: number) {
  return count < 2 ? 0 : (count - 1) / Math.sqrt(count);
}

/** z of `scores[index]` against the mean and sample sd of all the scores, itself included. */
export function inclusiveZ(scores: readonly number[], index: number): number | null {
  const { mean, standardDeviation } = summarize(scores);
  const score = scores[index];
  if (score === undefined || mean === null || !standardDeviation) return null;
  return (score - mean) / standardDeviation;
}

/** z of `scores[index]` against the other scores; null with fewer than two others. */
export function leaveOneOutZ(scores: readonly number[], index: number, minimumSpread = 1): number | null {
  const score = scores[index];
  const others = scores.filter((_, position) => position !== index);
  if (score === undefined || others.length < 2) return null;
  const { mean, standardDeviation } = summarize(others);
  const spread = Math.max(standardDeviation ?? 0, minimumSpread);
  if (mean === null || !(spread > 0)) return null;
  return (score - mean) / spread;
}

/** `scores` aligned with `evaluatorIds` (null = not scored), on a criterion's scale. */
export function disagreementFlags(
  scores: readonly (number | null)[],
  evaluatorIds: readonly string[],
  scale: { scaleMin: number; scaleMax: number },
  rules: DisagreementRules = DISAGREEMENT_RULES,
): DisagreementFlag[] {
  return itemOf(scores, evaluatorIds, scale, rules, { vendorId: "", criterionId: "", consensus: null }).flags;
}

export type ItemStatistics = Summary & {
  vendorId: string;
  criterionId: string;
  consensus: number | null;
  /** The score that counts for the item: the consensus score when recorded, else the mean. */
  value: number | null;
  /** Computed on the individual scores, also when a consensus score has settled the item. */
  flags: DisagreementFlag[];
};

/** `[v][c]`: every item of the matrix with its statistics and disagreement flags. */
export function itemStatistics(matrix: ScoreMatrix, rules: DisagreementRules = DISAGREEMENT_RULES) {
  return matrix.vendorIds.map((vendorId, v) => {
    const byCriterion = matrix.scores[v];
    const consensusRow = matrix.consensus[v];
    return matrix.criteria.map((criterion, c) =>
      itemOf(byCriterion?.[c] ?? [], matrix.evaluatorIds, criterion, rules, {
        vendorId,
        criterionId: criterion.id,
        consensus: consensusRow?.[c] ?? null,
      }),
    );
  });
}

/**
 * Summary and disagreement flags of one item in at most three passes over its scores, without
 * copying them: this runs for every item of 40 × 80 × 12 matrices. The arithmetic is that of
 * `summarize` (sum, then the sum of squared deviations from the mean) and of the leave-one-out
 * z from running sums, term for term, so the numbers are the same to the last bit.
 */
function itemOf(
  scores: readonly (number | null)[],
  evaluatorIds: readonly string[],
  scale: { scaleMin: number; scaleMax: number },
  rules: DisagreementRules,
  item: { vendorId: string; criterionId: string; consensus: number | null },
): ItemStatistics {
  const length = scores.length;
  let count = 0;
  let sum = 0;
  let sumOfSquares = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let e = 0; e < length; e++) {
    const score = scores[e];
    if (score === null || score === undefined) continue;
    count++;
    sum += score;
    sumOfSquares += score * score;
    if (score < min) min = score;
    if (score > max) max = score;
  }
  const { vendorId, criterionId, consensus } = item;
  if (count === 0) {
    return {
      count,
      mean: null,
      min: null,
      max: null,
      range: null,
      standardDeviation: null,
      vendorId,
      criterionId,
      consensus,
      value: consensus,
      flags: [],
    };
  }
  const mean = sum / count;
  let standardDeviation: number | null = null;
  if (count >= 2) {
    let squares = 0;
    for (let e = 0; e < length; e++) {
      const score = scores[e];
      if (score !== null && score !== undefined) squares += (score - mean) ** 2;
    }
    standardDeviation = Math.sqrt(squares / (count - 1));
  }
  const range = max - min;
  const threshold = rules.rangeShareOfSpan * (scale.scaleMax - scale.scaleMin);
  // A literal of the right size: most items have no flag or only this one.
  const flags: DisagreementFlag[] = count >= 2 && range >= threshold ? [{ kind: "RANGE", range, threshold }] : [];
  if (count >= 3) {
    // Leave-one-out mean and sd from the running sums (same values as leaveOneOutZ, without
    // building the "others" sample for every evaluator of every item).
    const others = count - 1;
    for (let e = 0; e < length; e++) {
      const score = scores[e];
      if (score === null || score === undefined) continue;
      const othersMean = (sum - score) / others;
      const variance = Math.max(0, (sumOfSquares - score * score - others * othersMean * othersMean) / (others - 1));
      const spread = Math.max(Math.sqrt(variance), rules.minimumSpread);
      if (!(spread > 0)) continue;
      const z = (score - othersMean) / spread;
      if (Math.abs(z) > rules.zThreshold) flags.push({ kind: "OUTLIER", evaluatorId: evaluatorIds[e] ?? "", score, z });
    }
  }
  return {
    count,
    mean,
    min,
    max,
    range,
    standardDeviation,
    vendorId,
    criterionId,
    consensus,
    value: consensus ?? mean,
    flags,
  };
}

// ── Weighted totals and ranks ────────────────────────────────────────────────────────────────

/** What totals are computed from: each item's score as a share (0–1) of its scale, or null. */
export type ScoreTable = {
  vendorIds: readonly string[];
  criteria: readonly ScoringCriterion[];
  /** `values[v][c]`: 0 = bottom of the scale, 1 = top; null when the item has no score. */
  values: readonly (readonly (number | null)[])[];
};

export function shareOfScale(score: number, scale: { scaleMin: number; scaleMax: number }) {
  return (score - scale.scaleMin) / (scale.scaleMax - scale.scaleMin);
}

/** Consensus score where recorded, else the mean of the evaluators' scores, as a share of the scale. */
export function scoreTable(matrix: ScoreMatrix): ScoreTable {
  const values = matrix.vendorIds.map((_, v) => {
    const byCriterion = matrix.scores[v];
    const consensusRow = matrix.consensus[v];
    return matrix.criteria.map((criterion, c) => {
      const value = consensusRow?.[c] ?? meanOf(byCriterion?.[c]);
      return value === null ? null : shareOfScale(value, criterion);
    });
  });
  return { vendorIds: matrix.vendorIds, criteria: matrix.criteria, values };
}

/** The mean of the scores given (as `summarize`), null when none; no copy of the row. */
function meanOf(scores: readonly (number | null)[] | undefined) {
  if (!scores) return null;
  let count = 0;
  let sum = 0;
  for (let e = 0; e < scores.length; e++) {
    const score = scores[e];
    if (score === null || score === undefined) continue;
    count++;
    sum += score;
  }
  return count > 0 ? sum / count : null;
}

export type VendorTotal = {
  vendorId: string;
  /** Points out of 100 over the criteria this vendor was scored on; null when it has none. */
  total: number | null;
  /** Share (0–1) of the criteria weight that is scored for this vendor. */
  coverage: number;
  missingCriterionIds: string[];
  /** Points each criterion adds to the total (null when not scored); they sum to the total. */
  contributions: { criterionId: string; points: number | null }[];
  /** The same points summed by top-level criterion, in criteria order (for stacked bars). */
  byTopLevel: { topLevelId: string; points: number }[];
  rank: number | null;
  tied: boolean;
};

/**
 * Weighted totals, in the order of `table.vendorIds`.
 *
 * total = 100 × Σ w·s / Σ w over the criteria scored for the vendor (s = share of the scale). A
 * missing item is left out and the remaining weights are renormalised for that vendor, so the
 * total is "points out of 100 on what was scored"; `coverage` says how much of the weight that is,
 * and a screen should show it next to any total below 1. Dividing by Σ w also makes a subset of
 * the tree (one stage) add up to 100.
 */
export function weightedTotals(table: ScoreTable): VendorTotal[] {
  const { criteria } = table;
  let allWeight = 0;
  for (const criterion of criteria) allWeight += criterion.weight;
  // Top-level criteria in order of first appearance, and each leaf's place among them.
  const topLevelIds: string[] = [];
  const topLevelOfLeaf = new Int32Array(criteria.length);
  const topLevelIndex = new Map<string, number>();
  criteria.forEach((criterion, c) => {
    let index = topLevelIndex.get(criterion.topLevelId);
    if (index === undefined) {
      index = topLevelIds.length;
      topLevelIndex.set(criterion.topLevelId, index);
      topLevelIds.push(criterion.topLevelId);
    }
    topLevelOfLeaf[c] = index;
  });
  const rows = table.vendorIds.map((vendorId, v) => {
    const values = table.values[v] ?? [];
    let scoredWeight = 0;
    let weightedSum = 0;
    const missingCriterionIds: string[] = [];
    criteria.forEach((criterion, c) => {
      const value = values[c] ?? null;
      if (value === null) {
        missingCriterionIds.push(criterion.id);
        return;
      }
      scoredWeight += criterion.weight;
      weightedSum += criterion.weight * value;
    });
    const total = scoredWeight > 0 ? (100 * weightedSum) / scoredWeight : null;
    const sums = topLevelIds.map(() => 0);
    const contributions = criteria.map((criterion, c) => {
      const value = values[c] ?? null;
      const points = value === null || total === null ? null : (100 * criterion.weight * value) / scoredWeight;
      const g = topLevelOfLeaf[c] ?? 0;
      sums[g] = (sums[g] ?? 0) + (points ?? 0);
      return { criterionId: criterion.id, points };
    });
    return {
      vendorId,
      total,
      coverage: allWeight > 0 && total !== null ? scoredWeight / allWeight : 0,
      missingCriterionIds,
      contributions,
      byTopLevel: topLevelIds.map((topLevelId, g) => ({ topLevelId, points: sums[g] ?? 0 })),
    };
  });
  return withRanks(rows, (row) => row.total);
}

/**
 * Totals are compared rounded to a millionth of a point, so two vendors whose totals differ only
 * by floating-point noise (the same scores summed in another order) tie.
 */
export const TIE_DECIMALS = 6;

export function tieKey(score: number) {
  return Math.round(score * 10 ** TIE_DECIMALS);
}

/**
 * Standard competition ranks ("1, 2, 2, 4"), higher score first: a vendor's rank is one more
 * than the number of vendors strictly ahead of it. Null scores get a null rank.
 */
export function competitionRanks(scores: readonly (number | null)[]): (number | null)[] {
  const keys = scores.map((score) => (score === null ? null : tieKey(score)));
  return keys.map((key) => (key === null ? null : 1 + keys.filter((other) => other !== null && other > key).length));
}

export function withRanks<T>(rows: readonly T[], scoreOf: (row: T) => number | null) {
  const ranks = competitionRanks(rows.map(scoreOf));
  return rows.map((row, index) => {
    const rank = ranks[index] ?? null;
    const tied = rank !== null && ranks.filter((other) => other === rank).length > 1;
    return { ...row, rank, tied };
  });
}

/** Best first; ties and unranked rows keep their input order (unranked last). */
export function sortByRank<T extends { rank: number | null }>(rows: readonly T[]): T[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => rankOrder(a.row.rank) - rankOrder(b.row.rank) || a.index - b.index)
    .map(({ row }) => row);
}

function rankOrder(rank: number | null) {
  return rank ?? Number.MAX_SAFE_INTEGER;
}
