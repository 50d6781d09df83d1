import { describe, expect, it } from "vitest";
import {
  aggregateRankings,
  bordaCount,
  buildProfile,
  condorcetWinner,
  describeRankingError,
  type PanelRanking,
  pairwisePreferences,
  type RankingProfile,
  rankingErrors,
  schulze,
  standingsOf,
  tiersByScore,
} from "./ranking";

/** "A>B=C>D" → [["A"], ["B", "C"], ["D"]] */
function tiers(written: string) {
  return written.split(">").map((tier) => tier.split("="));
}

/** Voter groups as published ("5 ACBED" → five identical rankings), one ranking per voter. */
function electorate(groups: [count: number, order: string][]): PanelRanking[] {
  const rankings: PanelRanking[] = [];
  for (const [count, order] of groups) {
    for (let copy = 0; copy < count; copy++) {
      rankings.push({ panelMemberId: `voter-${rankings.length + 1}`, tiers: [...order].map((id) => [id]) });
    }
  }
  return rankings;
}

function profileOf(candidates: string[], rankings: PanelRanking[]): RankingProfile {
  const built = buildProfile(candidates, rankings);
  if (!built.ok) throw new Error(`invalid test profile: ${JSON.stringify(built.errors)}`);
  return built.profile;
}

function panel(...written: string[]): PanelRanking[] {
  return written.map((ranking, index) => ({ panelMemberId: `m${index + 1}`, tiers: tiers(ranking) }));
}

// Wikipedia, "Schulze method", section Example (also Schulze 2011): 45 voters, 5 candidates.
const WIKIPEDIA_45 = electorate([
  [5, "ACBED"],
  [5, "ADECB"],
  [8, "BEDAC"],
  [3, "CABED"],
  [7, "CAEBD"],
  [2, "CBADE"],
  [7, "DCEBA"],
  [8, "EBADC"],
]);

// Wikipedia, "Schulze method", earlier revision's Schwartz-set example: 30 voters, 4 candidates
// (the d matrix and winner C are also the expected values of python-vote-core's test suite).
const WIKIPEDIA_30 = electorate([
  [3, "ACDB"],
  [9, "BACD"],
  [8, "CDAB"],
  [5, "DABC"],
  [5, "DBCA"],
]);

describe("rankingErrors", () => {
  const candidates = ["A", "B", "C"];

  it("accepts a complete ranking, with or without ties", () => {
    expect(rankingErrors(candidates, { panelMemberId: "m1", tiers: tiers("A>B>C") })).toEqual([]);
    expect(rankingErrors(candidates, { panelMemberId: "m1", tiers: tiers("B=C>A") })).toEqual([]);
    expect(rankingErrors(candidates, { panelMemberId: "m1", tiers: tiers("A=B=C") })).toEqual([]);
  });

  it("names each missing, repeated and unknown candidate and each empty tier", () => {
    const errors = rankingErrors(candidates, { panelMemberId: "m1", tiers: [["A", "X"], [], ["A"]] });
    expect(errors).toEqual([
      { kind: "UNKNOWN_CANDIDATE", panelMemberId: "m1", candidateId: "X" },
      { kind: "EMPTY_TIER", panelMemberId: "m1", tierIndex: 1 },
      { kind: "REPEATED_CANDIDATE", panelMemberId: "m1", candidateId: "A" },
      { kind: "MISSING_CANDIDATE", panelMemberId: "m1", candidateId: "B" },
      { kind: "MISSING_CANDIDATE", panelMemberId: "m1", candidateId: "C" },
    ]);
  });

  it("treats an empty ranking as missing every candidate", () => {
    expect(rankingErrors(["A", "B"], { panelMemberId: "m1", tiers: [] }).map((error) => error.kind)).toEqual([
      "MISSING_CANDIDATE",
      "MISSING_CANDIDATE",
    ]);
  });
});

