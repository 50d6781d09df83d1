import { prisma } from "~/db.server";
import type { CriterionStage } from "~/domain/criteria";
import { computeResults, type ResultMethod, type ResultsInput, type ResultsView } from "~/domain/evaluation-results";
import { rankDifferenceSentence } from "~/domain/groups";
import type { PriceSchedule } from "~/domain/price";
import {
  evaluatePrices,
  type PriceEvaluationSettings,
  readPriceSettings,
  type VendorPriceEvaluation,
} from "~/domain/price-envelope";
import { exportSheets } from "~/domain/results-export";
import type { ScaledCriterionNode } from "~/domain/scoring";
import { buildSensitivityModel, type MonteCarloResult, monteCarlo, tippingPoints, whatIf } from "~/domain/sensitivity";
import { toPlainModel } from "~/domain/sensitivity-transport";
import type { MonteCarloQuery } from "~/schemas/results";
import type { CurrentUser } from "~/utils/auth.server";
import { frozenOutsideProduction } from "~/utils/freeze";
import { forbidden } from "~/utils/http.server";
import { LruCache } from "~/utils/lru-cache";
import { loadSubmittedScores } from "./consensus-data.server";
import { scoredCriterionSelect } from "./criterion-fields.server";
import { evaluationState, stateCache } from "./evaluation-cache.server";
import { requireRfpPermission } from "./policy.server";

/**
 * Results of the written evaluation and what they are computed from. Sealed scoring is the rule:
 * a panel member reads results only once the lead has opened consensus, while on the panel, and
 * with every one of their own sheets submitted; leads and observers read them as sheets come in.
 * Only SUBMITTED sheets count, and scores of a member recused from a vendor (or from the panel)
 * are left out.
 */
export async function requireResultsAccess(user: CurrentUser, rfpId: string) {
  const access = await requireRfpPermission(user, rfpId, "rfp.view_results");
  const facts = await prisma.rfp.findUniqueOrThrow({
    where: { id: access.rfp.id },
    select: {
      consensusOpenedAt: true,
      pricesVisibleToPanel: true,
      members: {
        where: { userId: user.id },
        select: {
          conflicts: { where: { decision: "RECUSED_PANEL" }, select: { id: true } },
          scoreSheets: { where: { status: "DRAFT" }, select: { id: true } },
        },
      },
    },
  });
  if (access.membership === "PANEL") {
    const member = facts.members[0];
    if (!facts.consensusOpenedAt) {
      throw forbidden(
        "Results stay sealed until the lead opens consensus: until then no panel member sees anyone else's scores.",
      );
    }
    if (member && member.conflicts.length > 0) throw forbidden("You are recused from this evaluation panel.");
    if (member && member.scoreSheets.length > 0) {
      throw forbidden("Submit your own score sheets first: results are shown to panel members whose sheets are in.");
    }
  }
  // Evaluators scoring quality see prices only if the lead allows it.
  const showPrices = access.membership !== "PANEL" || facts.pricesVisibleToPanel;
  return { ...access, showPrices };
}
export type ResultsAccess = Awaited<ReturnType<typeof requireResultsAccess>>;

/** Every fact the price envelope and the results are computed from, in one query. */
export async function loadEvaluationFacts(rfpId: string) {
  const rfp = await prisma.rfp.findUniqueOrThrow({
    where: { id: rfpId },
    select: {
      id: true,
      reference: true,
      title: true,
      stage: true,
      currency: true,
      budgetAmount: true,
      timeZone: true,
      proposalsOpenedAt: true,
      priceFormula: true,
      priceFormulaFixedAt: true,
      pricesVisibleToPanel: true,
      consensusOpenedAt: true,
      shortlistSize: true,
      criteria: {
        orderBy: { position: "asc" },
        select: scoredCriterionSelect,
      },
      // None exist before the proposals are opened: read with the RFP (one query fewer).
      consensusScores: { select: { invitationId: true, criterionId: true, value: true, rationale: true } },
    },
  });
  const criteria: (ScaledCriterionNode & { name: string })[] = rfp.criteria.map((criterion) => ({
    ...criterion,
    weight: Number(criterion.weight),
    stage: criterion.stage as CriterionStage,
  }));
  const opened = rfp.proposalsOpenedAt !== null;
  // Proposal content (prices, scores of proposals) is only read once the proposals are opened.
  const [vendors, evaluators, sheets] = opened
    ? await Promise.all([loadVendors(rfpId), loadEvaluators(rfpId), loadSubmittedScores(prisma, rfpId)])
    : [[], [], []];
  const consensus = opened ? rfp.consensusScores : [];
  const settings = readPriceSettings(rfp.priceFormula);
  return {
    rfp: {
      id: rfp.id,
      reference: rfp.reference,
      title: rfp.title,
      stage: rfp.stage,
      currency: rfp.currency,
      budgetAmount: rfp.budgetAmount === null ? null : Number(rfp.budgetAmount),
      timeZone: rfp.timeZone,
      proposalsOpenedAt: rfp.proposalsOpenedAt,
      priceFormulaFixedAt: rfp.priceFormulaFixedAt,
      pricesVisibleToPanel: rfp.pricesVisibleToPanel,
      consensusOpenedAt: rfp.consensusOpenedAt,
      shortlistSize: rfp.shortlistSize,
    },
    opened,
    settings: rfp.priceFormulaFixedAt ? settings : null,
    criteria,
    vendors,
    evaluators,
    sheets,
    consensus,
  };
}
export type EvaluationFacts = Awaited<ReturnType<typeof loadEvaluationFacts>>;

