import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useSubmit } from "@remix-run/react";
import { type ChangeEvent, Fragment, useEffect, useState } from "react";
import { type FieldValues, get, type Resolver, useForm } from "react-hook-form";
import { FormError, type ServerFormResult, useIsSubmitting } from "~/components/form";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import type { ShortlistRule } from "~/domain/consensus";
import { shortlistDecisionSchema } from "~/schemas/shortlist";
import type { ShortlistVendor } from "./types";

const points = (total: number | null) => (total === null ? "—" : total.toFixed(1));

/** The ranking with the suggested line and, for the lead, one decision per vendor. */
export function ShortlistDecisionForm({
  vendors,
  rule,
  ruleText,
  canDecide,
  lastResult,
}: {
  vendors: ShortlistVendor[];
  rule: ShortlistRule;
  ruleText: string;
  canDecide: boolean;
  lastResult?: ServerFormResult;
}) {
  return (
    <section className="card" aria-labelledby="ranking-heading">
      <div className="card__title">
        <h2 id="ranking-heading">Ranking and decision</h2>
        <span className="muted small">Suggested: {ruleText}</span>
      </div>
      <p className="muted small">
        Points out of 100 on the written criteria: the panel's agreed score where it recorded one, otherwise the mean of
        the evaluators' scores, weighted by the effective weights. Price is scored separately (see the results).
      </p>
      {vendors.length === 0 ? (
        <EmptyState title="No vendor to rank">
          Vendors appear here once their proposals are scored and consensus is open. Disqualified vendors are not
          ranked.
        </EmptyState>
      ) : (
        <>
          <RankingTable vendors={vendors} />
          {canDecide ? <DecisionForm vendors={vendors} rule={rule} lastResult={lastResult} /> : null}
        </>
      )}
    </section>
  );
}

