import { describe, expect, it } from "vitest";
import { describeReason, FOLLOW_UP_RULES, formatScore, suggestFollowUps } from "./followups";
import type { ScoreEntry } from "./scoring";

const criteria = [
  { id: "desk", name: "Service desk", scaleMin: 0, scaleMax: 5 },
  { id: "security", name: "Security", scaleMin: 0, scaleMax: 5 },
  { id: "transition", name: "Transition", scaleMin: 0, scaleMax: 5 },
  { id: "reporting", name: "Reporting", scaleMin: 1, scaleMax: 10 },
];
const evaluatorIds = ["ann", "bob", "cho"];

/** Scores for vendor "v": one row per criterion, one column per evaluator (null = not scored). */
function scores(rows: Record<string, (number | null)[]>, vendorId = "v"): ScoreEntry[] {
  return Object.entries(rows).flatMap(([criterionId, values]) =>
    values.flatMap((score, index) =>
      score === null ? [] : [{ vendorId, criterionId, evaluatorId: evaluatorIds[index] ?? "", score }],
    ),
  );
}

describe("suggestFollowUps", () => {
  it("suggests the weakest criteria first, with the average as the reason", () => {
    const suggestions = suggestFollowUps({
      vendorId: "v",
      criteria,
      evaluatorIds,
      scores: scores({ desk: [2, 2, 1], security: [4, 4, 4], transition: [3, 2, 2], reporting: [9, 9, 8] }),
    });
    expect(suggestions.map((suggestion) => suggestion.criterionId)).toEqual(["desk", "transition"]);
    expect(suggestions[0]?.why).toEqual(["scored 1.7/5 on average"]);
    expect(suggestions[1]?.why).toEqual(["scored 2.3/5 on average"]);
  });

  it("suggests disputed criteria with the range, even when the average is fine", () => {
    const [suggestion, ...rest] = suggestFollowUps({
      vendorId: "v",
      criteria,
      evaluatorIds,
      scores: scores({ desk: [1, 5, null], security: [4, 4, 4] }),
    });
    expect(rest).toEqual([]);
    expect(suggestion?.criterionId).toBe("desk");
    expect(suggestion?.reasons).toEqual([{ kind: "DISPUTED", min: 1, max: 5, outlier: false }]);
    expect(suggestion?.why).toEqual(["evaluators ranged 1–5"]);
  });

  it("gives both reasons for a criterion that is weak and disputed, listed once", () => {
    const suggestions = suggestFollowUps({
      vendorId: "v",
      criteria,
      evaluatorIds,
      scores: scores({ desk: [0, 0, 4] }),
    });
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]?.why).toEqual([
      "scored 1.3/5 on average",
      "evaluators ranged 0–4; one score stood apart from the rest",
    ]);
  });

  it("prefers the consensus score over the average when the panel agreed one", () => {
    const [suggestion] = suggestFollowUps({
      vendorId: "v",
      criteria,
      evaluatorIds,
      scores: scores({ security: [1, 5, 4] }),
      consensus: [{ vendorId: "v", criterionId: "security", score: 2 }],
    });
    expect(suggestion?.why).toEqual([
      "consensus score 2/5",
      "evaluators ranged 1–5; one score stood apart from the rest",
    ]);
  });

  it("measures weakness as a share of each criterion's own scale", () => {
    // 4 on 1–10 is a third of the way up: weak. 3 on 0–5 is 60%: meets the need, not weak.
    const suggestions = suggestFollowUps({
      vendorId: "v",
      criteria,
      evaluatorIds,
      scores: scores({ desk: [3, 3, 3], reporting: [4, 4, 4] }),
    });
    expect(suggestions.map((suggestion) => [suggestion.criterionId, suggestion.why])).toEqual([
      ["reporting", ["scored 4/10 on average"]],
    ]);
  });

  it("caps weak and disputed suggestions separately, weakest and widest first", () => {
    const many = Array.from({ length: 6 }, (_, index) => ({
      id: `c${index}`,
      name: `Criterion ${index}`,
      scaleMin: 0,
      scaleMax: 5,
    }));
    const suggestions = suggestFollowUps({
      vendorId: "v",
      criteria: many,
      evaluatorIds,
      scores: scores({
        c0: [2, 2, 2],
        c1: [0, 0, 0],
        c2: [1, 1, 1],
        c3: [2, 1, 2],
        c4: [5, 1, 5],
        c5: [5, 2, 5],
      }),
    });
    expect(suggestions.map((suggestion) => suggestion.criterionId)).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    expect(suggestions.filter((s) => s.reasons.some((r) => r.kind === "WEAK"))).toHaveLength(FOLLOW_UP_RULES.maxWeak);
  });

  it("ignores unscored criteria, other vendors' scores, and suggests nothing for a strong, agreed vendor", () => {
    expect(
      suggestFollowUps({
        vendorId: "v",
        criteria,
        evaluatorIds,
        scores: [...scores({ desk: [4, 4, 5] }), ...scores({ desk: [0, 0, 0] }, "other")],
      }),
    ).toEqual([]);
  });

  it("never puts a score in the question the vendor reads", () => {
    const suggestions = suggestFollowUps({
      vendorId: "v",
      criteria,
      evaluatorIds,
      scores: scores({ desk: [1, 1, 2], security: [0, 5, 5] }),
    });
    expect(suggestions).toHaveLength(2);
    for (const suggestion of suggestions) {
      expect(suggestion.question).toContain(suggestion.criterionName);
      expect(suggestion.question).not.toMatch(/\d/);
    }
  });

  it("suggests nothing from scores that do not fit the criteria (e.g. out of scale)", () => {
    expect(
      suggestFollowUps({
        vendorId: "v",
        criteria,
        evaluatorIds,
        scores: [{ vendorId: "v", criterionId: "desk", evaluatorId: "ann", score: 9 }],
      }),
    ).toEqual([]);
  });
});

describe("reasons", () => {
  it("reads naturally", () => {
    const scale = { scaleMin: 0, scaleMax: 5 };
    expect(describeReason({ kind: "WEAK", value: 1, share: 0.2, fromConsensus: false, count: 1 }, scale)).toBe(
      "scored 1/5 by its only evaluator",
    );
    expect(describeReason({ kind: "DISPUTED", min: 0, max: 5, outlier: true }, scale)).toBe(
      "evaluators ranged 0–5; one score stood apart from the rest",
    );
    expect([formatScore(1.666), formatScore(2), formatScore(2.04)]).toEqual(["1.7", "2", "2"]);
  });
});
