import { type Concordance, kendallsW } from "./agreement";
import { CRITERION_STAGES, type CriterionNode, type CriterionStage, stageShares } from "./criteria";
import {
  describeFinalRankingError,
  type FinalRow,
  finalRanking,
  type StageScores,
  type StageWeights,
} from "./final-ranking";
import { stageTotals as stageResultTotals } from "./final-results";
import { type PriceFormula, type PriceSchedule, priceFormulaIssues } from "./price";
import { evaluatePrices, priceScore, readPriceSettings } from "./price-envelope";
import { buildProfile, type PanelRanking } from "./ranking";
import type { ConsensusEntry, ScaledCriterionNode, ScoreEntry } from "./scoring";
import { buildSensitivityModel, monteCarlo, tippingPoints } from "./sensitivity";

/**
 * The executive review: everything an executive needs to approve (or return) an award, computed
 * from what the evaluation and the interviews stored. The parts are the final ranking's: written
 * quality (consensus score where recorded, else the panel's mean), oral (the debriefs' scores) and
 * price (points by the RFP's fixed formula over the total cost of ownership), each 0–100, combined
 * with the final weights. Stability applies the sensitivity analysis to those three weights.
 */
export type ReviewFacts = {
  criteria: readonly ScaledCriterionNode[];
  vendors: readonly { id: string; name: string }[];
  /** Submitted written score sheets; evaluator = panel member id. */
  writtenScores: readonly ScoreEntry[];
  consensus: readonly ConsensusEntry[];
  /** Oral scores from submitted debriefs; evaluator = panel member id. */
  oralScores: readonly ScoreEntry[];
  prices: readonly (PriceSchedule & { termMonths: number | null })[];
  /** Rfp.priceFormula as stored: `{ formula, termMonths }` or a bare formula; null when none was fixed. */
  priceSettings: unknown;
  /** Rfp.finalWeights as stored; null when none were set. */
  finalWeights: unknown;
  panelRankings: readonly PanelRanking[];
  budget: number | null;
  currency: string;
  compliance: readonly ComplianceIssue[];
  limitations: readonly { vendorId: string; text: string }[];
  conflicts: readonly ConflictRecord[];
  overrides: readonly OverrideRecord[];
};

export type ComplianceIssue = {
  vendorId: string;
  code: string;
  text: string;
  /** FAILED: the lead's screening; PARTIAL / DOES_NOT_COMPLY: the vendor's own answer to a mandatory requirement. */
  kind: "FAILED" | "PARTIAL" | "DOES_NOT_COMPLY";
};
export type ConflictRecord = {
  vendorId: string;
  memberName: string;
  decision: "PENDING" | "RECUSED_VENDOR" | "RECUSED_PANEL" | "ACCEPTED_WITH_MITIGATION" | null;
  note: string;
};
export type OverrideRecord = {
  vendorId: string | null;
  kind: "BROUGHT_IN" | "SHEET_REOPENED" | "MINORITY_OPINION";
  text: string;
};

export type PriceRow = { vendorId: string; total: number | null; overBudget: number | null };
export type Stability = {
  /** The smallest change of one part's weight that lets another vendor draw level; null when none can. */
  tippingPoint: { part: CriterionStage; from: number; to: number; change: number; challengerIds: string[] } | null;
  /** Share of Monte Carlo draws (every weight moved up to ±20%) in which the leader stays first. */
  probabilityFirst: number | null;
  draws: number;
  summary: string;
};
export type Risk = { level: "HIGH" | "MEDIUM"; text: string };

export type ExecutiveReview = {
  names: Record<string, string>;
  weights: StageWeights;
  weightsSource: "FINAL" | "CRITERIA";
  notes: string[];
  ranking: { ok: true; rows: FinalRow[] } | { ok: false; problems: string[] };
  recommendedId: string | null;
  runnerUpId: string | null;
  /** Vendors sharing first (or second) place: the lead must choose between them. */
  tiedFirst: string[];
  tiedSecond: string[];
  margin: number | null;
  agreement: { concordance: Concordance | null; rankings: number; summary: string };
  stability: Stability;
  price: { termMonths: number; currency: string; budget: number | null; rows: PriceRow[] };
  compliance: readonly ComplianceIssue[];
  conflicts: readonly ConflictRecord[];
  overrides: readonly OverrideRecord[];
  limitations: readonly { vendorId: string; text: string }[];
  risks: Risk[];
};

