import { describe, expect, it } from "vitest";
import {
  agreementLevel,
  agreementSummary,
  chiSquareSurvival,
  consensusMidranks,
  distancesFromConsensus,
  footrule,
  groupDisagreement,
  kendallsW,
  kendallTauDistance,
  lnGamma,
  regularizedGammaQ,
  spearmanRho,
} from "./agreement";
import { buildProfile, type PanelRanking, type RankingProfile } from "./ranking";

function tiers(written: string) {
  return written.split(">").map((tier) => tier.split("="));
}

function profileOf(candidates: string[], written: string[]): RankingProfile {
  const rankings: PanelRanking[] = written.map((ranking, index) => ({
    panelMemberId: `m${index + 1}`,
    tiers: tiers(ranking),
  }));
  const built = buildProfile(candidates, rankings);
  if (!built.ok) throw new Error(`invalid test profile: ${JSON.stringify(built.errors)}`);
  return built.profile;
}

/** A rater's scores (higher is better) as a ranking; equal scores tie. */
function rankingFromScores(panelMemberId: string, subjects: string[], scores: number[]): PanelRanking {
  const distinct = [...new Set(scores)].sort((a, b) => b - a);
  return {
    panelMemberId,
    tiers: distinct.map((score) => subjects.filter((_, index) => scores[index] === score)),
  };
}

function defined(profile: RankingProfile) {
  const result = kendallsW(profile);
  if (result.status !== "DEFINED") throw new Error(`W undefined: ${result.reason}`);
  return result;
}

describe("lnGamma", () => {
  it("matches ln((n−1)!) and ln √π", () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(2)).toBeCloseTo(0, 14);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    // SciPy gammaln(100.5) and gammaln(0.001).
    expect(lnGamma(100.5)).toBeCloseTo(361.43554046777757, 10);
    expect(lnGamma(0.001)).toBeCloseTo(6.907178885383853, 12);
  });

  it("refuses a non-positive argument", () => {
    expect(() => lnGamma(0)).toThrow(RangeError);
    expect(() => lnGamma(-1)).toThrow(RangeError);
  });
});

describe("regularizedGammaQ", () => {
  it("agrees with SciPy's gammaincc on both the series and the continued-fraction side", () => {
    expect(regularizedGammaQ(0.5, 0.1)).toBeCloseTo(0.6547208460185768, 12); // series (x < a + 1)
    expect(regularizedGammaQ(5, 2)).toBeCloseTo(0.9473469826562889, 12); // series
    expect(regularizedGammaQ(5, 12)).toBeCloseTo(0.007600390681066992, 12); // continued fraction
    expect(regularizedGammaQ(30, 25)).toBeCloseTo(0.8178960840225449, 12); // series, large a
  });

  it("is 1 at x = 0 and refuses bad arguments", () => {
    expect(regularizedGammaQ(3, 0)).toBe(1);
    expect(() => regularizedGammaQ(0, 1)).toThrow(RangeError);
    expect(() => regularizedGammaQ(1, -1)).toThrow(RangeError);
  });
});

describe("chiSquareSurvival", () => {
  it("gives p ≈ 0.05 at the tabled critical values", () => {
    expect(chiSquareSurvival(3.84, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(18.31, 10)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(124.342, 100)).toBeCloseTo(0.05, 5);
    expect(chiSquareSurvival(6.635, 1)).toBeCloseTo(0.01, 5);
  });

  it("matches SciPy's chi2.sf to twelve decimals", () => {
    expect(chiSquareSurvival(3.84, 1)).toBeCloseTo(0.05004352124870519, 12);
    expect(chiSquareSurvival(18.31, 10)).toBeCloseTo(0.04995416634369678, 12);
    expect(chiSquareSurvival(0.0158, 1)).toBeCloseTo(0.8999709447871138, 12);
  });

  it("equals exp(−x/2) with two degrees of freedom, far into the tail", () => {
    expect(chiSquareSurvival(4, 2)).toBeCloseTo(Math.exp(-2), 14);
    const tail = chiSquareSurvival(200, 2);
    expect(Math.abs(tail / Math.exp(-100) - 1)).toBeLessThan(1e-12);
  });

  it("is 1 for a statistic of 0 and refuses non-positive degrees of freedom", () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
  });
});

