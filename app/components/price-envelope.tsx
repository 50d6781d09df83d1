import { Form } from "@remix-run/react";
import {
  describePriceProblem,
  PRICE_FORMULA_INFO,
  PRICE_FORMULA_KINDS,
  type VendorPriceEvaluation,
} from "~/domain/price-envelope";
import type { PriceEvaluation } from "~/models/price-evaluation.server";
import { priceFormulaSchema } from "~/schemas/price";
import { formatMoney } from "~/utils/dates";
import { useConfirmedSubmit } from "./confirmed-submit";
import { useHydrated } from "./document-parts";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "./form";
import { Alert } from "./ui/alert";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";
import { EmptyState } from "./ui/empty-state";

type Defaults = PriceEvaluation["defaults"];

const FIX_QUESTION =
  "Fix this price formula? It cannot be changed afterwards, and every vendor's price is scored with it.";

/** The one-time choice of formula; irrelevant fields hide once the page runs JavaScript. */
export function PriceFormulaForm({
  defaults,
  currency,
  priceWeight,
  proposedTerms,
  lastResult,
}: {
  defaults: Defaults;
  currency: string;
  priceWeight: number;
  proposedTerms: string;
  lastResult?: ServerFormResult;
}) {
  const { form, field, errorFor, formError } = useValidatedForm({
    schema: priceFormulaSchema,
    defaultValues: defaults,
    lastResult,
  });
  const onSubmit = useConfirmedSubmit(form, () => FIX_QUESTION);
  const fixing = useIsSubmitting("fix");
  const watched = form.watch("kind") ?? defaults.kind;
  // Without JavaScript every field is shown: the chosen formula cannot hide the others then.
  const hydrated = useHydrated();
  const shows = (kind: string) => !hydrated || watched === kind;
  return (
    <Form method="post" className="form form--narrow" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <input type="hidden" {...field("intent")} />
      <fieldset className="form-section">
        <legend>Formula</legend>
        <div className="source-options">
          {PRICE_FORMULA_KINDS.map((option) => (
            <div className="source-option" key={option}>
              <input
                type="radio"
                id={`kind-${option}`}
                value={option}
                defaultChecked={(lastResult?.values?.kind ?? defaults.kind) === option}
                {...form.register("kind")}
              />
              <div>
                <label htmlFor={`kind-${option}`}>{PRICE_FORMULA_INFO[option].label}</label>
                <div className="muted small">{PRICE_FORMULA_INFO[option].description}</div>
              </div>
            </div>
          ))}
        </div>
        <span className="field__error" id="kind-error">
          {errorFor("kind")}
        </span>
      </fieldset>
      <div className="form-grid">
        <Field
          name="maxPoints"
          label="Points for price"
          error={errorFor("maxPoints")}
          hint={`Price counts for ${formatPercent(priceWeight)} of the written and price evaluation whatever this number is; 100 reads as a percentage.`}
        >
          <input className="input num" inputMode="decimal" {...field("maxPoints")} />
        </Field>
        <Field
          name="termMonths"
          label="Contract term compared (months)"
          error={errorFor("termMonths")}
          hint={`Every vendor's recurring charges are counted over the same term. Proposed: ${proposedTerms}.`}
        >
          <input className="input num" inputMode="numeric" {...field("termMonths")} />
        </Field>
        {shows("LOGARITHMIC") ? (
          <Field
            name="factor"
            label="Factor"
            error={errorFor("factor")}
            hint="Logarithmic only. A bid this many times the lowest scores zero; 2 means twice the lowest."
          >
            <input className="input num" inputMode="decimal" {...field("factor")} />
          </Field>
        ) : null}
        {shows("BUDGET") ? (
          <>
            <Field
              name="targetPrice"
              label={`Target price (${currency})`}
              error={errorFor("targetPrice")}
              hint="Absolute only. Full points at or under this total cost."
            >
              <input className="input num" inputMode="decimal" {...field("targetPrice")} />
            </Field>
            <Field
              name="ceilingPrice"
              label={`Ceiling price (${currency})`}
              error={errorFor("ceilingPrice")}
              hint="Absolute only. No points at or above this total cost; defaults to the RFP's budget."
            >
              <input className="input num" inputMode="decimal" {...field("ceilingPrice")} />
            </Field>
          </>
        ) : null}
      </div>
      <Alert tone="warning" title="Fixing is final">
        Once fixed, the formula cannot be changed: choosing it after seeing the prices would let the choice decide the
        winner. Fixing it opens the price envelopes on this page.
      </Alert>
      <div className="form-actions">
        <Button type="submit" name="intent" value="fix" pending={fixing} pendingLabel="Fixing…">
          Fix the formula and open prices
        </Button>
      </div>
    </Form>
  );
}

