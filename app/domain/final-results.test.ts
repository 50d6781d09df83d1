import { describe, expect, it } from "vitest";
import { finalRanking } from "./final-ranking";
import { defaultFinalWeights, outcomePlan, readFinalWeights, stageResults } from "./final-results";

/** Written: Service desk 60 / Security 40 (under Technical 50%); oral: Team 50 / Demo 50 (20%); price 30%. */
const criteria = [
  {
    id: "tech",
    parentId: null,
    name: "Technical",
    weight: 50,
    stage: "WRITTEN" as const,
    position: 0,
    scaleMin: 0,
    scaleMax: 5,
  },
  {
    id: "desk",
    parentId: "tech",
    name: "Service desk",
    weight: 60,
    stage: "WRITTEN" as const,
    position: 0,
    scaleMin: 0,
    scaleMax: 5,
  },
  {
    id: "sec",
    parentId: "tech",
    name: "Security",
    weight: 40,
    stage: "WRITTEN" as const,
    position: 1,
    scaleMin: 0,
    scaleMax: 5,
  },
  {
    id: "oral",
    parentId: null,
    name: "Interview",
    weight: 20,
    stage: "ORAL" as const,
    position: 1,
    scaleMin: 0,
    scaleMax: 5,
  },
  {
    id: "team",
    parentId: "oral",
    name: "Team",
    weight: 50,
    stage: "ORAL" as const,
    position: 0,
    scaleMin: 0,
    scaleMax: 5,
  },
  {
    id: "demo",
    parentId: "oral",
    name: "Demo",
    weight: 50,
    stage: "ORAL" as const,
    position: 1,
    scaleMin: 0,
    scaleMax: 5,
  },
  {
    id: "price",
    parentId: null,
    name: "Price",
    weight: 30,
    stage: "PRICE" as const,
    position: 2,
    scaleMin: 0,
    scaleMax: 5,
  },
];

describe("stageResults", () => {
  it("written uses consensus where agreed, else the mean; oral the mean of debriefs; both out of 100", () => {
    const results = stageResults({
      criteria,
      vendorIds: ["v1", "v2"],
      written: {
        evaluatorIds: ["e1", "e2"],
        scores: [
          { vendorId: "v1", criterionId: "desk", evaluatorId: "e1", score: 4 },
          { vendorId: "v1", criterionId: "desk", evaluatorId: "e2", score: 2 },
          { vendorId: "v1", criterionId: "sec", evaluatorId: "e1", score: 5 },
          { vendorId: "v1", criterionId: "sec", evaluatorId: "e2", score: 5 },
          { vendorId: "v2", criterionId: "desk", evaluatorId: "e1", score: 1 },
          // Not this stage, not this panel, not these vendors: ignored.
          { vendorId: "v2", criterionId: "team", evaluatorId: "e1", score: 5 },
          { vendorId: "v2", criterionId: "sec", evaluatorId: "stranger", score: 5 },
          { vendorId: "v9", criterionId: "sec", evaluatorId: "e1", score: 5 },
        ],
        consensus: [{ vendorId: "v1", criterionId: "desk", score: 5 }],
      },
      oral: {
        evaluatorIds: ["e1", "e2"],
        scores: [
          { vendorId: "v1", criterionId: "team", evaluatorId: "e1", score: 4 },
          { vendorId: "v1", criterionId: "team", evaluatorId: "e2", score: 3 },
          { vendorId: "v1", criterionId: "demo", evaluatorId: "e1", score: 2 },
        ],
      },
      price: new Map([
        ["v1", 80],
        ["v2", null],
      ]),
    });
    const [v1, v2] = results;
    // v1 written: desk consensus 5 → 1.0 × 60 + sec 5 → 1.0 × 40 = 100.
    expect(v1?.WRITTEN).toEqual({ score: 100, coverage: 1 });
    // v1 oral: team mean 3.5/5 = 0.7, demo 2/5 = 0.4 → (0.7 + 0.4) / 2 = 55.
    expect(v1?.ORAL.score).toBeCloseTo(55, 10);
    expect(v1?.PRICE).toEqual({ score: 80, coverage: 1 });
    // v2: only the service desk, 1/5 = 20 out of 100 over 60% of the written weight.
    expect(v2?.WRITTEN.score).toBeCloseTo(20, 10);
    expect(v2?.WRITTEN.coverage).toBeCloseTo(0.6, 10);
    expect(v2?.ORAL).toEqual({ score: null, coverage: 0 });
    expect(v2?.PRICE).toEqual({ score: null, coverage: 0 });
  });
});

describe("weights", () => {
  it("reads stored weights only when they are three numbers summing to 100", () => {
    expect(readFinalWeights({ WRITTEN: 50, ORAL: 20, PRICE: 30 })).toEqual({ WRITTEN: 50, ORAL: 20, PRICE: 30 });
    expect(readFinalWeights({ WRITTEN: 50, ORAL: 20, PRICE: 20 })).toBeNull();
    expect(readFinalWeights({ WRITTEN: "50", ORAL: 20, PRICE: 30 })).toBeNull();
    expect(readFinalWeights(null)).toBeNull();
  });
  it("defaults to the criteria tree's stage shares, which the vendors were told", () => {
    expect(defaultFinalWeights(criteria)).toEqual({ WRITTEN: 50, ORAL: 20, PRICE: 30 });
    const thirds = [
      { id: "a", name: "A", parentId: null, weight: 33.33, stage: "WRITTEN" as const, position: 0 },
      { id: "b", name: "B", parentId: null, weight: 33.33, stage: "ORAL" as const, position: 1 },
      { id: "c", name: "C", parentId: null, weight: 33.34, stage: "PRICE" as const, position: 2 },
    ];
    const weights = defaultFinalWeights(thirds);
    expect((weights?.WRITTEN ?? 0) + (weights?.ORAL ?? 0) + (weights?.PRICE ?? 0)).toBeCloseTo(100, 10);
    expect(defaultFinalWeights([])).toBeNull();
  });
});

describe("outcomePlan", () => {
  const weights = { WRITTEN: 50, ORAL: 20, PRICE: 30 };
  const rank = (scores: Record<string, number>) => {
    const outcome = finalRanking(
      Object.entries(scores).map(([vendorId, total]) => ({
        vendorId,
        scores: { WRITTEN: total, ORAL: total, PRICE: total },
      })),
      weights,
    );
    if (!outcome.ok) throw new Error("unexpected");
    return outcome.result.recommendation;
  };
  it("holds the runner-up in reserve and eliminates the rest; the recommended vendor hears nothing yet", () => {
    expect(outcomePlan(rank({ a: 80, b: 70, c: 60, d: 50 }), ["a", "b", "c", "d"])).toEqual({
      ok: true,
      recommended: "a",
      reserve: ["b"],
      eliminated: ["c", "d"],
    });
  });
  it("two tied for second are both held in reserve", () => {
    expect(outcomePlan(rank({ a: 80, b: 70, c: 70 }), ["a", "b", "c"])).toEqual({
      ok: true,
      recommended: "a",
      reserve: ["b", "c"],
      eliminated: [],
    });
  });
  it("refuses while the top is tied", () => {
    expect(outcomePlan(rank({ a: 80, b: 80, c: 70 }), ["a", "b", "c"]).ok).toBe(false);
  });
});