function RankingTable({ vendors }: { vendors: ShortlistVendor[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Vendors ranked on written quality, with the suggested line</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Rank
            </th>
            <th scope="col">Vendor</th>
            <th scope="col" className="num">
              Points
            </th>
            <th scope="col">Suggestion</th>
          </tr>
        </thead>
        <tbody>
          {vendors.map((vendor) => (
            <tr key={vendor.vendorId}>
              <td className="num">
                {vendor.rank ?? "—"}
                {vendor.tied ? "=" : ""}
              </td>
              <th scope="row">{vendor.name}</th>
              <td className="num">
                {points(vendor.total)}
                {vendor.coverage < 1 && vendor.total !== null ? (
                  <div className="matrix__summary">{Math.round(vendor.coverage * 100)}% of the weight scored</div>
                ) : null}
              </td>
              <td>
                {vendor.suggested ? <Badge tone="shortlist">Above the line</Badge> : <Badge>Below the line</Badge>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DecisionForm({
  vendors,
  rule,
  lastResult,
}: {
  vendors: ShortlistVendor[];
  rule: ShortlistRule;
  lastResult?: ServerFormResult;
}) {
  const ruleValues = {
    method: rule.method,
    size: rule.method === "TOP_N" ? String(rule.size) : "",
    threshold: rule.method === "THRESHOLD" ? String(rule.threshold) : "",
  };
  const initial = {
    intent: "decide",
    ...ruleValues,
    decisions: vendors.map((vendor, index) => ({
      invitationId: vendor.vendorId,
      belowLine: vendor.suggested ? "false" : "true",
      outcome:
        lastResult?.values?.[`decisions.${index}.outcome`] ?? (vendor.suggested ? "SHORTLISTED" : "NOT_SHORTLISTED"),
      rationale: lastResult?.values?.[`decisions.${index}.rationale`] ?? "",
      justification: lastResult?.values?.[`decisions.${index}.justification`] ?? "",
      requestedBy: lastResult?.values?.[`decisions.${index}.requestedBy`] ?? "",
    })),
  };
  const form = useForm<FieldValues>({
    resolver: zodResolver(shortlistDecisionSchema as never) as unknown as Resolver<FieldValues>,
    defaultValues: initial,
    mode: "onTouched",
  });
  const [syncedResult, setSyncedResult] = useState<ServerFormResult>(undefined);
  useEffect(() => {
    if (!lastResult?.fieldErrors) return;
    for (const [name, message] of Object.entries(lastResult.fieldErrors)) {
      if (name !== "form") form.setError(name, { type: "server", message }, { shouldFocus: true });
    }
    setSyncedResult(lastResult);
  }, [lastResult, form]);
  const errorFor = (path: string): string | undefined => {
    const found: { message?: unknown } | undefined = get(form.formState.errors, path);
    if (typeof found?.message === "string") return found.message;
    return syncedResult === lastResult ? undefined : lastResult?.fieldErrors?.[path];
  };
  // Without JavaScript every below-the-line vendor shows its justification fields.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  // The chosen outcomes, to show the justification fields as soon as a below-the-line vendor is picked.
  const [outcomes, setOutcomes] = useState(() => initial.decisions.map((entry) => entry.outcome));
  const submit = useSubmit();
  const deciding = useIsSubmitting("decide");
  // Registered inputs get no value in the server-rendered HTML: give them their defaults there.
  const initialOf = (path: string) => String(get(initial, path) ?? "");
  const hidden = (path: string) => ({ ...form.register(path), defaultValue: initialOf(path) });
  const radio = (index: number, value: string) => {
    const path = `decisions.${index}.outcome`;
    const registered = form.register(path);
    return {
      ...registered,
      value,
      defaultChecked: initialOf(path) === value,
      onChange: (event: ChangeEvent<HTMLInputElement>) => {
        setOutcomes((current) => current.map((outcome, i) => (i === index ? event.target.value : outcome)));
        return registered.onChange(event);
      },
    };
  };
  const control = (path: string) => ({
    ...form.register(path),
    defaultValue: initialOf(path),
    id: path,
    "aria-invalid": errorFor(path) ? true : undefined,
    "aria-describedby": `${path}-error`,
  });
  const firstBelow = vendors.findIndex((vendor) => !vendor.suggested);
  return (
    <Form
      method="post"
      className="form shortlist-form"
      noValidate
      onSubmit={(event) => {
        const element = event.currentTarget;
        void form.handleSubmit(() => {
          const count = outcomes.filter((outcome) => outcome === "SHORTLISTED").length;
          const message = `Shortlist ${count} of ${vendors.length} vendors? Every vendor is told the outcome by email and on its portal; this cannot be undone.`;
          if (window.confirm(message)) submit(element);
        })(event);
      }}
    >
      <h3>Your decision</h3>
      <FormError message={lastResult?.fieldErrors?.form} />
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" {...hidden("method")} />
      <input type="hidden" {...hidden("size")} />
      <input type="hidden" {...hidden("threshold")} />
      {vendors.map((vendor, index) => {
        const base = `decisions.${index}`;
        const outcome = outcomes[index];
        const showJustification = !vendor.suggested && (!hydrated || outcome === "SHORTLISTED");
        return (
          <Fragment key={vendor.vendorId}>
            {index === firstBelow ? (
              <p className="shortlist-line">
                <span>Suggested line: the vendors below are not suggested</span>
              </p>
            ) : null}
            <fieldset className="proposal-fieldset shortlist-vendor">
              <legend>
                #{vendor.rank ?? "—"} {vendor.name} · {points(vendor.total)} points
              </legend>
              <input type="hidden" {...hidden(`${base}.invitationId`)} />
              <input type="hidden" {...hidden(`${base}.belowLine`)} />
              <div className="choice-group" role="radiogroup" aria-label={`Outcome for ${vendor.name}`}>
                <label className="choice">
                  <input type="radio" {...radio(index, "SHORTLISTED")} /> Shortlist
                  {vendor.suggested ? null : <span className="muted small"> (bring in anyway)</span>}
                </label>
                <label className="choice">
                  <input type="radio" {...radio(index, "NOT_SHORTLISTED")} /> Do not shortlist
                </label>
              </div>
              <span className="field__error" id={`${base}.outcome-error`}>
                {errorFor(`${base}.outcome`)}
              </span>
              <div className="field">
                <label htmlFor={`${base}.rationale`}>Rationale</label>
                <textarea className="textarea textarea--short" rows={2} {...control(`${base}.rationale`)} />
                <span className="field__error" id={`${base}.rationale-error`}>
                  {errorFor(`${base}.rationale`)}
                </span>
              </div>
              {showJustification ? (
                <div className="form-grid">
                  <div className="field">
                    <label htmlFor={`${base}.justification`}>
                      Why bring it in below the line{hydrated ? "" : " (only if you shortlist it)"}
                    </label>
                    <textarea className="textarea textarea--short" rows={2} {...control(`${base}.justification`)} />
                    <span className="field__error" id={`${base}.justification-error`}>
                      {errorFor(`${base}.justification`)}
                    </span>
                  </div>
                  <div className="field">
                    <label htmlFor={`${base}.requestedBy`}>Who asked for it</label>
                    <input className="input" {...control(`${base}.requestedBy`)} />
                    <span className="field__error" id={`${base}.requestedBy-error`}>
                      {errorFor(`${base}.requestedBy`)}
                    </span>
                  </div>
                </div>
              ) : null}
            </fieldset>
          </Fragment>
        );
      })}
      <div className="form-actions">
        <Button type="submit" name="intent" value="decide" pending={deciding} pendingLabel="Deciding…">
          Decide the shortlist and notify vendors
        </Button>
      </div>
    </Form>
  );
}
