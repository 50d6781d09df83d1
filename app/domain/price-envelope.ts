import {
  type PricedBid,
  type PriceFormula,
  type PriceSchedule,
  priceFormulaIssues,
  pricePoints,
  type RankReversal,
  rankReversals,
  totalCostOfOwnership,
} from "./price";
import { MAX_TERM_MONTHS } from "./pricing";
import { withRanks } from "./scoring";

/**
 * The price envelope of one RFP, built on price.ts: what the lead fixes (formula and the term the
 * total cost of ownership is computed over), each vendor's cost and points with a reason when
 * there are none, and whether withdrawing a bid would actually reverse two others here.
 */
export const PRICE_FORMULA_KINDS = ["RELATIVE", "LINEAR", "LOGARITHMIC", "BUDGET"] as const;
export type PriceFormulaKind = (typeof PRICE_FORMULA_KINDS)[number];

export const PRICE_FORMULA_INFO: Record<
  PriceFormulaKind,
  { label: string; description: string; dependsOnOtherBids: boolean }
> = {
  RELATIVE: {
    label: "Relative (lowest ÷ price)",
    description: "Points = max × lowest price ÷ price. The lowest bid gets full points.",
    dependsOnOtherBids: true,
  },
  LINEAR: {
    label: "Linear between lowest and highest",
    description: "The lowest bid gets full points, the highest none, linear in between.",
    dependsOnOtherBids: true,
  },
  LOGARITHMIC: {
    label: "Logarithmic with a factor",
    description:
      "The lowest bid gets full points; a bid the factor times the lowest gets none; every doubling of the price costs the same points.",
    dependsOnOtherBids: false,
  },
  BUDGET: {
    label: "Absolute, against the budget",
    description: "Full points at or under the target price, none at or above the ceiling, linear in between.",
    dependsOnOtherBids: false,
  },
};

/** What the lead fixes before the price envelopes are opened. Stored as Rfp.priceFormula. */
export type PriceEvaluationSettings = { formula: PriceFormula; termMonths: number };

/**
 * Reads Rfp.priceFormula (what the lead fixed before opening the price envelopes) defensively;
 * null when it is not set or not a valid setting. The one reader of the stored settings: the price
 * page, the final ranking and the executive review all score price from what it returns.
 */
