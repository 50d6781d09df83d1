import { type CriterionNode, withEffectiveWeights } from "./criteria";
import { mulberry32, type RandomSource } from "./random";
import { competitionRanks, type ScoreTable, TIE_DECIMALS } from "./scoring";

/**
 * How much the ranking depends on the weights: what-if totals for other top-level weights, the
 * smallest weight change that changes the first-ranked vendor, and a Monte Carlo of perturbed
 * weights.
 *
 * Totals are those of scoring.weightedTotals: 100 × Σ w·s / Σ w over the items scored for the
 * vendor (s = share of the scale). With the leaves grouped under top-level criteria t of weight
 * W_t, a vendor's total is 100 × Σ_t W_t·A_t / Σ_t W_t·B_t, where A_t sums share-of-top-level ×
 * s over its scored leaves under t and B_t sums their shares (B_t = 1 when all are scored). The
 * total does not change when every weight is multiplied by the same factor, so "renormalised to
 * 100" is only a matter of presentation.
 */
export type SensitivityModel = {
  vendorIds: readonly string[];
  /** Top-level criteria that have scored leaves, weights renormalised to sum to 100. */
  topLevel: readonly { id: string; weight: number }[];
  /** The leaves of the score table, effective weights renormalised to sum to 100. */
  leaves: readonly { id: string; weight: number; topLevelIndex: number; shareOfTopLevel: number }[];
  /** `values[v·L + l]`: share of the scale, 0 where not scored. */
  values: Float64Array;
  /** `scored[v·L + l]`: 1 where scored, 0 where not. */
  scored: Float64Array;
  /** The whole criteria tree, parents before children, for perturbing every weight. */
  tree: { parent: Int32Array; weight: Float64Array; leafNode: Int32Array };
};

/**
 * Precomputes everything the analyses need. `table.criteria` must be leaves of `nodes` (scoring's
 * `scoringCriteria` makes them so); anything else is a programming error and throws.
 */
export function buildSensitivityModel(nodes: readonly CriterionNode[], table: ScoreTable): SensitivityModel {
  const ordered = withEffectiveWeights([...nodes]);
  const indexOf = new Map(ordered.map((node, index) => [node.id, index]));
  const parent = Int32Array.from(ordered, (node) => (node.parentId === null ? -1 : (indexOf.get(node.parentId) ?? -1)));
  const weight = Float64Array.from(ordered, (node) => node.weight);
  const shareOfTop = new Float64Array(ordered.length);
  const topOf = new Int32Array(ordered.length);
  ordered.forEach((_, i) => {
    const p = parent[i] ?? -1;
    shareOfTop[i] = p < 0 ? 1 : ((shareOfTop[p] ?? 0) * (weight[i] ?? 0)) / 100;
    topOf[i] = p < 0 ? i : (topOf[p] ?? i);
  });
  const leafNode = Int32Array.from(table.criteria, (criterion) => {
    const index = indexOf.get(criterion.id);
    if (index === undefined || !ordered[index]?.isLeaf) {
      throw new Error(`Criterion ${criterion.id} is not a leaf of the criteria tree.`);
    }
    return index;
  });
  const topNodes = [...new Set(Array.from(leafNode, (i) => topOf[i] ?? 0))].sort((a, b) => a - b);
  const topWeights = renormalised(topNodes.map((i) => weight[i] ?? 0));
  const leafEffective = renormalised(Array.from(leafNode, (i) => (weight[topOf[i] ?? 0] ?? 0) * (shareOfTop[i] ?? 0)));
  const L = table.criteria.length;
  const values = new Float64Array(table.vendorIds.length * L);
  const scored = new Float64Array(table.vendorIds.length * L);
  table.vendorIds.forEach((_, v) => {
    for (let l = 0; l < L; l++) {
      const value = table.values[v]?.[l] ?? null;
      values[v * L + l] = value ?? 0;
      scored[v * L + l] = value === null ? 0 : 1;
    }
  });
  return {
    vendorIds: table.vendorIds,
    topLevel: topNodes.map((i, g) => ({ id: ordered[i]?.id ?? "", weight: topWeights[g] ?? 0 })),
    leaves: table.criteria.map((criterion, l) => {
      const node = leafNode[l] ?? 0;
      const topLevelIndex = topNodes.indexOf(topOf[node] ?? 0);
      return { id: criterion.id, weight: leafEffective[l] ?? 0, topLevelIndex, shareOfTopLevel: shareOfTop[node] ?? 0 };
    }),
    values,
    scored,
    tree: { parent, weight, leafNode },
  };
}

