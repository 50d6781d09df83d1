import type { ResultMethod, ResultsView } from "./evaluation-results";
import { RESULT_METHOD_INFO } from "./evaluation-results";
import type { VendorPriceEvaluation } from "./price-envelope";
import { sortByRank } from "./scoring";

/**
 * The score matrix and results as plain tables, one per view: the XLSX export writes each as a
 * sheet, the CSV export writes one. Numbers stay numbers (rounded to what the screens show) so a
 * spreadsheet can compute with them; a missing value is an empty cell, never a zero.
 */
export const EXPORT_VIEWS = [
  "results-raw",
  "results-normalized",
  "criteria",
  "matrix",
  "groups",
  "calibration",
  "prices",
] as const;
export type ExportView = (typeof EXPORT_VIEWS)[number];

export type ExportCell = string | number | null;
export type ExportSheet = { view: ExportView; title: string; columns: string[]; rows: ExportCell[][] };

export type ExportInput = {
  raw: ResultsView;
  normalized: ResultsView;
  /** The method the per-criterion and group views are computed with. */
  method: ResultMethod;
  evaluators: readonly { id: string; name: string; group: string | null }[];
  prices: readonly VendorPriceEvaluation[] | null;
  currency: string;
  nameOf: (id: string) => string;
};

const round = (value: number | null, decimals = 2) =>
  value === null ? null : Math.round(value * 10 ** decimals) / 10 ** decimals;

/** Short, so every sheet name stays within Excel's 31 characters. */
const methodLabel = (method: ResultMethod) => method;

export function exportSheets(input: ExportInput): ExportSheet[] {
  const view = input.method === "normalized" ? input.normalized : input.raw;
  const sheets = [
    resultsSheet(input.raw, input.nameOf),
    resultsSheet(input.normalized, input.nameOf),
    criteriaSheet(view, input.nameOf),
    matrixSheet(input.raw, input),
    groupsSheet(view, input.nameOf),
    calibrationSheet(input.normalized, input),
  ];
  if (input.prices) sheets.push(pricesSheet(input.prices, input));
  return sheets;
}

/** The totals shown as "the results": quality + price when price counts, quality alone otherwise. */
export function rankedTotals<T extends { rank: number | null }>(view: { quality: T[]; combined: T[] | null }): T[] {
  return sortByRank(view.combined ?? view.quality);
}

function resultsSheet(view: ResultsView, nameOf: (id: string) => string): ExportSheet {
  const quality = new Map(view.quality.map((row) => [row.vendorId, row]));
  const columns = ["Rank", "Vendor", "Quality (points of 100)"];
  if (view.priceIncluded) columns.push("Price (points of 100)", "Total (points of 100)");
  columns.push("Coverage (%)", "Method");
  const rows = rankedTotals(view).map((row) => {
    const cells: ExportCell[] = [
      row.rank === null ? null : `${row.rank}${row.tied ? "=" : ""}`,
      nameOf(row.vendorId),
      round(quality.get(row.vendorId)?.total ?? null),
    ];
    if (view.priceIncluded) {
      const price = view.priceShares[row.vendorId] ?? null;
      cells.push(round(price === null ? null : price * 100), round(row.total));
    }
    cells.push(round(row.coverage * 100, 1), RESULT_METHOD_INFO[view.method].label);
    return cells;
  });
  return { view: `results-${view.method}`, title: `Results (${methodLabel(view.method)})`, columns, rows };
}

function criteriaSheet(view: ResultsView, nameOf: (id: string) => string): ExportSheet {
  const columns = ["Vendor", ...view.topLevel.map((criterion) => `${criterion.name} (points)`), "Total"];
  const rows = rankedTotals(view).map((row) => [
    nameOf(row.vendorId),
    ...view.topLevel.map(
      (criterion) => round(row.byTopLevel.find((entry) => entry.topLevelId === criterion.id)?.points ?? null) ?? null,
    ),
    round(row.total),
  ]);
  return { view: "criteria", title: `By criterion (${methodLabel(view.method)})`, columns, rows };
}