describe("buildProfile", () => {
  it("refuses an empty candidate list, repeated candidates, no rankings and a member ranking twice", () => {
    expect(buildProfile([], [])).toEqual({ ok: false, errors: [{ kind: "NO_CANDIDATES" }, { kind: "NO_RANKINGS" }] });
    const repeated = buildProfile(["A", "A"], panel("A"));
    expect(repeated.ok).toBe(false);
    if (!repeated.ok) expect(repeated.errors).toContainEqual({ kind: "DUPLICATE_CANDIDATE_ID", candidateId: "A" });
    const twice = buildProfile(
      ["A", "B"],
      [
        { panelMemberId: "m1", tiers: tiers("A>B") },
        { panelMemberId: "m1", tiers: tiers("B>A") },
      ],
    );
    expect(twice).toEqual({ ok: false, errors: [{ kind: "DUPLICATE_PANEL_MEMBER", panelMemberId: "m1" }] });
  });

  it("collects the errors of every ranking, not only the first", () => {
    const result = buildProfile(["A", "B"], panel("A", "B>C"));
    expect(result).toEqual({
      ok: false,
      errors: [
        { kind: "MISSING_CANDIDATE", panelMemberId: "m1", candidateId: "B" },
        { kind: "UNKNOWN_CANDIDATE", panelMemberId: "m2", candidateId: "C" },
        { kind: "MISSING_CANDIDATE", panelMemberId: "m2", candidateId: "A" },
      ],
    });
  });

  it("gives tied candidates the average of the positions they occupy", () => {
    const profile = profileOf(["A", "B", "C", "D"], panel("A>B=C>D", "B=C=D>A"));
    expect(profile.tierOf).toEqual([
      [0, 1, 1, 2],
      [1, 0, 0, 0],
    ]);
    expect(profile.midranks).toEqual([
      [1, 2.5, 2.5, 4],
      [4, 2, 2, 2],
    ]);
    expect(profile.tierSizes).toEqual([
      [1, 2, 1],
      [3, 1],
    ]);
    expect(profile.panelMemberIds).toEqual(["m1", "m2"]);
  });
});

describe("describeRankingError", () => {
  it("says in plain words what to fix, using display names", () => {
    const names: Record<string, string> = { m1: "Dana", v1: "Acme" };
    const nameOf = (id: string) => names[id] ?? id;
    expect(describeRankingError({ kind: "MISSING_CANDIDATE", panelMemberId: "m1", candidateId: "v1" }, nameOf)).toBe(
      "Dana has not ranked Acme.",
    );
    expect(describeRankingError({ kind: "EMPTY_TIER", panelMemberId: "m1", tierIndex: 0 }, nameOf)).toBe(
      "Dana's ranking has an empty place 1.",
    );
    expect(describeRankingError({ kind: "NO_RANKINGS" })).toBe("No panel member has submitted a ranking yet.");
  });
});

describe("tiersByScore and standingsOf", () => {
  it("puts equal scores in one tier and gives shared places (1, 2, 2, 4)", () => {
    const ranking = tiersByScore(["A", "B", "C", "D"], [5.5, 5, 5, 2.5]);
    expect(ranking).toEqual([["A"], ["B", "C"], ["D"]]);
    expect(standingsOf(ranking)).toEqual([
      { candidateId: "A", place: 1, tied: false },
      { candidateId: "B", place: 2, tied: true },
      { candidateId: "C", place: 2, tied: true },
      { candidateId: "D", place: 4, tied: false },
    ]);
  });
});