/** The vendors being evaluated: a submitted (not withdrawn) proposal, not disqualified at screening. */
function loadVendors(rfpId: string) {
  return prisma.invitation
    .findMany({
      where: { rfpId, status: { not: "DISQUALIFIED" }, proposal: { status: "SUBMITTED" } },
      orderBy: { vendor: { name: "asc" } },
      select: {
        id: true,
        vendor: { select: { name: true } },
        proposal: {
          select: {
            currency: true,
            termMonths: true,
            priceLines: { orderBy: { position: "asc" }, select: { kind: true, quantity: true, unitPrice: true } },
          },
        },
      },
    })
    .then((rows) =>
      rows.map((row) => ({
        id: row.id,
        name: row.vendor.name,
        currency: row.proposal?.currency ?? "",
        termMonths: row.proposal?.termMonths ?? null,
        priceLines: (row.proposal?.priceLines ?? []).map((line) => ({
          kind: line.kind,
          quantity: Number(line.quantity),
          unitPrice: Number(line.unitPrice),
        })),
      })),
    );
}

/** Panel members still on the panel, with the vendors they are recused from. */
function loadEvaluators(rfpId: string) {
  return prisma.rfpMember
    .findMany({
      where: { rfpId, role: "PANEL", NOT: { conflicts: { some: { decision: "RECUSED_PANEL" } } } },
      orderBy: { addedAt: "asc" },
      select: {
        id: true,
        functionalGroup: true,
        user: { select: { name: true } },
        conflicts: { where: { decision: "RECUSED_VENDOR" }, select: { invitationId: true } },
      },
    })
    .then((rows) =>
      rows.map((row) => ({
        id: row.id,
        name: row.user.name,
        group: row.functionalGroup?.trim() || null,
        recusedFrom: row.conflicts.map((conflict) => conflict.invitationId),
      })),
    );
}

export function priceSchedules(facts: EvaluationFacts): PriceSchedule[] {
  return facts.vendors.map((vendor) => ({ vendorId: vendor.id, currency: vendor.currency, lines: vendor.priceLines }));
}

export function pricesOf(facts: EvaluationFacts, settings: PriceEvaluationSettings) {
  return evaluatePrices(priceSchedules(facts), settings, facts.rfp.currency);
}

/** Scores that count: submitted sheets of members on the panel, not recused from that vendor. */
export function resultsInput(facts: EvaluationFacts, prices: readonly VendorPriceEvaluation[] | null): ResultsInput {
  const evaluatorById = new Map(facts.evaluators.map((evaluator) => [evaluator.id, evaluator]));
  const scores = facts.sheets.flatMap((sheet) => {
    const evaluator = evaluatorById.get(sheet.memberId);
    if (!evaluator || evaluator.recusedFrom.includes(sheet.invitationId)) return [];
    return sheet.scores.flatMap((score) =>
      score.value === null
        ? []
        : [
            {
              vendorId: sheet.invitationId,
              criterionId: score.criterionId,
              evaluatorId: sheet.memberId,
              score: score.value,
            },
          ],
    );
  });
  const scoringMembers = new Set(scores.map((score) => score.evaluatorId));
  return {
    criteria: facts.criteria,
    vendorIds: facts.vendors.map((vendor) => vendor.id),
    evaluators: facts.evaluators.filter((evaluator) => scoringMembers.has(evaluator.id)),
    scores,
    consensus: facts.consensus.map((entry) => ({
      vendorId: entry.invitationId,
      criterionId: entry.criterionId,
      score: entry.value,
    })),
    priceShares: prices ? new Map(prices.map((row) => [row.vendorId, row.share])) : null,
  };
}