describe("kendallsW", () => {
  it("reproduces Example 10.10 of Applied Nonparametric Statistical Methods (5th ed.): W = 0.63174603", () => {
    // Three judges rank six competitors I–VI (the book's rank table, one judge per ranking).
    const profile = profileOf(
      ["I", "II", "III", "IV", "V", "VI"],
      ["III>I>V>II>VI>IV", "III>I>II>VI>IV>V", "V>III>II>I>IV>VI"],
    );
    const result = defined(profile);
    expect(result.rankSums.map((entry) => entry.rankSum)).toEqual([8, 10, 4, 16, 10, 15]);
    expect(result.s).toBe(99.5);
    expect(result.tieCorrection).toBe(0);
    expect(result.w).toBeCloseTo(0.63174603, 8); // = 199/315
    expect(result.chiSquare).toBeCloseTo(9.476190476190476, 12);
    expect(result.degreesOfFreedom).toBe(5);
    expect(result.pValue).toBeCloseTo(0.09151276161320974, 12);
    expect(result.approximate).toBe(true);
  });

  it("reproduces the tie-corrected W of the `anxiety` ratings (R packages irr and DescTools)", () => {
    // 20 subjects rated 1–6 by three raters; many ties. Expected values: Wt = 0.5397 (irr prints
    // 0.54), χ²(19) = 30.76, p = 0.0429; without the correction W would be 0.5019.
    const subjects = Array.from({ length: 20 }, (_, index) => `s${index + 1}`);
    const rater1 = [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3];
    const rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
    const rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];
    const built = buildProfile(subjects, [
      rankingFromScores("r1", subjects, rater1),
      rankingFromScores("r2", subjects, rater2),
      rankingFromScores("r3", subjects, rater3),
    ]);
    if (!built.ok) throw new Error("invalid");
    const result = defined(built.profile);
    expect(result.s).toBe(3004);
    expect(result.tieCorrection).toBe(1674);
    expect(result.w).toBeCloseTo(0.5396568759543698, 12);
    expect(result.w).not.toBeCloseTo(0.501921470342523, 3); // the uncorrected value
    expect(result.chiSquare).toBeCloseTo(30.760441929399082, 10);
    expect(result.degreesOfFreedom).toBe(19);
    expect(result.pValue).toBeCloseTo(0.04288347312694786, 12);
    expect(result.approximate).toBe(false);
    expect(result.level).toBe("MODERATE");
  });

  it("applies the tie correction to a small example computed by hand", () => {
    // m1 A>B=C>D → 1, 2.5, 2.5, 4;  m2 B>A>C=D → 2, 1, 3.5, 3.5;  m3 A>B>C>D → 1, 2, 3, 4
    // Rank sums 4, 5.5, 9, 11.5 around a mean of 7.5: S = 12.25 + 4 + 2.25 + 16 = 34.5.
    // ΣT = (2³−2) + (2³−2) = 12; W = 12·34.5 / (3²·(4³−4) − 3·12) = 414 / 504 = 23/28.
    const result = defined(profileOf(["A", "B", "C", "D"], ["A>B=C>D", "B>A>C=D", "A>B>C>D"]));
    expect(result.s).toBe(34.5);
    expect(result.tieCorrection).toBe(12);
    expect(result.w).toBeCloseTo(23 / 28, 14);
    expect(result.chiSquare).toBeCloseTo(207 / 28, 12);
    expect(result.pValue).toBeCloseTo(0.0603762699180168, 12);
    expect(result.rankSums).toEqual([
      { candidateId: "A", rankSum: 4, meanRank: 4 / 3 },
      { candidateId: "B", rankSum: 5.5, meanRank: 5.5 / 3 },
      { candidateId: "C", rankSum: 9, meanRank: 3 },
      { candidateId: "D", rankSum: 11.5, meanRank: 11.5 / 3 },
    ]);
  });

  it("is 1 for identical rankings and 0 for two reversed ones", () => {
    expect(defined(profileOf(["A", "B", "C"], ["A>B>C", "A>B>C", "A>B>C"])).w).toBe(1);
    expect(defined(profileOf(["A", "B", "C", "D"], ["A>B>C>D", "D>C>B>A"])).w).toBe(0);
  });

  it("is 1 for identical rankings with ties, thanks to the correction", () => {
    expect(defined(profileOf(["A", "B", "C", "D"], ["A>B=C>D", "A>B=C>D"])).w).toBeCloseTo(1, 14);
  });

  it("is undefined for one rater, one vendor, or a panel that tied everything", () => {
    expect(kendallsW(profileOf(["A", "B"], ["A>B"]))).toMatchObject({ status: "UNDEFINED", reason: "TOO_FEW_RATERS" });
    expect(kendallsW(profileOf(["A"], ["A", "A"]))).toMatchObject({ status: "UNDEFINED", reason: "TOO_FEW_OBJECTS" });
    expect(kendallsW(profileOf(["A", "B", "C"], ["A=B=C", "A=B=C"]))).toMatchObject({
      status: "UNDEFINED",
      reason: "NO_VARIATION",
    });
  });
});