export function PanelPriceVisibility({
  visible,
  canManage,
  locked,
  error,
}: {
  visible: boolean;
  canManage: boolean;
  /** Consensus is open: scores are final and the setting is frozen. */
  locked: boolean;
  error?: string;
}) {
  const saving = useIsSubmitting("visibility");
  return (
    <section className="card" aria-labelledby="visibility-heading">
      <div className="card__title">
        <h2 id="visibility-heading">Prices and the panel</h2>
        <Badge tone={visible ? "warning" : "success"}>
          {visible ? "Evaluators can see prices" : "Hidden from evaluators"}
        </Badge>
      </div>
      <p className="muted small">
        Evaluators scoring quality do not see prices unless you allow it, so a price cannot colour a quality score.
        {locked ? " Consensus is open, so this can no longer change." : null}
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {canManage && !locked ? (
        <Form method="post" className="row">
          <input type="hidden" name="visible" value={visible ? "no" : "yes"} />
          <Button type="submit" name="intent" value="visibility" variant="secondary" pending={saving}>
            {visible ? "Hide prices from evaluators" : "Let evaluators see prices"}
          </Button>
        </Form>
      ) : null}
    </section>
  );
}

export function PriceTable({
  vendors,
  prices,
  currency,
  termMonths,
  maxPoints,
  locale,
}: {
  vendors: { id: string; name: string }[];
  prices: VendorPriceEvaluation[];
  currency: string;
  termMonths: number;
  maxPoints: number;
  locale?: string;
}) {
  const money = (amount: number | null) => (amount === null ? "—" : formatMoney(amount, currency, locale));
  const nameOf = (id: string) => vendors.find((vendor) => vendor.id === id)?.name ?? id;
  if (prices.length === 0) {
    return <EmptyState title="No priced proposals">No vendor's proposal is being evaluated.</EmptyState>;
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Total cost of ownership and price points per vendor</caption>
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            <th scope="col" className="num">
              One-time
            </th>
            <th scope="col" className="num">
              Monthly
            </th>
            <th scope="col" className="num">
              Recurring × {termMonths} mo.
            </th>
            <th scope="col" className="num">
              Total cost
            </th>
            <th scope="col" className="num">
              Points (of {maxPoints})
            </th>
            <th scope="col" className="num">
              Rank
            </th>
          </tr>
        </thead>
        <tbody>
          {prices.map((row) => (
            <tr key={row.vendorId}>
              <th scope="row">
                {nameOf(row.vendorId)}
                {row.problem ? (
                  <div className="field__error" role="note">
                    {describePriceProblem(row.problem, (amount) => formatMoney(amount, currency, locale))}
                  </div>
                ) : null}
              </th>
              <td className="num">{money(row.oneTime)}</td>
              <td className="num">{money(row.monthly)}</td>
              <td className="num">{money(row.recurringOverTerm)}</td>
              <td className="num">
                <strong>{money(row.total)}</strong>
              </td>
              <td className="num">{row.points === null ? "—" : row.points.toFixed(2)}</td>
              <td className="num">
                {row.rank ?? "—"}
                {row.tied ? <Badge tone="warning">tied</Badge> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function formatPercent(share: number) {
  return `${(share * 100).toFixed(share * 100 >= 10 ? 0 : 1)}%`;
}
