import { Link } from "@remix-run/react";
import { lazy, type ReactNode, Suspense } from "react";
import {
  type PageTotal,
  RESULT_METHOD_INFO,
  RESULT_METHODS,
  type ResultMethod,
  type ResultsPageView,
} from "~/domain/evaluation-results";
import type { VendorPriceEvaluation } from "~/domain/price-envelope";
import { rankedTotals, TREATMENT_LABELS } from "~/domain/results-export";
import { useHydrated } from "./document-parts";
import { Badge } from "./ui/badge";

/**
 * The results screen's pieces. Every chart is drawn in the browser only (recharts), loaded
 * lazily, and sits next to a server-rendered table with the same numbers: the table is what
 * screen readers, keyboards, printers and browsers without JavaScript get.
 */
const StackedBars = lazy(() => import("./results-charts").then((module) => ({ default: module.StackedBars })));
const VendorRadar = lazy(() => import("./results-charts").then((module) => ({ default: module.VendorRadar })));
const QualityPriceScatter = lazy(() =>
  import("./results-charts").then((module) => ({ default: module.QualityPriceScatter })),
);

export const points = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : value.toFixed(1);
export const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? "—" : `${Math.round(share * 100)}%`;

export function rankLabel(row: { rank: number | null; tied: boolean }) {
  if (row.rank === null) return "—";
  return row.tied ? `${row.rank}=` : String(row.rank);
}

/** Raw or normalized: links, so the switch works without JavaScript and the URL says which. */
export function MethodSwitch({ method, basePath }: { method: ResultMethod; basePath: string }) {
  return (
    <nav className="segmented" aria-label="Scoring method">
      {RESULT_METHODS.map((option) => (
        <Link
          key={option}
          to={`${basePath}?method=${option}`}
          aria-current={option === method ? "page" : undefined}
          className={option === method ? "active" : undefined}
          preventScrollReset
        >
          {RESULT_METHOD_INFO[option].label}
        </Link>
      ))}
    </nav>
  );
}

export function MethodStatement({ method }: { method: ResultMethod }) {
  return (
    <p className="method-statement" data-testid="method-statement">
      <strong>Method shown: {RESULT_METHOD_INFO[method].label}.</strong> {RESULT_METHOD_INFO[method].description}
    </p>
  );
}

