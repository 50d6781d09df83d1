import { Form } from "@remix-run/react";
import { Field, FormError, type ServerFormResult, useIsSubmitting, useValidatedForm } from "~/components/form";
import { Button } from "~/components/ui/button";
import { createRecommendationSchema, memoSchema, submitSchema } from "~/schemas/award";

/** The lead's side of the award: draft the recommendation, edit its memo, submit it to executives. */

type Vendor = { id: string; name: string };

export function DraftRecommendationForm({
  firsts,
  seconds,
  defaults,
  lastResult,
}: {
  firsts: Vendor[];
  seconds: Vendor[];
  defaults: { recommendedId: string; runnerUpId: string };
  lastResult?: ServerFormResult;
}) {
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: createRecommendationSchema,
    defaultValues: { intent: "create", ...defaults },
    lastResult,
  });
  const pending = useIsSubmitting("create");
  return (
    <section className="card no-print" aria-labelledby="draft-heading">
      <div className="card__title">
        <h2 id="draft-heading">Draft the recommendation</h2>
      </div>
      <p className="muted small">
        The recommendation follows the final ranking. You choose only between vendors that share a place. The memo is
        drafted from the review below; you can edit it before submitting it to the executives.
      </p>
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <input type="hidden" {...field("intent")} />
        <div className="form-grid">
          <Field name="recommendedId" label="Recommended vendor" error={errorFor("recommendedId")}>
            <select className="select" {...field("recommendedId")}>
              {firsts.map((vendor) => (
                <option key={vendor.id} value={vendor.id}>
                  {vendor.name}
                </option>
              ))}
            </select>
          </Field>
          <Field name="runnerUpId" label="Runner-up, held in reserve" error={errorFor("runnerUpId")}>
            <select className="select" {...field("runnerUpId")}>
              {seconds.length === 0 ? <option value="">No other ranked vendor</option> : null}
              {seconds.map((vendor) => (
                <option key={vendor.id} value={vendor.id}>
                  {vendor.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="form-actions">
          <Button type="submit" name="intent" value="create" pending={pending} pendingLabel="Drafting…">
            Draft recommendation
          </Button>
        </div>
      </Form>
    </section>
  );
}

export function MemoForm({
  recommendationId,
  version,
  memo,
  lastResult,
}: {
  recommendationId: string;
  version: number;
  memo: string;
  lastResult?: ServerFormResult;
}) {
  const { onSubmit, field, errorFor, formError } = useValidatedForm({
    schema: memoSchema,
    defaultValues: { intent: "save-memo", recommendationId, version: String(version), memo },
    lastResult,
  });
  const pending = useIsSubmitting("save-memo");
  return (
    <section className="card no-print" aria-labelledby="memo-edit-heading">
      <div className="card__title">
        <h2 id="memo-edit-heading">Edit the memo</h2>
        <span className="muted small">Markdown: # headings, **bold**, - lists</span>
      </div>
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <input type="hidden" {...field("intent")} />
        <input type="hidden" {...field("recommendationId")} />
        <input type="hidden" {...field("version")} />
        <Field name="memo" label="Memo" error={errorFor("memo")}>
          <textarea className="textarea" rows={16} {...field("memo")} />
        </Field>
        <div className="form-actions">
          <Button
            type="submit"
            name="intent"
            value="save-memo"
            variant="secondary"
            pending={pending}
            pendingLabel="Saving…"
          >
            Save memo
          </Button>
        </div>
      </Form>
    </section>
  );
}

export function SubmitForm({
  recommendationId,
  version,
  executives,
  previousApproverIds,
  resubmission,
  lastResult,
}: {
  recommendationId: string;
  version: number;
  executives: { id: string; name: string; email: string }[];
  previousApproverIds: string[];
  resubmission: boolean;
  lastResult?: ServerFormResult;
}) {
  // The boxes ticked last time (a refused post, else the previous round's approvers), as an array:
  // react-hook-form then ticks exactly those boxes of the group.
  const { approverIds: posted, ...values } = lastResult?.values ?? {};
  const checked = posted === undefined ? previousApproverIds : posted.split(",").filter(Boolean);
  const { onSubmit, errorFor, formError, form, field } = useValidatedForm({
    schema: submitSchema,
    defaultValues: { intent: "submit", recommendationId, version: String(version), approverIds: checked },
    lastResult: lastResult ? { ...lastResult, values } : undefined,
  });
  const pending = useIsSubmitting("submit");
  const error = errorFor("approverIds");
  return (
    <section className="card no-print" aria-labelledby="submit-heading">
      <div className="card__title">
        <h2 id="submit-heading">{resubmission ? "Resubmit for approval" : "Submit for approval"}</h2>
      </div>
      {executives.length === 0 ? (
        <p className="muted">There are no executive accounts yet. Ask an administrator to create one, then submit.</p>
      ) : (
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <FormError message={formError} />
          <input type="hidden" {...field("intent")} />
          <input type="hidden" {...field("recommendationId")} />
          <input type="hidden" {...field("version")} />
          <fieldset className="stack-tight" aria-describedby="approverIds-error">
            <legend className="field__label">Executives who must approve (all of them)</legend>
            {executives.map((executive) => (
              <label className="checkbox" key={executive.id}>
                <input
                  type="checkbox"
                  value={executive.id}
                  defaultChecked={checked.includes(executive.id)}
                  {...form.register("approverIds")}
                />{" "}
                {executive.name} <span className="muted small">{executive.email}</span>
              </label>
            ))}
            <span className="field__error" id="approverIds-error">
              {error}
            </span>
          </fieldset>
          <div className="form-actions">
            <Button type="submit" name="intent" value="submit" pending={pending} pendingLabel="Submitting…">
              {resubmission ? "Resubmit recommendation" : "Submit recommendation"}
            </Button>
          </div>
        </Form>
      )}
    </section>
  );
}
