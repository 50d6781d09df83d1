import { type LoaderFunctionArgs, type MetaFunction, data as withStatus } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { MethodStatement, MethodSwitch } from "~/components/results";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { WhatIf } from "~/components/what-if";
import { type CriterionSensitivity, MONTE_CARLO_DEFAULTS, type TippingPoints } from "~/domain/sensitivity";
import { getSensitivity, requireResultsAccess } from "~/models/results.server";
import { MAX_DRAWS, monteCarloSchema, resultMethodOf, weightsFrom } from "~/schemas/results";
import { requireUser } from "~/utils/auth.server";
import { fieldErrorsFrom } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Sensitivity · Shortlist" }];

/** How much the ranking depends on the weights. Same access as the results. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireResultsAccess(user, params.rfpId ?? "");
  const url = new URL(request.url);
  const method = resultMethodOf(url);
  const asked = weightsFrom(url.searchParams);
  const parsed = monteCarloSchema.safeParse(Object.fromEntries(url.searchParams));
  const monteCarlo = {
    spreadPercent: (parsed.success ? parsed.data.spread : undefined) ?? MONTE_CARLO_DEFAULTS.spreadPercent,
    draws: (parsed.success ? parsed.data.draws : undefined) ?? MONTE_CARLO_DEFAULTS.draws,
    topN: parsed.success ? parsed.data.topN : undefined,
  };
  const fieldErrors = { ...asked.fieldErrors, ...(parsed.success ? {} : fieldErrorsFrom(parsed.error)) };
  const sensitivity = await getSensitivity(access, method, { weights: asked.weights, monteCarlo });
  const values = Object.fromEntries(url.searchParams);
  const payload = { ...sensitivity, method, asked: asked.weights, fieldErrors, values };
  // A value out of range is the visitor's to fix: 400, the page with the message and the defaults.
  return Object.keys(fieldErrors).length > 0 ? withStatus(payload, { status: 400 }) : payload;
}

export default function SensitivityPage() {
  const data = useLoaderData<typeof loader>();
  const { results, analysis, method } = data;
  const { rfp } = results;
  const names = new Map(results.vendors.map((vendor) => [vendor.id, vendor.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  if (!analysis || !results.computation?.ok) {
    return (
      <EmptyState title="Nothing to analyse yet" action={<Link to={`/rfps/${rfp.id}/results`}>Results</Link>}>
        Sensitivity needs ranked vendors: it appears once score sheets are submitted.
      </EmptyState>
    );
  }
  const view = results.computation.view;
  const criterionNames = new Map(results.criteria.map((criterion) => [criterion.id, criterion.name]));
  const criterionName = (id: string) => criterionNames.get(id) ?? id;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="what-if-heading">
        <div className="card__title">
          <h2 id="what-if-heading">What if the weights were different?</h2>
          <div className="row no-print">
            <MethodSwitch method={method} basePath={`/rfps/${rfp.id}/sensitivity`} />
          </div>
        </div>
        <MethodStatement method={method} />
        <p className="muted small">
          {view.priceIncluded ? "Quality and price together" : "Quality only"}, as on the results page
          {view.unpricedVendorIds.length > 0
            ? `; vendors without a valid price are left out (${view.unpricedVendorIds.map(nameOf).join(", ")})`
            : ""}
          .
        </p>
        <WhatIf
          model={analysis.model}
          topLevel={analysis.topLevel}
          asked={data.asked}
          serverTotals={analysis.whatIf.ok ? analysis.whatIf.totals : null}
          baseTotals={analysis.base.ok ? analysis.base.totals : []}
          method={method}
          fieldErrors={data.fieldErrors}
          typed={data.values}
          nameOf={nameOf}
        />
      </section>

      <section className="card" aria-labelledby="tipping-heading">
        <div className="card__title">
          <h2 id="tipping-heading">Tipping points</h2>
        </div>
        <p className="muted small">
          For each criterion, the smallest change of its weight (the others scaled to keep 100%) at which another vendor
          draws level with the first-ranked vendor.
        </p>
        <TippingTable
          tipping={analysis.tipping.topLevel}
          nameOf={nameOf}
          criterionName={criterionName}
          testId="tipping-top"
        />
        <details className="more-detail">
          <summary className="more-detail__summary">Every scored criterion (lowest level)</summary>
          <div>
            <TippingTable
              tipping={analysis.tipping.leaf}
              nameOf={nameOf}
              criterionName={criterionName}
              testId="tipping-leaf"
            />
          </div>
        </details>
      </section>

      <section className="card" aria-labelledby="monte-carlo-heading">
        <div className="card__title">
          <h2 id="monte-carlo-heading">How robust is the ranking? (Monte Carlo)</h2>
        </div>
        <p className="muted small">
          Every weight of the criteria tree was varied at random by up to ±{analysis.monteCarlo.spreadPercent}%,{" "}
          {analysis.monteCarlo.draws.toLocaleString("en-GB")} times (the same draws on every load), and the vendors
          ranked each time.
        </p>
        <Form method="get" className="row monte-carlo-form no-print" preventScrollReset>
          <input type="hidden" name="method" value={method} />
          <NumberInput
            name="spread"
            label="Spread (±%)"
            value={data.values.spread ?? String(analysis.monteCarlo.spreadPercent)}
            error={data.fieldErrors.spread}
          />
          <NumberInput
            name="draws"
            label={`Draws (100–${MAX_DRAWS.toLocaleString("en-GB")})`}
            value={data.values.draws ?? String(analysis.monteCarlo.draws)}
            error={data.fieldErrors.draws}
          />
          <NumberInput
            name="topN"
            label="Top N"
            value={data.values.topN ?? String(analysis.monteCarlo.topN)}
            error={data.fieldErrors.topN}
          />
          <Button type="submit" variant="secondary">
            Run again
          </Button>
        </Form>
        <div className="table-wrap">
          <table className="table" data-testid="monte-carlo-table">
            <caption>Probability of ranking first and in the top {analysis.monteCarlo.topN}</caption>
            <thead>
              <tr>
                <th scope="col">Vendor</th>
                <th scope="col" className="num">
                  P(first)
                </th>
                <th scope="col" className="num">
                  P(top {analysis.monteCarlo.topN})
                </th>
                <th scope="col" className="num">
                  Mean rank
                </th>
              </tr>
            </thead>
            <tbody>
              {[...analysis.monteCarlo.vendors]
                .sort((a, b) => b.probabilityFirst - a.probabilityFirst || (a.meanRank ?? 99) - (b.meanRank ?? 99))
                .map((row) => (
                  <tr key={row.vendorId}>
                    <th scope="row">{nameOf(row.vendorId)}</th>
                    <td className="num">{(row.probabilityFirst * 100).toFixed(1)}%</td>
                    <td className="num">{(row.probabilityTopN * 100).toFixed(1)}%</td>
                    <td className="num">{row.meanRank === null ? "—" : row.meanRank.toFixed(2)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

function NumberInput({ name, label, value, error }: { name: string; label: string; value: string; error?: string }) {
  return (
    <div className="field">
      <label htmlFor={name} className="field__label">
        {label}
      </label>
      <input
        id={name}
        name={name}
        className="input input--short num"
        inputMode="decimal"
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
      />
      {error ? (
        <span className="field__error" id={`${name}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

function TippingTable({
  tipping,
  nameOf,
  criterionName,
  testId,
}: {
  tipping: TippingPoints;
  nameOf: (id: string) => string;
  criterionName: (id: string) => string;
  testId: string;
}) {
  if (tipping.kind === "NO_RANKED_VENDORS") return <p className="muted">No vendor is ranked yet.</p>;
  if (tipping.kind === "TIED_FOR_FIRST") {
    return (
      <Alert tone="warning" title="First place is shared">
        {tipping.leaderIds.map(nameOf).join(" and ")} are tied for first: any change of weights can decide it either
        way.
      </Alert>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption>First-ranked now: {nameOf(tipping.leaderId)}</caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col" className="num">
              Weight now
            </th>
            <th scope="col">Smallest change that changes the leader</th>
          </tr>
        </thead>
        <tbody>
          {tipping.criteria.map((row) => (
            <tr key={row.criterionId}>
              <th scope="row">{criterionName(row.criterionId)}</th>
              <td className="num">{row.baseWeight.toFixed(1)}%</td>
              <td>{describeTipping(row, nameOf)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function describeTipping(row: CriterionSensitivity, nameOf: (id: string) => string) {
  const threshold = row.smallest;
  if (!threshold) return "None within 0–100%";
  const direction = threshold.change > 0 ? "Raising" : "Lowering";
  const who = threshold.challengerIds.map(nameOf).join(" and ");
  return `${direction} it by ${Math.abs(threshold.change).toFixed(1)} points to ${threshold.weight.toFixed(1)}%: ${who} draws level`;
}
