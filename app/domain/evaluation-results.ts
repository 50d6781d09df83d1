import { withEffectiveWeights } from "./criteria";
import { type GroupViews, groupViews } from "./groups";
import { type EvaluatorCalibration, normalizeEvaluators } from "./normalization";
import {
  buildScoreMatrix,
  type ConsensusEntry,
  describeScoreMatrixError,
  type ItemStatistics,
  itemStatistics,
  type ScaledCriterionNode,
  type ScoreEntry,
  type ScoreMatrix,
  type ScoreTable,
  type ScoringCriterion,
  scoreTable,
  scoringCriteriaByStage,
  type VendorTotal,
  weightedTotals,
  withRanks,
} from "./scoring";

/**
 * The results of the written evaluation, assembled from the maths in scoring, normalization,
 * groups and price: quality totals over the WRITTEN criteria, and quality + price combined by the
 * weights of the criteria tree. ORAL criteria are scored at the interviews and are not part of
 * these results; the written and price weights are rescaled to 100 between them.
 */
export const RESULT_METHODS = ["raw", "normalized"] as const;
export type ResultMethod = (typeof RESULT_METHODS)[number];

export const RESULT_METHOD_INFO: Record<ResultMethod, { label: string; description: string }> = {
  raw: {
    label: "Raw scores",
    description: "Each item counts the consensus score where the panel recorded one, else the mean of the evaluators.",
  },
  normalized: {
    label: "Normalized per evaluator",
    description:
      "Each evaluator's scores are rescaled to the panel's mean and spread (z-scores) before averaging, to neutralize harsh and lenient markers. Consensus scores are kept as agreed.",
  },
};

export type ResultsInput = {
  /** The whole criteria tree (every stage), with scales. */
  criteria: readonly ScaledCriterionNode[];
  vendorIds: readonly string[];
  evaluators: readonly { id: string; group: string | null }[];
  /** Scores from submitted sheets only. Entries outside the written leaves, vendors or evaluators are ignored. */
  scores: readonly ScoreEntry[];
  consensus: readonly ConsensusEntry[];
  /**
   * Each vendor's price share (price points ÷ max points; null = no valid price), or null when
   * price is not part of these results (formula not fixed, or prices hidden from this reader).
   */
  priceShares: ReadonlyMap<string, number | null> | null;
};

export type TopLevelCriterion = { id: string; name: string; stage: "WRITTEN" | "PRICE" | "MIXED"; weight: number };

export type ResultsView = {
  method: ResultMethod;
  topLevel: TopLevelCriterion[];
  /** Effective weight (percent of the whole tree) of the ORAL criteria left out of these results. */
  oralWeight: number;
  /** Price's share of written + price (0–1); 0 when price is not part of these results. */
  priceShare: number;
  priceIncluded: boolean;
  /** The PRICE leaves counted in `combined` (empty without price). */
  priceCriterionIds: string[];
  /** Each vendor's price share (price points ÷ max points), when price is included. */
  priceShares: Record<string, number | null>;
  quality: VendorTotal[];
  /** Quality and price together; a vendor without a valid price is not ranked here. Null without price. */
  combined: VendorTotal[] | null;
  statistics: ItemStatistics[][];
  calibration: EvaluatorCalibration[] | null;
  groups: GroupViews;
  /** `[v][t]`: share (0–1) of the top-level criterion t the vendor attained; null where not scored. */
  attainment: (number | null)[][];
  /**
   * Axes of each vendor's profile (radar): the top-level criteria when there are three or more,
   * else the scored leaves (a radar of two axes is a line). `values[v][a]` is a share (0–1).
   */
  profile: { axisIds: string[]; values: (number | null)[][] };
  /** What sensitivity analyses run on: the combined table without unpriced vendors, or quality alone. */
  sensitivityTable: ScoreTable;
  /** Vendors left out of the sensitivity table (no valid price while price counts). */
  unpricedVendorIds: string[];
  matrix: ScoreMatrix;
};

export type ResultsComputation = { ok: true; view: ResultsView } | { ok: false; errors: string[] };

/** A vendor's total as the results page shows it: by top-level criterion, not per leaf. */
export type PageTotal = Omit<VendorTotal, "contributions" | "missingCriterionIds">;

/**
 * What the results page draws of a computation: the totals, the top-level breakdown, the profiles,
 * the calibration and each group's ranks. The item statistics, the score matrix, the groups' own
 * totals and the sensitivity table stay on the server (the exports and the sensitivity page use
 * them): on the benchmark RFP they were 2.2 MB of the page's data, for tables it never drew.
 */
