import { tieKey } from "./scoring";

/**
 * The price envelope: total cost of ownership over the contract term, price points by a formula
 * fixed before the envelopes are opened, and a check for rank reversals.
 *
 * Amounts are plain numbers in the schedule's currency (the schema stores two decimals); screens
 * format them. Nothing here ever divides by a zero or negative price: such bids get a typed error
 * and take no part in the computation.
 */

// ── Total cost of ownership ──────────────────────────────────────────────────────────────────

export type PriceLine = {
  kind: "ONE_TIME" | "RECURRING";
  quantity: number;
  /** Per unit; per unit per month when RECURRING. */
  unitPrice: number;
};

export type PriceSchedule = { vendorId: string; currency: string; lines: readonly PriceLine[] };

export type CostError = { kind: "NO_PRICE_LINES" } | { kind: "INVALID_LINE"; lineIndex: number };

export type VendorCost =
  | {
      vendorId: string;
      ok: true;
      currency: string;
      oneTime: number;
      /** Recurring charges per month. */
      monthly: number;
      /** monthly × term months. */
      recurringOverTerm: number;
      total: number;
    }
  | { vendorId: string; ok: false; error: CostError };

export type TcoError =
  | { kind: "INVALID_TERM"; termMonths: number }
  /** Prices in more than one currency (or not in the RFP's): converting is a decision, not arithmetic. */
  | { kind: "MIXED_CURRENCIES"; expected: string | null; currencies: { currency: string; vendorIds: string[] }[] };

export type TcoResult = { ok: true; currency: string | null; costs: VendorCost[] } | { ok: false; error: TcoError };

/**
 * One-time charges + recurring monthly charges × `termMonths`, per vendor. The term is the one
 * the RFP evaluates on, the same for every vendor: comparing each vendor on its own proposed term
 * would compare different purchases. With `expectedCurrency` (the RFP's), every priced schedule
 * must be in it.
 */
export function totalCostOfOwnership(
  schedules: readonly PriceSchedule[],
  termMonths: number,
  expectedCurrency?: string,
): TcoResult {
  if (!(Number.isInteger(termMonths) && termMonths > 0))
    return { ok: false, error: { kind: "INVALID_TERM", termMonths } };
  const priced = schedules.filter((schedule) => schedule.lines.length > 0);
  const byCurrency = new Map<string, string[]>();
  for (const schedule of priced) {
    const currency = schedule.currency.trim().toUpperCase();
    byCurrency.set(currency, [...(byCurrency.get(currency) ?? []), schedule.vendorId]);
  }
  const expected = expectedCurrency?.trim().toUpperCase() ?? null;
  const currencies = [...byCurrency.keys()];
  if (currencies.length > 1 || (expected !== null && currencies.some((currency) => currency !== expected))) {
    const list = [...byCurrency].map(([currency, vendorIds]) => ({ currency, vendorIds }));
    return { ok: false, error: { kind: "MIXED_CURRENCIES", expected, currencies: list } };
  }
  const currency = currencies[0] ?? expected;
  const costs = schedules.map((schedule) => costOf(schedule, termMonths));
  return { ok: true, currency, costs };
}

function costOf(schedule: PriceSchedule, termMonths: number): VendorCost {
  const { vendorId, lines } = schedule;
  if (lines.length === 0) return { vendorId, ok: false, error: { kind: "NO_PRICE_LINES" } };
  const invalid = lines.findIndex((line) => !Number.isFinite(line.quantity * line.unitPrice));
  if (invalid >= 0) return { vendorId, ok: false, error: { kind: "INVALID_LINE", lineIndex: invalid } };
  const sum = (kind: PriceLine["kind"]) =>
    lines.filter((line) => line.kind === kind).reduce((total, line) => total + line.quantity * line.unitPrice, 0);
  const oneTime = sum("ONE_TIME");
  const monthly = sum("RECURRING");
  const recurringOverTerm = monthly * termMonths;
  const currency = schedule.currency.trim().toUpperCase();
  return { vendorId, ok: true, currency, oneTime, monthly, recurringOverTerm, total: oneTime + recurringOverTerm };
}

// ── Price points ─────────────────────────────────────────────────────────────────────────────

