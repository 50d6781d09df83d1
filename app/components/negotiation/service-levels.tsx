import { Form } from "@remix-run/react";
import { Field, FormError, useIsSubmitting } from "~/components/form";
import { Button } from "~/components/ui/button";
import { FEE_KIND_INFO, FEE_KINDS, PARTIES, PARTY_INFO, SET_BY, SET_BY_INFO } from "~/domain/negotiation";
import {
  addFeeSchema,
  addObligationSchema,
  addSlaSchema,
  updateFeeSchema,
  updateObligationSchema,
  updateSlaSchema,
} from "~/schemas/negotiation";
import { type ActionAnswer, answerFor, useRowForm } from "./shared";

/** Forms of the "Service levels" page: one per SLA line, fee and obligation (add or edit). */
type Keys = { negotiationId: string; version: number };
type Sla = {
  id: string;
  metric: string;
  target: string;
  measurementWindow: string;
  reporting: string;
  serviceCredit: string;
  setBy: (typeof SET_BY)[number];
};

function useRecordForm<Schema extends Parameters<typeof useRowForm>[1]["schema"]>(input: {
  kind: string;
  idField: string;
  record: { id: string } | undefined;
  keys: Keys;
  schema: Schema;
  values: Record<string, string>;
  answer: ActionAnswer;
}) {
  const intent = `${input.record ? "update" : "add"}-${input.kind}`;
  const result = input.record
    ? answerFor(input.answer, intent, { field: input.idField, id: input.record.id })
    : answerFor(input.answer, intent);
  const form = useRowForm(input.record ? `${input.kind}-${input.record.id}` : `new-${input.kind}`, {
    schema: input.schema,
    defaultValues: {
      intent,
      negotiationId: input.keys.negotiationId,
      version: String(input.keys.version),
      ...(input.record ? { [input.idField]: input.record.id } : {}),
      ...input.values,
    },
    lastResult: result,
  });
  const hidden = (
    <>
      <input type="hidden" {...form.field("intent")} />
      <input type="hidden" {...form.field("negotiationId")} />
      <input type="hidden" {...form.field("version")} />
      {input.record ? <input type="hidden" {...form.field(input.idField)} /> : null}
    </>
  );
  return { ...form, intent, hidden, pending: useIsSubmitting(intent) };
}

export function SlaForm({ keys, line, answer }: { keys: Keys; line?: Sla; answer: ActionAnswer }) {
  const { onSubmit, field, id, errorFor, formError, hidden, pending } = useRecordForm({
    kind: "sla",
    idField: "slaLineId",
    record: line,
    keys,
    schema: line ? updateSlaSchema : addSlaSchema,
    values: {
      metric: line?.metric ?? "",
      target: line?.target ?? "",
      measurementWindow: line?.measurementWindow ?? "",
      reporting: line?.reporting ?? "",
      serviceCredit: line?.serviceCredit ?? "",
      setBy: line?.setBy ?? "CUSTOMER",
    },
    answer,
  });
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      {hidden}
      <div className="form-grid">
        <Field name={id("metric")} label="Metric" error={errorFor("metric")}>
          <input className="input" {...field("metric")} />
        </Field>
        <Field
          name={id("target")}
          label="Target"
          hint="A number with a unit, e.g. “99.5%” or “4 hours”."
          error={errorFor("target")}
        >
          <input className="input" {...field("target")} />
        </Field>
        <Field name={id("measurementWindow")} label="Measurement window" optional error={errorFor("measurementWindow")}>
          <input className="input" {...field("measurementWindow")} />
        </Field>
        <Field name={id("reporting")} label="Reporting" optional error={errorFor("reporting")}>
          <input className="input" {...field("reporting")} />
        </Field>
        <Field name={id("serviceCredit")} label="Service credit" optional error={errorFor("serviceCredit")}>
          <input className="input" {...field("serviceCredit")} />
        </Field>
        <Field name={id("setBy")} label="Set by" error={errorFor("setBy")}>
          <select className="select" {...field("setBy")}>
            {SET_BY.map((value) => (
              <option key={value} value={value}>
                {SET_BY_INFO[value]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="form-actions">
        <Button type="submit" variant="secondary" pending={pending} pendingLabel="Saving…">
          {line ? "Save service level" : "Add service level"}
        </Button>
      </div>
    </Form>
  );
}

export function FeeForm({
  keys,
  fee,
  answer,
}: {
  keys: Keys;
  fee?: { id: string; kind: (typeof FEE_KINDS)[number]; description: string };
  answer: ActionAnswer;
}) {
  const { onSubmit, field, id, errorFor, formError, hidden, pending } = useRecordForm({
    kind: "fee",
    idField: "feeId",
    record: fee,
    keys,
    schema: fee ? updateFeeSchema : addFeeSchema,
    values: { kind: fee?.kind ?? "ONE_OFF", description: fee?.description ?? "" },
    answer,
  });
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      {hidden}
      <div className="form-grid">
        <Field name={id("kind")} label="Kind of fee" error={errorFor("kind")}>
          <select className="select" {...field("kind")}>
            {FEE_KINDS.map((value) => (
              <option key={value} value={value}>
                {FEE_KIND_INFO[value]}
              </option>
            ))}
          </select>
        </Field>
        <Field name={id("description")} label="Description" error={errorFor("description")}>
          <input className="input" {...field("description")} />
        </Field>
      </div>
      <div className="form-actions">
        <Button type="submit" variant="secondary" pending={pending} pendingLabel="Saving…">
          {fee ? "Save fee" : "Add fee"}
        </Button>
      </div>
    </Form>
  );
}

export function ObligationForm({
  keys,
  obligation,
  answer,
}: {
  keys: Keys;
  obligation?: { id: string; party: (typeof PARTIES)[number]; text: string };
  answer: ActionAnswer;
}) {
  const { onSubmit, field, id, errorFor, formError, hidden, pending } = useRecordForm({
    kind: "obligation",
    idField: "obligationId",
    record: obligation,
    keys,
    schema: obligation ? updateObligationSchema : addObligationSchema,
    values: { party: obligation?.party ?? "VENDOR", text: obligation?.text ?? "" },
    answer,
  });
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      {hidden}
      <Field name={id("party")} label="Whose obligation" error={errorFor("party")}>
        <select className="select" {...field("party")}>
          {PARTIES.map((value) => (
            <option key={value} value={value}>
              {PARTY_INFO[value]}
            </option>
          ))}
        </select>
      </Field>
      <Field name={id("text")} label="Obligation" error={errorFor("text")}>
        <textarea className="textarea textarea--short" {...field("text")} />
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="secondary" pending={pending} pendingLabel="Saving…">
          {obligation ? "Save obligation" : "Add obligation"}
        </Button>
      </div>
    </Form>
  );
}
