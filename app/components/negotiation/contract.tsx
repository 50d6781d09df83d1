import { Form } from "@remix-run/react";
import { Field, FormError, useIsSubmitting } from "~/components/form";
import { Button } from "~/components/ui/button";
import type { PriceChangeClause } from "~/domain/contract-risk";
import { PRICE_CHANGE_INFO, PRICE_CHANGE_KINDS, RENEWAL_INFO, RENEWAL_TYPES } from "~/domain/negotiation";
import { PRICE_KIND_INFO, PRICE_KINDS } from "~/domain/pricing";
import {
  addPriceLineSchema,
  contractTermSchema,
  priceChangeSchema,
  serviceTierSchema,
  termsOfServiceSchema,
  updatePriceLineSchema,
} from "~/schemas/negotiation";
import { type ActionAnswer, answerFor, dateInputValue, useRowForm } from "./shared";

/** Forms of the "Term and prices" page: contract period, tier, terms of service, price changes, price lines. */
type Keys = { negotiationId: string; version: number };
const keyValues = (keys: Keys) => ({ negotiationId: keys.negotiationId, version: String(keys.version) });

function Hidden({ field, names }: { field: (name: string) => object; names: string[] }) {
  return (
    <>
      {names.map((name) => (
        <input key={name} type="hidden" {...field(name)} />
      ))}
    </>
  );
}
const HIDDEN = ["intent", "negotiationId", "version"];

export function ContractPeriodForm({
  keys,
  contract,
  timeZone,
  answer,
}: {
  keys: Keys;
  contract: {
    termLengthMonths: number | null;
    startDate: Date | string | null;
    renewal: (typeof RENEWAL_TYPES)[number];
    noticePeriodDays: number | null;
    terminationForConvenience: boolean;
    exitOnChronicSlaFailure: boolean;
  };
  timeZone: string;
  answer: ActionAnswer;
}) {
  const result = answerFor(answer, "save-term");
  const { onSubmit, field, id, errorFor, formError } = useRowForm("period", {
    schema: contractTermSchema,
    defaultValues: {
      intent: "save-term",
      ...keyValues(keys),
      termLengthMonths: contract.termLengthMonths?.toString() ?? "",
      startDate: dateInputValue(contract.startDate, timeZone),
      renewal: contract.renewal,
      noticePeriodDays: contract.noticePeriodDays?.toString() ?? "",
    },
    lastResult: result,
  });
  const pending = useIsSubmitting("save-term");
  // Checkboxes stay plain (not registered): the schema reads "on" or absence, with or without JavaScript.
  const checked = (name: "terminationForConvenience" | "exitOnChronicSlaFailure") =>
    result?.values ? result.values[name] === "on" : contract[name];
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <Hidden field={field} names={HIDDEN} />
      <div className="form-grid">
        <Field name={id("termLengthMonths")} label="Term (months)" optional error={errorFor("termLengthMonths")}>
          <input className="input input--short num" inputMode="numeric" {...field("termLengthMonths")} />
        </Field>
        <Field name={id("startDate")} label="Start date" optional error={errorFor("startDate")}>
          <input type="date" className="input input--short" {...field("startDate")} />
        </Field>
        <Field name={id("renewal")} label="Renewal" error={errorFor("renewal")}>
          <select className="select" {...field("renewal")}>
            {RENEWAL_TYPES.map((renewal) => (
              <option key={renewal} value={renewal}>
                {RENEWAL_INFO[renewal]}
              </option>
            ))}
          </select>
        </Field>
        <Field name={id("noticePeriodDays")} label="Notice period (days)" optional error={errorFor("noticePeriodDays")}>
          <input className="input input--short num" inputMode="numeric" {...field("noticePeriodDays")} />
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" name="terminationForConvenience" defaultChecked={checked("terminationForConvenience")} />{" "}
        We may terminate for convenience (without cause)
      </label>
      <label className="checkbox">
        <input type="checkbox" name="exitOnChronicSlaFailure" defaultChecked={checked("exitOnChronicSlaFailure")} /> We
        may exit without penalty on chronic SLA failure
      </label>
      <div className="form-actions">
        <Button type="submit" pending={pending} pendingLabel="Saving…">
          Save term
        </Button>
      </div>
    </Form>
  );
}