function renormalised(weights: readonly number[]) {
  const sum = weights.reduce((total, weight) => total + weight, 0);
  return sum > 0 ? weights.map((weight) => (weight * 100) / sum) : weights.map(() => 0);
}

export type RankedTotal = { vendorId: string; total: number | null; rank: number | null; tied: boolean };

/**
 * The groups the one-weight analysis moves: either the top-level criteria (with each leaf's share
 * of its top level) or every leaf on its own. `attained[v·G + g]` = Σ share × s over the scored
 * leaves of group g, `covered[v·G + g]` = Σ share over them.
 */
type WeightGroups = { ids: string[]; weights: number[]; attained: Float64Array; covered: Float64Array };

function weightGroups(model: SensitivityModel, level: SensitivityLevel): WeightGroups {
  const L = model.leaves.length;
  const byLeaf = level === "LEAF";
  const G = byLeaf ? L : model.topLevel.length;
  const attained = new Float64Array(model.vendorIds.length * G);
  const covered = new Float64Array(model.vendorIds.length * G);
  model.vendorIds.forEach((_, v) => {
    model.leaves.forEach((leaf, l) => {
      const g = byLeaf ? l : leaf.topLevelIndex;
      const share = byLeaf ? 1 : leaf.shareOfTopLevel;
      attained[v * G + g] = (attained[v * G + g] ?? 0) + share * (model.values[v * L + l] ?? 0);
      covered[v * G + g] = (covered[v * G + g] ?? 0) + share * (model.scored[v * L + l] ?? 0);
    });
  });
  const groups = byLeaf ? model.leaves : model.topLevel;
  return { ids: groups.map((group) => group.id), weights: groups.map((group) => group.weight), attained, covered };
}

function totalsFor(model: SensitivityModel, groups: WeightGroups, weights: readonly number[]): RankedTotal[] {
  const G = groups.ids.length;
  const totals = model.vendorIds.map((_, v) => {
    let numerator = 0;
    let denominator = 0;
    for (let g = 0; g < G; g++) {
      numerator += (weights[g] ?? 0) * (groups.attained[v * G + g] ?? 0);
      denominator += (weights[g] ?? 0) * (groups.covered[v * G + g] ?? 0);
    }
    return denominator > 0 ? (100 * numerator) / denominator : null;
  });
  const ranks = competitionRanks(totals);
  return model.vendorIds.map((vendorId, v) => {
    const rank = ranks[v] ?? null;
    return {
      vendorId,
      total: totals[v] ?? null,
      rank,
      tied: rank !== null && ranks.filter((r) => r === rank).length > 1,
    };
  });
}

// ── (a) What-if ──────────────────────────────────────────────────────────────────────────────

export type WhatIfError =
  | { kind: "UNKNOWN_CRITERION"; criterionId: string }
  | { kind: "INVALID_WEIGHT"; criterionId: string }
  | { kind: "NO_WEIGHT" };

export type WhatIfResult =
  | { ok: true; weights: { id: string; weight: number }[]; totals: RankedTotal[] }
  | { ok: false; error: WhatIfError };

/**
 * Totals and ranks for other top-level weights (e.g. from sliders). Criteria not mentioned keep
 * their weight; the result's weights are renormalised to sum to 100.
 */
export function whatIf(model: SensitivityModel, topLevelWeights: Readonly<Record<string, number>> = {}): WhatIfResult {
  for (const [criterionId, weight] of Object.entries(topLevelWeights)) {
    if (!model.topLevel.some((criterion) => criterion.id === criterionId)) {
      return { ok: false, error: { kind: "UNKNOWN_CRITERION", criterionId } };
    }
    if (!(Number.isFinite(weight) && weight >= 0)) return { ok: false, error: { kind: "INVALID_WEIGHT", criterionId } };
  }
  const chosen = model.topLevel.map((criterion) => topLevelWeights[criterion.id] ?? criterion.weight);
  if (!chosen.some((weight) => weight > 0)) return { ok: false, error: { kind: "NO_WEIGHT" } };
  const weights = renormalised(chosen);
  const totals = totalsFor(model, weightGroups(model, "TOP_LEVEL"), weights);
  return {
    ok: true,
    weights: model.topLevel.map((criterion, g) => ({ id: criterion.id, weight: weights[g] ?? 0 })),
    totals,
  };
}

