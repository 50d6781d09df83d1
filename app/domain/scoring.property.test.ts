import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeResults, type ResultMethod, type ResultsInput, topLevelAttainment } from "./evaluation-results";
import { normalizeEvaluators } from "./normalization";
import {
  buildScoreMatrix,
  type ConsensusEntry,
  DISAGREEMENT_RULES,
  type DisagreementFlag,
  type DisagreementRules,
  disagreementFlags,
  itemStatistics,
  leaveOneOutZ,
  type ScoreEntry,
  type ScoreMatrix,
  type ScoreTable,
  type ScoringCriterion,
  scoreTable,
  weightedTotals,
  withRanks,
} from "./scoring";

/*
 * The results maths run on typed arrays and single passes for speed (40 × 80 × 12 matrices). These
 * properties hold them to a plain reference, written the way the definitions read: one object per
 * score, filter, map, sum. Both sum in the same order, so the numbers must be identical (toEqual
 * compares numbers exactly), not merely close.
 */

// ── Reference ────────────────────────────────────────────────────────────────────────────────

/** Every score given, vendor by vendor, criterion by criterion, with its scale. */
function givenScores(matrix: ScoreMatrix) {
  const given: { v: number; c: number; e: number; score: number; scale: ScoringCriterion }[] = [];
  matrix.scores.forEach((byCriterion, v) => {
    byCriterion.forEach((byEvaluator, c) => {
      byEvaluator.forEach((score, e) => {
        const scale = matrix.criteria[c];
        if (score !== null && scale) given.push({ v, c, e, score, scale });
      });
    });
  });
  return given;
}

const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
const mean = (values: number[]) => (values.length > 0 ? total(values) / values.length : null);

function sd(values: number[]) {
  const average = mean(values);
  if (values.length < 2 || average === null) return null;
  return Math.sqrt(total(values.map((value) => (value - average) ** 2)) / (values.length - 1));
}

function referenceSummary(values: number[]) {
  if (values.length === 0) return { count: 0, mean: null, min: null, max: null, range: null, standardDeviation: null };
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { count: values.length, mean: mean(values), min, max, range: max - min, standardDeviation: sd(values) };
}

function referenceFlags(
  scores: readonly (number | null)[],
  evaluatorIds: readonly string[],
  scale: { scaleMin: number; scaleMax: number },
  rules: DisagreementRules,
): DisagreementFlag[] {
  const given = scores.flatMap((score, e) => (score === null ? [] : [{ evaluatorId: evaluatorIds[e] ?? "", score }]));
  const values = given.map((entry) => entry.score);
  const flags: DisagreementFlag[] = [];
  const { range } = referenceSummary(values);
  const threshold = rules.rangeShareOfSpan * (scale.scaleMax - scale.scaleMin);
  if (range !== null && values.length >= 2 && range >= threshold) flags.push({ kind: "RANGE", range, threshold });
  if (values.length < 3) return flags;
  // The leave-one-out mean and variance from the sums of the scores and of their squares (the
  // closeness of these to the literal "others" sample is checked separately below).
  const sum = total(values);
  const sumOfSquares = total(values.map((value) => value * value));
  for (const { evaluatorId, score } of given) {
    const others = values.length - 1;
    const othersMean = (sum - score) / others;
    const variance = Math.max(0, (sumOfSquares - score * score - others * othersMean * othersMean) / (others - 1));
    const spread = Math.max(Math.sqrt(variance), rules.minimumSpread);
    const z = (score - othersMean) / spread;
    if (spread > 0 && Math.abs(z) > rules.zThreshold) flags.push({ kind: "OUTLIER", evaluatorId, score, z });
  }
  return flags;
}

function referenceItemStatistics(matrix: ScoreMatrix, rules: DisagreementRules) {
  return matrix.vendorIds.map((vendorId, v) =>
    matrix.criteria.map((criterion, c) => {
      const row = matrix.scores[v]?.[c] ?? [];
      const summary = referenceSummary(row.filter((score) => score !== null));
      const consensus = matrix.consensus[v]?.[c] ?? null;
      const flags = referenceFlags(row, matrix.evaluatorIds, criterion, rules);
      return { ...summary, vendorId, criterionId: criterion.id, consensus, value: consensus ?? summary.mean, flags };
    }),
  );
}

const share = (score: number, scale: { scaleMin: number; scaleMax: number }) =>
  (score - scale.scaleMin) / (scale.scaleMax - scale.scaleMin);

