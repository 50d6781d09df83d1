import { Form } from "@remix-run/react";
import { Field } from "~/components/form";
import { Button } from "~/components/ui/button";
import type { ShortlistRule } from "~/domain/consensus";
import { MAX_SHORTLIST_SIZE } from "~/schemas/shortlist";

/** The rule of the suggestion, as a GET form: trying another line saves nothing. */
export function SuggestionForm({
  rule,
  errors,
  query,
}: {
  rule: ShortlistRule;
  errors: Record<string, string> | null;
  query: Record<string, string>;
}) {
  const value = (name: string, fallback: string) => query[name] ?? fallback;
  return (
    <section className="card" aria-labelledby="suggestion-heading">
      <div className="card__title">
        <h2 id="suggestion-heading">Suggested line</h2>
      </div>
      <Form method="get" className="form-grid shortlist-rule">
        <Field name="method" label="Suggest" error={errors?.method}>
          <select className="select" id="method" name="method" defaultValue={value("method", rule.method)}>
            <option value="TOP_N">The top N vendors</option>
            <option value="THRESHOLD">Every vendor above a score</option>
          </select>
        </Field>
        <Field name="size" label="N (top N)" error={errors?.size}>
          <input
            className="input input--number"
            id="size"
            name="size"
            type="number"
            min={1}
            max={MAX_SHORTLIST_SIZE}
            defaultValue={value("size", rule.method === "TOP_N" ? String(rule.size) : "3")}
            aria-describedby="size-hint size-error"
          />
        </Field>
        <Field name="threshold" label="Threshold (points out of 100)" error={errors?.threshold}>
          <input
            className="input input--number"
            id="threshold"
            name="threshold"
            type="number"
            min={0}
            max={100}
            step="0.5"
            defaultValue={value("threshold", rule.method === "THRESHOLD" ? String(rule.threshold) : "60")}
            aria-describedby="threshold-hint threshold-error"
          />
        </Field>
        <div className="form-actions">
          <Button type="submit" variant="secondary">
            Update suggestion
          </Button>
        </div>
      </Form>
    </section>
  );
}
