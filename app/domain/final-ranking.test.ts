import { describe, expect, it } from "vitest";
import {
  describeFinalRankingError,
  type FinalRanking,
  finalRanking,
  finalRankingErrors,
  mayChangeFinalWeights,
  type StageWeights,
  type VendorResults,
} from "./final-ranking";

const weights: StageWeights = { WRITTEN: 50, ORAL: 20, PRICE: 30 };

function vendor(vendorId: string, written: number | null, oral: number | null, price: number | null): VendorResults {
  return { vendorId, scores: { WRITTEN: written, ORAL: oral, PRICE: price } };
}

function ranked(vendors: VendorResults[], stageWeights: StageWeights = weights): FinalRanking {
  const outcome = finalRanking(vendors, stageWeights);
  if (!outcome.ok) throw new Error(`unexpected errors: ${JSON.stringify(outcome.errors)}`);
  return outcome.result;
}

describe("finalRanking", () => {
  // Weighted totals (50% written, 20% oral, 30% price):
  //   Acme  80·.5 + 70·.2 + 60·.3 = 40 + 14 + 18 = 72
  //   Beta  70·.5 + 90·.2 + 70·.3 = 35 + 18 + 21 = 74
  //   Core  90·.5 + 60·.2 + 50·.3 = 45 + 12 + 15 = 72
  //   Delta 60·.5 + 60·.2 + 90·.3 = 30 + 12 + 27 = 69
  const vendors = [
    vendor("acme", 80, 70, 60),
    vendor("beta", 70, 90, 70),
    vendor("core", 90, 60, 50),
    vendor("delta", 60, 60, 90),
  ];

  it("ranks by weighted total and reports the tie for second place explicitly", () => {
    const result = ranked(vendors);
    expect(result.ranking).toEqual([["beta"], ["acme", "core"], ["delta"]]);
    expect(result.rows.map((row) => [row.vendorId, row.place, row.total, row.tiedWith])).toEqual([
      ["beta", 1, 74, []],
      ["acme", 2, 72, ["core"]],
      ["core", 2, 72, ["acme"]],
      ["delta", 4, 69, []],
    ]);
    expect(result.recommendation).toEqual({
      status: "CLEAR",
      recommended: "beta",
      runnerUp: { status: "TIED", vendorIds: ["acme", "core"] },
      margin: 2,
    });
  });

  it("shows each part's score, weight and contribution as the evidence for the total", () => {
    const beta = ranked(vendors).rows[0];
    expect(beta?.parts).toEqual({
      WRITTEN: { score: 70, weight: 50, contribution: 35 },
      ORAL: { score: 90, weight: 20, contribution: 18 },
      PRICE: { score: 70, weight: 30, contribution: 21 },
    });
  });

  it("names a clear runner-up when second place is not shared", () => {
    const result = ranked([vendor("acme", 80, 70, 60), vendor("beta", 70, 90, 70), vendor("delta", 60, 60, 90)]);
    expect(result.recommendation).toEqual({
      status: "CLEAR",
      recommended: "beta",
      runnerUp: { status: "CLEAR", vendorId: "acme" },
      margin: 2,
    });
  });

  it("makes no recommendation when the top total is shared", () => {
    const result = ranked([vendor("acme", 80, 70, 60), vendor("core", 90, 60, 50), vendor("delta", 60, 60, 90)]);
    expect(result.recommendation).toEqual({ status: "TIED", vendorIds: ["acme", "core"] });
    expect(result.rows.map((row) => row.place)).toEqual([1, 1, 3]);
  });

  it("recommends a lone vendor with no runner-up", () => {
    expect(ranked([vendor("acme", 10, 20, 30)]).recommendation).toEqual({
      status: "CLEAR",
      recommended: "acme",
      runnerUp: { status: "NONE" },
      margin: null,
    });
  });

  it("treats totals that differ only by floating-point noise as a tie", () => {
    // 1·10% + 1·20% = 0.1 + 0.2 = 0.30000000000000004 in binary floating point; 3·10% = 0.3.
    const result = ranked([vendor("x", 1, 1, 0), vendor("y", 3, 0, 0)], { WRITTEN: 10, ORAL: 20, PRICE: 70 });
    expect(result.rows.map((row) => row.total)).toEqual([0.3, 0.3]);
    expect(result.ranking).toEqual([["x", "y"]]);
    expect(result.recommendation).toEqual({ status: "TIED", vendorIds: ["x", "y"] });
  });

  it("keeps the input order among tied vendors, whatever their totals' noise", () => {
    const result = ranked([vendor("y", 3, 0, 0), vendor("x", 1, 1, 0)], { WRITTEN: 10, ORAL: 20, PRICE: 70 });
    expect(result.ranking).toEqual([["y", "x"]]);
  });

  it("lets a part weighted 0 stay unscored", () => {
    const result = ranked([vendor("acme", 80, null, 60), vendor("beta", 70, null, 90)], {
      WRITTEN: 60,
      ORAL: 0,
      PRICE: 40,
    });
    expect(result.rows.map((row) => [row.vendorId, row.total])).toEqual([
      ["beta", 78],
      ["acme", 72],
    ]);
    expect(result.rows[0]?.parts.ORAL).toEqual({ score: null, weight: 0, contribution: 0 });
  });

  it("accepts weights with two decimals that sum to exactly 100", () => {
    expect(finalRankingErrors([vendor("a", 1, 1, 1)], { WRITTEN: 33.33, ORAL: 33.33, PRICE: 33.34 })).toEqual([]);
  });
});