function referenceScoreTable(matrix: ScoreMatrix): ScoreTable {
  const values = matrix.vendorIds.map((_, v) =>
    matrix.criteria.map((criterion, c) => {
      const row = (matrix.scores[v]?.[c] ?? []).filter((score) => score !== null);
      const value = matrix.consensus[v]?.[c] ?? mean(row);
      return value === null ? null : share(value, criterion);
    }),
  );
  return { vendorIds: matrix.vendorIds, criteria: matrix.criteria, values };
}

function referenceTotals(table: ScoreTable) {
  const allWeight = total(table.criteria.map((criterion) => criterion.weight));
  const rows = table.vendorIds.map((vendorId, v) => {
    const scored = table.criteria.flatMap((criterion, c) => {
      const value = table.values[v]?.[c] ?? null;
      return value === null ? [] : [{ criterion, value }];
    });
    const scoredWeight = total(scored.map(({ criterion }) => criterion.weight));
    const weightedSum = total(scored.map(({ criterion, value }) => criterion.weight * value));
    const result = scoredWeight > 0 ? (100 * weightedSum) / scoredWeight : null;
    const contributions = table.criteria.map((criterion, c) => {
      const value = table.values[v]?.[c] ?? null;
      const points = value === null || result === null ? null : (100 * criterion.weight * value) / scoredWeight;
      return { criterionId: criterion.id, points };
    });
    const topLevelIds = [...new Set(table.criteria.map((criterion) => criterion.topLevelId))];
    const byTopLevel = topLevelIds.map((topLevelId) => ({
      topLevelId,
      points: total(
        table.criteria.flatMap((criterion, c) =>
          criterion.topLevelId === topLevelId ? [contributions[c]?.points ?? 0] : [],
        ),
      ),
    }));
    return {
      vendorId,
      total: result,
      coverage: allWeight > 0 && result !== null ? scoredWeight / allWeight : 0,
      missingCriterionIds: table.criteria.filter((_, c) => (table.values[v]?.[c] ?? null) === null).map(({ id }) => id),
      contributions,
      byTopLevel,
    };
  });
  return withRanks(rows, (row) => row.total);
}

function referenceNormalization(matrix: ScoreMatrix) {
  const given = givenScores(matrix);
  const sharesOf = (e: number) => given.filter((item) => item.e === e).map((item) => share(item.score, item.scale));
  const panelShares = matrix.evaluatorIds.flatMap((_, e) => sharesOf(e));
  const panelMean = mean(panelShares);
  const panelSd = sd(panelShares);
  const scores = matrix.scores.map((byCriterion) => byCriterion.map((byEvaluator) => [...byEvaluator]));
  const evaluators = matrix.evaluatorIds.map((evaluatorId, e) => {
    const shares = sharesOf(e);
    const ownMean = mean(shares);
    const ownSd = sd(shares);
    const treatment =
      shares.length === 0
        ? "NO_SCORES"
        : shares.length === 1
          ? "SINGLE_SCORE"
          : ownSd !== null && ownSd > 1e-9
            ? "Z_SCORE"
            : "ZERO_VARIANCE";
    let clamped = 0;
    if (treatment === "Z_SCORE" || treatment === "ZERO_VARIANCE") {
      for (const { v, c, score, scale } of given.filter((item) => item.e === e)) {
        const z = treatment === "Z_SCORE" ? (share(score, scale) - (ownMean ?? 0)) / (ownSd ?? 1) : 0;
        const target = (panelMean ?? 0) + z * (panelSd ?? 0);
        const bounded = Math.min(1, Math.max(0, target));
        if (bounded !== target) clamped++;
        const row = scores[v]?.[c];
        if (row) row[e] = scale.scaleMin + bounded * (scale.scaleMax - scale.scaleMin);
      }
    }
    return { evaluatorId, count: shares.length, mean: ownMean, standardDeviation: ownSd, treatment, clamped };
  });
  return {
    matrix: { ...matrix, scores },
    panel: { count: panelShares.length, mean: panelMean, standardDeviation: panelSd },
    evaluators,
  };
}

function referenceAttainment(table: ScoreTable, topLevel: readonly { id: string }[]) {
  return table.vendorIds.map((_, v) =>
    topLevel.map(({ id }) => {
      const scored = table.criteria.flatMap((criterion, c) => {
        const value = table.values[v]?.[c] ?? null;
        return criterion.topLevelId === id && value !== null ? [{ weight: criterion.weight, value }] : [];
      });
      const weight = total(scored.map((item) => item.weight));
      return weight > 0 ? total(scored.map((item) => item.weight * item.value)) / weight : null;
    }),
  );
}