export function ServiceTierForm({
  keys,
  current,
  tiers,
  answer,
}: {
  keys: Keys;
  current: string;
  tiers: { id: string; name: string; description: string; slaTargets: number }[];
  answer: ActionAnswer;
}) {
  const result = answerFor(answer, "choose-tier");
  const chosen = tiers.find((tier) => tier.name === current)?.id ?? "";
  const { onSubmit, field, id, errorFor, formError } = useRowForm("tier", {
    schema: serviceTierSchema,
    defaultValues: { intent: "choose-tier", ...keyValues(keys), tierId: chosen },
    lastResult: result,
  });
  const pending = useIsSubmitting("choose-tier");
  const { defaultValue, ...tierProps } = field("tierId");
  if (tiers.length === 0) return <p className="muted">The proposal offers no service tiers.</p>;
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <Hidden field={field} names={HIDDEN} />
      <fieldset className="stack-tight proposal-fieldset">
        <legend className="visually-hidden">Service tier</legend>
        {tiers.map((tier) => (
          <label key={tier.id} className="choice">
            <input
              type="radio"
              {...tierProps}
              id={id(`tier-${tier.id}`)}
              value={tier.id}
              defaultChecked={defaultValue === tier.id}
            />
            <span>
              <strong>{tier.name}</strong> <span className="muted small">({tier.slaTargets} service levels)</span>
              {tier.description ? <span className="small muted"> — {tier.description}</span> : null}
            </span>
          </label>
        ))}
        <span className="field__error">{errorFor("tierId")}</span>
      </fieldset>
      <p className="small muted">
        Choosing a tier replaces its terms of service and the service levels the vendor set; levels we or both sides
        wrote stay.
      </p>
      <div className="form-actions">
        <Button type="submit" variant="secondary" pending={pending} pendingLabel="Saving…">
          Use this tier
        </Button>
      </div>
    </Form>
  );
}

export function TermsOfServiceForm({
  keys,
  termsOfService,
  answer,
}: {
  keys: Keys;
  termsOfService: string;
  answer: ActionAnswer;
}) {
  const result = answerFor(answer, "save-terms-of-service");
  const { onSubmit, field, id, errorFor, formError } = useRowForm("tos", {
    schema: termsOfServiceSchema,
    defaultValues: { intent: "save-terms-of-service", ...keyValues(keys), termsOfService },
    lastResult: result,
  });
  const pending = useIsSubmitting("save-terms-of-service");
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <Hidden field={field} names={HIDDEN} />
      <Field
        name={id("termsOfService")}
        label="Terms of service"
        hint="Every contract has terms of service, premium tier or not. Paste them or summarise and reference them."
        error={errorFor("termsOfService")}
      >
        <textarea className="textarea" {...field("termsOfService")} />
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="secondary" pending={pending} pendingLabel="Saving…">
          Save terms of service
        </Button>
      </div>
    </Form>
  );
}