describe("agreementLevel and agreementSummary", () => {
  it("bands W at 0.2, 0.4, 0.6 and 0.8, lower bounds inclusive", () => {
    expect(agreementLevel(0)).toBe("VERY_WEAK");
    expect(agreementLevel(0.1999)).toBe("VERY_WEAK");
    expect(agreementLevel(0.2)).toBe("WEAK");
    expect(agreementLevel(0.4)).toBe("MODERATE");
    expect(agreementLevel(0.6)).toBe("STRONG");
    expect(agreementLevel(0.7999)).toBe("STRONG");
    expect(agreementLevel(0.8)).toBe("VERY_STRONG");
    expect(agreementLevel(1)).toBe("VERY_STRONG");
  });

  it("says whether the agreement could be chance, and when the p-value is approximate", () => {
    expect(agreementSummary(0.74, 0.0031, false)).toBe(
      "The panel shows strong agreement (W = 0.74); this is unlikely to be chance (p = 0.003).",
    );
    expect(agreementSummary(0.25, 0.42, true)).toBe(
      "The panel shows weak agreement (W = 0.25); this could be chance (p = 0.420). " +
        "With fewer than 8 vendors the p-value is only approximate.",
    );
    expect(agreementSummary(0.95, 0.00001, false)).toContain("(p < 0.001)");
  });
});