export function namesOf(facts: EvaluationFacts) {
  const names = new Map<string, string>([
    ...facts.vendors.map((vendor) => [vendor.id, vendor.name] as const),
    ...facts.evaluators.map((evaluator) => [evaluator.id, evaluator.name] as const),
    ...facts.criteria.map((criterion) => [criterion.id, criterion.name] as const),
  ]);
  return (id: string) => names.get(id) ?? id;
}

export type PriceStatus = "INCLUDED" | "NOT_FIXED" | "HIDDEN" | "NO_WEIGHT";

/**
 * Everything the results screen shows, for one method. Computed once per state of the evaluation
 * (`evaluationState`: the database counts every change to what the results are computed from —
 * criteria, vendors and their prices, panel, recusals, submitted sheets, consensus scores, the
 * RFP's price settings) and kept in process: at benchmark scale a computation reads 38,400 scores
 * and takes ~50 ms of CPU, while the state changes a few times a day. Shared between requests:
 * never change what this returns (frozen outside production).
 */
export async function getResults(access: Pick<ResultsAccess, "rfp" | "showPrices">, method: ResultMethod) {
  return (await computedResults(access, method)).results;
}

/** The results with what the sensitivity analysis and the exports take from the same facts. */
type ComputedResults = {
  results: Results;
  /** The criteria tree with weights (the sensitivity model perturbs it). */
  criteria: EvaluationFacts["criteria"];
  nameOf: (id: string) => string;
};

/** Per RFP, evaluation state, price visibility and method. */
const resultsCache = stateCache<ComputedResults>("results", 16);
/** The facts all four (method × price visibility) are computed from, read once per state. */
const factsCache = stateCache<EvaluationFacts>("evaluation-facts", 2);

async function computedResults(
  access: Pick<ResultsAccess, "rfp" | "showPrices">,
  method: ResultMethod,
  // Views that go out together (an export's raw and normalized) name the state read once for both.
  known?: string,
): Promise<ComputedResults> {
  const rfpId = access.rfp.id;
  const state = known ?? (await evaluationState(rfpId));
  return resultsCache.get(rfpId, state, [access.showPrices ? "prices" : "no-prices", method], async () => {
    const facts = await factsCache.get(rfpId, state, [], () => loadEvaluationFacts(rfpId));
    return {
      results: resultsFromFacts(facts, access.showPrices, method),
      criteria: facts.criteria,
      nameOf: namesOf(facts),
    };
  });
}

export function resultsFromFacts(facts: EvaluationFacts, showPrices: boolean, method: ResultMethod) {
  const prices = showPrices && facts.settings ? pricesOf(facts, facts.settings) : null;
  const nameOf = namesOf(facts);
  const input = resultsInput(facts, prices);
  const hasPriceCriteria = facts.criteria.some((criterion) => criterion.stage === "PRICE");
  const priceStatus: PriceStatus = !hasPriceCriteria
    ? "NO_WEIGHT"
    : !showPrices
      ? "HIDDEN"
      : !facts.settings
        ? "NOT_FIXED"
        : "INCLUDED";
  const base = {
    rfp: facts.rfp,
    opened: facts.opened,
    method,
    vendors: facts.vendors.map((vendor) => ({ id: vendor.id, name: vendor.name })),
    criteria: facts.criteria.map((criterion) => ({ id: criterion.id, name: criterion.name })),
    evaluators: input.evaluators.map((evaluator) => ({
      id: evaluator.id,
      name: nameOf(evaluator.id),
      group: evaluator.group,
    })),
    submittedSheets: facts.sheets.length,
    consensusScores: facts.consensus.length,
    priceStatus,
    settings: prices ? facts.settings : null,
    prices,
  };
  if (input.evaluators.length === 0 && facts.consensus.length === 0) {
    return { ...base, computation: null, groupSentences: [] };
  }
  const computation = computeResults(input, method, nameOf);
  return { ...base, computation, groupSentences: computation.ok ? groupSentences(computation.view, nameOf) : [] };
}
export type Results = ReturnType<typeof resultsFromFacts>;

function groupSentences(view: ResultsView, nameOf: (id: string) => string) {
  return view.groups.vendors.flatMap((row) => {
    const sentence = rankDifferenceSentence(row, nameOf(row.vendorId));
    return sentence ? [sentence] : [];
  });
}

// ── Sensitivity ──────────────────────────────────────────────────────────────────────────────

