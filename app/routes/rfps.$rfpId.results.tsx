import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  ByCriterionTable,
  CalibrationTable,
  ChartWithTable,
  GroupsTable,
  MethodStatement,
  MethodSwitch,
  ProfileTable,
  QualityPriceScatter,
  QualityPriceTable,
  radarData,
  StackedBars,
  scatterData,
  stackedBarsData,
  TotalsTable,
  VendorRadar,
} from "~/components/results";
import { Alert } from "~/components/ui/alert";
import { EmptyState } from "~/components/ui/empty-state";
import { resultsPageView } from "~/domain/evaluation-results";
import { getResults, type PriceStatus, requireResultsAccess } from "~/models/results.server";
import { resultMethodOf } from "~/schemas/results";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Results · Shortlist" }];

/** Lead and observers as sheets come in; panel members once consensus is open (models/results). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireResultsAccess(user, params.rfpId ?? "");
  const method = resultMethodOf(new URL(request.url));
  const { computation, ...results } = await getResults(access, method);
  return {
    ...results,
    // Only what the page draws (domain/evaluation-results resultsPageView); the exports read the rest.
    computation: computation?.ok ? { ok: true as const, view: resultsPageView(computation.view) } : computation,
    membership: access.membership,
  };
}

export default function ResultsPage() {
  const data = useLoaderData<typeof loader>();
  const { rfp, method, computation } = data;
  const names = new Map([...data.vendors, ...data.evaluators, ...data.criteria].map((entry) => [entry.id, entry.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const groupOf = (id: string) => data.evaluators.find((evaluator) => evaluator.id === id)?.group ?? null;
  const basePath = `/rfps/${rfp.id}/results`;
  if (!data.opened) {
    return (
      <EmptyState title="Proposals are still sealed">
        Results appear once the proposals are opened and evaluators submit their score sheets.
      </EmptyState>
    );
  }
  if (!computation) {
    return (
      <EmptyState title="No submitted score sheets yet">
        Results appear here as evaluators submit their sheets. Follow progress on the panel page.
      </EmptyState>
    );
  }
  if (!computation.ok) {
    return (
      <Alert tone="error" title="The scores cannot be combined">
        <ul>
          {computation.errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      </Alert>
    );
  }
  const view = computation.view;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="results-heading">
        <div className="card__title">
          <h2 id="results-heading">Results</h2>
          <div className="row no-print">
            <MethodSwitch method={method} basePath={basePath} />
          </div>
        </div>
        <MethodStatement method={method} />
        <p className="muted small">
          From {data.submittedSheets} submitted score sheet(s) by {data.evaluators.length} evaluator(s)
          {data.consensusScores > 0
            ? ` and ${data.consensusScores} consensus score(s), which replace the individual scores of their items`
            : ""}
          . <PriceNote status={data.priceStatus} share={view.priceShare} />
          {view.oralWeight > 0
            ? ` Oral criteria (${Math.round(view.oralWeight)}% of the tree) are scored at the interviews and are not part of these results; the other weights are rescaled to 100.`
            : ""}
        </p>
        <TotalsTable view={view} nameOf={nameOf} prices={data.prices} currency={rfp.currency} />
        {view.unpricedVendorIds.length > 0 ? (
          <p className="muted small">
            Not ranked on quality + price (no valid price): {view.unpricedVendorIds.map(nameOf).join(", ")}. See the
            price envelope.
          </p>
        ) : null}
        <div className="row no-print export-links">
          <a
            className="button button--secondary button--small"
            href={`/rfps/${rfp.id}/results.xlsx?method=${method}`}
            download
          >
            Download XLSX (every view)
          </a>
          <form method="get" action={`/rfps/${rfp.id}/results.csv`} className="row">
            <input type="hidden" name="method" value={method} />
            <label htmlFor="csv-view" className="visually-hidden">
              View to download as CSV
            </label>
            <select key={method} id="csv-view" name="view" className="select" defaultValue={`results-${method}`}>
              <option value="results-raw">Results, raw scores</option>
              <option value="results-normalized">Results, normalized</option>
              <option value="criteria">By criterion</option>
              <option value="matrix">Score matrix</option>
              <option value="groups">Functional groups</option>
              <option value="calibration">Evaluator calibration</option>
              {data.prices ? <option value="prices">Prices</option> : null}
            </select>
            <button type="submit" className="button button--secondary button--small">
              Download CSV
            </button>
          </form>
          <Link to={`/rfps/${rfp.id}/sensitivity?method=${method}`}>How sensitive is this ranking? →</Link>
        </div>
      </section>

      <ChartWithTable
        id="by-criterion"
        title="Weighted score by top-level criterion"
        chart={<StackedBars data={stackedBarsData(view, nameOf)} />}
        table={<ByCriterionTable view={view} nameOf={nameOf} />}
      />
      <ChartWithTable
        id="profiles"
        title="Profile of each vendor"
        chart={<VendorRadar data={radarData(view, nameOf)} />}
        table={<ProfileTable view={view} nameOf={nameOf} />}
      />
      {data.prices ? (
        <ChartWithTable
          id="quality-price"
          title="Quality against price"
          chart={<QualityPriceScatter data={scatterData(view, data.prices, nameOf)} currency={rfp.currency} />}
          table={<QualityPriceTable view={view} prices={data.prices} nameOf={nameOf} currency={rfp.currency} />}
        />
      ) : null}

      {view.calibration ? (
        <section className="card" aria-labelledby="calibration-heading">
          <div className="card__title">
            <h2 id="calibration-heading">Harsh and lenient markers</h2>
          </div>
          <p className="muted small">
            Each evaluator's scores are turned into z-scores (their own mean and spread) and put back on the panel's
            mean and spread. This assumes everyone scored a comparable mix of vendors.
          </p>
          <CalibrationTable view={view} nameOf={nameOf} groupOf={groupOf} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="groups-heading">
        <div className="card__title">
          <h2 id="groups-heading">By functional group</h2>
        </div>
        {data.groupSentences && data.groupSentences.length > 0 ? (
          <ul>
            {data.groupSentences.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        ) : (
          <p className="muted small">The functional groups rank the vendors the same way.</p>
        )}
        <GroupsTable view={view} nameOf={nameOf} />
      </section>
    </div>
  );
}

function PriceNote({ status, share }: { status: PriceStatus; share: number }) {
  switch (status) {
    case "INCLUDED":
      return <>Price counts for {Math.round(share * 100)}% (the Price weight of the criteria tree).</>;
    case "NOT_FIXED":
      return <>Price is not included yet: the lead has not fixed the price formula.</>;
    case "HIDDEN":
      return <>Prices are not shown to the panel, so these are quality totals only.</>;
    case "NO_WEIGHT":
      return null;
  }
}