/** Below this lead (points out of 100) the winner is "narrowly" ahead. */
export const NARROW_MARGIN = 2;
/** A part weight that can move this many points or fewer before the winner changes is a fragile ranking. */
export const FRAGILE_WEIGHT_CHANGE = 10;
/** The winner should stay first in at least this share of perturbed-weight draws. */
export const STABLE_PROBABILITY = 0.8;
export const STABILITY_DRAWS = 2000;
const DEFAULT_TERM_MONTHS = 36;

export function executiveReview(facts: ReviewFacts): ExecutiveReview {
  const names = Object.fromEntries(facts.vendors.map((vendor) => [vendor.id, vendor.name]));
  const nameOf = (id: string) => names[id] ?? id;
  const notes: string[] = [];
  const vendorIds = facts.vendors.map((vendor) => vendor.id);

  const parsedWeights = parseStageWeights(facts.finalWeights);
  const weights = parsedWeights ?? criteriaWeights(facts.criteria);
  if (!parsedWeights)
    notes.push("No final weights were set; the criteria tree's shares of written, oral and price are used.");

  const written = stageTotals(facts, "WRITTEN", facts.writtenScores, facts.consensus);
  const oral = stageTotals(facts, "ORAL", facts.oralScores, []);
  const settings = readPriceSettings(facts.priceSettings);
  const termMonths = settings?.termMonths ?? commonTerm(facts.prices) ?? DEFAULT_TERM_MONTHS;
  if (!settings) notes.push("No price formula was fixed; price is scored lowest ÷ price (the relative formula).");
  const formula: PriceFormula = settings?.formula ?? { kind: "RELATIVE", maxPoints: 100 };
  const price = priceParts(facts, formula, termMonths);
  notes.push(...price.notes);

  const results = vendorIds.map((vendorId) => {
    const scores: StageScores = {
      WRITTEN: written.get(vendorId) ?? null,
      ORAL: oral.get(vendorId) ?? null,
      PRICE: price.points.get(vendorId) ?? null,
    };
    return { vendorId, scores };
  });
  const final = finalRanking(results, weights);
  const ranking: ExecutiveReview["ranking"] = final.ok
    ? { ok: true, rows: final.result.rows }
    : { ok: false, problems: final.errors.map((error) => describeFinalRankingError(error, nameOf)) };

  let recommendedId: string | null = null;
  let runnerUpId: string | null = null;
  let tiedFirst: string[] = [];
  let tiedSecond: string[] = [];
  let margin: number | null = null;
  if (final.ok) {
    const recommendation = final.result.recommendation;
    if (recommendation.status === "TIED") tiedFirst = recommendation.vendorIds;
    else {
      recommendedId = recommendation.recommended;
      margin = recommendation.margin;
      if (recommendation.runnerUp.status === "CLEAR") runnerUpId = recommendation.runnerUp.vendorId;
      if (recommendation.runnerUp.status === "TIED") tiedSecond = recommendation.runnerUp.vendorIds;
    }
  }

  const agreement = panelAgreement(vendorIds, facts.panelRankings);
  const stability = final.ok ? rankingStability(results, weights, nameOf) : unknownStability();
  const priceRows = vendorIds.map((vendorId): PriceRow => {
    const total = price.totals.get(vendorId) ?? null;
    return { vendorId, total, overBudget: total !== null && facts.budget ? total - facts.budget : null };
  });
  const review: ExecutiveReview = {
    names,
    weights,
    weightsSource: parsedWeights ? "FINAL" : "CRITERIA",
    notes,
    ranking,
    recommendedId,
    runnerUpId,
    tiedFirst,
    tiedSecond,
    margin,
    agreement,
    stability,
    price: { termMonths, currency: facts.currency, budget: facts.budget, rows: priceRows },
    compliance: facts.compliance,
    conflicts: facts.conflicts,
    overrides: facts.overrides,
    limitations: facts.limitations,
    risks: [],
  };
  return { ...review, risks: mainRisks(review, recommendedId) };
}