export type ResultsPageView = Pick<
  ResultsView,
  "method" | "topLevel" | "oralWeight" | "priceShare" | "priceIncluded" | "priceShares" | "calibration" | "profile"
> & {
  quality: PageTotal[];
  combined: PageTotal[] | null;
  /** The vendors in the computation's order (the profile's rows). */
  vendorIds: string[];
  unpricedVendorIds: string[];
  groups: { groups: { group: string; evaluatorIds: string[] }[]; vendors: GroupViews["vendors"] };
};

export function resultsPageView(view: ResultsView): ResultsPageView {
  const pageTotal = ({ vendorId, total, coverage, byTopLevel, rank, tied }: VendorTotal): PageTotal => ({
    vendorId,
    total,
    coverage,
    byTopLevel,
    rank,
    tied,
  });
  return {
    method: view.method,
    topLevel: view.topLevel,
    oralWeight: view.oralWeight,
    priceShare: view.priceShare,
    priceIncluded: view.priceIncluded,
    priceShares: view.priceShares,
    calibration: view.calibration,
    profile: view.profile,
    quality: view.quality.map(pageTotal),
    combined: view.combined?.map(pageTotal) ?? null,
    vendorIds: view.matrix.vendorIds.slice(),
    unpricedVendorIds: view.unpricedVendorIds,
    groups: {
      groups: view.groups.groups.map((group) => ({ group: group.group, evaluatorIds: group.evaluatorIds.slice() })),
      vendors: view.groups.vendors,
    },
  };
}

export function computeResults(
  input: ResultsInput,
  method: ResultMethod,
  nameOf: (id: string) => string = (id) => id,
): ResultsComputation {
  const stages = scoringCriteriaByStage(input.criteria);
  const written = stages.WRITTEN;
  const priceCriteria = stages.PRICE;
  // Entries outside the written leaves, the vendors or the evaluators are skipped while the
  // matrix is built, without copying the tens of thousands of entries into a filtered list first.
  const built = buildScoreMatrix({
    vendorIds: input.vendorIds,
    criteria: written,
    evaluatorIds: input.evaluators.map((evaluator) => evaluator.id),
    scores: input.scores,
    consensus: input.consensus,
    ignoreUnknownIds: true,
  });
  if (!built.ok) return { ok: false, errors: built.errors.map((error) => describeScoreMatrixError(error, nameOf)) };

  const normalization = method === "normalized" ? normalizeEvaluators(built.matrix) : null;
  const matrix = normalization?.matrix ?? built.matrix;
  const qualityTable = scoreTable(matrix);
  const quality = weightedTotals(qualityTable);

  const shares = input.priceShares;
  const priceIncluded = shares !== null && sumWeights(priceCriteria) > 0;
  const combinedTable = priceIncluded ? withPriceCriteria(qualityTable, priceCriteria, shares) : qualityTable;
  const combined = priceIncluded ? rankPricedOnly(weightedTotals(combinedTable), shares) : null;
  const unpricedVendorIds = priceIncluded ? input.vendorIds.filter((id) => (shares.get(id) ?? null) === null) : [];

  const topLevel = topLevelCriteria(input.criteria, combinedTable.criteria);
  const oralWeight = stages.ORAL.reduce((sum, leaf) => sum + leaf.weight, 0);
  const membership = input.evaluators.flatMap((evaluator) =>
    evaluator.group ? [{ evaluatorId: evaluator.id, group: evaluator.group }] : [],
  );
  return {
    ok: true,
    view: {
      method,
      topLevel,
      oralWeight,
      priceShare: priceIncluded ? priceShareFrom(written, priceCriteria) : 0,
      priceIncluded,
      priceCriterionIds: priceIncluded ? priceCriteria.map((criterion) => criterion.id) : [],
      priceShares: priceIncluded ? Object.fromEntries(input.vendorIds.map((id) => [id, shares.get(id) ?? null])) : {},
      quality,
      combined,
      statistics: itemStatistics(built.matrix),
      calibration: normalization?.evaluators ?? null,
      groups: groupViews(matrix, membership),
      attainment: topLevelAttainment(combinedTable, topLevel),
      profile: profileOf(combinedTable, topLevel),
      sensitivityTable: withoutVendors(combinedTable, unpricedVendorIds),
      unpricedVendorIds,
      matrix,
    },
  };
}

/** Price's share of the written + price weight of the tree (0–1): how much price points count. */
export function priceShareOf(nodes: readonly ScaledCriterionNode[]) {
  const stages = scoringCriteriaByStage(nodes);
  return priceShareFrom(stages.WRITTEN, stages.PRICE);
}

