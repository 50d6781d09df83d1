import { prisma } from "~/db.server";
import { priceShareOf } from "~/domain/evaluation-results";
import {
  checkRankReversals,
  describePriceSettings,
  describeReversals,
  type PriceEvaluationSettings,
} from "~/domain/price-envelope";
import type { RfpStage } from "~/domain/workflow";
import { formatDateTime, formatMoney } from "~/utils/dates";
import { ConflictError, FieldError } from "~/utils/errors.server";
import { recordAudit, type UserActor } from "./audit.server";
import { loadEvaluationFacts, namesOf, pricesOf, resultsFromFacts } from "./results.server";

/**
 * The price envelope. The lead fixes the formula (and the contract term costs are compared over)
 * once; fixing it opens the price envelopes on this screen, and from then on it cannot change,
 * so the choice of formula can never follow the prices.
 */
export const PRICE_FORMULA_STAGES: readonly RfpStage[] = ["PUBLISHED", "EVALUATION"];

export async function getPriceEvaluation(rfpId: string) {
  const facts = await loadEvaluationFacts(rfpId);
  const { rfp, settings } = facts;
  const priceShare = priceShareOf(facts.criteria);
  const base = {
    rfp,
    opened: facts.opened,
    canFix: !settings && PRICE_FORMULA_STAGES.includes(rfp.stage),
    priceShare,
    defaults: defaultFormValues(facts),
    settings,
    vendors: facts.vendors.map((vendor) => ({ id: vendor.id, name: vendor.name, termMonths: vendor.termMonths })),
  };
  if (!settings || !facts.opened) return { ...base, prices: null, reversal: null };
  const prices = pricesOf(facts, settings);
  // Rank reversal is about the order the results show: quality (raw) + price, by the tree's weights.
  const results = resultsFromFacts(facts, true, "raw");
  const quality = new Map(
    results.computation?.ok ? results.computation.view.quality.map((row) => [row.vendorId, row.total]) : [],
  );
  const finding = checkRankReversals(settings.formula, prices, quality, priceShare);
  return {
    ...base,
    prices,
    reversal: {
      finding,
      qualityAvailable: quality.size > 0 && [...quality.values()].some((total) => total !== null),
      ...describeReversals(finding, settings.formula.kind, namesOf(facts)),
    },
  };
}
export type PriceEvaluation = Awaited<ReturnType<typeof getPriceEvaluation>>;

/** Relative, 100 points, the term most vendors proposed; budget-based bounds from the RFP's budget. */
function defaultFormValues(facts: Awaited<ReturnType<typeof loadEvaluationFacts>>) {
  const terms = facts.vendors.flatMap((vendor) => (vendor.termMonths ? [vendor.termMonths] : []));
  const counts = new Map<number, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  const commonTerm = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 36;
  const budget = facts.rfp.budgetAmount;
  return {
    intent: "fix",
    kind: "RELATIVE",
    maxPoints: "100",
    factor: "2",
    // The budget is the most the buyer will pay: no points there, full points a quarter below it.
    targetPrice: budget ? (Math.round(budget * 75) / 100).toFixed(2) : "",
    ceilingPrice: budget ? budget.toFixed(2) : "",
    termMonths: String(commonTerm),
  };
}

/**
 * The price envelope opens when the formula is fixed: until then nobody reads a price schedule
 * (the proposal page shows it sealed), so the choice of formula cannot follow the prices.
 */
export async function isPriceEnvelopeOpen(rfpId: string) {
  const rfp = await prisma.rfp.findUnique({ where: { id: rfpId }, select: { priceFormulaFixedAt: true } });
  return Boolean(rfp?.priceFormulaFixedAt);
}

export async function fixPriceFormula(actor: UserActor, rfpId: string, settings: PriceEvaluationSettings) {
  return prisma.$transaction(async (tx) => {
    const rfp = await tx.rfp.findUniqueOrThrow({
      where: { id: rfpId },
      select: { stage: true, currency: true, timeZone: true, priceFormulaFixedAt: true, proposalsOpenedAt: true },
    });
    if (rfp.priceFormulaFixedAt) {
      const when = formatDateTime(rfp.priceFormulaFixedAt, { timeZone: rfp.timeZone });
      throw new ConflictError(`The price formula was fixed on ${when} and cannot be changed.`);
    }
    if (!PRICE_FORMULA_STAGES.includes(rfp.stage)) {
      throw new FieldError(
        "form",
        "The price formula is fixed while the RFP is published or in evaluation, before prices are compared.",
      );
    }
    const now = new Date();
    // Guarded on "not fixed yet" in the write itself, so two leads fixing at once cannot both win.
    const { count } = await tx.rfp.updateMany({
      where: { id: rfpId, priceFormulaFixedAt: null },
      data: { priceFormula: settings, priceFormulaFixedAt: now },
    });
    if (count === 0) throw new ConflictError("Someone fixed the price formula a moment ago; it cannot be changed.");
    const money = (amount: number) => formatMoney(amount, rfp.currency);
    await recordAudit(tx, {
      actor,
      action: "price.formula_fixed",
      entityType: "Rfp",
      entityId: rfpId,
      rfpId,
      after: {
        formula: describePriceSettings(settings, money),
        settings,
        proposalsOpened: rfp.proposalsOpenedAt !== null,
      },
    });
    return { fixedAt: now };
  });
}

/**
 * Whether evaluators scoring quality may see the vendors' price schedules. The one place this is
 * decided (the panel page only shows it); frozen once consensus opens, when scores are final.
 */
export async function setPricesVisibleToPanel(actor: UserActor, rfpId: string, visible: boolean) {
  return prisma.$transaction(async (tx) => {
    const rfp = await tx.rfp.findUniqueOrThrow({
      where: { id: rfpId },
      select: { pricesVisibleToPanel: true, consensusOpenedAt: true },
    });
    if (rfp.pricesVisibleToPanel === visible) return { changed: false };
    if (rfp.consensusOpenedAt) throw new FieldError("visible", "Consensus is open: this can no longer change.");
    await tx.rfp.update({ where: { id: rfpId }, data: { pricesVisibleToPanel: visible } });
    await recordAudit(tx, {
      actor,
      action: "price.panel_visibility_changed",
      entityType: "Rfp",
      entityId: rfpId,
      rfpId,
      before: { pricesVisibleToPanel: rfp.pricesVisibleToPanel },
      after: { pricesVisibleToPanel: visible },
    });
    return { changed: true };
  });
}
