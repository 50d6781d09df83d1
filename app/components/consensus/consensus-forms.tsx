import { Form } from "@remix-run/react";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Button, buttonClass } from "~/components/ui/button";
import { consensusScoreSchema, minorityOpinionSchema } from "~/schemas/consensus";
import type { ConsensusCriterion, ConsensusEvaluator, ConsensusItem } from "./types";

/** Several of these forms share the page: ids carry a prefix so labels and errors stay paired. */
function useScopedForm(
  prefix: string,
  options: Parameters<typeof useValidatedForm>[0],
): ReturnType<typeof useValidatedForm> & {
  scoped: (name: string) => Record<string, unknown>;
  id: (name: string) => string;
} {
  const form = useValidatedForm(options);
  const id = (name: string) => `${prefix}-${name}`;
  const scoped = (name: string) => ({
    ...form.field(name),
    id: id(name),
    "aria-describedby": `${id(name)}-hint ${id(name)}-error`,
  });
  return { ...form, scoped, id };
}

export function ConsensusScoreForm({
  vendor,
  item,
  criterion,
  lastResult,
}: {
  vendor: { id: string; name: string };
  item: ConsensusItem;
  criterion: ConsensusCriterion;
  lastResult?: ServerFormResult;
}) {
  const prefix = `consensus-${vendor.id}-${criterion.id}`;
  const { onSubmit, scoped, id, errorFor, formError } = useScopedForm(prefix, {
    schema: consensusScoreSchema,
    defaultValues: {
      intent: "record",
      invitationId: vendor.id,
      criterionId: criterion.id,
      value: item.consensus ? String(item.consensus.value) : "",
      rationale: item.consensus?.rationale ?? "",
    },
    lastResult,
  });
  const saving = useIsSubmitting("record");
  const points = Array.from({ length: criterion.scaleMax - criterion.scaleMin + 1 }, (_, i) => criterion.scaleMin + i);
  return (
    <details className="disclosure" open={Boolean(lastResult?.fieldErrors)}>
      <summary className={buttonClass(item.consensus ? "secondary" : "primary", "small")}>
        {item.consensus ? "Change agreed score…" : "Record consensus…"}
        <span className="visually-hidden">
          {" "}
          for {vendor.name}, {criterion.name}
        </span>
      </summary>
      <Form method="post" className="form disclosure__body" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <input type="hidden" {...scoped("intent")} />
        <input type="hidden" {...scoped("invitationId")} />
        <input type="hidden" {...scoped("criterionId")} />
        <Field
          name={id("value")}
          label="Agreed score"
          error={errorFor("value")}
          hint={`Mean ${item.mean?.toFixed(2) ?? "—"}`}
        >
          <select className="select input--short" {...scoped("value")}>
            <option value="">Choose…</option>
            {points.map((point) => (
              <option key={point} value={point}>
                {point}
              </option>
            ))}
          </select>
        </Field>
        <Field
          name={id("rationale")}
          label="Rationale"
          error={errorFor("rationale")}
          hint="Why the panel settled on this score: the evidence that decided it."
        >
          <textarea className="textarea textarea--short" rows={3} {...scoped("rationale")} />
        </Field>
        <div className="form-actions">
          <Button type="submit" name="intent" value="record" size="small" pending={saving} pendingLabel="Saving…">
            Save agreed score
          </Button>
        </div>
      </Form>
    </details>
  );
}

export function MinorityOpinionForm({
  consensusId,
  label,
  evaluators,
  lastResult,
}: {
  consensusId: string;
  label: string;
  /** The lead chooses whose opinion it is; a panel member records their own (null). */
  evaluators: ConsensusEvaluator[] | null;
  lastResult?: ServerFormResult;
}) {
  const prefix = `minority-${consensusId}`;
  const { onSubmit, scoped, id, errorFor, formError } = useScopedForm(prefix, {
    schema: minorityOpinionSchema,
    defaultValues: { intent: "minority", consensusId, memberId: "", opinion: "" },
    lastResult,
  });
  const saving = useIsSubmitting("minority");
  return (
    <details className="disclosure" open={Boolean(lastResult?.fieldErrors)}>
      <summary className={buttonClass("ghost", "small")}>
        Record a minority opinion…<span className="visually-hidden"> on {label}</span>
      </summary>
      <Form method="post" className="form disclosure__body" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <input type="hidden" {...scoped("intent")} />
        <input type="hidden" {...scoped("consensusId")} />
        {evaluators ? (
          <Field name={id("memberId")} label="Whose opinion" error={errorFor("memberId")}>
            <select className="select" {...scoped("memberId")}>
              <option value="">Choose a panel member…</option>
              {evaluators.map((evaluator) => (
                <option key={evaluator.memberId} value={evaluator.memberId}>
                  {evaluator.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field
          name={id("opinion")}
          label={evaluators ? "Their opinion" : "Your opinion"}
          error={errorFor("opinion")}
          hint="What you disagree with and why; it is kept beside the agreed score."
        >
          <textarea className="textarea textarea--short" rows={3} {...scoped("opinion")} />
        </Field>
        <div className="form-actions">
          <Button type="submit" name="intent" value="minority" size="small" pending={saving} pendingLabel="Saving…">
            Save opinion
          </Button>
        </div>
      </Form>
    </details>
  );
}