describe("bordaCount", () => {
  it("scores a hand-computed example with ties by averaged positions", () => {
    // n = 4, so positions are worth 3, 2, 1, 0 points; every ranking hands out 6 points.
    // m1 A > B=C > D : A 3, B (2+1)/2 = 1.5, C 1.5, D 0
    // m2 B > A > C=D : B 3, A 2, C (1+0)/2 = 0.5, D 0.5
    // m3 C > D > A=B : C 3, D 2, A 0.5, B 0.5
    // totals         : A 5.5, B 5, C 5, D 2.5  → A > B = C > D
    const result = bordaCount(profileOf(["A", "B", "C", "D"], panel("A>B=C>D", "B>A>C=D", "C>D>A=B")));
    expect(result.points).toEqual([5.5, 5, 5, 2.5]);
    expect(result.ranking).toEqual([["A"], ["B", "C"], ["D"]]);
    expect(result.standings).toEqual([
      { candidateId: "A", place: 1, tied: false, points: 5.5 },
      { candidateId: "B", place: 2, tied: true, points: 5 },
      { candidateId: "C", place: 2, tied: true, points: 5 },
      { candidateId: "D", place: 4, tied: false, points: 2.5 },
    ]);
  });

  it("gives every candidate (n−1)/2 points from a ranking that ties them all", () => {
    expect(bordaCount(profileOf(["A", "B", "C"], panel("A=B=C"))).points).toEqual([1, 1, 1]);
  });

  it("hands out n(n−1)/2 points per ranking whatever the ties", () => {
    const result = bordaCount(profileOf(["A", "B", "C", "D", "E"], panel("A>B=C>D=E", "E=D=C>B>A", "A>B>C>D>E")));
    expect(result.points.reduce((sum, points) => sum + points, 0)).toBe(3 * 10);
  });

  it("matches the positional Borda scores of the 45-voter Schulze example", () => {
    // 4/3/2/1/0 points per position, summed by hand from the eight voter groups.
    const result = bordaCount(profileOf(["A", "B", "C", "D", "E"], WIKIPEDIA_45));
    expect(result.points).toEqual([98, 92, 89, 69, 102]);
    expect(result.ranking).toEqual([["E"], ["A"], ["B"], ["C"], ["D"]]);
  });
});

describe("pairwisePreferences and condorcetWinner", () => {
  it("counts only strict preferences; ties count for neither side", () => {
    const profile = profileOf(["A", "B", "C"], panel("A>B=C", "B>A>C"));
    expect(pairwisePreferences(profile)).toEqual([
      [0, 1, 2],
      [1, 0, 1],
      [0, 0, 0],
    ]);
  });

  it("finds the candidate who beats every other head to head", () => {
    const profile = profileOf(["A", "B", "C"], panel("B>A>C", "A>B>C", "B>C>A"));
    expect(condorcetWinner(profile.candidates, pairwisePreferences(profile))).toBe("B");
  });

  it("finds none in a rock-paper-scissors cycle", () => {
    const profile = profileOf(["R", "P", "S"], panel("R>S>P", "P>R>S", "S>P>R"));
    const d = pairwisePreferences(profile);
    // R beats S, S beats P, P beats R, each 2 to 1.
    expect(d).toEqual([
      [0, 1, 2],
      [2, 0, 1],
      [1, 2, 0],
    ]);
    expect(condorcetWinner(profile.candidates, d)).toBeNull();
  });

  it("finds none when the top two are tied head to head", () => {
    const profile = profileOf(["A", "B", "C"], panel("A>B>C", "B>A>C"));
    expect(condorcetWinner(profile.candidates, pairwisePreferences(profile))).toBeNull();
  });

  it("finds none in the 45-voter example (its pairwise results form cycles)", () => {
    const profile = profileOf(["A", "B", "C", "D", "E"], WIKIPEDIA_45);
    expect(condorcetWinner(profile.candidates, pairwisePreferences(profile))).toBeNull();
  });

  it("calls a lone candidate the winner", () => {
    const profile = profileOf(["A"], panel("A"));
    expect(condorcetWinner(profile.candidates, pairwisePreferences(profile))).toBe("A");
  });
});