/** Monte Carlo top N defaults to the RFP's suggested shortlist size. */
export type SensitivityQuery = { weights: Record<string, number>; monteCarlo: Partial<MonteCarloQuery> };

/**
 * What-if (for the weights asked, or the tree's), tipping points at both levels and a Monte Carlo,
 * on the totals the results rank by. The model goes to the browser too, so sliders re-rank there.
 * Of the results only what the page says about them comes back: the full computation is 1.5 MB at
 * benchmark scale.
 */
export async function getSensitivity(
  access: Pick<ResultsAccess, "rfp" | "showPrices">,
  method: ResultMethod,
  query: SensitivityQuery,
) {
  const computed = await computedResults(access, method);
  const { computation, ...rest } = computed.results;
  const results = {
    ...rest,
    computation: computation?.ok
      ? {
          ok: true as const,
          view: {
            priceIncluded: computation.view.priceIncluded,
            unpricedVendorIds: computation.view.unpricedVendorIds,
          },
        }
      : computation,
  };
  const analysis = sensitivityOf(computed);
  if (!analysis) return { results, analysis: null };
  const topN = Math.min(query.monteCarlo.topN ?? rest.rfp.shortlistSize, analysis.shown.vendorIds.length);
  return {
    results,
    analysis: {
      ...analysis.shown,
      whatIf: whatIf(analysis.model, query.weights),
      monteCarlo: monteCarloRun(analysis, { ...query.monteCarlo, topN }),
    },
  };
}

/** Seeded: the same options give the same draws, so each run is kept beside the model it drew from. */
function monteCarloRun(analysis: SensitivityAnalysis, options: Partial<MonteCarloQuery>) {
  const key = JSON.stringify([options.spreadPercent, options.draws, options.topN]);
  let run = analysis.monteCarloRuns.get(key);
  if (!run) {
    run = frozenOutsideProduction(monteCarlo(analysis.model, options));
    analysis.monteCarloRuns.set(key, run);
  }
  return run;
}

/**
 * The parts of the analysis that depend on the results alone (model, base ranking, tipping points),
 * once per cached computation, with the Monte Carlo runs asked of it so far (10,000 draws take
 * ~100 ms at benchmark scale).
 */
const sensitivityMemo = new WeakMap<ComputedResults, SensitivityAnalysis | null>();

function sensitivityOf(computed: ComputedResults) {
  if (!sensitivityMemo.has(computed)) sensitivityMemo.set(computed, analyseSensitivity(computed));
  return sensitivityMemo.get(computed) ?? null;
}

type SensitivityAnalysis = NonNullable<ReturnType<typeof analyseSensitivity>>;

function analyseSensitivity({ results, criteria }: ComputedResults) {
  const { computation } = results;
  if (!computation?.ok) return null;
  const view = computation.view;
  const table = view.sensitivityTable;
  if (table.vendorIds.length === 0) return null;
  const model = buildSensitivityModel(criteria, table);
  return {
    model,
    monteCarloRuns: new LruCache<MonteCarloResult>(8),
    // What the page shows whatever it is asked; the model goes to the browser too (sliders re-rank there).
    shown: frozenOutsideProduction({
      vendorIds: [...table.vendorIds],
      model: toPlainModel(model),
      topLevel: model.topLevel.map((criterion) => ({
        ...criterion,
        name: view.topLevel.find((entry) => entry.id === criterion.id)?.name ?? criterion.id,
      })),
      base: whatIf(model),
      tipping: { topLevel: tippingPoints(model, "TOP_LEVEL"), leaf: tippingPoints(model, "LEAF") },
    }),
  };
}

// ── Exports ──────────────────────────────────────────────────────────────────────────────────

/** Every view of the results as tables (XLSX: one sheet each; CSV: one of them). */
export async function getResultsExport(access: Pick<ResultsAccess, "rfp" | "showPrices">, method: ResultMethod) {
  const state = await evaluationState(access.rfp.id);
  const [raw, normalized] = await Promise.all([
    computedResults(access, "raw", state),
    computedResults(access, "normalized", state),
  ]);
  if (!raw.results.computation?.ok || !normalized.results.computation?.ok) return null;
  const sheets = exportSheets({
    raw: raw.results.computation.view,
    normalized: normalized.results.computation.view,
    method,
    evaluators: raw.results.evaluators,
    prices: raw.results.prices,
    currency: raw.results.rfp.currency,
    nameOf: raw.nameOf,
  });
  return { rfp: raw.results.rfp, sheets };
}