// ── Random sparse panels ─────────────────────────────────────────────────────────────────────

const SCALES = [
  [0, 5],
  [1, 10],
  [0, 1],
  [1, 4],
] as const;

/**
 * How an evaluator scores: a spread of whole points, a few tied values, every score the same
 * (zero variance), a single score, nothing, or fractional points (what normalized scores are).
 */
const STYLES = ["SPREAD", "TIES", "CONSTANT", "SINGLE", "NONE", "FRACTIONAL"] as const;

const panelArbitrary = fc
  .record({
    vendors: fc.integer({ min: 1, max: 5 }),
    criteria: fc.array(
      fc.record({
        scale: fc.constantFrom(...SCALES),
        weight: fc.constantFrom(0, 5, 12.5, 20, 33.3333),
        top: fc.constantFrom("a", "b", "c"),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    styles: fc.array(fc.constantFrom(...STYLES), { minLength: 1, maxLength: 6 }),
    missing: fc.constantFrom(0, 0.2, 0.5, 0.9),
  })
  .chain((shape) => {
    const cells = shape.vendors * shape.criteria.length * shape.styles.length;
    return fc.record({
      shape: fc.constant(shape),
      draws: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), {
        minLength: cells * 2,
        maxLength: cells * 2,
      }),
      consensus: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), {
        minLength: shape.vendors * shape.criteria.length,
        maxLength: shape.vendors * shape.criteria.length,
      }),
    });
  })
  .map(({ shape, draws, consensus: consensusDraws }) => {
    const vendorIds = Array.from({ length: shape.vendors }, (_, v) => `v${v}`);
    const evaluatorIds = shape.styles.map((_, e) => `e${e}`);
    const criteria: ScoringCriterion[] = shape.criteria.map((criterion, c) => ({
      id: `c${c}`,
      weight: criterion.weight,
      scaleMin: criterion.scale[0],
      scaleMax: criterion.scale[1],
      topLevelId: criterion.top,
    }));
    const scores: ScoreEntry[] = [];
    const consensus: ConsensusEntry[] = [];
    let cell = 0;
    for (const [v, vendorId] of vendorIds.entries()) {
      for (const [c, criterion] of criteria.entries()) {
        const span = criterion.scaleMax - criterion.scaleMin;
        for (const [e, style] of shape.styles.entries()) {
          const [skip = 0, draw = 0] = [draws[2 * cell], draws[2 * cell + 1]];
          cell++;
          const first = v === 0 && c === 0;
          if (style === "NONE" || (style === "SINGLE" && !first) || (!first && skip < shape.missing)) continue;
          const points =
            style === "CONSTANT"
              ? 1
              : style === "TIES"
                ? Math.floor(draw * 2) * span
                : style === "FRACTIONAL"
                  ? draw * span
                  : Math.floor(draw * (span + 1));
          const score = Math.min(criterion.scaleMax, criterion.scaleMin + points);
          scores.push({ vendorId, criterionId: criterion.id, evaluatorId: evaluatorIds[e] ?? "", score });
        }
        const draw = consensusDraws[v * criteria.length + c] ?? 1;
        if (draw < 0.15) consensus.push({ vendorId, criterionId: criterion.id, score: criterion.scaleMin });
      }
    }
    return { vendorIds, criteria, evaluatorIds, scores, consensus };
  });

function matrixOf(panel: Parameters<typeof buildScoreMatrix>[0]) {
  const built = buildScoreMatrix(panel);
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  return built.matrix;
}

const rulesArbitrary = fc.constantFrom<DisagreementRules>(DISAGREEMENT_RULES, {
  rangeShareOfSpan: 0.25,
  zThreshold: 1,
  minimumSpread: 0,
});

