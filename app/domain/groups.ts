import { type ScoreMatrix, scoreTable, tieKey, type VendorTotal, weightedTotals } from "./scoring";

/**
 * Views by functional group: consensus must be cross-functional, so the screen shows whether IT,
 * Finance, Operations… rank the vendors differently, from the same score matrix restricted to
 * each group's evaluators.
 *
 * Group views use the group's own scores and ignore consensus scores by default: a consensus
 * score is a panel-wide decision that would make every group agree on that item and hide the
 * very difference the view exists to show.
 */
export type GroupMembership = { evaluatorId: string; group: string };

export type GroupView = { group: string; evaluatorIds: string[]; totals: VendorTotal[] };

/** Spearman's rho between two groups' rankings, over the vendors both ranked. */
export type GroupComparison = { groups: [string, string]; rho: number | null; vendorsCompared: number };

export type VendorGroupRanks = {
  vendorId: string;
  ranks: { group: string; rank: number | null; tied: boolean }[];
  /** Worst minus best rank across the groups that ranked the vendor; null if fewer than two did. */
  rankSpread: number | null;
};

export type GroupViews = { groups: GroupView[]; comparisons: GroupComparison[]; vendors: VendorGroupRanks[] };

/** The matrix with only some evaluators' scores (in the matrix's evaluator order). */
export function restrictToEvaluators(
  matrix: ScoreMatrix,
  evaluatorIds: readonly string[],
  { keepConsensus = false } = {},
): ScoreMatrix {
  const keep = new Set(evaluatorIds);
  const indexes = matrix.evaluatorIds.flatMap((id, e) => (keep.has(id) ? [e] : []));
  return {
    ...matrix,
    evaluatorIds: indexes.map((e) => matrix.evaluatorIds[e] ?? ""),
    scores: matrix.scores.map((byCriterion) =>
      byCriterion.map((byEvaluator) => indexes.map((e) => byEvaluator[e] ?? null)),
    ),
    consensus: keepConsensus ? matrix.consensus : matrix.consensus.map((row) => row.map(() => null)),
  };
}

/**
 * Per-group totals and ranks, every pair of groups compared with Spearman's rho, and each
 * vendor's rank in every group. Groups appear in the order of `membership`; evaluators not in
 * `membership` (and members not in the matrix) are left out.
 */
export function groupViews(
  matrix: ScoreMatrix,
  membership: readonly GroupMembership[],
  { keepConsensus = false } = {},
): GroupViews {
  const inMatrix = new Set(matrix.evaluatorIds);
  const members = new Map<string, string[]>();
  for (const { evaluatorId, group } of membership) {
    if (!inMatrix.has(evaluatorId)) continue;
    members.set(group, [...(members.get(group) ?? []), evaluatorId]);
  }
  const groups = [...members].map(([group, evaluatorIds]): GroupView => {
    const restricted = restrictToEvaluators(matrix, evaluatorIds, { keepConsensus });
    return { group, evaluatorIds, totals: weightedTotals(scoreTable(restricted)) };
  });
  const comparisons: GroupComparison[] = [];
  groups.forEach((a, i) => {
    for (const b of groups.slice(i + 1)) {
      const both = a.totals.flatMap((row, v) => {
        const other = b.totals[v]?.total ?? null;
        return row.total !== null && other !== null ? [[row.total, other] as const] : [];
      });
      const rho = spearmanRho(
        both.map(([x]) => x),
        both.map(([, y]) => y),
      );
      comparisons.push({ groups: [a.group, b.group], rho, vendorsCompared: both.length });
    }
  });
  const vendors = matrix.vendorIds.map((vendorId, v): VendorGroupRanks => {
    const ranks = groups.map(({ group, totals }) => ({
      group,
      rank: totals[v]?.rank ?? null,
      tied: totals[v]?.tied ?? false,
    }));
    const known = ranks.flatMap((entry) => (entry.rank === null ? [] : [entry.rank]));
    return { vendorId, ranks, rankSpread: known.length >= 2 ? Math.max(...known) - Math.min(...known) : null };
  });
  return { groups, comparisons, vendors };
}

/**
 * Average ranks, 1 = highest score; tied scores share the mean of the places they occupy
 * (two vendors tied for second both get 2.5), as Spearman's rho requires.
 */
export function midranks(scores: readonly number[]): number[] {
  const keys = scores.map(tieKey);
  return keys.map((key) => {
    const ahead = keys.filter((other) => other > key).length;
    const level = keys.filter((other) => other === key).length;
    return ahead + (level + 1) / 2;
  });
}

/**
 * Spearman's rank correlation: Pearson's correlation of the midranks (exact with ties; equal to
 * 1 − 6Σd²/(n(n² − 1)) without). 1 = same order, −1 = reversed. Null with fewer than two
 * vendors, or when one side ranks them all equal (no order to compare).
 */
export function spearmanRho(x: readonly number[], y: readonly number[]): number | null {
  const n = Math.min(x.length, y.length);
  if (n < 2) return null;
  const rx = midranks(x.slice(0, n));
  const ry = midranks(y.slice(0, n));
  const mean = (n + 1) / 2;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let i = 0; i < n; i++) {
    const dx = (rx[i] ?? mean) - mean;
    const dy = (ry[i] ?? mean) - mean;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  if (varianceX === 0 || varianceY === 0) return null;
  return covariance / Math.sqrt(varianceX * varianceY);
}

const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

export function ordinal(rank: number) {
  const word = ORDINALS[rank - 1];
  if (word) return word;
  const lastTwo = rank % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : (["th", "st", "nd", "rd"][rank % 10] ?? "th");
  return `${rank}${suffix}`;
}

/**
 * "Finance ranks Cobalt first, IT ranks it third." — the group placing the vendor best against
 * the one placing it worst; null when the groups agree or fewer than two ranked it.
 */
export function rankDifferenceSentence(row: VendorGroupRanks, vendorName: string): string | null {
  const ranked = row.ranks.filter((entry) => entry.rank !== null);
  if (row.rankSpread === null || row.rankSpread === 0 || ranked.length < 2) return null;
  const best = ranked.reduce((a, b) => ((b.rank ?? 0) < (a.rank ?? 0) ? b : a));
  const worst = ranked.reduce((a, b) => ((b.rank ?? 0) > (a.rank ?? 0) ? b : a));
  const place = (entry: (typeof ranked)[number]) => `${ordinal(entry.rank ?? 0)}${entry.tied ? " (tied)" : ""}`;
  return `${best.group} ranks ${vendorName} ${place(best)}, ${worst.group} ranks it ${place(worst)}.`;
}