/** The risks for an award to `winnerId` (the ranking's, or the vendor the lead chose from a tie). */
export function mainRisks(review: ExecutiveReview, winnerId: string | null): Risk[] {
  const risks: Risk[] = [];
  const name = (id: string) => review.names[id] ?? id;
  if (!review.ranking.ok) risks.push({ level: "HIGH", text: "The final ranking cannot be computed yet (see below)." });
  if (review.tiedFirst.length > 1) {
    risks.push({
      level: "HIGH",
      text: `${review.tiedFirst.map(name).join(" and ")} share first place; the choice between them rests on the memo's reasons.`,
    });
  }
  if (winnerId === null) return risks;
  if (review.margin !== null && review.margin < NARROW_MARGIN) {
    risks.push({ level: "MEDIUM", text: `${name(winnerId)} leads by only ${review.margin.toFixed(1)} points.` });
  }
  const { stability, agreement } = review;
  if (stability.tippingPoint && Math.abs(stability.tippingPoint.change) <= FRAGILE_WEIGHT_CHANGE) {
    risks.push({ level: "MEDIUM", text: `The ranking is sensitive to the weights: ${stability.summary}` });
  } else if (stability.probabilityFirst !== null && stability.probabilityFirst < STABLE_PROBABILITY) {
    risks.push({ level: "MEDIUM", text: `The ranking is sensitive to the weights: ${stability.summary}` });
  }
  const concordance = agreement.concordance;
  if (concordance?.status === "DEFINED" && concordance.w < 0.4) {
    risks.push({ level: "MEDIUM", text: `The panel did not agree on its rankings (${agreement.summary})` });
  }
  if (agreement.rankings === 0) {
    risks.push({ level: "MEDIUM", text: "No panel member has submitted a final ranking of the interviewed vendors." });
  }
  const priceRow = review.price.rows.find((row) => row.vendorId === winnerId);
  if (priceRow?.overBudget && priceRow.overBudget > 0 && review.price.budget) {
    const share = (100 * priceRow.overBudget) / review.price.budget;
    risks.push({
      level: share > 10 ? "HIGH" : "MEDIUM",
      text: `${name(winnerId)}'s total cost over ${review.price.termMonths} months is ${share.toFixed(1)}% over budget.`,
    });
  }
  const failed = review.compliance.filter((issue) => issue.vendorId === winnerId);
  if (failed.length > 0) {
    const worst = failed.some((issue) => issue.kind !== "PARTIAL") ? "HIGH" : "MEDIUM";
    risks.push({
      level: worst,
      text: `${name(winnerId)} does not fully meet ${failed.length} mandatory requirement(s): ${failed.map((issue) => issue.code).join(", ")}.`,
    });
  }
  const pending = review.conflicts.filter(
    (conflict) => conflict.vendorId === winnerId && conflict.decision === "PENDING",
  );
  if (pending.length > 0) {
    risks.push({
      level: "HIGH",
      text: `${pending.length} declared conflict(s) of interest about ${name(winnerId)} are undecided.`,
    });
  }
  const mitigated = review.conflicts.filter(
    (conflict) => conflict.vendorId === winnerId && conflict.decision === "ACCEPTED_WITH_MITIGATION",
  );
  if (mitigated.length > 0) {
    risks.push({
      level: "MEDIUM",
      text: `${mitigated.map((conflict) => conflict.memberName).join(", ")} evaluated ${name(winnerId)} despite a declared conflict (mitigated).`,
    });
  }
  const limitations = review.limitations.filter((limitation) => limitation.vendorId === winnerId);
  if (limitations.length > 0) {
    risks.push({
      level: "MEDIUM",
      text: `${name(winnerId)} states ${limitations.length} limitation(s) to resolve in negotiation: ${limitations.map((limitation) => limitation.text).join(" ")}`,
    });
  }
  if (review.overrides.some((override) => override.kind === "BROUGHT_IN" && override.vendorId === winnerId)) {
    risks.push({ level: "MEDIUM", text: `${name(winnerId)} was below the shortlist line and brought in anyway.` });
  }
  return risks;
}