describe("distance measures", () => {
  it("counts discordant pairs, with half a pair for a tie on one side only", () => {
    expect(kendallTauDistance([1, 2, 3, 4], [1, 2, 3, 4])).toBe(0);
    expect(kendallTauDistance([1, 2, 3, 4], [4, 3, 2, 1])).toBe(6);
    expect(kendallTauDistance([1.5, 1.5, 3, 4], [1, 2, 3, 4])).toBe(0.5);
    expect(kendallTauDistance([1.5, 1.5, 3, 4], [1.5, 1.5, 3, 4])).toBe(0);
  });

  it("sums absolute position differences for the footrule", () => {
    expect(footrule([1, 2, 3, 4], [4, 3, 2, 1])).toBe(8);
    expect(footrule([1.5, 1.5, 3, 4], [1, 2, 3, 4])).toBe(1);
  });

  it("computes Spearman's ρ from midranks, null when one side is constant", () => {
    expect(spearmanRho([1, 2, 3, 4], [1, 2, 4, 3])).toBeCloseTo(0.8, 14);
    expect(spearmanRho([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 14);
    expect(spearmanRho([1, 2, 3], [2, 2, 2])).toBeNull();
    expect(spearmanRho([1], [1])).toBeNull();
  });
});

describe("consensusMidranks", () => {
  it("orders by rank sum and ties equal sums", () => {
    // Rank sums: A 1+2 = 3, B 2+1 = 3, C 6 → A = B (1.5 each), C 3.
    expect(consensusMidranks(profileOf(["A", "B", "C"], ["A>B>C", "B>A>C"]))).toEqual([1.5, 1.5, 3]);
  });
});

describe("distancesFromConsensus", () => {
  it("names the member who reversed the panel's order", () => {
    const result = distancesFromConsensus(profileOf(["A", "B", "C", "D"], ["A>B>C>D", "A>B>C>D", "D>C>B>A"]));
    expect(result.consensus).toEqual([["A"], ["B"], ["C"], ["D"]]);
    expect(result.members[0]).toEqual({
      panelMemberId: "m1",
      kendallDistance: 0,
      discordantPairs: 0,
      footrule: 0,
      spearman: 1,
    });
    expect(result.members[2]).toMatchObject({
      panelMemberId: "m3",
      kendallDistance: 1,
      discordantPairs: 6,
      footrule: 8,
    });
    expect(result.members[2]?.spearman).toBeCloseTo(-1, 14);
    expect(result.furthest).toEqual(["m3"]);
  });

  it("counts a tie the consensus does not share as half a disagreement", () => {
    const result = distancesFromConsensus(profileOf(["A", "B", "C", "D"], ["A>B>C>D", "A>B>C>D", "A=B>C>D"]));
    expect(result.members[2]).toMatchObject({ discordantPairs: 0.5, kendallDistance: 0.5 / 6, footrule: 1 });
    expect(result.furthest).toEqual(["m3"]);
  });

  it("uses the footrule to separate members equally far by Kendall distance", () => {
    // Consensus A>B>C>D (rank sums 4, 9, 12, 15). m2 swaps B and C, m3 swaps C and D: each is
    // one discordant pair and a footrule of 2 away, so both are named.
    const result = distancesFromConsensus(
      profileOf(["A", "B", "C", "D"], ["A>B>C>D", "A>C>B>D", "A>B>D>C", "A>B>C>D"]),
    );
    expect(result.consensus).toEqual([["A"], ["B"], ["C"], ["D"]]);
    expect(result.members.map((member) => member.discordantPairs)).toEqual([0, 1, 1, 0]);
    expect(result.furthest).toEqual(["m2", "m3"]);
  });

  it("names nobody when every member matches the consensus", () => {
    expect(distancesFromConsensus(profileOf(["A", "B", "C"], ["B>A>C", "B>A>C"])).furthest).toEqual([]);
  });
});

describe("groupDisagreement", () => {
  const candidates = ["A", "B", "C", "D"];
  const profile = profileOf(candidates, ["A>B>C>D", "A>B>C>D", "D>C>B>A", "D>C>B>A", "A>B>D>C"]);
  const groups = [
    { panelMemberId: "m1", group: "IT" },
    { panelMemberId: "m2", group: "IT" },
    { panelMemberId: "m3", group: "Finance" },
    { panelMemberId: "m4", group: "Finance" },
    { panelMemberId: "m5", group: "Operations" },
    { panelMemberId: "nobody", group: "Legal" },
  ];

  it("aggregates each group separately, with its own agreement", () => {
    const result = groupDisagreement(profile, groups);
    expect(result.groups.map((group) => [group.group, group.panelMemberIds, group.ranking])).toEqual([
      ["IT", ["m1", "m2"], [["A"], ["B"], ["C"], ["D"]]],
      ["Finance", ["m3", "m4"], [["D"], ["C"], ["B"], ["A"]]],
      ["Operations", ["m5"], [["A"], ["B"], ["D"], ["C"]]],
    ]);
    expect(result.groups[0]?.concordance).toMatchObject({ status: "DEFINED", w: 1 });
    expect(result.groups[2]?.concordance).toMatchObject({ status: "UNDEFINED", reason: "TOO_FEW_RATERS" });
    expect(result.groups[1]?.meanRanks).toEqual([
      { candidateId: "A", meanRank: 4 },
      { candidateId: "B", meanRank: 3 },
      { candidateId: "C", meanRank: 2 },
      { candidateId: "D", meanRank: 1 },
    ]);
  });

  it("lists the group pairs most-disagreeing first, with the vendor they split on most", () => {
    const { comparisons } = groupDisagreement(profile, groups);
    expect(comparisons.map((comparison) => comparison.groups)).toEqual([
      ["IT", "Finance"],
      ["Finance", "Operations"],
      ["IT", "Operations"],
    ]);
    expect(comparisons[0]?.spearman).toBeCloseTo(-1, 14);
    expect(comparisons[1]?.spearman).toBeCloseTo(-0.8, 14);
    expect(comparisons[2]?.spearman).toBeCloseTo(0.8, 14);
    expect(comparisons[0]?.widestGap).toEqual({ candidateId: "A", meanRanks: [1, 4], gap: 3 });
    expect(comparisons[2]?.widestGap).toEqual({ candidateId: "C", meanRanks: [3, 4], gap: 1 });
  });

  it("reports no gap between groups that agree", () => {
    const { comparisons } = groupDisagreement(profileOf(["A", "B"], ["A>B", "A>B"]), [
      { panelMemberId: "m1", group: "IT" },
      { panelMemberId: "m2", group: "Finance" },
    ]);
    expect(comparisons).toEqual([{ groups: ["IT", "Finance"], spearman: 1, widestGap: null }]);
  });
});