// ── (b) Tipping points ───────────────────────────────────────────────────────────────────────

export type SensitivityLevel = "TOP_LEVEL" | "LEAF";

export type WeightThreshold = {
  /** The criterion's weight (percent, others scaled to keep 100) at which a challenger draws level. */
  weight: number;
  /** weight − current weight, in percentage points. */
  change: number;
  /** The vendors that draw level with the leader there (usually one); beyond it they lead. */
  challengerIds: string[];
};

export type CriterionSensitivity = {
  criterionId: string;
  baseWeight: number;
  /** Raising the weight: null when no vendor catches the leader up to 100%. */
  up: WeightThreshold | null;
  /** Lowering the weight: null when no vendor catches the leader down to 0%. */
  down: WeightThreshold | null;
  /** The smaller change of the two; null means "none within 0–100%". */
  smallest: WeightThreshold | null;
};

export type TippingPoints =
  | { kind: "LEADER"; leaderId: string; criteria: CriterionSensitivity[] }
  /** First place is already shared: any change can decide it either way. */
  | { kind: "TIED_FOR_FIRST"; leaderIds: string[] }
  | { kind: "NO_RANKED_VENDORS" };

/**
 * For each criterion, the smallest change of its weight (all other weights of the level scaled
 * proportionally so the sum stays 100) at which another vendor draws level with the first-ranked
 * vendor, searched in both directions.
 *
 * Exact, not stepped: with criterion k at weight x, every vendor's total is N(x)/D(x) with N and
 * D linear in x (D is constant when the vendor is scored on everything, making the total linear).
 * Challenger C draws level with leader L where N_C·D_L − N_L·D_C = 0, a polynomial of degree at
 * most two, solved in closed form; the nearest root on each side of the current weight wins.
 */
export function tippingPoints(model: SensitivityModel, level: SensitivityLevel = "TOP_LEVEL"): TippingPoints {
  const groups = weightGroups(model, level);
  const base = totalsFor(model, groups, groups.weights);
  const leaders = base.filter((row) => row.rank === 1);
  if (leaders.length === 0) return { kind: "NO_RANKED_VENDORS" };
  if (leaders.length > 1) return { kind: "TIED_FOR_FIRST", leaderIds: leaders.map((row) => row.vendorId) };
  const leader = model.vendorIds.indexOf(leaders[0]?.vendorId ?? "");
  const challengers = base.flatMap((row, v) => (row.rank !== null && v !== leader ? [v] : []));
  const criteria = groups.ids.map((criterionId, k): CriterionSensitivity => {
    const baseWeight = groups.weights[k] ?? 0;
    const lines = model.vendorIds.map((_, v) => linesFor(groups, k, v));
    const up = nearestCrossing(lines, leader, challengers, baseWeight, 100 - baseWeight, model.vendorIds);
    const down = nearestCrossing(lines, leader, challengers, baseWeight, -baseWeight, model.vendorIds);
    const smallest = up && (!down || Math.abs(up.change) <= Math.abs(down.change)) ? up : down;
    return { criterionId, baseWeight, up, down, smallest };
  });
  return { kind: "LEADER", leaderId: model.vendorIds[leader] ?? "", criteria };
}

/** N(t) = n + β·t and D(t) = d + δ·t for a move of t points of group k's weight; null when k is everything. */
type Lines = { n: number; beta: number; d: number; delta: number } | null;