function matrixSheet(view: ResultsView, input: ExportInput): ExportSheet {
  const evaluatorNames = view.matrix.evaluatorIds.map(input.nameOf);
  const columns = [
    "Vendor",
    "Criterion",
    "Scale",
    ...evaluatorNames,
    "Scores",
    "Mean",
    "Std dev",
    "Range",
    "Consensus",
    "Counts as",
    "Disagreement",
  ];
  const rows = view.matrix.vendorIds.flatMap((vendorId, v) =>
    view.matrix.criteria.map((criterion, c) => {
      const stats = view.statistics[v]?.[c];
      const scores = view.matrix.scores[v]?.[c] ?? [];
      return [
        input.nameOf(vendorId),
        input.nameOf(criterion.id),
        `${criterion.scaleMin}–${criterion.scaleMax}`,
        ...view.matrix.evaluatorIds.map((_, e) => scores[e] ?? null),
        stats?.count ?? 0,
        round(stats?.mean ?? null),
        round(stats?.standardDeviation ?? null),
        stats?.range ?? null,
        stats?.consensus ?? null,
        round(stats?.value ?? null),
        (stats?.flags ?? [])
          .map((flag) =>
            flag.kind === "RANGE"
              ? `range ${flag.range} ≥ ${flag.threshold}`
              : `${input.nameOf(flag.evaluatorId)} z = ${flag.z.toFixed(1)}`,
          )
          .join("; "),
      ];
    }),
  );
  return { view: "matrix", title: "Score matrix", columns, rows };
}

function groupsSheet(view: ResultsView, nameOf: (id: string) => string): ExportSheet {
  const groups = view.groups.groups;
  const columns = [
    "Vendor",
    ...groups.flatMap((group) => [`${group.group} total`, `${group.group} rank`]),
    "Rank spread",
  ];
  const rows = view.groups.vendors.map((vendor, v) => [
    nameOf(vendor.vendorId),
    ...groups.flatMap((group) => {
      const row = group.totals[v];
      return [round(row?.total ?? null), row?.rank ?? null];
    }),
    vendor.rankSpread,
  ]);
  return { view: "groups", title: `Groups (${methodLabel(view.method)})`, columns, rows };
}

function calibrationSheet(view: ResultsView, input: ExportInput): ExportSheet {
  const groupOf = new Map(input.evaluators.map((evaluator) => [evaluator.id, evaluator.group]));
  const columns = ["Evaluator", "Group", "Scores", "Mean (% of scale)", "Std dev (% of scale)", "Treatment", "Clamped"];
  const rows = (view.calibration ?? []).map((row) => [
    input.nameOf(row.evaluatorId),
    groupOf.get(row.evaluatorId) ?? null,
    row.count,
    round(row.mean === null ? null : row.mean * 100, 1),
    round(row.standardDeviation === null ? null : row.standardDeviation * 100, 1),
    TREATMENT_LABELS[row.treatment],
    row.clamped,
  ]);
  return { view: "calibration", title: "Evaluator calibration", columns, rows };
}

export const TREATMENT_LABELS = {
  Z_SCORE: "Rescaled (z-score)",
  ZERO_VARIANCE: "All scores equal: set to the panel mean",
  SINGLE_SCORE: "One score: kept as given",
  NO_SCORES: "No scores",
} as const;

function pricesSheet(prices: readonly VendorPriceEvaluation[], input: ExportInput): ExportSheet {
  const unit = input.currency;
  const columns = [
    "Vendor",
    `One-time (${unit})`,
    `Monthly (${unit})`,
    `Recurring over term (${unit})`,
    `Total cost of ownership (${unit})`,
    "Price points",
    "Rank on price",
  ];
  const rows = prices.map((row) => [
    input.nameOf(row.vendorId),
    round(row.oneTime),
    round(row.monthly),
    round(row.recurringOverTerm),
    round(row.total),
    round(row.points),
    row.rank,
  ]);
  return { view: "prices", title: "Prices", columns, rows };
}
