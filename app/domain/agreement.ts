import { type CandidateId, type RankingProfile, tiersByScore } from "./ranking";

/**
 * How far the panel agrees on its rankings. Kendall's W says how much the panel as a whole
 * agrees; the per-member distances say who is furthest from the panel's consensus; the group
 * comparison says whether, say, IT and Finance see the vendors differently, because consensus
 * must be cross-functional as well as hierarchical.
 */

/** Chosen as the significance level for "unlikely to be chance" in the plain-words summary. */
export const SIGNIFICANCE_LEVEL = 0.05;

/**
 * Below this many vendors the chi-square approximation of W's significance is rough; Siegel &
 * Castellan recommend exact tables for N ≤ 7. Panels often rank only 3–5 vendors, so the summary
 * says the p-value is approximate in that case rather than hiding it.
 */
export const CHI_SQUARE_RELIABLE_FROM = 8;

/**
 * Plain-words bands for W, lower bounds inclusive. The cut-offs are those of Landis & Koch (1977),
 * as the effectsize R package applies them to Kendall's W (interpret_kendalls_w), worded for a
 * panel: "substantial" reads as "strong", "almost perfect" as "very strong".
 */
export const AGREEMENT_BANDS = [
  { from: 0.8, level: "VERY_STRONG", label: "very strong agreement" },
  { from: 0.6, level: "STRONG", label: "strong agreement" },
  { from: 0.4, level: "MODERATE", label: "moderate agreement" },
  { from: 0.2, level: "WEAK", label: "weak agreement" },
  { from: 0, level: "VERY_WEAK", label: "very weak or no agreement" },
] as const;
export type AgreementLevel = (typeof AGREEMENT_BANDS)[number]["level"];

export type Concordance =
  | {
      status: "DEFINED";
      /** Kendall's W with the tie correction, 0 (no agreement) to 1 (identical rankings). */
      w: number;
      /** Sum of squared deviations of the rank sums from their mean. */
      s: number;
      /** Σ over raters and tie groups of (t³ − t); 0 when nobody tied. */
      tieCorrection: number;
      chiSquare: number;
      degreesOfFreedom: number;
      pValue: number;
      raters: number;
      objects: number;
      /** True when there are too few vendors for the chi-square p-value to be more than a guide. */
      approximate: boolean;
      rankSums: { candidateId: CandidateId; rankSum: number; meanRank: number }[];
      level: AgreementLevel;
      summary: string;
    }
  | { status: "UNDEFINED"; reason: "TOO_FEW_RATERS" | "TOO_FEW_OBJECTS" | "NO_VARIATION"; summary: string };

/**
 * Kendall's coefficient of concordance with the correction for ties:
 * W = 12S / (m²(n³ − n) − m·ΣT), T = Σ(t³ − t) over each rater's tie groups, tied vendors
 * taking the average of the positions they share. Significance: χ² = m(n − 1)W with n − 1
 * degrees of freedom.
 */
export function kendallsW(profile: RankingProfile): Concordance {
  const m = profile.midranks.length;
  const n = profile.candidates.length;
  if (m < 2) return undefinedConcordance("TOO_FEW_RATERS");
  if (n < 2) return undefinedConcordance("TOO_FEW_OBJECTS");
  const rankSums = new Array<number>(n).fill(0);
  for (const midranks of profile.midranks) {
    for (let c = 0; c < n; c++) rankSums[c] = (rankSums[c] ?? 0) + (midranks[c] ?? 0);
  }
  const meanRankSum = (m * (n + 1)) / 2;
  const s = rankSums.reduce((sum, rankSum) => sum + (rankSum - meanRankSum) ** 2, 0);
  let tieCorrection = 0;
  for (const sizes of profile.tierSizes) for (const t of sizes) tieCorrection += t ** 3 - t;
  const denominator = m * m * (n ** 3 - n) - m * tieCorrection;
  // Every rater tied every vendor: there is nothing to agree or disagree about.
  if (denominator <= 0) return undefinedConcordance("NO_VARIATION");
  const w = (12 * s) / denominator;
  const degreesOfFreedom = n - 1;
  const chiSquare = m * degreesOfFreedom * w;
  const pValue = chiSquareSurvival(chiSquare, degreesOfFreedom);
  const approximate = n < CHI_SQUARE_RELIABLE_FROM;
  const level = agreementLevel(w);
  return {
    status: "DEFINED",
    w,
    s,
    tieCorrection,
    chiSquare,
    degreesOfFreedom,
    pValue,
    raters: m,
    objects: n,
    approximate,
    rankSums: profile.candidates.map((candidateId, c) => ({
      candidateId,
      rankSum: rankSums[c] ?? 0,
      meanRank: (rankSums[c] ?? 0) / m,
    })),
    level,
    summary: agreementSummary(w, pValue, approximate),
  };
}