// ── Parts ───────────────────────────────────────────────────────────────────────────────────

/** A stage's weighted totals per vendor (final-results.stageTotals), the score only. */
function stageTotals(
  facts: ReviewFacts,
  stage: CriterionStage,
  scores: readonly ScoreEntry[],
  consensus: readonly ConsensusEntry[],
): Map<string, number> {
  const results = stageResultTotals(
    { criteria: facts.criteria, vendorIds: facts.vendors.map((vendor) => vendor.id) },
    stage,
    { evaluatorIds: [...new Set(scores.map((entry) => entry.evaluatorId))], scores, consensus },
  );
  const totals = new Map<string, number>();
  for (const [vendorId, result] of results) if (result.score !== null) totals.set(vendorId, result.score);
  return totals;
}

/**
 * Price totals and the 0–100 price part, scored by the price envelope (as on the price page and in
 * the final ranking). Unlike the price page, the review computes no price part at all when the
 * term is not usable or a ranked vendor priced in another currency: converting is a decision.
 */
function priceParts(facts: ReviewFacts, formula: PriceFormula, termMonths: number) {
  const points = new Map<string, number>();
  const totals = new Map<string, number>();
  const notes: string[] = [];
  if (!(Number.isInteger(termMonths) && termMonths > 0)) {
    notes.push("The evaluation term is not a whole number of months; no price part is computed.");
    return { points, totals, notes };
  }
  const vendorIds = new Set(facts.vendors.map((vendor) => vendor.id));
  const schedules = facts.prices.filter((schedule) => vendorIds.has(schedule.vendorId));
  const rows = evaluatePrices(schedules, { formula, termMonths }, facts.currency);
  if (rows.some((row) => row.problem?.kind === "OTHER_CURRENCY")) {
    notes.push("Prices are in more than one currency; converting them is a decision, so no price part is computed.");
    return { points, totals, notes };
  }
  for (const row of rows) if (row.total !== null) totals.set(row.vendorId, row.total);
  if (priceFormulaIssues(formula).length > 0) {
    notes.push("The fixed price formula is not valid; no price part is computed.");
    return { points, totals, notes };
  }
  for (const row of rows) {
    const score = priceScore(row, formula);
    if (score !== null) points.set(row.vendorId, score);
  }
  return { points, totals, notes };
}

export function parseStageWeights(value: unknown): StageWeights | null {
  if (!value || typeof value !== "object") return null;
  const record = value as Record<string, unknown>;
  const weights = { WRITTEN: record.WRITTEN, ORAL: record.ORAL, PRICE: record.PRICE };
  if (!CRITERION_STAGES.every((part) => typeof weights[part] === "number" && Number.isFinite(weights[part])))
    return null;
  return weights as StageWeights;
}

/** The criteria tree's shares of the three parts, adjusted so they add up to exactly 100. */
function criteriaWeights(criteria: readonly CriterionNode[]): StageWeights {
  const shares = stageShares([...criteria]);
  const sum = CRITERION_STAGES.reduce((total, part) => total + shares[part], 0);
  if (sum <= 0) return { WRITTEN: 100, ORAL: 0, PRICE: 0 };
  const scaled = { ...shares };
  for (const part of CRITERION_STAGES) scaled[part] = Math.round((shares[part] * 10000) / sum) / 100;
  const largest = [...CRITERION_STAGES].sort((a, b) => scaled[b] - scaled[a])[0] ?? "WRITTEN";
  const rest = CRITERION_STAGES.filter((part) => part !== largest).reduce((total, part) => total + scaled[part], 0);
  scaled[largest] = Math.round((100 - rest) * 100) / 100;
  return scaled;
}