describe("finalRankingErrors", () => {
  it("refuses weights that do not add up to 100 or leave 0–100", () => {
    expect(finalRankingErrors([vendor("a", 1, 1, 1)], { WRITTEN: 50, ORAL: 20, PRICE: 29.99 })).toEqual([
      { kind: "WEIGHTS_DO_NOT_SUM_TO_100", sum: 99.99 },
    ]);
    expect(finalRankingErrors([vendor("a", 1, 1, 1)], { WRITTEN: 105, ORAL: -5, PRICE: 0 })).toEqual([
      { kind: "WEIGHT_OUT_OF_RANGE", part: "WRITTEN", weight: 105 },
      { kind: "WEIGHT_OUT_OF_RANGE", part: "ORAL", weight: -5 },
    ]);
    expect(finalRankingErrors([vendor("a", 1, 1, 1)], { WRITTEN: Number.NaN, ORAL: 50, PRICE: 50 })).toContainEqual({
      kind: "WEIGHT_OUT_OF_RANGE",
      part: "WRITTEN",
      weight: Number.NaN,
    });
  });

  it("refuses missing, out-of-range and non-numeric results, duplicates and an empty list", () => {
    expect(finalRankingErrors([], weights)).toEqual([{ kind: "NO_VENDORS" }]);
    expect(
      finalRankingErrors([vendor("a", null, 50, 50), vendor("b", 101, -1, Number.NaN), vendor("a", 1, 1, 1)], weights),
    ).toEqual([
      { kind: "SCORE_MISSING", vendorId: "a", part: "WRITTEN" },
      { kind: "SCORE_OUT_OF_RANGE", vendorId: "b", part: "WRITTEN", score: 101 },
      { kind: "SCORE_OUT_OF_RANGE", vendorId: "b", part: "ORAL", score: -1 },
      { kind: "SCORE_OUT_OF_RANGE", vendorId: "b", part: "PRICE", score: Number.NaN },
      { kind: "DUPLICATE_VENDOR", vendorId: "a" },
    ]);
  });

  it("is what finalRanking returns instead of a ranking", () => {
    expect(finalRanking([vendor("a", null, 1, 1)], weights)).toEqual({
      ok: false,
      errors: [{ kind: "SCORE_MISSING", vendorId: "a", part: "WRITTEN" }],
    });
  });

  it("describes each error in plain words", () => {
    const nameOf = (id: string) => (id === "a" ? "Acme" : id);
    expect(describeFinalRankingError({ kind: "SCORE_MISSING", vendorId: "a", part: "ORAL" }, nameOf)).toBe(
      "Acme has no oral result yet.",
    );
    expect(describeFinalRankingError({ kind: "WEIGHTS_DO_NOT_SUM_TO_100", sum: 99.99 })).toBe(
      "The weights add up to 99.99%, not 100%.",
    );
  });
});

describe("mayChangeFinalWeights", () => {
  it("allows changes before any debrief exists, up to and during the interviews", () => {
    for (const stage of ["DRAFT", "PUBLISHED", "EVALUATION", "SHORTLIST", "INTERVIEWS"] as const) {
      expect(mayChangeFinalWeights({ stage, debriefsRecorded: 0 })).toEqual({ allowed: true });
    }
  });

  it("locks the weights as soon as one debrief is recorded", () => {
    expect(mayChangeFinalWeights({ stage: "INTERVIEWS", debriefsRecorded: 1 })).toEqual({
      allowed: false,
      reason:
        "The weights are locked: interview debriefs have been recorded, so changing them now could favour a vendor.",
    });
  });

  it("keeps them locked after the interviews whatever the debrief count", () => {
    for (const stage of ["DECISION", "NEGOTIATION", "AWARDED", "CANCELLED"] as const) {
      expect(mayChangeFinalWeights({ stage, debriefsRecorded: 0 }).allowed).toBe(false);
    }
  });
});
