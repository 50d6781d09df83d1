import { Form } from "@remix-run/react";
import { type ReactNode, useEffect } from "react";
import { CURRENCIES, RFP_CATEGORIES } from "~/domain/rfp";
import { TIMELINE_FIELDS } from "~/domain/timeline";
import { rfpDetailsSchema } from "~/schemas/rfp";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "./form";
import { Button } from "./ui/button";

export type RfpFormValues = Record<string, string | undefined>;

/** The RFP's details and timeline, shared by "New RFP" and "Edit details". */
export function RfpDetailsForm({
  defaultValues,
  lastResult,
  submitLabel,
  pendingLabel,
  isNew,
  hidden,
  timeZones: zones,
  before,
}: {
  defaultValues: RfpFormValues;
  lastResult?: ServerFormResult;
  submitLabel: string;
  pendingLabel: string;
  isNew?: boolean;
  hidden?: Record<string, string>;
  /** From the loader, so server and browser render the same list. */
  timeZones: string[];
  /** More fields inside the same form, above the details (e.g. where a new RFP starts from). */
  before?: ReactNode;
}) {
  const { form, onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: rfpDetailsSchema,
    defaultValues,
    lastResult,
  });
  const submitting = useIsSubmitting();

  // A new RFP starts in the author's own time zone when the browser can tell us.
  useEffect(() => {
    if (!isNew || form.getFieldState("timeZone").isDirty || lastResult?.values) return;
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (browserZone && zones.includes(browserZone)) form.setValue("timeZone", browserZone);
  }, [isNew, form, zones, lastResult]);

  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {before}
      <div className="card">
        <fieldset className="form-section">
          <legend>What is being bought</legend>
          <div className="form">
            <Field
              name="title"
              label="Title"
              error={errorFor("title")}
              hint="Short and specific, e.g. “Managed IT Services 2027”."
            >
              <input className="input" {...field("title")} />
            </Field>
            <Field
              name="summary"
              label="Summary"
              error={errorFor("summary")}
              hint="Two or three sentences: the need, the scope, what a good outcome looks like."
            >
              <textarea className="textarea" rows={4} {...field("summary")} />
            </Field>
            <div className="form-grid">
              <Field name="category" label="Category" error={errorFor("category")}>
                <select className="select" {...field("category")}>
                  <option value="">Choose…</option>
                  {RFP_CATEGORIES.map((category) => (
                    <option key={category} value={category}>
                      {category}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                name="budgetAmount"
                label="Budget"
                optional
                error={errorFor("budgetAmount")}
                hint="Total over the contract term."
              >
                <input className="input" inputMode="decimal" {...field("budgetAmount")} />
              </Field>
              <Field name="currency" label="Currency" error={errorFor("currency")}>
                <select className="select" {...field("currency")}>
                  {CURRENCIES.map((currency) => (
                    <option key={currency} value={currency}>
                      {currency}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          </div>
        </fieldset>
      </div>

      <div className="card">
        <fieldset className="form-section">
          <legend>Timeline</legend>
          <p className="muted small">
            Every date is a moment in the RFP's time zone. Dates must follow each other in this order; all of them are
            needed before publishing.
          </p>
          <div className="form">
            <Field name="timeZone" label="Time zone" error={errorFor("timeZone")}>
              <select className="select" {...field("timeZone")}>
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replaceAll("_", " ")}
                  </option>
                ))}
              </select>
            </Field>
            <div className="form-grid">
              {TIMELINE_FIELDS.map((milestone) => (
                <Field
                  key={milestone.key}
                  name={milestone.key}
                  label={milestone.label}
                  optional
                  hint={milestone.hint}
                  error={errorFor(milestone.key)}
                >
                  <input className="input" type="datetime-local" {...field(milestone.key)} />
                </Field>
              ))}
            </div>
          </div>
        </fieldset>
      </div>

      <div className="form-actions">
        <Button type="submit" pending={submitting} pendingLabel={pendingLabel}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