function commonTerm(prices: readonly { termMonths: number | null }[]): number | null {
  const counts = new Map<number, number>();
  for (const { termMonths } of prices) if (termMonths) counts.set(termMonths, (counts.get(termMonths) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? null;
}

// ── Agreement and stability ────────────────────────────────────────────────────────────────

function panelAgreement(vendorIds: readonly string[], rankings: readonly PanelRanking[]): ExecutiveReview["agreement"] {
  if (rankings.length === 0) {
    return { concordance: null, rankings: 0, summary: "No panel member has submitted a final ranking yet." };
  }
  const built = buildProfile(vendorIds, rankings);
  if (!built.ok) {
    return {
      concordance: null,
      rankings: rankings.length,
      summary: "The panel's rankings do not cover the same vendors, so agreement cannot be measured.",
    };
  }
  const concordance = kendallsW(built.profile);
  return { concordance, rankings: rankings.length, summary: concordance.summary };
}

const PART_LABEL: Record<CriterionStage, string> = { WRITTEN: "written", ORAL: "oral", PRICE: "price" };

function rankingStability(
  results: readonly { vendorId: string; scores: StageScores }[],
  weights: StageWeights,
  nameOf: (id: string) => string,
): Stability {
  const parts = CRITERION_STAGES.filter((part) => weights[part] > 0);
  if (results.length < 2 || parts.length < 2) {
    return { ...unknownStability(), summary: "With one vendor or one weighted part there is nothing to tip." };
  }
  const nodes: CriterionNode[] = parts.map((part, position) => ({
    id: part,
    parentId: null,
    name: PART_LABEL[part],
    weight: weights[part],
    stage: part,
    position,
  }));
  const table = {
    vendorIds: results.map((result) => result.vendorId),
    criteria: parts.map((part) => ({ id: part, weight: weights[part], scaleMin: 0, scaleMax: 100, topLevelId: part })),
    values: results.map((result) => parts.map((part) => (result.scores[part] ?? 0) / 100)),
  };
  const model = buildSensitivityModel(nodes, table);
  const tipping = tippingPoints(model, "TOP_LEVEL");
  if (tipping.kind !== "LEADER") {
    return { ...unknownStability(), summary: "First place is shared, so any change of the weights decides it." };
  }
  const simulation = monteCarlo(model, { draws: STABILITY_DRAWS });
  const probabilityFirst =
    simulation.vendors.find((vendor) => vendor.vendorId === tipping.leaderId)?.probabilityFirst ?? null;
  const smallest = tipping.criteria
    .flatMap((criterion) => (criterion.smallest ? [{ criterion, threshold: criterion.smallest }] : []))
    .sort((a, b) => Math.abs(a.threshold.change) - Math.abs(b.threshold.change))[0];
  const tippingPoint = smallest
    ? {
        part: smallest.criterion.criterionId as CriterionStage,
        from: smallest.criterion.baseWeight,
        to: smallest.threshold.weight,
        change: smallest.threshold.change,
        challengerIds: smallest.threshold.challengerIds,
      }
    : null;
  const leader = nameOf(tipping.leaderId);
  const tippingText = tippingPoint
    ? `${leader} stays first unless the ${PART_LABEL[tippingPoint.part]} weight moves from ${round1(tippingPoint.from)}% to ${round1(tippingPoint.to)}% (${tippingPoint.change > 0 ? "+" : ""}${round1(tippingPoint.change)} points), where ${tippingPoint.challengerIds.map(nameOf).join(" and ")} draws level.`
    : `${leader} stays first whatever the weight of any one part.`;
  const probabilityText =
    probabilityFirst === null
      ? ""
      : ` With every weight moved at random by up to ±20%, ${leader} ranks first in ${Math.round(probabilityFirst * 100)}% of ${STABILITY_DRAWS.toLocaleString("en-GB")} trials.`;
  return { tippingPoint, probabilityFirst, draws: STABILITY_DRAWS, summary: `${tippingText}${probabilityText}` };
}

function unknownStability(): Stability {
  return { tippingPoint: null, probabilityFirst: null, draws: 0, summary: "Stability needs a final ranking." };
}

function round1(value: number) {
  return Math.round(value * 10) / 10;
}
