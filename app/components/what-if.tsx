import { Form } from "@remix-run/react";
import { useMemo, useState } from "react";
import { type RankedTotal, whatIf } from "~/domain/sensitivity";
import { fromPlainModel, type PlainSensitivityModel } from "~/domain/sensitivity-transport";
import { WEIGHT_PREFIX } from "~/schemas/results";
import { useHydrated } from "./document-parts";
import { rankLabel } from "./results";
import { Button } from "./ui/button";

type TopLevel = { id: string; name: string; weight: number };

/**
 * What-if weights. With JavaScript, sliders re-rank live in the browser with the same pure
 * function the server uses (domain/sensitivity.whatIf); without it, the same inputs are numbers
 * in a GET form and the server re-ranks.
 */
export function WhatIf({
  model,
  topLevel,
  asked,
  serverTotals,
  baseTotals,
  method,
  fieldErrors,
  typed,
  nameOf,
}: {
  model: PlainSensitivityModel;
  topLevel: TopLevel[];
  /** Weights from the query string (what the server ranked), by criterion id. */
  asked: Record<string, number>;
  serverTotals: RankedTotal[] | null;
  baseTotals: RankedTotal[];
  method: string;
  fieldErrors: Record<string, string>;
  /** What was typed (query string), echoed back next to its error. */
  typed: Record<string, string>;
  nameOf: (id: string) => string;
}) {
  const hydrated = useHydrated();
  const initial = Object.fromEntries(
    topLevel.map((criterion) => [criterion.id, asked[criterion.id] ?? criterion.weight]),
  );
  const [weights, setWeights] = useState<Record<string, number>>(initial);
  const live = useMemo(() => {
    if (!hydrated) return null;
    const result = whatIf(fromPlainModel(model), weights);
    return result.ok ? result : null;
  }, [hydrated, model, weights]);
  const totals = (hydrated ? live?.totals : serverTotals) ?? null;
  const sum = Object.values(weights).reduce((total, weight) => total + weight, 0);
  const baseRank = new Map(baseTotals.map((row) => [row.vendorId, row.rank]));
  return (
    <Form method="get" className="stack" preventScrollReset>
      <input type="hidden" name="method" value={method} />
      <div className="what-if__weights">
        {topLevel.map((criterion) => {
          const name = `${WEIGHT_PREFIX}${criterion.id}`;
          const error = fieldErrors[name];
          return (
            <div className="field" key={criterion.id}>
              <label htmlFor={name} className="field__label">
                {criterion.name}
              </label>
              <div className="row">
                <input
                  key={hydrated ? "slider" : "number"}
                  id={name}
                  name={name}
                  type={hydrated ? "range" : "number"}
                  className={hydrated ? "what-if__slider" : "input input--short num"}
                  min={0}
                  max={100}
                  step={hydrated ? 1 : "any"}
                  value={hydrated ? weights[criterion.id] : undefined}
                  defaultValue={hydrated ? undefined : (typed[name] ?? initial[criterion.id]?.toFixed(1))}
                  aria-describedby={`${name}-share ${error ? `${name}-error` : ""}`}
                  aria-invalid={error ? true : undefined}
                  onChange={(event) => {
                    const weight = Number(event.currentTarget.value);
                    setWeights((current) => ({ ...current, [criterion.id]: weight }));
                  }}
                />
                <output id={`${name}-share`} htmlFor={name} className="muted small nowrap">
                  {hydrated && sum > 0
                    ? `${(((weights[criterion.id] ?? 0) * 100) / sum).toFixed(1)}% of the total`
                    : `now ${criterion.weight.toFixed(1)}%`}
                </output>
              </div>
              {error ? (
                <span className="field__error" id={`${name}-error`}>
                  {error}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
      <p className="muted small">
        Weights are relative: they are rescaled to add up to 100%. Lower levels of the tree keep their shares.
      </p>
      <div className="row no-print">
        {hydrated ? (
          <Button type="button" variant="secondary" onClick={() => setWeights(baseWeights(topLevel))}>
            Reset to the criteria weights
          </Button>
        ) : (
          <Button type="submit">Re-rank with these weights</Button>
        )}
      </div>
      {totals ? (
        <div className="table-wrap" aria-live="polite">
          <table className="table" data-testid="what-if-table">
            <caption>Ranking with these weights</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Rank
                </th>
                <th scope="col">Vendor</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col" className="num">
                  Rank with the criteria weights
                </th>
              </tr>
            </thead>
            <tbody>
              {[...totals]
                .sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999))
                .map((row) => (
                  <tr key={row.vendorId}>
                    <td className="num">{rankLabel(row)}</td>
                    <th scope="row">{nameOf(row.vendorId)}</th>
                    <td className="num">{row.total === null ? "—" : row.total.toFixed(1)}</td>
                    <td className="num">{baseRank.get(row.vendorId) ?? "—"}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="field__error">Give at least one criterion a weight above zero.</p>
      )}
    </Form>
  );
}

function baseWeights(topLevel: TopLevel[]) {
  return Object.fromEntries(topLevel.map((criterion) => [criterion.id, criterion.weight]));
}