function linesFor(groups: WeightGroups, k: number, v: number): Lines {
  const G = groups.ids.length;
  let othersWeight = 0;
  let othersAttained = 0;
  let othersCovered = 0;
  for (let g = 0; g < G; g++) {
    if (g === k) continue;
    const weight = groups.weights[g] ?? 0;
    othersWeight += weight;
    othersAttained += weight * (groups.attained[v * G + g] ?? 0);
    othersCovered += weight * (groups.covered[v * G + g] ?? 0);
  }
  if (!(othersWeight > 0)) return null;
  const weightK = groups.weights[k] ?? 0;
  const attainedK = groups.attained[v * G + k] ?? 0;
  const coveredK = groups.covered[v * G + k] ?? 0;
  // A vendor scored only outside k (or only inside it) keeps the same total whatever k weighs: N
  // and D share a factor that vanishes at 100% (or 0%). Dividing it out avoids a false crossing
  // there, where that vendor would have no scored weight at all.
  if (coveredK === 0) return { n: othersCovered > 0 ? othersAttained / othersCovered : 0, beta: 0, d: 1, delta: 0 };
  if (othersCovered === 0) return { n: attainedK / coveredK, beta: 0, d: 1, delta: 0 };
  // Others are scaled by (total − x)/othersWeight, so per point of x they lose othersX/othersWeight.
  return {
    n: weightK * attainedK + othersAttained,
    beta: attainedK - othersAttained / othersWeight,
    d: weightK * coveredK + othersCovered,
    delta: coveredK - othersCovered / othersWeight,
  };
}

/** The crossing nearest to t = 0 within (0, limit] (limit > 0) or [limit, 0) (limit < 0). */
function nearestCrossing(
  lines: readonly Lines[],
  leader: number,
  challengers: readonly number[],
  baseWeight: number,
  limit: number,
  vendorIds: readonly string[],
): WeightThreshold | null {
  const ofLeader = lines[leader];
  if (!ofLeader || limit === 0) return null;
  const tolerance = 1e-9 * Math.max(1, Math.abs(limit));
  const found: { t: number; v: number }[] = [];
  for (const v of challengers) {
    const ofChallenger = lines[v];
    if (!ofChallenger) continue;
    const t = firstRoot(ofChallenger, ofLeader, limit, tolerance);
    if (t !== null) found.push({ t, v });
  }
  if (found.length === 0) return null;
  const nearest = Math.min(...found.map(({ t }) => Math.abs(t)));
  const t = Math.sign(limit) * nearest;
  const challengerIds = found
    .filter((hit) => Math.abs(hit.t) - nearest <= tolerance)
    .map((hit) => vendorIds[hit.v] ?? "");
  return { weight: baseWeight + t, change: t, challengerIds };
}

/**
 * Nearest root of f(t) = N_C·D_L − N_L·D_C on the side of `limit`, where both totals exist.
 * f(0) < 0 because the leader is strictly ahead at the current weights.
 */
function firstRoot(challenger: NonNullable<Lines>, leader: NonNullable<Lines>, limit: number, tolerance: number) {
  const a = challenger.beta * leader.delta - leader.beta * challenger.delta;
  const b =
    challenger.beta * leader.d + challenger.n * leader.delta - leader.beta * challenger.d - leader.n * challenger.delta;
  const c = challenger.n * leader.d - leader.n * challenger.d;
  const onSide = quadraticRoots(a, b, c)
    .map((t) => (Math.abs(t - limit) <= tolerance ? limit : t))
    .filter((t) => (limit > 0 ? t > 0 && t <= limit : t < 0 && t >= limit))
    .filter((t) => challenger.d + challenger.delta * t > 0 && leader.d + leader.delta * t > 0)
    .sort((x, y) => Math.abs(x) - Math.abs(y));
  return onSide[0] ?? null;
}

/** Real roots of a·t² + b·t + c, computed without catastrophic cancellation. */
export function quadraticRoots(a: number, b: number, c: number): number[] {
  if (a === 0) return b === 0 ? [] : [-c / b];
  const discriminant = b * b - 4 * a * c;
  if (discriminant < 0) return [];
  const q = -0.5 * (b + (b >= 0 ? 1 : -1) * Math.sqrt(discriminant));
  const roots = [q / a];
  if (q !== 0) roots.push(c / q);
  return roots;
}

// ── (c) Monte Carlo ──────────────────────────────────────────────────────────────────────────

export type MonteCarloOptions = {
  /** Every weight of the tree is multiplied by a uniform factor in [1 − p/100, 1 + p/100]. */
  spreadPercent?: number;
  draws?: number;
  topN?: number;
  random?: RandomSource;
};