export function readPriceSettings(value: unknown): PriceEvaluationSettings | null {
  if (!isRecord(value) || !isRecord(value.formula)) return null;
  const termMonths = value.termMonths;
  if (typeof termMonths !== "number" || !Number.isInteger(termMonths) || termMonths < 1 || termMonths > MAX_TERM_MONTHS)
    return null;
  const raw = value.formula;
  const maxPoints = Number(raw.maxPoints);
  if (typeof raw.maxPoints !== "number") return null;
  let formula: PriceFormula;
  switch (raw.kind) {
    case "RELATIVE":
    case "LINEAR":
      formula = { kind: raw.kind, maxPoints };
      break;
    case "LOGARITHMIC":
      formula = { kind: "LOGARITHMIC", maxPoints, factor: Number(raw.factor) };
      break;
    case "BUDGET":
      formula = {
        kind: "BUDGET",
        maxPoints,
        targetPrice: Number(raw.targetPrice),
        ceilingPrice: Number(raw.ceilingPrice),
      };
      break;
    default:
      return null;
  }
  return priceFormulaIssues(formula).length === 0 ? { formula, termMonths } : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "Logarithmic with a factor (factor 2), 100 points, total cost over 36 months". */
export function describePriceSettings(settings: PriceEvaluationSettings, money: (amount: number) => string) {
  const { formula, termMonths } = settings;
  const label = PRICE_FORMULA_INFO[formula.kind].label;
  const detail =
    formula.kind === "LOGARITHMIC"
      ? ` (factor ${formula.factor})`
      : formula.kind === "BUDGET"
        ? ` (full points up to ${money(formula.targetPrice)}, none from ${money(formula.ceilingPrice)})`
        : "";
  return `${label}${detail}, ${formula.maxPoints} points, total cost over ${termMonths} months`;
}

export type PriceProblem =
  | { kind: "NO_PRICE_LINES" }
  | { kind: "INVALID_LINE"; lineIndex: number }
  | { kind: "OTHER_CURRENCY"; currency: string; expected: string }
  | { kind: "INVALID_TERM"; termMonths: number }
  | { kind: "MISSING_PRICE" }
  | { kind: "NOT_A_NUMBER" }
  | { kind: "ZERO_PRICE" }
  | { kind: "NEGATIVE_PRICE"; price: number };

export type VendorPriceEvaluation = {
  vendorId: string;
  /** The schedule's currency as submitted. */
  currency: string;
  oneTime: number | null;
  monthly: number | null;
  recurringOverTerm: number | null;
  /** Total cost of ownership over the fixed term, in the RFP's currency. */
  total: number | null;
  points: number | null;
  /** points ÷ max points: what the vendor scores on the PRICE criteria (below 0 only for logarithmic). */
  share: number | null;
  /** By price points, best first. */
  rank: number | null;
  tied: boolean;
  problem: PriceProblem | null;
};

/**
 * Cost and points per vendor, in the order of `schedules`. A schedule in another currency than the
 * RFP's is that vendor's problem, not the whole envelope's: the others are still compared.
 */
export function evaluatePrices(
  schedules: readonly PriceSchedule[],
  settings: PriceEvaluationSettings,
  rfpCurrency: string,
): VendorPriceEvaluation[] {
  const expected = rfpCurrency.trim().toUpperCase();
  const currencyOf = (schedule: PriceSchedule) => schedule.currency.trim().toUpperCase();
  const comparable = schedules.filter((schedule) => schedule.lines.length === 0 || currencyOf(schedule) === expected);
  // Empty schedules carry the RFP's currency so they never count as "mixed".
  const tco = totalCostOfOwnership(
    comparable.map((schedule) => ({ ...schedule, currency: expected })),
    settings.termMonths,
    expected,
  );
  const costs = new Map(tco.ok ? tco.costs.map((cost) => [cost.vendorId, cost]) : []);
  const bids = comparable.map((schedule) => {
    const cost = costs.get(schedule.vendorId);
    return { vendorId: schedule.vendorId, price: cost?.ok ? cost.total : null };
  });
  const scored = pricePoints(settings.formula, bids);
  const pointsOf = new Map(
    scored.ok ? scored.points.map((entry) => [entry.vendorId, entry.ok ? entry.points : entry.error]) : [],
  );
  const rows = schedules.map((schedule): Omit<VendorPriceEvaluation, "rank" | "tied"> => {
    const base = {
      vendorId: schedule.vendorId,
      currency: currencyOf(schedule) || expected,
      oneTime: null,
      monthly: null,
      recurringOverTerm: null,
      total: null,
      points: null,
      share: null,
    };
    if (!comparable.includes(schedule)) {
      return { ...base, problem: { kind: "OTHER_CURRENCY", currency: currencyOf(schedule), expected } };
    }
    if (!tco.ok) {
      return { ...base, problem: { kind: "INVALID_TERM", termMonths: settings.termMonths } };
    }
    const cost = costs.get(schedule.vendorId);
    if (!cost?.ok) return { ...base, problem: cost ? cost.error : { kind: "NO_PRICE_LINES" } };
    const amounts = {
      oneTime: cost.oneTime,
      monthly: cost.monthly,
      recurringOverTerm: cost.recurringOverTerm,
      total: cost.total,
    };
    const points = pointsOf.get(schedule.vendorId);
    if (typeof points !== "number") {
      return { ...base, ...amounts, problem: points ?? { kind: "MISSING_PRICE" } };
    }
    const share = points / settings.formula.maxPoints;
    return { ...base, ...amounts, points, share, problem: null };
  });
  return withRanks(rows, (row) => row.points);
}

/**
 * A vendor's price result on 0–100, the scale the final ranking and the executive review combine
 * with the written and oral results: 100 × points ÷ the formula's maximum. Logarithmic points fall
 * below zero for a price far above the lowest; such a price counts as 0 (it is already the worst on
 * price). Null when the vendor has no points (see the row's problem).
 */
export function priceScore(row: Pick<VendorPriceEvaluation, "points">, formula: PriceFormula): number | null {
  if (row.points === null) return null;
  return Math.min(100, Math.max(0, (100 * row.points) / formula.maxPoints));
}

export function describePriceProblem(problem: PriceProblem, money: (amount: number) => string): string {
  switch (problem.kind) {
    case "NO_PRICE_LINES":
      return "No price lines were submitted, so this vendor cannot be scored on price.";
    case "INVALID_LINE":
      return `Price line ${problem.lineIndex + 1} is not a usable amount; ask the vendor to correct it.`;
    case "OTHER_CURRENCY":
      return `Priced in ${problem.currency}, but this RFP compares prices in ${problem.expected}. Converting is a decision, not arithmetic: ask the vendor to restate its prices in ${problem.expected}.`;
    case "INVALID_TERM":
      return `The evaluation term of ${problem.termMonths} months is not a whole, positive number of months.`;
    case "MISSING_PRICE":
    case "NOT_A_NUMBER":
      return "There is no total price to score.";
    case "ZERO_PRICE":
      return "The total cost of ownership is zero. A price of nothing cannot be scored (the formulas divide by the price); ask the vendor to confirm its prices.";
    case "NEGATIVE_PRICE":
      return `The total cost of ownership is negative (${money(problem.price)}); discounts exceed the charges. Ask the vendor to correct its schedule.`;
  }
}

// ── Rank reversal in this RFP ────────────────────────────────────────────────────────────────

export type ReversalCheckBasis = "QUALITY_AND_PRICE" | "PRICE_ONLY";

export type ReversalFinding =
  /** The criteria tree gives price no weight: price points cannot change any order. */
  | { kind: "NO_PRICE_WEIGHT" }
  /** Fewer than three comparable bids: withdrawing one leaves no pair to reverse. */
  | { kind: "TOO_FEW_BIDS"; comparedVendorIds: string[]; excludedVendorIds: string[] }
  | {
      kind: "CHECKED";
      basis: ReversalCheckBasis;
      reversals: RankReversal[];
      comparedVendorIds: string[];
      /** Left out: no valid price, or not yet scored on quality while others are. */
      excludedVendorIds: string[];
    };

/**
 * Re-ranks this RFP's bids with each vendor withdrawn in turn (price.rankReversals). A vendor's
 * total is what the results show: quality (points out of 100) and price points weighed by the
 * criteria tree, `priceShare` being price's share of quality + price. Scaling the formula's
 * maximum to that share is exact: every formula is proportional to its maximum.
 *
 * Vendors without a quality total are left out while others have one; when nobody has one yet,
 * the check runs on price alone (where, by construction, no formula can reverse an order).
 */
export function checkRankReversals(
  formula: PriceFormula,
  prices: readonly Pick<VendorPriceEvaluation, "vendorId" | "total">[],
  qualityTotals: ReadonlyMap<string, number | null>,
  priceShare: number,
): ReversalFinding {
  if (!(priceShare > 0)) return { kind: "NO_PRICE_WEIGHT" };
  const priced = prices.filter((row) => row.total !== null && row.total > 0);
  const anyQuality = priced.some((row) => (qualityTotals.get(row.vendorId) ?? null) !== null);
  const compared = anyQuality ? priced.filter((row) => (qualityTotals.get(row.vendorId) ?? null) !== null) : priced;
  const comparedVendorIds = compared.map((row) => row.vendorId);
  const excludedVendorIds = prices.map((row) => row.vendorId).filter((id) => !comparedVendorIds.includes(id));
  if (compared.length < 3) return { kind: "TOO_FEW_BIDS", comparedVendorIds, excludedVendorIds };
  const bids: PricedBid[] = compared.map((row) => ({
    vendorId: row.vendorId,
    qualityPoints: (qualityTotals.get(row.vendorId) ?? 0) * (1 - priceShare),
    price: row.total,
  }));
  const check = rankReversals({ ...formula, maxPoints: 100 * priceShare }, bids);
  // The formula was validated when it was fixed; a failure here would be a programming error.
  if (!check.ok) throw new Error(`Invalid price formula: ${check.issues.map((issue) => issue.message).join(" ")}`);
  return {
    kind: "CHECKED",
    basis: anyQuality ? "QUALITY_AND_PRICE" : "PRICE_ONLY",
    reversals: check.reversals,
    comparedVendorIds,
    excludedVendorIds: [...excludedVendorIds, ...check.excludedVendorIds],
  };
}

const points = (value: number) => value.toFixed(1);

/** The plain answer to "does it actually happen here?", one sentence per reversal found. */
export function describeReversals(
  finding: ReversalFinding,
  formulaKind: PriceFormulaKind,
  nameOf: (vendorId: string) => string,
): { happens: boolean; summary: string; details: string[] } {
  if (finding.kind === "NO_PRICE_WEIGHT") {
    return {
      happens: false,
      summary: "No: the criteria tree gives price no weight, so price points cannot change the ranking.",
      details: [],
    };
  }
  if (finding.kind === "TOO_FEW_BIDS") {
    return {
      happens: false,
      summary: `No: with ${finding.comparedVendorIds.length} comparable bid(s) there is no third bid whose withdrawal could reverse two others.`,
      details: [],
    };
  }
  const count = finding.comparedVendorIds.length;
  if (finding.reversals.length === 0) {
    const why = PRICE_FORMULA_INFO[formulaKind].dependsOnOtherBids
      ? ""
      : " It cannot with this formula: the gap between two bids' points does not depend on any other bid.";
    const basis =
      finding.basis === "PRICE_ONLY"
        ? " No quality scores are in yet, so this was checked on price alone; it is checked again as sheets are submitted."
        : "";
    return {
      happens: false,
      summary: `No: we re-ranked the ${count} bids with each vendor withdrawn in turn, and no two vendors changed order.${why}${basis}`,
      details: [],
    };
  }
  const details = finding.reversals.map(
    (reversal) =>
      `If ${nameOf(reversal.withdrawnVendorId)} withdrew, ${nameOf(reversal.overtakenById)} (${points(reversal.totalsWithout.overtakenBy)}) would overtake ${nameOf(reversal.aheadId)} (${points(reversal.totalsWithout.ahead)}); with every bid in, ${nameOf(reversal.aheadId)} is ahead (${points(reversal.totalsWithAll.ahead)} to ${points(reversal.totalsWithAll.overtakenBy)}).`,
  );
  return {
    happens: true,
    summary: `Yes, here: withdrawing one bid would reverse the order of two other vendors (${finding.reversals.length} case(s) found).`,
    details,
  };
}
