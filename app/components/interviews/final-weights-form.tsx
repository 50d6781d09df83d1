import { Form } from "@remix-run/react";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { CRITERION_STAGE_INFO, CRITERION_STAGES } from "~/domain/criteria";
import type { StageWeights } from "~/domain/final-ranking";
import { finalWeightsSchema } from "~/schemas/final-ranking";
import { formatDateTime } from "~/utils/dates";

/**
 * The weights of the written, oral and price results. Set before the interviews; locked once the
 * first debrief is recorded, so nobody can tune them towards a favourite after the presentations.
 */
export function FinalWeightsForm({
  weights,
  source,
  setAt,
  lock,
  canEdit,
  timeZone,
  locale,
  lastResult,
}: {
  weights: StageWeights | null;
  source: "SET" | "CRITERIA";
  setAt: Date | string | null;
  lock: { allowed: true } | { allowed: false; reason: string };
  canEdit: boolean;
  timeZone: string;
  locale?: string;
  lastResult?: ServerFormResult;
}) {
  const editable = canEdit && lock.allowed;
  return (
    <section className="card" aria-labelledby="weights-heading">
      <div className="card__title">
        <h2 id="weights-heading">Weights</h2>
        {lock.allowed ? <Badge tone="draft">Open</Badge> : <Badge tone="warning">Locked</Badge>}
      </div>
      {editable ? (
        <WeightsForm weights={weights} lastResult={lastResult} />
      ) : (
        <>
          <FormError message={lastResult?.fieldErrors?.form} />
          <table className="table" data-testid="final-weights">
            <tbody>
              {CRITERION_STAGES.map((stage) => (
                <tr key={stage}>
                  <th scope="row">{CRITERION_STAGE_INFO[stage].label}</th>
                  <td className="num">{weights ? `${weights[stage]}%` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="muted small">
        {source === "SET" && setAt
          ? `Set by the lead on ${formatDateTime(setAt, { timeZone, locale })}.`
          : "Taken from the criteria weights published in the RFP until the lead sets them."}{" "}
        {lock.allowed
          ? "They lock when the first interview debrief is recorded, so they cannot be tailored to a favourite."
          : lock.reason}
      </p>
    </section>
  );
}

function WeightsForm({ weights, lastResult }: { weights: StageWeights | null; lastResult?: ServerFormResult }) {
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: finalWeightsSchema,
    defaultValues: {
      intent: "set-weights",
      WRITTEN: weights ? String(weights.WRITTEN) : "",
      ORAL: weights ? String(weights.ORAL) : "",
      PRICE: weights ? String(weights.PRICE) : "",
    },
    lastResult,
  });
  const saving = useIsSubmitting("set-weights");
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError ?? errorFor("form")} />
      <input type="hidden" {...field("intent")} />
      {CRITERION_STAGES.map((stage) => (
        <Field
          key={stage}
          name={stage}
          label={`${CRITERION_STAGE_INFO[stage].label} result`}
          hint={CRITERION_STAGE_INFO[stage].description}
          error={errorFor(stage)}
        >
          <span className="input-suffix">
            <input className="input num input--short" inputMode="decimal" autoComplete="off" {...field(stage)} />
            <span aria-hidden="true">%</span>
          </span>
        </Field>
      ))}
      <div className="form-actions">
        <Button type="submit" name="intent" value="set-weights" pending={saving} pendingLabel="Saving…">
          Save weights
        </Button>
      </div>
    </Form>
  );
}