export type MonteCarloResult = {
  spreadPercent: number;
  draws: number;
  topN: number;
  vendors: {
    vendorId: string;
    /** Share of draws in which the vendor ranks first (sharing first place counts). */
    probabilityFirst: number;
    probabilityTopN: number;
    /** Mean competition rank over the draws; null for a vendor that is never ranked. */
    meanRank: number | null;
  }[];
};

export const MONTE_CARLO_DEFAULTS = { spreadPercent: 20, draws: 10_000, topN: 3, seed: 20_270_401 } as const;

/**
 * Perturbs every weight of the criteria tree (top level and below) independently by ±p%,
 * uniformly; each group of siblings is then rescaled to its original sum (100), and leaf weights
 * are the products down the tree, as in criteria.ts. A criterion weighing 0 stays at 0.
 *
 * Totals within half a millionth of a point tie, as in the ranking (scoring.TIE_DECIMALS): the
 * same scores renormalised over different items can differ by floating-point noise. A shared
 * first place counts for every vendor in it, so the probabilities of ranking first can add up to
 * more than 1. Deterministic for a given `random`;
 * the default is mulberry32 with a fixed seed, so a page shows the same numbers on every load.
 *
 * The inner loop runs on typed arrays and allocates nothing per draw.
 */
export function monteCarlo(model: SensitivityModel, options: MonteCarloOptions = {}): MonteCarloResult {
  const spreadPercent = options.spreadPercent ?? MONTE_CARLO_DEFAULTS.spreadPercent;
  const draws = options.draws ?? MONTE_CARLO_DEFAULTS.draws;
  const topN = options.topN ?? MONTE_CARLO_DEFAULTS.topN;
  const random = options.random ?? mulberry32(MONTE_CARLO_DEFAULTS.seed);
  if (!(spreadPercent >= 0 && spreadPercent <= 100)) throw new RangeError("spreadPercent must be within 0–100.");
  if (!(Number.isInteger(draws) && draws > 0)) throw new RangeError("draws must be a positive whole number.");
  if (!(Number.isInteger(topN) && topN > 0)) throw new RangeError("topN must be a positive whole number.");

  const simulation = prepareSimulation(model, spreadPercent / 100);
  const V = model.vendorIds.length;
  const tally: Tally = {
    firsts: new Float64Array(V),
    topNs: new Float64Array(V),
    rankSums: new Float64Array(V),
    rankedDraws: new Float64Array(V),
  };
  for (let draw = 0; draw < draws; draw++) {
    const allLeaves = perturbLeafWeights(simulation, random);
    computeTotals(simulation, allLeaves);
    countRanks(simulation.totals, topN, tally);
  }
  return {
    spreadPercent,
    draws,
    topN,
    vendors: model.vendorIds.map((vendorId, v) => {
      const ranked = tally.rankedDraws[v] ?? 0;
      return {
        vendorId,
        probabilityFirst: (tally.firsts[v] ?? 0) / draws,
        probabilityTopN: (tally.topNs[v] ?? 0) / draws,
        meanRank: ranked > 0 ? (tally.rankSums[v] ?? 0) / ranked : null,
      };
    }),
  };
}

type Simulation = ReturnType<typeof prepareSimulation>;
type Tally = { firsts: Float64Array; topNs: Float64Array; rankSums: Float64Array; rankedDraws: Float64Array };

function prepareSimulation(model: SensitivityModel, spread: number) {
  const { parent, weight: baseWeight, leafNode } = model.tree;
  const nodeCount = baseWeight.length;
  const V = model.vendorIds.length;
  const L = leafNode.length;
  // Siblings share a group: index 0 for the top level, parent + 1 below it.
  const group = Int32Array.from(parent, (p) => p + 1);
  const baseGroupSum = new Float64Array(nodeCount + 1);
  for (let n = 0; n < nodeCount; n++) {
    const g = group[n] ?? 0;
    baseGroupSum[g] = (baseGroupSum[g] ?? 0) + (baseWeight[n] ?? 0);
  }
  // Unscored leaves per vendor (compressed rows): a vendor's denominator is the sum of all leaf
  // weights minus those, which is cheaper than a second pass over every leaf. Unscored values are 0,
  // so the numerator needs no mask.
  const missingStart = new Int32Array(V + 1);
  const missing: number[] = [];
  const rankable = new Uint8Array(V);
  for (let v = 0; v < V; v++) {
    let scoredWeight = 0;
    for (let l = 0; l < L; l++) {
      if ((model.scored[v * L + l] ?? 0) === 0) missing.push(l);
      else scoredWeight += model.leaves[l]?.weight ?? 0;
    }
    missingStart[v + 1] = missing.length;
    // Weights are perturbed by a factor, so a vendor with no scored weight never gets any.
    rankable[v] = scoredWeight > 0 ? 1 : 0;
  }
  return {
    parent,
    group,
    baseWeight,
    baseGroupSum,
    leafNode,
    spread,
    values: model.values,
    missingStart,
    missingLeaves: Int32Array.from(missing),
    rankable,
    perturbed: new Float64Array(nodeCount),
    groupSum: new Float64Array(nodeCount + 1),
    effective: new Float64Array(nodeCount),
    leafWeight: new Float64Array(L),
    totals: new Float64Array(V),
  };
}

