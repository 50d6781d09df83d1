import { describe, expect, it } from "vitest";
import type { CriterionNode } from "./criteria";
import { exampleCriteria, exampleEvaluators, exampleScores, exampleVendors } from "./evaluation.fixture";
import { mulberry32 } from "./random";
import {
  buildScoreMatrix,
  type ScaledCriterionNode,
  type ScoreTable,
  scoreTable,
  scoringCriteria,
  weightedTotals,
} from "./scoring";
import {
  buildSensitivityModel,
  type CriterionSensitivity,
  monteCarlo,
  quadraticRoots,
  type SensitivityLevel,
  type SensitivityModel,
  tippingPoints,
  whatIf,
} from "./sensitivity";

function exampleTable(): ScoreTable {
  const result = buildScoreMatrix({
    vendorIds: exampleVendors,
    criteria: scoringCriteria(exampleCriteria),
    evaluatorIds: exampleEvaluators,
    scores: exampleScores,
  });
  if (!result.ok) throw new Error("invalid example");
  return scoreTable(result.matrix);
}

function node(id: string, parentId: string | null, weight: number, position = 0): ScaledCriterionNode {
  return { id, parentId, name: id, weight, stage: "WRITTEN", position, scaleMin: 0, scaleMax: 1 };
}

/** A table straight from shares of the scale (null = not scored), one row per vendor. */
function tableOf(nodes: ScaledCriterionNode[], rows: Record<string, (number | null)[]>): ScoreTable {
  return { vendorIds: Object.keys(rows), criteria: scoringCriteria(nodes), values: Object.values(rows) };
}

function modelOf(nodes: ScaledCriterionNode[], rows: Record<string, (number | null)[]>) {
  return buildSensitivityModel(nodes, tableOf(nodes, rows));
}

function criterionOf(result: ReturnType<typeof tippingPoints>, id: string): CriterionSensitivity | undefined {
  return result.kind === "LEADER" ? result.criteria.find((criterion) => criterion.criterionId === id) : undefined;
}

describe("buildSensitivityModel", () => {
  it("groups the leaves under their top-level criteria with weights that sum to 100", () => {
    const model = buildSensitivityModel(exampleCriteria, exampleTable());
    expect(model.topLevel).toEqual([
      { id: "technical", weight: 60 },
      { id: "service", weight: 40 },
    ]);
    expect(model.leaves.map((leaf) => [leaf.id, leaf.weight, leaf.topLevelIndex, leaf.shareOfTopLevel])).toEqual([
      ["integration", 30, 0, 0.5],
      ["security", 30, 0, 0.5],
      ["support", 30, 1, 0.75],
      ["transition", 10, 1, 0.25],
    ]);
  });

  it("renormalises the top level over the criteria in the table (e.g. quality without price)", () => {
    const nodes = [node("quality", null, 70), node("q1", "quality", 100), node("price", null, 30, 1)];
    const table = tableOf(
      nodes.filter((criterion) => criterion.id !== "price"),
      { a: [0.5] },
    );
    const model = buildSensitivityModel(nodes, table);
    expect(model.topLevel).toEqual([{ id: "quality", weight: 100 }]);
  });

  it("refuses criteria that are not leaves of the tree", () => {
    const table: ScoreTable = {
      vendorIds: ["a"],
      criteria: [{ id: "technical", weight: 60, scaleMin: 0, scaleMax: 5, topLevelId: "technical" }],
      values: [[0.5]],
    };
    expect(() => buildSensitivityModel(exampleCriteria, table)).toThrow(/not a leaf/);
  });
});