export function TotalsTable({
  view,
  nameOf,
  prices,
  currency,
}: {
  view: ResultsPageView;
  nameOf: (id: string) => string;
  prices: VendorPriceEvaluation[] | null;
  currency: string;
}) {
  const quality = new Map(view.quality.map((row) => [row.vendorId, row]));
  const priceOf = new Map((prices ?? []).map((row) => [row.vendorId, row]));
  return (
    <div className="table-wrap">
      <table className="table" data-testid="results-table">
        <caption>
          Weighted totals, points out of 100, effective weights of the criteria tree —{" "}
          {RESULT_METHOD_INFO[view.method].label.toLowerCase()}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Rank
            </th>
            <th scope="col">Vendor</th>
            <th scope="col" className="num">
              Quality
            </th>
            {view.priceIncluded ? (
              <>
                <th scope="col" className="num">
                  Total cost ({currency})
                </th>
                <th scope="col" className="num">
                  Price score
                </th>
                <th scope="col" className="num">
                  Quality + price
                </th>
              </>
            ) : null}
            <th scope="col" className="num">
              Scored weight
            </th>
          </tr>
        </thead>
        <tbody>
          {rankedTotals(view).map((row) => {
            const price = view.priceShares[row.vendorId] ?? null;
            const cost = priceOf.get(row.vendorId)?.total ?? null;
            return (
              <tr key={row.vendorId}>
                <td className="num">{rankLabel(row)}</td>
                <th scope="row">{nameOf(row.vendorId)}</th>
                <td className="num">{points(quality.get(row.vendorId)?.total)}</td>
                {view.priceIncluded ? (
                  <>
                    <td className="num">{cost === null ? "—" : Math.round(cost).toLocaleString("en-GB")}</td>
                    <td className="num">{price === null ? "no valid price" : points(price * 100)}</td>
                    <td className="num">
                      <strong>{points(row.total)}</strong>
                    </td>
                  </>
                ) : null}
                <td className="num">
                  {percent(row.coverage)}
                  {row.coverage < 0.9995 && row.total !== null ? <Badge tone="warning">partial</Badge> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A chart beside the table it draws; the chart is decoration for sighted mouse users only. */
export function ChartWithTable({
  title,
  id,
  chart,
  table,
}: {
  title: string;
  id: string;
  chart: ReactNode;
  table: ReactNode;
}) {
  const hydrated = useHydrated();
  return (
    <section className="card chart-card" aria-labelledby={`${id}-heading`}>
      <div className="card__title">
        <h2 id={`${id}-heading`}>{title}</h2>
      </div>
      <div className="chart-card__body">
        <figure className="chart" aria-hidden="true" data-testid={`${id}-chart`}>
          {hydrated ? <Suspense fallback={<p className="muted small">Loading the chart…</p>}>{chart}</Suspense> : null}
        </figure>
        {table}
      </div>
    </section>
  );
}

export function ByCriterionTable({ view, nameOf }: { view: ResultsPageView; nameOf: (id: string) => string }) {
  const rows = rankedTotals(view);
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>Points each top-level criterion adds to the total</caption>
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            {view.topLevel.map((criterion) => (
              <th scope="col" className="num" key={criterion.id}>
                {criterion.name} ({Math.round(criterion.weight)}%)
              </th>
            ))}
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.vendorId}>
              <th scope="row">{nameOf(row.vendorId)}</th>
              {view.topLevel.map((criterion) => (
                <td className="num" key={criterion.id}>
                  {points(pointsFor(row, criterion.id))}
                </td>
              ))}
              <td className="num">
                <strong>{points(row.total)}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function pointsFor(row: PageTotal, topLevelId: string) {
  if (row.total === null) return null;
  return row.byTopLevel.find((entry) => entry.topLevelId === topLevelId)?.points ?? null;
}

/** The numbers behind the radars: share of each axis attained, 100% = top of every scale. */
export function ProfileTable({ view, nameOf }: { view: ResultsPageView; nameOf: (id: string) => string }) {
  const { axisIds, values } = view.profile;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>Share of each criterion attained (100% = top of every scale)</caption>
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            {axisIds.map((id) => (
              <th scope="col" className="num" key={id}>
                {nameOf(id)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.vendorIds.map((vendorId, v) => (
            <tr key={vendorId}>
              <th scope="row">{nameOf(vendorId)}</th>
              {axisIds.map((id, a) => (
                <td className="num" key={id}>
                  {percent(values[v]?.[a] ?? null)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function QualityPriceTable({
  view,
  prices,
  nameOf,
  currency,
}: {
  view: ResultsPageView;
  prices: VendorPriceEvaluation[];
  nameOf: (id: string) => string;
  currency: string;
}) {
  const quality = new Map(view.quality.map((row) => [row.vendorId, row.total]));
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>Quality against total cost of ownership (best: high quality, low cost)</caption>
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            <th scope="col" className="num">
              Quality (of 100)
            </th>
            <th scope="col" className="num">
              Total cost ({currency})
            </th>
          </tr>
        </thead>
        <tbody>
          {prices.map((row) => (
            <tr key={row.vendorId}>
              <th scope="row">{nameOf(row.vendorId)}</th>
              <td className="num">{points(quality.get(row.vendorId) ?? null)}</td>
              <td className="num">{row.total === null ? "—" : Math.round(row.total).toLocaleString("en-GB")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CalibrationTable({
  view,
  nameOf,
  groupOf,
}: {
  view: ResultsPageView;
  nameOf: (id: string) => string;
  groupOf: (id: string) => string | null;
}) {
  if (!view.calibration) return null;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>
          How each evaluator marks, before normalization (as a share of the scale). Panel: mean{" "}
          {percent(view.calibration.length > 0 ? panelMean(view) : null)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Evaluator</th>
            <th scope="col">Group</th>
            <th scope="col" className="num">
              Scores
            </th>
            <th scope="col" className="num">
              Mean
            </th>
            <th scope="col" className="num">
              Spread (sd)
            </th>
            <th scope="col">Treatment</th>
          </tr>
        </thead>
        <tbody>
          {view.calibration.map((row) => (
            <tr key={row.evaluatorId}>
              <th scope="row">{nameOf(row.evaluatorId)}</th>
              <td>{groupOf(row.evaluatorId) ?? <span className="muted">—</span>}</td>
              <td className="num">{row.count}</td>
              <td className="num">{percent(row.mean)}</td>
              <td className="num">{percent(row.standardDeviation)}</td>
              <td>
                {TREATMENT_LABELS[row.treatment]}
                {row.clamped > 0 ? ` (${row.clamped} clamped to the scale)` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function panelMean(view: ResultsPageView) {
  const rows = (view.calibration ?? []).filter((row) => row.mean !== null);
  const count = rows.reduce((sum, row) => sum + row.count, 0);
  return count > 0 ? rows.reduce((sum, row) => sum + (row.mean ?? 0) * row.count, 0) / count : null;
}

export function GroupsTable({ view, nameOf }: { view: ResultsPageView; nameOf: (id: string) => string }) {
  const { groups, vendors } = view.groups;
  if (groups.length < 2) {
    return (
      <p className="muted small">Functional-group views need evaluators from at least two groups (set on the panel).</p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>Rank of each vendor by functional group (each group's own scores)</caption>
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            {groups.map((group) => (
              <th scope="col" className="num" key={group.group}>
                {group.group} ({group.evaluatorIds.length})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {vendors.map((row) => (
            <tr key={row.vendorId}>
              <th scope="row">{nameOf(row.vendorId)}</th>
              {row.ranks.map((entry) => (
                <td className="num" key={entry.group}>
                  {rankLabel(entry)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export { QualityPriceScatter, StackedBars, VendorRadar };

// ── Chart data: the same numbers as the tables, shaped for recharts ─────────────────────────

export function stackedBarsData(view: ResultsPageView, nameOf: (id: string) => string) {
  return {
    series: view.topLevel.map((criterion) => ({ key: criterion.id, label: criterion.name })),
    rows: rankedTotals(view)
      .filter((row) => row.total !== null)
      .map((row) => ({
        vendor: nameOf(row.vendorId),
        ...Object.fromEntries(view.topLevel.map((criterion) => [criterion.id, pointsFor(row, criterion.id) ?? 0])),
      })),
  };
}

export function radarData(view: ResultsPageView, nameOf: (id: string) => string) {
  return view.vendorIds.map((vendorId, v) => ({
    vendor: nameOf(vendorId),
    axes: view.profile.axisIds.map((id, a) => ({
      criterion: nameOf(id),
      attained: Math.round((view.profile.values[v]?.[a] ?? 0) * 100),
    })),
  }));
}

export function scatterData(view: ResultsPageView, prices: VendorPriceEvaluation[], nameOf: (id: string) => string) {
  const quality = new Map(view.quality.map((row) => [row.vendorId, row.total]));
  return prices.flatMap((row) => {
    const score = quality.get(row.vendorId) ?? null;
    return row.total === null || score === null
      ? []
      : [{ vendor: nameOf(row.vendorId), cost: row.total, quality: Math.round(score * 10) / 10 }];
  });
}