export function agreementLevel(w: number): AgreementLevel {
  return AGREEMENT_BANDS.find((band) => w >= band.from)?.level ?? "VERY_WEAK";
}

/** "The panel shows strong agreement (W = 0.74); this is unlikely to be chance (p = 0.003)." */
export function agreementSummary(w: number, pValue: number, approximate: boolean): string {
  const label = AGREEMENT_BANDS.find((band) => band.level === agreementLevel(w))?.label ?? "";
  const chance =
    pValue < SIGNIFICANCE_LEVEL
      ? `this is unlikely to be chance (p ${formatP(pValue)})`
      : `this could be chance (p ${formatP(pValue)})`;
  const caveat = approximate
    ? ` With fewer than ${CHI_SQUARE_RELIABLE_FROM} vendors the p-value is only approximate.`
    : "";
  return `The panel shows ${label} (W = ${w.toFixed(2)}); ${chance}.${caveat}`;
}

function formatP(pValue: number) {
  return pValue < 0.001 ? "< 0.001" : `= ${pValue.toFixed(3)}`;
}

function undefinedConcordance(reason: "TOO_FEW_RATERS" | "TOO_FEW_OBJECTS" | "NO_VARIATION"): Concordance {
  const summary = {
    TOO_FEW_RATERS: "Agreement needs rankings from at least two panel members.",
    TOO_FEW_OBJECTS: "Agreement needs at least two vendors to rank.",
    NO_VARIATION: "Every panel member ranked all vendors equal; there is no order to agree on.",
  }[reason];
  return { status: "UNDEFINED", reason, summary };
}

// ---------------------------------------------------------------------------------------------
// Chi-square significance, after Numerical Recipes (3rd ed., §6.1–6.2): the survival function
// Q(χ² | ν) = Q(ν/2, χ²/2), the regularized upper incomplete gamma function, computed by its
// series when x < a + 1 and by its continued fraction (modified Lentz) otherwise.

const EPSILON = Number.EPSILON;
const FPMIN = Number.MIN_VALUE / EPSILON;
const MAX_ITERATIONS = 1000;