/** One draw of the tree's weights; returns the sum of the leaf weights. */
function perturbLeafWeights(simulation: Simulation, random: RandomSource) {
  const { parent, group, baseWeight, baseGroupSum, perturbed, groupSum, effective, leafNode, leafWeight } = simulation;
  const nodeCount = baseWeight.length;
  groupSum.fill(0);
  for (let n = 0; n < nodeCount; n++) {
    const w = (baseWeight[n] ?? 0) * (1 + simulation.spread * (2 * random() - 1));
    const g = group[n] ?? 0;
    perturbed[n] = w;
    groupSum[g] = (groupSum[g] ?? 0) + w;
  }
  for (let n = 0; n < nodeCount; n++) {
    const g = group[n] ?? 0;
    const sum = groupSum[g] ?? 0;
    const share = sum > 0 ? ((perturbed[n] ?? 0) * (baseGroupSum[g] ?? 0)) / (sum * 100) : 0;
    const p = parent[n] ?? -1;
    effective[n] = (p < 0 ? 1 : (effective[p] ?? 0)) * share;
  }
  let allLeaves = 0;
  for (let l = 0; l < leafWeight.length; l++) {
    const w = effective[leafNode[l] ?? 0] ?? 0;
    leafWeight[l] = w;
    allLeaves += w;
  }
  return allLeaves;
}

function computeTotals(simulation: Simulation, allLeaves: number) {
  const { values, leafWeight, missingStart, missingLeaves, rankable, totals } = simulation;
  const L = leafWeight.length;
  for (let v = 0; v < totals.length; v++) {
    if (rankable[v] === 0) {
      totals[v] = Number.NEGATIVE_INFINITY;
      continue;
    }
    let numerator = 0;
    const row = v * L;
    for (let l = 0; l < L; l++) numerator += (leafWeight[l] ?? 0) * (values[row + l] ?? 0);
    let denominator = allLeaves;
    const end = missingStart[v + 1] ?? 0;
    for (let i = missingStart[v] ?? 0; i < end; i++) denominator -= leafWeight[missingLeaves[i] ?? 0] ?? 0;
    // Only a ±100% spread can draw a weight of exactly 0; such a vendor sits that draw out.
    totals[v] = denominator > 0 ? numerator / denominator : Number.NEGATIVE_INFINITY;
  }
}

/** Totals here are shares (0–1), not points out of 100. */
const TIE_TOLERANCE = 0.5 * 10 ** -(TIE_DECIMALS + 2);

function countRanks(totals: Float64Array, topN: number, tally: Tally) {
  const V = totals.length;
  for (let v = 0; v < V; v++) {
    const total = totals[v] ?? Number.NEGATIVE_INFINITY;
    if (total === Number.NEGATIVE_INFINITY) continue;
    const beaten = total + TIE_TOLERANCE;
    let ahead = 0;
    for (let u = 0; u < V; u++) if ((totals[u] ?? 0) > beaten) ahead++;
    if (ahead === 0) tally.firsts[v] = (tally.firsts[v] ?? 0) + 1;
    if (ahead < topN) tally.topNs[v] = (tally.topNs[v] ?? 0) + 1;
    tally.rankSums[v] = (tally.rankSums[v] ?? 0) + ahead + 1;
    tally.rankedDraws[v] = (tally.rankedDraws[v] ?? 0) + 1;
  }
}