/**
 * The formulas the lead may fix before opening the price envelopes. With L the lowest and H the
 * highest valid price, P a vendor's price and M the maximum points:
 *
 * - RELATIVE ("lowest price / price"): M × L / P. The most common formula in public
 *   procurement, and the one most prone to rank reversal: a price's points depend on the lowest
 *   bid, so adding or withdrawing a cheap bid changes the gap between two other vendors.
 * - LINEAR between lowest and highest: M × (H − P) / (H − L); lowest gets M, highest 0; a single
 *   bidder (or all equal) gets M. Depends on both L and H, so it can also reverse ranks.
 * - LOGARITHMIC with factor A > 1: M × (1 − ln(P / L) / ln A). The lowest gets M; a price A times
 *   the lowest gets 0; each doubling of the price costs the same points. This is the "log formula"
 *   of the Dutch/European tendering platform Negometrix (Mercell), discussed among 38 formulas
 *   in Stilger, Siderius & van Raaij, "A comparative study of formulas for choosing the
 *   economically most advantageous tender", Journal of Public Procurement 17(1), 2017.
 *   Because ln(P/L) = ln P − ln L, the points difference between two vendors does not depend on
 *   L, so a withdrawn or added bid never reverses two others. Points are NOT floored at zero:
 *   prices above A × L get negative points, as in the published formula; flooring them would
 *   reintroduce the dependence on L that the formula exists to avoid.
 * - BUDGET (absolute): M at or under the target price, 0 at or above the ceiling, linear in
 *   between. Each price is scored on its own, so no rank reversal is possible.
 */
export type PriceFormula =
  | { kind: "RELATIVE"; maxPoints: number }
  | { kind: "LINEAR"; maxPoints: number }
  | { kind: "LOGARITHMIC"; maxPoints: number; factor: number }
  | { kind: "BUDGET"; maxPoints: number; targetPrice: number; ceilingPrice: number };

export type PriceFormulaIssue = { field: "maxPoints" | "factor" | "targetPrice" | "ceilingPrice"; message: string };

export function priceFormulaIssues(formula: PriceFormula): PriceFormulaIssue[] {
  const issues: PriceFormulaIssue[] = [];
  if (!(Number.isFinite(formula.maxPoints) && formula.maxPoints > 0)) {
    issues.push({ field: "maxPoints", message: "Price must be worth more than zero points." });
  }
  if (formula.kind === "LOGARITHMIC" && !(Number.isFinite(formula.factor) && formula.factor > 1)) {
    issues.push({
      field: "factor",
      message: "The factor must be above 1 (e.g. 2: twice the lowest price scores zero).",
    });
  }
  if (formula.kind === "BUDGET") {
    const { targetPrice, ceilingPrice } = formula;
    if (!(Number.isFinite(targetPrice) && targetPrice > 0)) {
      issues.push({ field: "targetPrice", message: "The target price must be above zero." });
    }
    if (!(Number.isFinite(ceilingPrice) && ceilingPrice > targetPrice)) {
      issues.push({ field: "ceilingPrice", message: "The ceiling must be above the target price." });
    }
  }
  return issues;
}

export type Bid = { vendorId: string; price: number | null };

export type PriceError =
  | { kind: "MISSING_PRICE" }
  | { kind: "NOT_A_NUMBER" }
  | { kind: "ZERO_PRICE" }
  | { kind: "NEGATIVE_PRICE"; price: number };

export type VendorPricePoints =
  | { vendorId: string; ok: true; price: number; points: number }
  | { vendorId: string; ok: false; error: PriceError };

export type PricePointsResult = { ok: true; points: VendorPricePoints[] } | { ok: false; issues: PriceFormulaIssue[] };

export function priceError(price: number | null): PriceError | null {
  if (price === null) return { kind: "MISSING_PRICE" };
  if (!Number.isFinite(price)) return { kind: "NOT_A_NUMBER" };
  if (price === 0) return { kind: "ZERO_PRICE" };
  if (price < 0) return { kind: "NEGATIVE_PRICE", price };
  return null;
}