describe("schulze", () => {
  it("reproduces the published 45-voter example: d, p and E > A > C > B > D", () => {
    const result = schulze(profileOf(["A", "B", "C", "D", "E"], WIKIPEDIA_45));
    expect(result.preferences).toEqual([
      [0, 20, 26, 30, 22],
      [25, 0, 16, 33, 18],
      [19, 29, 0, 17, 24],
      [15, 12, 28, 0, 14],
      [23, 27, 21, 31, 0],
    ]);
    expect(result.strongestPaths).toEqual([
      [0, 28, 28, 30, 24],
      [25, 0, 28, 33, 24],
      [25, 29, 0, 29, 24],
      [25, 28, 28, 0, 24],
      [25, 28, 28, 31, 0],
    ]);
    expect(result.ranking).toEqual([["E"], ["A"], ["C"], ["B"], ["D"]]);
    expect(result.winners).toEqual(["E"]);
  });

  it("reproduces the published 30-voter example: d, winner C, ranking C > D > B > A", () => {
    const result = schulze(profileOf(["A", "B", "C", "D"], WIKIPEDIA_30));
    expect(result.preferences).toEqual([
      [0, 16, 17, 12],
      [14, 0, 19, 9],
      [13, 11, 0, 20],
      [18, 21, 10, 0],
    ]);
    expect(result.strongestPaths).toEqual([
      [0, 17, 17, 17],
      [18, 0, 19, 19],
      [18, 20, 0, 20],
      [18, 21, 19, 0],
    ]);
    expect(result.winners).toEqual(["C"]);
    expect(result.ranking).toEqual([["C"], ["D"], ["B"], ["A"]]);
  });

  it("ties all three candidates of a rock-paper-scissors cycle", () => {
    const result = schulze(profileOf(["R", "P", "S"], panel("R>S>P", "P>R>S", "S>P>R")));
    expect(result.strongestPaths).toEqual([
      [0, 2, 2],
      [2, 0, 2],
      [2, 2, 0],
    ]);
    expect(result.ranking).toEqual([["R", "P", "S"]]);
    expect(result.winners).toEqual(["R", "P", "S"]);
  });

  it("reports tied winners when the strongest paths between them are equal", () => {
    // A > B=C and B > A > C: A and B are level head to head; both beat C.
    const result = schulze(profileOf(["A", "B", "C"], panel("A>B=C", "B>A>C")));
    expect(result.strongestPaths).toEqual([
      [0, 0, 2],
      [0, 0, 1],
      [0, 0, 0],
    ]);
    expect(result.ranking).toEqual([["A", "B"], ["C"]]);
    expect(result.winners).toEqual(["A", "B"]);
  });

  it("elects the Condorcet winner when there is one", () => {
    const result = schulze(profileOf(["A", "B", "C"], panel("B>A>C", "A>B>C", "B>C>A")));
    expect(result.winners).toEqual(["B"]);
    expect(result.ranking).toEqual([["B"], ["A"], ["C"]]);
  });

  it("follows a unanimous panel exactly", () => {
    const result = schulze(profileOf(["A", "B", "C", "D"], panel("C>A>D>B", "C>A>D>B")));
    expect(result.ranking).toEqual([["C"], ["A"], ["D"], ["B"]]);
  });
});

describe("aggregateRankings", () => {
  it("returns Borda, Schulze and the Condorcet winner together", () => {
    const result = aggregateRankings(["A", "B", "C"], panel("B>A>C", "A>B>C", "B>C>A"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.aggregation.condorcetWinner).toBe("B");
    expect(result.aggregation.borda.points).toEqual([3, 5, 1]);
    expect(result.aggregation.schulze.winners).toEqual(["B"]);
  });

  it("passes the validation errors through instead of aggregating", () => {
    expect(aggregateRankings(["A", "B"], panel("A"))).toEqual({
      ok: false,
      errors: [{ kind: "MISSING_CANDIDATE", panelMemberId: "m1", candidateId: "B" }],
    });
  });
});