describe("whatIf", () => {
  const model = buildSensitivityModel(exampleCriteria, exampleTable());

  it("reproduces the weighted totals at the current weights", () => {
    const result = whatIf(model);
    const expected = weightedTotals(exampleTable());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    result.totals.forEach((row, index) => {
      expect(row.total).toBeCloseTo(expected[index]?.total ?? Number.NaN, 10);
      expect(row.rank).toBe(expected[index]?.rank);
    });
  });

  it("re-ranks for other top-level weights, renormalised to 100", () => {
    /*
     * Within-group averages (shares of the scale):
     *   technical (½ integration + ½ security): Acme .7, Birch 23/30, Cobalt 19/30
     *   service (¾ support + ¼ transition):     Acme 5.75/9, Birch 6.25/9, Cobalt 6.25/9
     * Technical 30 and service 10 become 75/25:
     *   Acme 75 × .7 + 25 × 5.75/9 = 68.472; Birch 57.5 + 17.361 = 74.861; Cobalt 47.5 + 17.361 = 64.861.
     */
    const result = whatIf(model, { technical: 30, service: 10 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.weights).toEqual([
      { id: "technical", weight: 75 },
      { id: "service", weight: 25 },
    ]);
    const totals = result.totals.map((row) => row.total ?? Number.NaN);
    expect(totals[0]).toBeCloseTo(52.5 + (25 * 5.75) / 9, 10);
    expect(totals[1]).toBeCloseTo(57.5 + (25 * 6.25) / 9, 10);
    expect(totals[2]).toBeCloseTo(47.5 + (25 * 6.25) / 9, 10);
  });

  it("shows a tie when only service counts: Birch and Cobalt both 6.25/9", () => {
    const result = whatIf(model, { technical: 0 });
    expect(result.ok && result.totals.map((row) => [row.vendorId, row.rank, row.tied])).toEqual([
      ["acme", 3, false],
      ["birch", 1, true],
      ["cobalt", 1, true],
    ]);
  });

  it("refuses unknown criteria, unusable weights and a total of zero", () => {
    expect(whatIf(model, { security: 10 })).toEqual({
      ok: false,
      error: { kind: "UNKNOWN_CRITERION", criterionId: "security" },
    });
    expect(whatIf(model, { technical: -1 })).toEqual({
      ok: false,
      error: { kind: "INVALID_WEIGHT", criterionId: "technical" },
    });
    expect(whatIf(model, { technical: Number.NaN }).ok).toBe(false);
    expect(whatIf(model, { technical: 0, service: 0 })).toEqual({ ok: false, error: { kind: "NO_WEIGHT" } });
  });
});

describe("quadraticRoots", () => {
  it("solves quadratic and linear equations", () => {
    expect(quadraticRoots(1, -3, 2).sort()).toEqual([1, 2]);
    expect(quadraticRoots(0, 2, -4)).toEqual([2]);
    expect(quadraticRoots(1, 0, 1)).toEqual([]);
    expect(quadraticRoots(0, 0, 1)).toEqual([]);
  });

  it("keeps the small root accurate when the quadratic term is only rounding noise", () => {
    const roots = quadraticRoots(1e-18, 0.48, -4);
    expect(roots.some((root) => Math.abs(root - 4 / 0.48) < 1e-12)).toBe(true);
  });
});

describe("tippingPoints on a known case", () => {
  /*
   * Three top-level criteria c1 50, c2 30, c3 20; scores as shares of the scale:
   *   A (.8, .4, .5) → 40 + 12 + 10 = 62
   *   B (.5, .9, .4) → 25 + 27 + 8  = 60
   *   C (.6, .6, .9) → 30 + 18 + 18 = 66   ← first
   *
   * c1 at x, c2 = .6(100 − x), c3 = .4(100 − x):
   *   A = .8x + (100 − x)(.24 + .20) = 44 + .36x;  B = 70 − .2x;  C = 72 − .12x
   *   A meets C at .48x = 28 → x = 58⅓ (up 8⅓); B would need x = −25: never. Down: none.
   * c2 at y, c1 = 50(100 − y)/70, c3 = 20(100 − y)/70:
   *   C − A = .2y − 2/70 (100 − y) → y = 12.5 (down 17.5)
   *   C − B = −.3y + 15/70 (100 − y) → y = 41⅔ (up 11⅔, the smaller change)
   * c3 at z, c1 = 50(100 − z)/80, c2 = 30(100 − z)/80:
   *   C − A = .45z − 5 → z = 100/9 (down 8.89); C − B = .55z − 5 → z = 9.09, further. Up: none.
   */
  const nodes = [node("c1", null, 50, 0), node("c2", null, 30, 1), node("c3", null, 20, 2)];
  const model = modelOf(nodes, { A: [0.8, 0.4, 0.5], B: [0.5, 0.9, 0.4], C: [0.6, 0.6, 0.9] });
  const result = tippingPoints(model);

  it("names the leader", () => {
    expect(result.kind === "LEADER" && result.leaderId).toBe("C");
  });

  it("finds the exact crossing weights in both directions", () => {
    const c1 = criterionOf(result, "c1");
    expect(c1?.down).toBeNull();
    expect(c1?.up?.weight).toBeCloseTo(175 / 3, 10);
    expect(c1?.up?.change).toBeCloseTo(25 / 3, 10);
    expect(c1?.up?.challengerIds).toEqual(["A"]);
    expect(c1?.smallest).toBe(c1?.up);

    const c2 = criterionOf(result, "c2");
    expect(c2?.down?.weight).toBeCloseTo(12.5, 10);
    expect(c2?.down?.challengerIds).toEqual(["A"]);
    expect(c2?.up?.weight).toBeCloseTo(125 / 3, 10);
    expect(c2?.up?.challengerIds).toEqual(["B"]);
    expect(c2?.smallest?.change).toBeCloseTo(35 / 3, 10);

    const c3 = criterionOf(result, "c3");
    expect(c3?.up).toBeNull();
    expect(c3?.down?.weight).toBeCloseTo(100 / 9, 10);
    expect(c3?.down?.change).toBeCloseTo(100 / 9 - 20, 10);
    expect(c3?.down?.challengerIds).toEqual(["A"]);
  });

  it("is where the what-if totals tie", () => {
    // c1 at 58⅓: c2 = 25, c3 = 16⅔ → A = 46⅔ + 10 + 8⅓ = 65 = C = 35 + 15 + 15; B = 70 − 35/3.
    const at = whatIf(model, { c1: 175 / 3, c2: 25, c3: 50 / 3 });
    expect(at.ok && at.totals.map((row) => Number(row.total?.toFixed(9)))).toEqual([65, 58.333333333, 65]);
    expect(at.ok && at.totals.map((row) => row.rank)).toEqual([1, 3, 1]);
  });

  it("gives the same answers when each leaf is moved on its own (here every top-level criterion is a leaf)", () => {
    const leaves = tippingPoints(model, "LEAF");
    for (const id of ["c1", "c2", "c3"]) {
      expect(criterionOf(leaves, id)?.smallest?.weight).toBeCloseTo(criterionOf(result, id)?.smallest?.weight ?? 0, 10);
    }
  });
});

describe("tippingPoints on the example panel", () => {
  const result = tippingPoints(buildSensitivityModel(exampleCriteria, exampleTable()));

  it("finds the tie at the end of the range: with technical at 0% Birch and Cobalt score the same", () => {
    // Birch − Cobalt = x × (23/30 − 19/30) + (100 − x) × 0 = 0 only at x = 0.
    expect(result.kind === "LEADER" && result.leaderId).toBe("birch");
    const technical = criterionOf(result, "technical");
    expect(technical?.up).toBeNull();
    expect(technical?.down?.weight).toBeCloseTo(0, 9);
    expect(technical?.down?.change).toBeCloseTo(-60, 9);
    expect(technical?.down?.challengerIds).toEqual(["cobalt"]);
    const service = criterionOf(result, "service");
    expect(service?.up?.weight).toBeCloseTo(100, 9);
    expect(service?.down).toBeNull();
  });
});

describe("tippingPoints edge cases", () => {
  const nodes = [node("c1", null, 50, 0), node("c2", null, 50, 1)];

  it("reports none within 0–100% for a vendor better on everything", () => {
    const result = tippingPoints(modelOf(nodes, { A: [0.9, 0.8], B: [0.5, 0.7] }));
    expect(result.kind === "LEADER" && result.criteria.map((criterion) => criterion.smallest)).toEqual([null, null]);
  });

  it("reports none for a single vendor", () => {
    const result = tippingPoints(modelOf(nodes, { A: [0.2, 0.3] }));
    expect(result).toMatchObject({ kind: "LEADER", leaderId: "A" });
    expect(result.kind === "LEADER" && result.criteria.every((criterion) => criterion.smallest === null)).toBe(true);
  });

  it("says when first place is already shared, or nobody is ranked", () => {
    expect(tippingPoints(modelOf(nodes, { A: [0.2, 0.3], B: [0.3, 0.2] }))).toEqual({
      kind: "TIED_FOR_FIRST",
      leaderIds: ["A", "B"],
    });
    expect(tippingPoints(modelOf(nodes, { A: [null, null] }))).toEqual({ kind: "NO_RANKED_VENDORS" });
  });

  it("cannot move a criterion that carries all the weight", () => {
    const lopsided = [node("c1", null, 100, 0), node("c2", null, 0, 1)];
    const result = tippingPoints(modelOf(lopsided, { A: [0.9, 0], B: [0.5, 1] }));
    const c1 = criterionOf(result, "c1");
    expect([c1?.up, c1?.down]).toEqual([null, null]);
    // Raising c2 from 0: A = .9(100 − y), B = .5(100 − y) + y → equal at y = 100 × .4/1.4.
    expect(criterionOf(result, "c2")?.up?.weight).toBeCloseTo(40 / 1.4, 10);
  });
});

/** Totals with criterion k of `level` at weight x and the others scaled proportionally. */
function totalsAt(model: SensitivityModel, level: SensitivityLevel, k: number, x: number) {
  const L = model.leaves.length;
  const groupWeights = level === "LEAF" ? model.leaves.map((leaf) => leaf.weight) : model.topLevel.map((t) => t.weight);
  const others = 100 - (groupWeights[k] ?? 0);
  const scaled = groupWeights.map((weight, g) => (g === k ? x : (weight * (100 - x)) / others));
  const leafWeights = model.leaves.map((leaf, l) =>
    level === "LEAF" ? (scaled[l] ?? 0) : (scaled[leaf.topLevelIndex] ?? 0) * leaf.shareOfTopLevel,
  );
  return model.vendorIds.map((_, v) => {
    let numerator = 0;
    let denominator = 0;
    for (let l = 0; l < L; l++) {
      numerator += (leafWeights[l] ?? 0) * (model.values[v * L + l] ?? 0);
      denominator += (leafWeights[l] ?? 0) * (model.scored[v * L + l] ?? 0);
    }
    return denominator > 0 ? (100 * numerator) / denominator : Number.NEGATIVE_INFINITY;
  });
}

describe("tippingPoints agrees with a brute-force scan, also with missing scores", () => {
  // Two levels, some items unscored: the totals are then ratios of linear functions of the weight
  // and the crossing is the root of a quadratic.
  const nodes = [
    node("t1", null, 45, 0),
    node("t1a", "t1", 60, 0),
    node("t1b", "t1", 40, 1),
    node("t2", null, 35, 1),
    node("t2a", "t2", 50, 0),
    node("t2b", "t2", 50, 1),
    node("t3", null, 20, 2),
  ];
  const random = mulberry32(99);
  const cases = Array.from({ length: 30 }, () => {
    const rows: Record<string, (number | null)[]> = {};
    for (const vendor of ["A", "B", "C", "D"]) {
      rows[vendor] = Array.from({ length: 5 }, () => (random() < 0.2 ? null : Math.round(random() * 20) / 20));
    }
    return modelOf(nodes, rows);
  });

  for (const level of ["TOP_LEVEL", "LEAF"] as const) {
    it(`finds the first change of leader at ${level} level`, () => {
      let checked = 0;
      for (const model of cases) {
        const result = tippingPoints(model, level);
        if (result.kind !== "LEADER") continue;
        const leader = model.vendorIds.indexOf(result.leaderId);
        result.criteria.forEach((criterion, k) => {
          for (const [direction, end] of [
            ["up", 100],
            ["down", 0],
          ] as const) {
            const threshold = criterion[direction];
            const stop = threshold ? threshold.weight : end;
            // Strictly before the threshold the leader stays alone in first place…
            for (let step = 1; step < 200; step++) {
              const x = criterion.baseWeight + ((stop - criterion.baseWeight) * step) / 200;
              const totals = totalsAt(model, level, k, x);
              const best = totals[leader] ?? 0;
              expect(totals.every((total, v) => v === leader || total < best + 1e-9)).toBe(true);
            }
            // …and at the threshold a challenger has drawn level.
            if (threshold) {
              const totals = totalsAt(model, level, k, threshold.weight);
              for (const id of threshold.challengerIds) {
                expect(totals[model.vendorIds.indexOf(id)]).toBeCloseTo(totals[leader] ?? 0, 7);
              }
              checked++;
            }
          }
        });
      }
      expect(checked).toBeGreaterThan(10);
    });
  }
});

describe("monteCarlo", () => {
  const twoCriteria = (first: number, second: number) => [node("c1", null, first, 0), node("c2", null, second, 1)];

  it("with no perturbation gives the current ranking with certainty", () => {
    const model = buildSensitivityModel(exampleCriteria, exampleTable());
    const result = monteCarlo(model, { spreadPercent: 0, draws: 50, topN: 2 });
    expect(result.vendors).toEqual([
      { vendorId: "acme", probabilityFirst: 0, probabilityTopN: 1, meanRank: 2 },
      { vendorId: "birch", probabilityFirst: 1, probabilityTopN: 1, meanRank: 1 },
      { vendorId: "cobalt", probabilityFirst: 0, probabilityTopN: 0, meanRank: 3 },
    ]);
  });

  it("matches the probability worked out by hand", () => {
    /*
     * Weights 55/45 perturbed ±20%: a ~ U[44, 66], b ~ U[36, 54]. A (1, 0) beats B (0, 1) unless
     * b > a, which needs both in [44, 54]: P(b > a) = ∫₄₄⁵⁴ (b − 44) db / (22 × 18) = 50/396 ≈ .1263.
     * With 10,000 draws the standard error is .0033.
     */
    const model = modelOf(twoCriteria(55, 45), { A: [1, 0], B: [0, 1] });
    const result = monteCarlo(model);
    expect(result).toMatchObject({ spreadPercent: 20, draws: 10_000, topN: 3 });
    expect(result.vendors[1]?.probabilityFirst).toBeCloseTo(50 / 396, 1);
    expect(Math.abs((result.vendors[1]?.probabilityFirst ?? 0) - 50 / 396)).toBeLessThan(0.012);
    expect((result.vendors[0]?.probabilityFirst ?? 0) + (result.vendors[1]?.probabilityFirst ?? 0)).toBe(1);
    expect(result.vendors.map((vendor) => vendor.probabilityTopN)).toEqual([1, 1]);
  });

  it("is reproducible with the same seed and differs with another", () => {
    const model = modelOf(twoCriteria(55, 45), { A: [1, 0], B: [0, 1] });
    const first = monteCarlo(model, { draws: 2_000, random: mulberry32(1) });
    expect(monteCarlo(model, { draws: 2_000, random: mulberry32(1) })).toEqual(first);
    expect(monteCarlo(model, { draws: 2_000, random: mulberry32(2) })).not.toEqual(first);
  });

  it("perturbs the weights below the top level too", () => {
    // One top-level criterion with two equal sub-criteria: only the sub-weights can separate A and B.
    const nodes = [node("t", null, 100), node("t1", "t", 50, 0), node("t2", "t", 50, 1)];
    const result = monteCarlo(modelOf(nodes, { A: [1, 0], B: [0, 1] }), { spreadPercent: 10 });
    const first = result.vendors[0]?.probabilityFirst ?? 0;
    expect(first).toBeGreaterThan(0.47);
    expect(first).toBeLessThan(0.53);
    expect(first + (result.vendors[1]?.probabilityFirst ?? 0)).toBe(1);
  });

  it("keeps a 0% criterion at 0% and a dominant vendor always first", () => {
    const result = monteCarlo(modelOf(twoCriteria(100, 0), { A: [0.6, 0], B: [0.5, 1] }), { spreadPercent: 50 });
    expect(result.vendors.map((vendor) => vendor.probabilityFirst)).toEqual([1, 0]);
  });

  it("counts a shared first place for both and never ranks a vendor without scores", () => {
    const result = monteCarlo(modelOf(twoCriteria(50, 50), { A: [0.7, 0.4], B: [0.7, 0.4], C: [null, null] }), {
      draws: 500,
      topN: 1,
    });
    expect(result.vendors).toEqual([
      { vendorId: "A", probabilityFirst: 1, probabilityTopN: 1, meanRank: 1 },
      { vendorId: "B", probabilityFirst: 1, probabilityTopN: 1, meanRank: 1 },
      { vendorId: "C", probabilityFirst: 0, probabilityTopN: 0, meanRank: null },
    ]);
  });

  it("treats totals equal up to rounding noise as a tie", () => {
    // A is scored only on c1: its total is .7 exactly. B's (.7a + .7b)/(a + b) is .7 give or take
    // the last bit, depending on the draw.
    const result = monteCarlo(modelOf(twoCriteria(50, 50), { A: [0.7, null], B: [0.7, 0.7] }), { draws: 2_000 });
    expect(result.vendors.map((vendor) => vendor.probabilityFirst)).toEqual([1, 1]);
  });

  it("renormalises each vendor over what it was scored on, as the totals do", () => {
    // B unscored on c2: its total is its c1 score, .8, whatever the weights; A's is between .7 and .9.
    const model = modelOf(twoCriteria(50, 50), { A: [0.7, 0.9], B: [0.8, null] });
    const result = monteCarlo(model, { spreadPercent: 30 });
    const first = result.vendors[0]?.probabilityFirst ?? 0;
    // A first when .7·a + .9·b > .8·(a + b), i.e. b > a: half of the draws.
    expect(first).toBeGreaterThan(0.47);
    expect(first).toBeLessThan(0.53);
  });

  it("refuses impossible options", () => {
    const model = modelOf(twoCriteria(50, 50), { A: [1, 0] });
    expect(() => monteCarlo(model, { spreadPercent: 120 })).toThrow(RangeError);
    expect(() => monteCarlo(model, { draws: 0 })).toThrow(RangeError);
    expect(() => monteCarlo(model, { topN: 1.5 })).toThrow(RangeError);
  });
});

// Keeps the CriterionNode import honest: sensitivity needs only the tree's shape, not scales.
const plainNodes: CriterionNode[] = exampleCriteria;
void plainNodes;