/** Points per bid, in the order given; invalid bids get an error and do not set L or H. */
export function pricePoints(formula: PriceFormula, bids: readonly Bid[]): PricePointsResult {
  const issues = priceFormulaIssues(formula);
  if (issues.length > 0) return { ok: false, issues };
  const valid = bids.flatMap((bid) => (bid.price !== null && priceError(bid.price) === null ? [bid.price] : []));
  const lowest = Math.min(...valid);
  const highest = Math.max(...valid);
  const points = bids.map(({ vendorId, price }): VendorPricePoints => {
    const error = priceError(price);
    if (error !== null || price === null) return { vendorId, ok: false, error: error ?? { kind: "MISSING_PRICE" } };
    return { vendorId, ok: true, price, points: pointsFor(formula, price, lowest, highest) };
  });
  return { ok: true, points };
}

function pointsFor(formula: PriceFormula, price: number, lowest: number, highest: number) {
  const max = formula.maxPoints;
  switch (formula.kind) {
    case "RELATIVE":
      return (max * lowest) / price;
    case "LINEAR":
      return highest === lowest ? max : (max * (highest - price)) / (highest - lowest);
    case "LOGARITHMIC":
      return max * (1 - Math.log(price / lowest) / Math.log(formula.factor));
    case "BUDGET": {
      const { targetPrice, ceilingPrice } = formula;
      if (price <= targetPrice) return max;
      if (price >= ceilingPrice) return 0;
      return (max * (ceilingPrice - price)) / (ceilingPrice - targetPrice);
    }
  }
}

// ── Rank reversal ────────────────────────────────────────────────────────────────────────────

export type PricedBid = { vendorId: string; qualityPoints: number; price: number | null };

export type RankReversal = {
  withdrawnVendorId: string;
  /** Ahead with every bid in. */
  aheadId: string;
  /** Behind with every bid in, ahead once `withdrawnVendorId` is withdrawn. */
  overtakenById: string;
  totalsWithAll: { ahead: number; overtakenBy: number };
  totalsWithout: { ahead: number; overtakenBy: number };
};

export type RankReversalCheck =
  | { ok: true; reversals: RankReversal[]; excludedVendorIds: string[] }
  | { ok: false; issues: PriceFormulaIssue[] };

/**
 * Re-ranks the bids (total = quality points + price points) with each vendor withdrawn in turn
 * and reports every pair of remaining vendors whose order flips strictly (a tie that opens or
 * closes is not a reversal). Bids with an invalid price cannot be ranked and are left out.
 */
export function rankReversals(formula: PriceFormula, bids: readonly PricedBid[]): RankReversalCheck {
  const issues = priceFormulaIssues(formula);
  if (issues.length > 0) return { ok: false, issues };
  const valid = bids.filter((bid) => priceError(bid.price) === null);
  const excludedVendorIds = bids.filter((bid) => !valid.includes(bid)).map((bid) => bid.vendorId);
  const withAll = totalsOf(formula, valid);
  const reversals: RankReversal[] = [];
  for (const withdrawn of valid) {
    const remaining = valid.filter((bid) => bid !== withdrawn);
    const without = totalsOf(formula, remaining);
    for (const a of remaining) {
      for (const b of remaining) {
        const before = { ahead: withAll.get(a.vendorId) ?? 0, overtakenBy: withAll.get(b.vendorId) ?? 0 };
        const after = { ahead: without.get(a.vendorId) ?? 0, overtakenBy: without.get(b.vendorId) ?? 0 };
        if (tieKey(before.ahead) > tieKey(before.overtakenBy) && tieKey(after.ahead) < tieKey(after.overtakenBy)) {
          reversals.push({
            withdrawnVendorId: withdrawn.vendorId,
            aheadId: a.vendorId,
            overtakenById: b.vendorId,
            totalsWithAll: before,
            totalsWithout: after,
          });
        }
      }
    }
  }
  return { ok: true, reversals, excludedVendorIds };
}

function totalsOf(formula: PriceFormula, bids: readonly PricedBid[]) {
  const result = pricePoints(formula, bids);
  const totals = new Map<string, number>();
  if (!result.ok) return totals;
  bids.forEach((bid, index) => {
    const points = result.points[index];
    if (points?.ok) totals.set(bid.vendorId, bid.qualityPoints + points.points);
  });
  return totals;
}