export function PriceChangeForm({
  keys,
  clause,
  answer,
}: {
  keys: Keys;
  clause: PriceChangeClause | null;
  answer: ActionAnswer;
}) {
  const result = answerFor(answer, "save-price-change");
  const { onSubmit, field, id, errorFor, formError } = useRowForm("price-change", {
    schema: priceChangeSchema,
    defaultValues: {
      intent: "save-price-change",
      ...keyValues(keys),
      kind: clause?.kind ?? "UNSTATED",
      index: clause?.kind === "INDEXED" ? clause.index : "",
      capPercent: clause?.kind === "INDEXED" ? (clause.capPercent?.toString() ?? "") : "",
      noticeDays: clause?.kind === "VENDOR_DISCRETION" ? (clause.noticeDays?.toString() ?? "") : "",
    },
    lastResult: result,
  });
  const pending = useIsSubmitting("save-price-change");
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <Hidden field={field} names={HIDDEN} />
      <div className="form-grid">
        <Field name={id("kind")} label="How prices may change" error={errorFor("kind")}>
          <select className="select" {...field("kind")}>
            {(["UNSTATED", ...PRICE_CHANGE_KINDS] as const).map((kind) => (
              <option key={kind} value={kind}>
                {PRICE_CHANGE_INFO[kind]}
              </option>
            ))}
          </select>
        </Field>
        <Field name={id("index")} label="Index" hint="For indexed prices, e.g. CPI." optional error={errorFor("index")}>
          <input className="input" {...field("index")} />
        </Field>
        <Field name={id("capPercent")} label="Annual cap (%)" optional error={errorFor("capPercent")}>
          <input className="input input--short num" inputMode="decimal" {...field("capPercent")} />
        </Field>
        <Field name={id("noticeDays")} label="Notice of an increase (days)" optional error={errorFor("noticeDays")}>
          <input className="input input--short num" inputMode="numeric" {...field("noticeDays")} />
        </Field>
      </div>
      <div className="form-actions">
        <Button type="submit" variant="secondary" pending={pending} pendingLabel="Saving…">
          Save price changes
        </Button>
      </div>
    </Form>
  );
}

type Line = {
  id: string;
  description: string;
  kind: "ONE_TIME" | "RECURRING";
  unit: string;
  quantity: string;
  unitPrice: string;
};

export function PriceLineForm({ keys, line, answer }: { keys: Keys; line?: Line; answer: ActionAnswer }) {
  const intent = line ? "update-price-line" : "add-price-line";
  const result = line ? answerFor(answer, intent, { field: "lineId", id: line.id }) : answerFor(answer, intent);
  const { onSubmit, field, id, errorFor, formError } = useRowForm(line ? `line-${line.id}` : "new-line", {
    schema: line ? updatePriceLineSchema : addPriceLineSchema,
    defaultValues: {
      intent,
      ...keyValues(keys),
      lineId: line?.id,
      description: line?.description ?? "",
      kind: line?.kind ?? "RECURRING",
      unit: line?.unit ?? "",
      quantity: line?.quantity ?? "",
      unitPrice: line?.unitPrice ?? "",
    },
    lastResult: result,
  });
  const pending = useIsSubmitting(intent);
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <Hidden field={field} names={line ? [...HIDDEN, "lineId"] : HIDDEN} />
      <div className="form-grid">
        <Field name={id("description")} label="Description" error={errorFor("description")}>
          <input className="input" {...field("description")} />
        </Field>
        <Field name={id("kind")} label="Kind" error={errorFor("kind")}>
          <select className="select" {...field("kind")}>
            {PRICE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {PRICE_KIND_INFO[kind].label}
              </option>
            ))}
          </select>
        </Field>
        <Field name={id("unit")} label="Unit" error={errorFor("unit")}>
          <input className="input input--short" {...field("unit")} />
        </Field>
        <Field name={id("quantity")} label="Quantity" error={errorFor("quantity")}>
          <input className="input input--short num" inputMode="decimal" {...field("quantity")} />
        </Field>
        <Field name={id("unitPrice")} label="Unit price" error={errorFor("unitPrice")}>
          <input className="input input--short num" inputMode="decimal" {...field("unitPrice")} />
        </Field>
      </div>
      <div className="form-actions">
        <Button type="submit" variant="secondary" pending={pending} pendingLabel="Saving…">
          {line ? "Save line" : "Add price line"}
        </Button>
      </div>
    </Form>
  );
}

export function DeleteRowForm({
  keys,
  intent,
  idField,
  id,
  label,
  question,
}: {
  keys: Keys;
  intent: string;
  idField: string;
  id: string;
  label: string;
  question: string;
}) {
  const pending = useIsSubmitting(intent);
  return (
    <Form
      method="post"
      onSubmit={(event) => {
        if (!window.confirm(question)) event.preventDefault();
      }}
    >
      <input type="hidden" name="negotiationId" value={keys.negotiationId} />
      <input type="hidden" name="version" value={keys.version} />
      <input type="hidden" name={idField} value={id} />
      <Button type="submit" name="intent" value={intent} variant="ghost" size="small" pending={pending}>
        {label}
      </Button>
    </Form>
  );
}