// NR3's coefficients, written as the doubles they round to (the book prints more digits).
const LANCZOS = [
  57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202, 3.399464998481189e-5,
  4.652362892704858e-5, -9.837447530487956e-5, 1.580887032249125e-4, -2.1026444172410488e-4, 2.1743961811521265e-4,
  -1.643181065367639e-4, 8.441822398385275e-5, -2.6190838401581408e-5, 3.6899182659531625e-6,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, NR3 `gammln`, relative error below 1e-15). */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma needs a positive argument, got ${x}`);
  let y = x;
  let tmp = x + 5.2421875;
  tmp = (x + 0.5) * Math.log(tmp) - tmp;
  let series = 0.9999999999999971;
  for (const coefficient of LANCZOS) {
    y += 1;
    series += coefficient / y;
  }
  return tmp + Math.log((2.5066282746310007 * series) / x);
}

/** Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`regularizedGammaQ needs a > 0 and x ≥ 0, got a=${a}, x=${x}`);
  if (x === 0) return 1;
  return x < a + 1 ? 1 - lowerSeries(a, x) : upperContinuedFraction(a, x);
}

/** P(a, x) by its series; converges quickly for x < a + 1. */
function lowerSeries(a: number, x: number) {
  let term = 1 / a;
  let sum = term;
  let denominator = a;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    denominator += 1;
    term *= x / denominator;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
}

/** Q(a, x) by its continued fraction; converges quickly for x ≥ a + 1. */
function upperContinuedFraction(a: number, x: number) {
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
}

/** P(χ² ≥ statistic) for a chi-square distribution with the given degrees of freedom. */
export function chiSquareSurvival(statistic: number, degreesOfFreedom: number): number {
  if (!(degreesOfFreedom > 0)) throw new RangeError(`degrees of freedom must be positive, got ${degreesOfFreedom}`);
  if (statistic <= 0) return 1;
  return regularizedGammaQ(degreesOfFreedom / 2, statistic / 2);
}

// ---------------------------------------------------------------------------------------------
// Distance from consensus.

/**
 * The panel's consensus: vendors ordered by their rank sums (lowest sum first), equal sums tied.
 * With averaged positions this is exactly the Borda ranking.
 */
export function consensusMidranks(profile: RankingProfile, raterIndexes?: readonly number[]): number[] {
  const n = profile.candidates.length;
  const raters = raterIndexes ?? profile.midranks.map((_, index) => index);
  const negatedSums = new Array<number>(n).fill(0);
  for (const r of raters) {
    const midranks = profile.midranks[r] ?? [];
    for (let c = 0; c < n; c++) negatedSums[c] = (negatedSums[c] ?? 0) - (midranks[c] ?? 0);
  }
  return midranksOfTiers(profile.candidates, tiersByScore(profile.candidates, negatedSums));
}

function midranksOfTiers(candidates: readonly CandidateId[], tiers: CandidateId[][]): number[] {
  const position = new Map<CandidateId, number>();
  let ahead = 0;
  for (const tier of tiers) {
    for (const candidateId of tier) position.set(candidateId, ahead + (tier.length + 1) / 2);
    ahead += tier.length;
  }
  return candidates.map((candidateId) => position.get(candidateId) ?? 0);
}

/**
 * Kendall tau distance between two rankings given as midranks, with ties: a pair ordered
 * oppositely counts 1, a pair tied in one ranking and ordered in the other counts ½ (Fagin et
 * al.'s penalty p = ½), a pair treated alike counts 0.
 */
export function kendallTauDistance(x: readonly number[], y: readonly number[]): number {
  let distance = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const a = Math.sign((x[i] ?? 0) - (x[j] ?? 0));
      const b = Math.sign((y[i] ?? 0) - (y[j] ?? 0));
      if (a * b < 0) distance += 1;
      else if (a !== b) distance += 0.5;
    }
  }
  return distance;
}

/** Spearman's footrule: Σ |x_i − y_i| over the midranks. */
export function footrule(x: readonly number[], y: readonly number[]): number {
  return x.reduce((sum, value, index) => sum + Math.abs(value - (y[index] ?? 0)), 0);
}

/** Spearman's ρ as the Pearson correlation of midranks (correct with ties); null if either is constant. */
export function spearmanRho(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 2) return null;
  const meanX = x.reduce((sum, value) => sum + value, 0) / n;
  const meanY = y.reduce((sum, value) => sum + value, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - meanX;
    const dy = (y[i] ?? 0) - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  if (varianceX === 0 || varianceY === 0) return null;
  return covariance / Math.sqrt(varianceX * varianceY);
}

export type MemberDistance = {
  panelMemberId: string;
  /** Kendall tau distance to the consensus divided by the number of pairs: 0 identical, 1 reversed. */
  kendallDistance: number;
  discordantPairs: number;
  footrule: number;
  /** Correlation with the consensus; null when the member or the consensus ties everything. */
  spearman: number | null;
};

export type ConsensusDistances = {
  consensus: CandidateId[][];
  members: MemberDistance[];
  /**
   * The member(s) furthest from the consensus by Kendall distance (footrule breaks ties); empty
   * when every member matches the consensus. Several are named when they are equally far.
   */
  furthest: string[];
};

/**
 * Each member's distance from the whole panel's consensus (the member included, as the screen
 * shows one consensus to everyone).
 */
export function distancesFromConsensus(profile: RankingProfile): ConsensusDistances {
  const n = profile.candidates.length;
  const consensus = consensusMidranks(profile);
  const pairs = (n * (n - 1)) / 2;
  const members = profile.panelMemberIds.map((panelMemberId, r) => {
    const midranks = profile.midranks[r] ?? [];
    const discordantPairs = kendallTauDistance(midranks, consensus);
    return {
      panelMemberId,
      kendallDistance: pairs === 0 ? 0 : discordantPairs / pairs,
      discordantPairs,
      footrule: footrule(midranks, consensus),
      spearman: spearmanRho(midranks, consensus),
    };
  });
  const worst = members.reduce<MemberDistance | null>((best, member) => {
    if (!best) return member;
    if (member.kendallDistance !== best.kendallDistance)
      return member.kendallDistance > best.kendallDistance ? member : best;
    return member.footrule > best.footrule ? member : best;
  }, null);
  const furthest =
    worst && (worst.kendallDistance > 0 || worst.footrule > 0)
      ? members
          .filter((member) => member.kendallDistance === worst.kendallDistance && member.footrule === worst.footrule)
          .map((member) => member.panelMemberId)
      : [];
  return {
    consensus: tiersByScore(
      profile.candidates,
      consensus.map((rank) => -rank),
    ),
    members,
    furthest,
  };
}

// ---------------------------------------------------------------------------------------------
// Functional groups.

export type GroupConsensus = {
  group: string;
  panelMemberIds: string[];
  ranking: CandidateId[][];
  meanRanks: { candidateId: CandidateId; meanRank: number }[];
  /** Agreement within the group; undefined for a group of one. */
  concordance: Concordance;
};

export type GroupComparison = {
  groups: [string, string];
  /** Spearman's ρ between the two groups' consensus rankings; null if either ties everything. */
  spearman: number | null;
  /** The vendor the two groups place furthest apart (by mean position), with both mean positions. */
  widestGap: { candidateId: CandidateId; meanRanks: [number, number]; gap: number } | null;
};

export type GroupDisagreement = { groups: GroupConsensus[]; comparisons: GroupComparison[] };

/**
 * Compares the functional groups (e.g. IT, Finance, Operations) of the panel. Members with no
 * group are left out; groups are reported in the order they first appear in `groupOf`.
 * Comparisons are sorted most-disagreeing first (lowest ρ; undefined ρ last).
 */
export function groupDisagreement(
  profile: RankingProfile,
  groupOf: readonly { panelMemberId: string; group: string }[],
): GroupDisagreement {
  const raterIndex = new Map(profile.panelMemberIds.map((id, index) => [id, index]));
  const members = new Map<string, number[]>();
  for (const { panelMemberId, group } of groupOf) {
    const index = raterIndex.get(panelMemberId);
    if (index === undefined) continue;
    const list = members.get(group) ?? [];
    if (!list.includes(index)) list.push(index);
    members.set(group, list);
  }
  const groups = [...members].map(([group, indexes]) => {
    const subProfile: RankingProfile = {
      ...profile,
      panelMemberIds: indexes.map((index) => profile.panelMemberIds[index] ?? ""),
      tierOf: indexes.map((index) => profile.tierOf[index] ?? []),
      midranks: indexes.map((index) => profile.midranks[index] ?? []),
      tierSizes: indexes.map((index) => profile.tierSizes[index] ?? []),
    };
    const midranks = consensusMidranks(subProfile);
    return {
      group,
      panelMemberIds: [...subProfile.panelMemberIds],
      ranking: tiersByScore(
        profile.candidates,
        midranks.map((rank) => -rank),
      ),
      meanRanks: profile.candidates.map((candidateId, c) => ({
        candidateId,
        meanRank: subProfile.midranks.reduce((sum, row) => sum + (row[c] ?? 0), 0) / indexes.length,
      })),
      concordance: kendallsW(subProfile),
      midranks,
    };
  });
  const comparisons: GroupComparison[] = [];
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      const a = groups[i];
      const b = groups[j];
      if (!a || !b) continue;
      comparisons.push({
        groups: [a.group, b.group],
        spearman: spearmanRho(a.midranks, b.midranks),
        widestGap: widestGap(a.meanRanks, b.meanRanks),
      });
    }
  }
  comparisons.sort((x, y) => (x.spearman ?? Number.POSITIVE_INFINITY) - (y.spearman ?? Number.POSITIVE_INFINITY));
  return { groups: groups.map(({ midranks: _unused, ...group }) => group), comparisons };
}

function widestGap(
  a: { candidateId: CandidateId; meanRank: number }[],
  b: { candidateId: CandidateId; meanRank: number }[],
): GroupComparison["widestGap"] {
  let widest: GroupComparison["widestGap"] = null;
  a.forEach((entry, index) => {
    const other = b[index]?.meanRank ?? 0;
    const gap = Math.abs(entry.meanRank - other);
    if (gap > 0 && (!widest || gap > widest.gap)) {
      widest = { candidateId: entry.candidateId, meanRanks: [entry.meanRank, other], gap };
    }
  });
  return widest;
}