function priceShareFrom(writtenCriteria: readonly ScoringCriterion[], priceCriteria: readonly ScoringCriterion[]) {
  const written = sumWeights(writtenCriteria);
  const price = sumWeights(priceCriteria);
  return written + price > 0 ? price / (written + price) : 0;
}

function sumWeights(criteria: readonly ScoringCriterion[]) {
  return criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
}

/** The quality table with the PRICE leaves appended; every price leaf scores the vendor's price share. */
export function withPriceCriteria(
  quality: ScoreTable,
  priceCriteria: readonly ScoringCriterion[],
  shares: ReadonlyMap<string, number | null>,
): ScoreTable {
  return {
    vendorIds: quality.vendorIds,
    criteria: [...quality.criteria, ...priceCriteria],
    values: quality.vendorIds.map((vendorId, v) => [
      ...(quality.values[v] ?? []),
      ...priceCriteria.map(() => shares.get(vendorId) ?? null),
    ]),
  };
}

/**
 * A vendor without a valid price cannot be ranked on quality + price: renormalising its total over
 * quality alone (what a missing item means elsewhere) would rank it on other terms than the rest.
 */
function rankPricedOnly(totals: readonly VendorTotal[], shares: ReadonlyMap<string, number | null>) {
  const rows = totals.map(({ rank: _rank, tied: _tied, ...row }) =>
    (shares.get(row.vendorId) ?? null) === null ? { ...row, total: null } : row,
  );
  return withRanks(rows, (row) => row.total);
}

function withoutVendors(table: ScoreTable, vendorIds: readonly string[]): ScoreTable {
  if (vendorIds.length === 0) return table;
  const keep = table.vendorIds.flatMap((id, v) => (vendorIds.includes(id) ? [] : [v]));
  return {
    criteria: table.criteria,
    vendorIds: keep.map((v) => table.vendorIds[v] ?? ""),
    values: keep.map((v) => table.values[v] ?? []),
  };
}

/** Top-level criteria that have leaves in the table, in tree order, weights rescaled to 100. */
export function topLevelCriteria(
  nodes: readonly ScaledCriterionNode[],
  criteria: readonly ScoringCriterion[],
): TopLevelCriterion[] {
  const used = new Set(criteria.map((criterion) => criterion.topLevelId));
  const topLevelOf = new Map(criteria.map((criterion) => [criterion.id, criterion.topLevelId]));
  const ordered = withEffectiveWeights([...nodes]);
  const leaves = ordered.filter((node) => node.isLeaf);
  const top = ordered.filter((node) => node.parentId === null && used.has(node.id));
  const total = top.reduce((sum, node) => sum + node.weight, 0);
  return top.map((node) => {
    const stages = new Set(leaves.filter((leaf) => topLevelOf.get(leaf.id) === node.id).map((leaf) => leaf.stage));
    const stage = stages.size === 1 && stages.has("PRICE") ? "PRICE" : stages.has("PRICE") ? "MIXED" : "WRITTEN";
    return { id: node.id, name: node.name, stage, weight: total > 0 ? (node.weight * 100) / total : 0 };
  });
}

/** How much of each top-level criterion a vendor attained: Σ w·s ÷ Σ w over its scored leaves there. */
export function topLevelAttainment(table: ScoreTable, topLevel: readonly { id: string }[]): (number | null)[][] {
  const position = new Map<string, number>();
  topLevel.forEach(({ id }, t) => {
    if (!position.has(id)) position.set(id, t);
  });
  // Each leaf's top-level position (−1: not shown); duplicate ids in `topLevel` share the first's sums.
  const topOf = table.criteria.map((criterion) => position.get(criterion.topLevelId) ?? -1);
  return table.vendorIds.map((_, v) => {
    const values = table.values[v];
    const weight = topLevel.map(() => 0);
    const attained = topLevel.map(() => 0);
    table.criteria.forEach((criterion, c) => {
      const t = topOf[c] ?? -1;
      const value = values?.[c] ?? null;
      if (t < 0 || value === null) return;
      weight[t] = (weight[t] ?? 0) + criterion.weight;
      attained[t] = (attained[t] ?? 0) + criterion.weight * value;
    });
    return topLevel.map(({ id }) => {
      const t = position.get(id) ?? 0;
      const w = weight[t] ?? 0;
      return w > 0 ? (attained[t] ?? 0) / w : null;
    });
  });
}

function profileOf(table: ScoreTable, topLevel: readonly { id: string }[]): ResultsView["profile"] {
  if (topLevel.length >= 3)
    return { axisIds: topLevel.map(({ id }) => id), values: topLevelAttainment(table, topLevel) };
  return {
    axisIds: table.criteria.map(({ id }) => id),
    values: table.values.map((row) => table.criteria.map((_, c) => row[c] ?? null)),
  };
}