describe("the results maths against a plain reference, on random sparse panels", () => {
  it("builds the matrix the entries describe", () => {
    fc.assert(
      fc.property(panelArbitrary, (panel) => {
        const matrix = matrixOf(panel);
        const cells = panel.vendorIds.map(() => panel.criteria.map(() => panel.evaluatorIds.map(() => null)));
        const expected: (number | null)[][][] = cells;
        for (const entry of panel.scores) {
          const row = expected[panel.vendorIds.indexOf(entry.vendorId)]?.[Number(entry.criterionId.slice(1))];
          if (row) row[panel.evaluatorIds.indexOf(entry.evaluatorId)] = entry.score;
        }
        expect(matrix.scores).toEqual(expected);
      }),
    );
  });

  it("gives every item the reference statistics and disagreement flags", () => {
    fc.assert(
      fc.property(panelArbitrary, rulesArbitrary, (panel, rules) => {
        const matrix = matrixOf(panel);
        expect(itemStatistics(matrix, rules)).toEqual(referenceItemStatistics(matrix, rules));
      }),
    );
  });

  it("flags a row of scores as the reference does", () => {
    const row = fc.array(fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }), { maxLength: 8 });
    fc.assert(
      fc.property(row, rulesArbitrary, (scores, rules) => {
        const evaluatorIds = scores.map((_, e) => `e${e}`);
        const scale = { scaleMin: 0, scaleMax: 10 };
        expect(disagreementFlags(scores, evaluatorIds, scale, rules)).toEqual(
          referenceFlags(scores, evaluatorIds, scale, rules),
        );
      }),
    );
  });

  it("computes each outlier's z as the literal leave-one-out z, to rounding", () => {
    const row = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 3, maxLength: 8 });
    fc.assert(
      fc.property(row, (scores) => {
        const evaluatorIds = scores.map((_, e) => `e${e}`);
        const rules = { ...DISAGREEMENT_RULES, zThreshold: -1 }; // every score reports its z
        const flags = disagreementFlags(scores, evaluatorIds, { scaleMin: 0, scaleMax: 10 }, rules);
        const outliers = flags.flatMap((flag) => (flag.kind === "OUTLIER" ? [flag] : []));
        expect(outliers).toHaveLength(scores.length);
        outliers.forEach((flag, e) => {
          expect(flag.z).toBeCloseTo(leaveOneOutZ(scores, e, rules.minimumSpread) ?? Number.NaN, 9);
        });
      }),
    );
  });

  it("totals and ranks the vendors as the reference does, raw and normalized", () => {
    fc.assert(
      fc.property(panelArbitrary, (panel) => {
        const matrix = matrixOf(panel);
        const table = scoreTable(matrix);
        expect(table).toEqual(referenceScoreTable(matrix));
        expect(weightedTotals(table)).toEqual(referenceTotals(table));
        const normalized = normalizeEvaluators(matrix);
        expect(normalized).toEqual(referenceNormalization(matrix));
        expect(weightedTotals(scoreTable(normalized.matrix))).toEqual(
          referenceTotals(referenceScoreTable(normalized.matrix)),
        );
      }),
    );
  });

  it("reports each vendor's attainment of the top-level criteria as the reference does", () => {
    fc.assert(
      fc.property(panelArbitrary, fc.subarray(["a", "b", "c", "z"]), (panel, topLevelIds) => {
        const table = scoreTable(matrixOf(panel));
        const topLevel = topLevelIds.map((id) => ({ id }));
        expect(topLevelAttainment(table, topLevel)).toEqual(referenceAttainment(table, topLevel));
      }),
    );
  });

  it("computes the results from every entry as from the entries in scope", () => {
    fc.assert(
      fc.property(panelArbitrary, fc.constantFrom<ResultMethod>("raw", "normalized"), (panel, method) => {
        const criteria = [
          { id: "a", parentId: null, name: "A", weight: 60, stage: "WRITTEN" as const, position: 0 },
          { id: "o", parentId: null, name: "O", weight: 40, stage: "ORAL" as const, position: 1 },
          ...panel.criteria.map((criterion, position) => ({
            id: criterion.id,
            parentId: "a",
            name: criterion.id,
            weight: 100 / panel.criteria.length,
            stage: "WRITTEN" as const,
            position,
            scaleMin: criterion.scaleMin,
            scaleMax: criterion.scaleMax,
          })),
        ].map((node) => ({ scaleMin: 0, scaleMax: 5, ...node }));
        const evaluators = panel.evaluatorIds.map((id, e) => ({ id, group: e % 2 === 0 ? "IT" : "Finance" }));
        const inScope: ResultsInput = { ...panel, criteria, evaluators, priceShares: null };
        const outOfScope = [
          { vendorId: "gone", criterionId: "c0", evaluatorId: "e0", score: 1 },
          { vendorId: "v0", criterionId: "o", evaluatorId: "e0", score: 1 },
          { vendorId: "v0", criterionId: "c0", evaluatorId: "left-the-panel", score: 1 },
        ];
        const everything: ResultsInput = {
          ...inScope,
          scores: [...outOfScope, ...panel.scores],
          consensus: [{ vendorId: "gone", criterionId: "o", score: 1 }, ...panel.consensus],
        };
        expect(computeResults(everything, method)).toEqual(computeResults(inScope, method));
      }),
    );
  });
});
